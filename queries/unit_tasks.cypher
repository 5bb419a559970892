// title: A unit's tasks
// description: Every task a unit is listed on, with its position, whether it leads and on what basis.
// param: region: str = 湖州市 | region name
// param: unit: str = 市发展改革委 | canonical unit name
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: table
MATCH (u:Unit {region: $region, name: $unit})-[r:RESPONSIBLE]->(t:Task)
WHERE $horizon = '' OR t.horizon = $horizon
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
RETURN t.year AS year, t.horizon AS horizon, t.number AS number, t.text AS task, r.position AS position,
       r.as_written AS as_written, p.basis AS lead_basis
ORDER BY year, t.doc, position
