// title: Documents loaded
// description: Every document in the store with its region, year, kind, parts and counts, and its data-quality figures (lines not understood, inferred lead units, generic leaders). The counts are stored on each Document when it is written (it is always written whole), so this stays one pass over the documents however many tasks there are.
// view: table
MATCH (d:Document)
RETURN d.region AS region, d.year AS year, d.kind AS kind, d.title AS title, d.source AS source,
       d.parts AS parts, d.task_count AS tasks, d.target_count AS targets, d.lead_rule AS lead_rule,
       d.inferred_leads AS inferred_leads, d.generic_leaders AS generic_leaders,
       d.lines_unknown AS lines_not_understood, d.key AS key
ORDER BY region, year, kind
