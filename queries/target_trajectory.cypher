// title: Target trajectory
// description: One indicator across years and regions (planned and achieved, stretch targets marked), e.g. GDP growth (gdp / growth_rate).
// param: indicator: str = gdp | normalized indicator code
// param: metric: str = growth_rate | growth_rate, level, cap, pp_change, count
// param: regions: list = | regions to include (empty for all)
// view: line
// x: year
// y: value
// color: series
MATCH (d:Document)-[:STATES]->(g:Target {indicator_norm: $indicator, metric: $metric})
WHERE size($regions) = 0 OR g.region IN $regions
RETURN g.region AS region, g.year AS year, g.kind AS kind, coalesce(g.qualifier, '') AS qualifier,
       g.value AS value, g.unit AS unit, g.comparator AS comparator,
       g.region + ' ' + g.kind + CASE WHEN g.qualifier = '力争' THEN ' (stretch)' ELSE '' END AS series,
       d.source AS source, g.text AS text, d.key AS doc
ORDER BY region, year, kind, qualifier
