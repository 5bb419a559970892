// title: Leaders of a region
// description: Every leader of a region with the years they head tasks in and their titles.
// param: region: str = 湖州市 | region name
// view: table
MATCH (l:Leader {region: $region})-[r:LEADS]->(t:Task)
RETURN l.name AS leader, collect(DISTINCT r.title) AS titles, collect(DISTINCT t.year) AS years, count(t) AS tasks
ORDER BY tasks DESC, leader
