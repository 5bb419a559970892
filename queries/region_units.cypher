// title: Units of a region
// description: Every unit of a region with its function, written forms, years and task counts.
// param: region: str = 湖州市 | region name
// view: table
MATCH (u:Unit {region: $region})-[r:RESPONSIBLE]->(t:Task)
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
RETURN u.name AS unit, u.function AS function, u.collective AS collective, u.aliases AS written_forms,
       collect(DISTINCT t.year) AS years, count(DISTINCT t) AS tasks, count(p) AS leads
ORDER BY tasks DESC, unit
