// title: Region profile
// description: Per region and year: tasks, leaders, tasks per leader (empty where the documents name no leader), units per task, tasks whose lead the document states and tasks whose lead is only inferred (the first of several units where no rule is stated), the share of tasks the development-and-reform function (drc) is stated to lead, and the lead rules the documents state.
// param: regions: list = | regions to include (empty for all)
// param: year: int = 0 | year (0 for all)
// view: table
MATCH (d:Document)
WHERE (size($regions) = 0 OR d.region IN $regions) AND ($year = 0 OR d.year = $year)
MATCH (d)-[:CONTAINS]->(t:Task)
OPTIONAL MATCH (u:Unit)-[r:RESPONSIBLE]->(t)
WITH d, t, count(u) AS listings, sum(CASE WHEN r.inferred_lead THEN 1 ELSE 0 END) AS inferred
OPTIONAL MATCH (pu:Unit)-[:PRIMARY_RESPONSIBLE]->(t)
WITH d, t, listings, inferred, count(pu) AS stated, sum(CASE WHEN pu.function = 'drc' THEN 1 ELSE 0 END) AS drc
WITH d.region AS region, d.year AS year, collect(DISTINCT d.lead_rule) AS lead_rules, count(t) AS tasks,
     sum(listings) AS listings, sum(CASE WHEN drc > 0 THEN 1 ELSE 0 END) AS drc_led,
     sum(CASE WHEN stated > 0 THEN 1 ELSE 0 END) AS stated_led,
     sum(CASE WHEN stated = 0 AND inferred > 0 THEN 1 ELSE 0 END) AS inferred_led
OPTIONAL MATCH (l:Leader {region: region})-[:LEADS]->(lt:Task {year: year})
WITH region, year, lead_rules, tasks, listings, drc_led, stated_led, inferred_led,
     count(DISTINCT l) AS leaders, count(lt) AS led
RETURN region, year, tasks, leaders,
       CASE WHEN leaders = 0 THEN null ELSE round(100.0 * led / leaders) / 100.0 END AS tasks_per_leader,
       round(100.0 * listings / tasks) / 100.0 AS units_per_task,
       stated_led AS tasks_with_stated_lead, inferred_led AS tasks_with_inferred_lead_only,
       round(1000.0 * drc_led / tasks) / 10.0 AS drc_lead_share_pct, lead_rules
ORDER BY region, year
