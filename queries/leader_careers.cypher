// title: Possible careers across regions
// description: Names that head tasks in more than one region, with the evidence for each (years, titles as printed, tasks). One name may be one person moving from post to post or two people; the graph keeps one Leader per region and never merges them.
// param: leader: str = | a leader's name (empty for every name found in several regions)
// view: table
MATCH (l:Leader)-[r:LEADS]->(t:Task)
WHERE $leader = '' OR l.name = $leader
WITH l.name AS leader, l.region AS region, collect(DISTINCT t.year) AS years, collect(DISTINCT r.title) AS titles,
     count(DISTINCT t) AS tasks
WITH leader, collect({region: region, years: years, titles: titles, tasks: tasks}) AS posts
WHERE size(posts) > 1
UNWIND posts AS p
RETURN leader, p.region AS region, p.years AS years, p.titles AS titles, p.tasks AS tasks
ORDER BY leader, region
