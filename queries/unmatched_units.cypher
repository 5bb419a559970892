// title: Unit names not in the alias tables
// description: Written unit forms that matched no entry of data/units/aliases.csv, with how many tasks list them, so the tables can grow.
// view: table
MATCH (u:Unit)-[r:RESPONSIBLE]->(:Task)
WHERE u.function IS NULL AND NOT u.collective
RETURN u.region AS region, u.name AS unit, u.aliases AS written_forms, count(r) AS listings
ORDER BY listings DESC, region, unit
