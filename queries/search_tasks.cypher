// title: Search tasks
// description: Tasks whose text contains the given words (an exact Chinese substring), optionally in one region, year and horizon, with the units that lead each.
// param: q: str = 营商环境 | words to find
// param: region: str = | a region's label (empty for every region)
// param: year: int = 0 | a year (0 for every year)
// param: horizon: str = | annual, five_year or livelihood (empty for all)
// param: limit: int = 200 | how many results at most
// view: table
MATCH (d:Document)-[:CONTAINS]->(t:Task)
WHERE t.text CONTAINS $q AND ($region = '' OR t.region = $region) AND ($year = 0 OR t.year = $year)
  AND ($horizon = '' OR t.horizon = $horizon)
OPTIONAL MATCH (u:Unit)-[:PRIMARY_RESPONSIBLE]->(t)
WITH d, t, collect(u.name) AS leads
RETURN t.region AS region, t.year AS year, t.number AS number, t.text AS text, leads, t.horizon AS horizon,
       t.line AS line, d.source AS source, d.key AS doc, t.key AS task
ORDER BY region, year, t.seq
LIMIT $limit
