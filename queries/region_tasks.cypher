// title: Tasks of a region and year
// description: Every task of one region and year with its leaders, units and lead units.
// param: region: str = 长兴县 | region name
// param: year: int = 2023 | year the work is for
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: table
MATCH (d:Document)-[:CONTAINS]->(t:Task {region: $region, year: $year})
WHERE $horizon = '' OR t.horizon = $horizon
OPTIONAL MATCH (l:Leader)-[:LEADS]->(t)
WITH d, t, collect(DISTINCT l.name) AS leaders
OPTIONAL MATCH (u:Unit)-[r:RESPONSIBLE]->(t)
WITH d, t, leaders, u, r ORDER BY r.position
WITH d, t, leaders, collect(u.name) AS units
OPTIONAL MATCH (p:Unit)-[:PRIMARY_RESPONSIBLE]->(t)
RETURN d.source AS source, t.seq AS seq, t.horizon AS horizon, t.number AS number, t.text AS task, leaders,
       coalesce(t.leader_note, '') AS leader_note, units, collect(p.name) AS lead_units, t.line AS line
ORDER BY source, seq
