// title: Indicators
// description: Every normalized indicator and metric with how many targets, regions and years state it.
// view: table
MATCH (g:Target)
RETURN g.indicator_norm AS indicator, g.metric AS metric, count(g) AS targets,
       count(DISTINCT g.region) AS regions, count(DISTINCT g.year) AS years
ORDER BY regions DESC, targets DESC, indicator
