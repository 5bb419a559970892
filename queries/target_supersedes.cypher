// title: Planned targets and their predecessors
// description: Each planned target linked to the same region's target of the nearest earlier year with the same indicator and metric (Target SUPERSEDES).
// param: region: str = 湖州市 | region name
// param: indicator: str = gdp | normalized indicator code
// view: table
MATCH (n:Target {region: $region, indicator_norm: $indicator})-[:SUPERSEDES]->(o:Target)
RETURN n.metric AS metric, n.year AS year, n.value AS value, coalesce(n.qualifier, '') AS qualifier,
       o.year AS previous_year, o.value AS previous_value, n.value - o.value AS change
ORDER BY metric, year, qualifier
