// title: Regions and years
// description: Every region with the years and kinds of its documents; the choices the app's filters offer.
// view: table
MATCH (d:Document)
RETURN d.region AS region, d.year AS year, collect(d.kind) AS kinds, count(d) AS documents
ORDER BY region, year
