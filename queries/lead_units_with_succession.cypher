// title: Lead units across two years, renamed units followed
// description: Tasks led per unit in a region for two years; a unit renamed or merged in between (Unit SUPERSEDES, e.g. 市经信委 → 市经信局 in 2019) is counted under its successor's name.
// param: region: str = 湖州市 | region name
// param: year_a: int = 2017 | earlier year
// param: year_b: int = 2022 | later year
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: bar
// x: unit
// y: tasks
// color: year
MATCH (u:Unit)-[:PRIMARY_RESPONSIBLE]->(t:Task {region: $region})
WHERE t.year IN [$year_a, $year_b] AND ($horizon = '' OR t.horizon = $horizon)
OPTIONAL MATCH (n:Unit)-[s:SUPERSEDES]->(u)
WITH coalesce(n.name, u.name) AS unit, t.year AS year, count(DISTINCT t) AS tasks
RETURN unit, year, tasks
ORDER BY year DESC, tasks DESC, unit
