// title: Tasks per unit (lead vs supporting)
// description: For one region and year, how many tasks each unit leads as the document states (PRIMARY_RESPONSIBLE) and how many it supports (listed but not lead), most leads first; inferred_lead counts the tasks where it is listed first and the document names no lead (govkg's inference, not a stated lead). Collective entries (各县区政府, 市级其他有关单位) are left out unless groups is true.
// param: region: str = 湖州市 | region name
// param: year: int = 2022 | year the work is for
// param: limit: int = 25 | how many units
// param: groups: bool = false | include collective entries (各县区政府, 市级其他有关单位), left out of rankings by default
// view: bar
// x: unit
// y: lead
MATCH (u:Unit)-[r:RESPONSIBLE]->(t:Task {region: $region, year: $year})
WHERE $groups OR NOT coalesce(u.collective, false)
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
WITH u, count(r) AS listed, count(p) AS lead, count(CASE WHEN r.inferred_lead THEN 1 END) AS inferred_lead
RETURN u.name AS unit, u.function AS function, lead, listed - lead AS supporting, listed, inferred_lead
ORDER BY lead DESC, listed DESC, unit
LIMIT $limit
