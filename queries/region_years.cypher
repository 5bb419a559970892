// title: Regions and years
// description: Every region (with its path from the province down) and the years and kinds of its documents; the choices the app's filters offer.
// view: table
MATCH (d:Document)
RETURN d.region AS region, d.region_path AS path, d.year AS year, collect(d.kind) AS kinds, count(d) AS documents
ORDER BY region, year
