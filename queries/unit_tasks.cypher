// title: A unit's tasks
// description: Every task a unit is listed on, with its position, whether it leads and on what basis; with follow, also the tasks of the units it replaced and of those that replaced it (SUPERSEDES both ways: 市经信委 in 2017 is 市经信局 in 2022), each under the name it was listed by.
// param: region: str = 湖州市 | region name
// param: unit: str = 市发展改革委 | canonical unit name
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// param: follow: bool = true | include predecessors and successors (unit succession)
// view: table
MATCH (u:Unit {region: $region, name: $unit})
OPTIONAL MATCH (u)-[:SUPERSEDES*1..4]->(old:Unit)
OPTIONAL MATCH (new:Unit)-[:SUPERSEDES*1..4]->(u)
WITH u, collect(DISTINCT old) + collect(DISTINCT new) AS kin
UNWIND [u] + CASE WHEN $follow THEN kin ELSE [] END AS x
MATCH (x)-[r:RESPONSIBLE]->(t:Task)
WHERE $horizon = '' OR t.horizon = $horizon
OPTIONAL MATCH (x)-[p:PRIMARY_RESPONSIBLE]->(t)
RETURN t.year AS year, x.name AS listed_as, t.horizon AS horizon, t.number AS number, t.text AS task,
       r.position AS position, r.as_written AS as_written, p.basis AS lead_basis, t.key AS task_key
ORDER BY year, t.doc, t.seq, position
