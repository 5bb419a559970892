// title: Region profile
// description: Per region and year: tasks, leaders, tasks per leader, units per task, and the share of tasks led by the development-and-reform function (drc).
// view: table
MATCH (t:Task)
WITH t.region AS region, t.year AS year, count(t) AS tasks
OPTIONAL MATCH (l:Leader {region: region})-[:LEADS]->(lt:Task {year: year})
WITH region, year, tasks, count(DISTINCT l) AS leaders, count(lt) AS led
OPTIONAL MATCH (u:Unit)-[:RESPONSIBLE]->(ut:Task {region: region, year: year})
WITH region, year, tasks, leaders, led, count(u) AS listings
OPTIONAL MATCH (:Unit {function: 'drc'})-[:PRIMARY_RESPONSIBLE]->(dt:Task {region: region, year: year})
WITH region, year, tasks, leaders, led, listings, count(DISTINCT dt) AS drc_led
RETURN region, year, tasks, leaders,
       CASE WHEN leaders = 0 THEN 0.0 ELSE round(100.0 * led / leaders) / 100.0 END AS tasks_per_leader,
       round(100.0 * listings / tasks) / 100.0 AS units_per_task,
       round(1000.0 * drc_led / tasks) / 10.0 AS drc_lead_share_pct
ORDER BY region, year
