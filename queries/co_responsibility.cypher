// title: Co-responsibility pairs
// description: Every pair of units listed on a common task in one region and year, weighted by the number of tasks they share; the input of the network page (computed in networkx from this one read).
// param: region: str = 衢州市 | region name
// param: year: int = 2021 | year the work is for
// view: table
MATCH (t:Task {region: $region, year: $year})<-[:RESPONSIBLE]-(u:Unit)
WHERE NOT u.collective
WITH t, collect(DISTINCT u.name) AS units
RETURN t.key AS task, units
