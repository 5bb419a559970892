// title: Workload per unit function across regions
// description: Tasks led per unit function (the development-and-reform function of every city is one code, drc), side by side for every region and year.
// param: year: int = 0 | year (0 for all)
// param: regions: list = | regions to include (empty for all)
// view: bar
// x: function
// y: lead_tasks
// color: region
MATCH (d:Document)
WHERE (size($regions) = 0 OR d.region IN $regions) AND ($year = 0 OR d.year = $year)
MATCH (d)-[:CONTAINS]->(t:Task)<-[:PRIMARY_RESPONSIBLE]-(u:Unit)
WHERE u.function IS NOT NULL
RETURN d.region AS region, d.year AS year, u.function AS function, count(t) AS lead_tasks
ORDER BY region, year, lead_tasks DESC
