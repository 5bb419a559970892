// title: Region profile
// description: Per region and year: tasks, leaders, tasks per leader, units per task, and the share of tasks led by the development-and-reform function (drc).
// param: regions: list = | regions to include (empty for all)
// param: year: int = 0 | year (0 for all)
// view: table
MATCH (d:Document)
WHERE (size($regions) = 0 OR d.region IN $regions) AND ($year = 0 OR d.year = $year)
MATCH (d)-[:CONTAINS]->(t:Task)
OPTIONAL MATCH (u:Unit)-[:RESPONSIBLE]->(t)
WITH d, t, count(u) AS listings
OPTIONAL MATCH (du:Unit {function: 'drc'})-[:PRIMARY_RESPONSIBLE]->(t)
WITH d.region AS region, d.year AS year, t, listings, count(du) AS drc
WITH region, year, count(t) AS tasks, sum(listings) AS listings,
     sum(CASE WHEN drc > 0 THEN 1 ELSE 0 END) AS drc_led
OPTIONAL MATCH (l:Leader {region: region})-[:LEADS]->(lt:Task {year: year})
WITH region, year, tasks, listings, drc_led, count(DISTINCT l) AS leaders, count(lt) AS led
RETURN region, year, tasks, leaders,
       CASE WHEN leaders = 0 THEN 0.0 ELSE round(100.0 * led / leaders) / 100.0 END AS tasks_per_leader,
       round(100.0 * listings / tasks) / 100.0 AS units_per_task,
       round(1000.0 * drc_led / tasks) / 10.0 AS drc_lead_share_pct
ORDER BY region, year
