// title: Unit succession chains
// description: Institutional succession between units of a region (e.g. the 2019 reform), from the curated table in data/units/succession.csv.
// param: region: str = | region name (empty for all)
// view: table
MATCH (a:Unit)-[s:SUPERSEDES]->(b:Unit)
WHERE $region = '' OR a.region = $region
RETURN a.region AS region, a.name AS predecessor, b.name AS successor, s.year AS year, a.function AS function
ORDER BY region, year, predecessor
