// title: Documents loaded
// description: Every document in the store with its region, year, kind, parts and counts, and its data-quality figures (lines not understood, inferred lead units, generic leaders).
// view: table
MATCH (d:Document)
OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
WITH d, count(t) AS tasks
OPTIONAL MATCH (d)-[:STATES]->(g:Target)
WITH d, tasks, count(g) AS targets
OPTIONAL MATCH (:Unit)-[p:PRIMARY_RESPONSIBLE {doc: d.key}]->(:Task)
WITH d, tasks, targets, sum(CASE WHEN p.basis = 'inferred_first_listed' THEN 1 ELSE 0 END) AS inferred_leads
OPTIONAL MATCH (d)-[:CONTAINS]->(gt:Task) WHERE gt.leader_note IS NOT NULL
RETURN d.region AS region, d.year AS year, d.kind AS kind, d.title AS title, d.source AS source,
       d.parts AS parts, tasks, targets, d.lead_rule AS lead_rule, inferred_leads,
       count(gt) AS generic_leaders, d.lines_unknown AS lines_not_understood, d.key AS key
ORDER BY region, year, kind
