// title: Workload per unit function across regions
// description: Tasks led per unit function (the development-and-reform function of every city is one code, drc), side by side for every region and year.
// param: year: int = 0 | year (0 for all)
// view: bar
// x: function
// y: lead_tasks
// color: region
MATCH (u:Unit)-[:PRIMARY_RESPONSIBLE]->(t:Task)
WHERE u.function IS NOT NULL AND ($year = 0 OR t.year = $year)
RETURN t.region AS region, t.year AS year, u.function AS function, count(t) AS lead_tasks
ORDER BY region, year, lead_tasks DESC
