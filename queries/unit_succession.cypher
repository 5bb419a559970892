// title: Unit succession chains
// description: Institutional succession between units of a region (e.g. the 2019 reform), from the curated table in data/units/succession.csv; (successor)-[:SUPERSEDES]->(predecessor), like every SUPERSEDES.
// param: region: str = | region name (empty for all)
// view: table
MATCH (n:Unit)-[s:SUPERSEDES]->(o:Unit)
WHERE $region = '' OR n.region = $region
RETURN n.region AS region, o.name AS predecessor, n.name AS successor, s.year AS year, n.function AS function
ORDER BY region, year, predecessor
