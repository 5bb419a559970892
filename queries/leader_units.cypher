// title: A leader's units
// description: The units listed on the tasks a leader heads, with how many of those tasks each unit leads.
// param: region: str = 湖州市 | region name
// param: leader: str = 洪湖鹏 | leader's name
// view: bar
// x: unit
// y: tasks
MATCH (l:Leader {region: $region, name: $leader})-[:LEADS]->(t:Task)<-[r:RESPONSIBLE]-(u:Unit)
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
RETURN u.name AS unit, count(DISTINCT t) AS tasks, count(p) AS leads
ORDER BY tasks DESC, unit
