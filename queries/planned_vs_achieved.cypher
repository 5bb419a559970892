// title: Planned vs achieved
// description: Achieved results linked to the planned target of the same region, indicator, metric and year (OUTCOME_OF).
// param: region: str = | region name (empty for all)
// view: table
MATCH (a:Target {kind: 'achieved'})-[:OUTCOME_OF]->(p:Target)
WHERE $region = '' OR a.region = $region
RETURN a.region AS region, a.year AS year, a.indicator_norm AS indicator, a.metric AS metric,
       p.comparator AS planned_comparator, p.value AS planned, a.value AS achieved, a.unit AS unit,
       a.value - p.value AS difference
ORDER BY region, year, indicator
