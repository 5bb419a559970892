// title: Search tasks
// description: Tasks whose text contains the given words (exact Chinese substring).
// param: q: str = 营商环境 | words to find
// param: limit: int = 50 | how many results
// view: table
MATCH (d:Document)-[:CONTAINS]->(t:Task)
WHERE t.text CONTAINS $q
RETURN d.region AS region, t.year AS year, t.seq AS seq, t.number AS number, t.text AS text, d.source AS source
ORDER BY region, year, seq
LIMIT $limit
