// title: Targets of a region and year
// description: Every target stated for one region and year (planned and achieved), with its indicator, value and source line.
// param: region: str = 湖州市 | region name
// param: year: int = 2022 | the year the target refers to
// view: table
MATCH (d:Document)-[:STATES]->(g:Target {region: $region, year: $year})
RETURN g.indicator_norm AS indicator, g.metric AS metric, g.kind AS kind, coalesce(g.qualifier, '') AS qualifier,
       g.comparator AS comparator, g.value AS value, g.unit AS unit, g.text AS text, d.source AS source, g.line AS line
ORDER BY indicator, metric, kind, qualifier
