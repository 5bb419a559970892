// title: A leader's portfolio
// description: The tasks a leader heads, with the title printed for each task and the lead unit.
// param: region: str = 湖州市 | region name
// param: leader: str = 洪湖鹏 | leader's name
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// view: table
MATCH (l:Leader {region: $region, name: $leader})-[r:LEADS]->(t:Task)
WHERE $horizon = '' OR t.horizon = $horizon
OPTIONAL MATCH (u:Unit)-[:PRIMARY_RESPONSIBLE]->(t)
RETURN t.year AS year, t.horizon AS horizon, r.title AS title, t.part AS part, t.seq AS seq, t.number AS number, t.text AS task,
       t.key AS task_key, t.doc AS doc,
       collect(u.name) AS lead_units
ORDER BY year, seq
