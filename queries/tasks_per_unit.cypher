// title: Tasks per unit (lead vs supporting)
// description: For one region and year, how many tasks each unit leads (PRIMARY_RESPONSIBLE) and how many it supports (listed but not lead), most leads first.
// param: region: str = 湖州市 | region name
// param: year: int = 2022 | year the work is for
// param: limit: int = 25 | how many units
// view: bar
// x: unit
// y: lead
MATCH (u:Unit)-[r:RESPONSIBLE]->(t:Task {region: $region, year: $year})
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
WITH u, count(r) AS listed, count(p) AS lead
RETURN u.name AS unit, u.function AS function, lead, listed - lead AS supporting, listed
ORDER BY lead DESC, listed DESC, unit
LIMIT $limit
