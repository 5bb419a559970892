// title: Tasks per leader
// description: For one region and year, every leader with the number of tasks they head and their titles.
// param: region: str = 湖州市 | region name
// param: year: int = 2022 | year the work is for
// view: bar
// x: leader
// y: tasks
MATCH (l:Leader {region: $region})-[r:LEADS]->(t:Task {year: $year})
RETURN l.name AS leader, collect(DISTINCT r.title) AS titles, count(t) AS tasks
ORDER BY tasks DESC, leader
