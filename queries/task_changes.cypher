// title: Continued, new and dropped tasks
// description: Between two years of one region: how many tasks continue (have a SUPERSEDES link across the two years), are new in the later year, or were dropped from the earlier year. With a horizon, only tasks of that horizon are counted (a dropped task is one no later task continues).
// param: region: str = 湖州市 | region name
// param: year_new: int = 2022 | later year
// param: year_old: int = 2017 | earlier year
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: bar
// x: status
// y: tasks
OPTIONAL MATCH (n:Task {region: $region, year: $year_new})
WHERE $horizon = '' OR n.horizon = $horizon
OPTIONAL MATCH (n)-[:SUPERSEDES]->(o:Task {year: $year_old})
WITH count(DISTINCT n) AS total_new, count(DISTINCT CASE WHEN o IS NOT NULL THEN n END) AS continued
OPTIONAL MATCH (old:Task {region: $region, year: $year_old})
WHERE $horizon = '' OR old.horizon = $horizon
OPTIONAL MATCH (m:Task {year: $year_new})-[:SUPERSEDES]->(old)
WITH total_new, continued, count(DISTINCT old) AS total_old, count(DISTINCT CASE WHEN m IS NOT NULL THEN old END) AS kept
UNWIND [['continued', continued], ['new', total_new - continued], ['dropped', total_old - kept]] AS row
RETURN row[0] AS status, row[1] AS tasks
