// title: One task, whole
// description: A task with its document, the units on it (position, role, lead and its basis), its leaders, targets and milestones, and the tasks of other years it continues or that continue it (SUPERSEDES, with their similarity).
// param: key: str = | task key (see unit_tasks, search_tasks)
// view: table
MATCH (d:Document)-[:CONTAINS]->(t:Task {key: $key})
OPTIONAL MATCH (u:Unit)-[r:RESPONSIBLE]->(t)
OPTIONAL MATCH (u)-[p:PRIMARY_RESPONSIBLE]->(t)
WITH d, t, r, u, p ORDER BY r.position
WITH d, t, collect(CASE WHEN u IS NULL THEN NULL ELSE
       {unit: u.name, as_written: r.as_written, position: r.position, role: r.role, lead_basis: p.basis,
        inferred_lead: r.inferred_lead, line: r.line} END) AS units
OPTIONAL MATCH (l:Leader)-[lr:LEADS]->(t)
WITH d, t, units, collect(CASE WHEN l IS NULL THEN NULL ELSE {leader: l.name, title: lr.title} END) AS leaders
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
WITH d, t, units, leaders,
     collect(CASE WHEN g IS NULL THEN NULL ELSE
       {indicator: g.indicator, metric: g.metric, value: g.value, unit: g.unit, comparator: g.comparator,
        qualifier: g.qualifier, kind: g.kind, year: g.year, text: g.text, line: g.line} END) AS targets
OPTIONAL MATCH (t)-[:HAS_MILESTONE]->(m:Milestone)
WITH d, t, units, leaders, targets,
     collect(CASE WHEN m IS NULL THEN NULL ELSE {due: m.due, text: m.text, line: m.line} END) AS milestones
OPTIONAL MATCH (t)-[so:SUPERSEDES]->(older:Task)
WITH d, t, units, leaders, targets, milestones,
     collect(CASE WHEN older IS NULL THEN NULL ELSE
       {year: older.year, number: older.number, text: older.text, similarity: so.similarity, key: older.key} END) AS continues
OPTIONAL MATCH (newer:Task)-[sn:SUPERSEDES]->(t)
RETURN t.key AS key, t.year AS year, t.region AS region, t.number AS number, t.text AS text, t.horizon AS horizon,
       t.section AS section, t.line AS line, t.leader_note AS leader_note, t.truncated AS truncated,
       d.key AS doc, d.title AS document, d.source AS source, units, leaders, targets, milestones, continues,
       collect(CASE WHEN newer IS NULL THEN NULL ELSE
         {year: newer.year, number: newer.number, text: newer.text, similarity: sn.similarity, key: newer.key} END)
         AS continued_by
