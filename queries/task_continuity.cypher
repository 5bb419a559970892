// title: Continuing tasks between two years
// description: Tasks of the later year that continue a task of the earlier year (Task SUPERSEDES, by Chinese text similarity), most similar first.
// param: region: str = 湖州市 | region name
// param: year_new: int = 2022 | later year
// param: year_old: int = 2017 | earlier year
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: table
MATCH (n:Task {region: $region, year: $year_new})-[s:SUPERSEDES]->(o:Task {year: $year_old})
WHERE $horizon = '' OR n.horizon = $horizon
RETURN n.horizon AS horizon, n.number AS new_number, n.text AS new_task, o.number AS old_number, o.text AS old_task,
       s.similarity AS similarity
ORDER BY similarity DESC
