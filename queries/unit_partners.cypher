// title: A unit's partners
// description: Units listed on the same tasks as a given unit (co-responsibility), with the number of shared tasks; collective entries (各县区政府, 市级其他有关单位) are left out unless groups is true.
// param: region: str = 衢州市 | region name
// param: unit: str = 市发展改革委 | canonical unit name
// param: year: int = 2021 | year the work is for
// param: groups: bool = false | include collective entries (各县区政府, 市级其他有关单位) as partners
// view: bar
// x: partner
// y: shared_tasks
MATCH (u:Unit {region: $region, name: $unit})-[:RESPONSIBLE]->(t:Task {year: $year})<-[:RESPONSIBLE]-(p:Unit)
WHERE p <> u AND ($groups OR NOT coalesce(p.collective, false))
RETURN p.name AS partner, p.function AS function, count(DISTINCT t) AS shared_tasks
ORDER BY shared_tasks DESC, partner
