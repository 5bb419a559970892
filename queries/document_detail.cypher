// title: A document's text and tasks
// description: One document's text, lines not understood, and every task with its source line.
// param: key: str = | document key (see the documents query)
// view: table
MATCH (d:Document {key: $key})
OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
WITH d, t ORDER BY t.seq
RETURN d.title AS title, d.source AS source, d.text AS text, d.unknown_lines AS unknown_lines,
       collect({seq: t.seq, number: t.number, line: t.line, text: t.text}) AS tasks
