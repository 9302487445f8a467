// Question: How many staff did Musk move between his firms, and who is named?
MATCH (e:Event {kind: 'staff transfer'})-[:MOVED_FROM]->(origin:Firm),
      (e)-[:MOVED_TO]->(dest:Firm)
OPTIONAL MATCH (e)-[:INCLUDES]->(p:Person)
RETURN origin.name AS moved_from, dest.name AS moved_to, e.headcount AS headcount,
       e.qualifier AS qualifier, e.headcount_text AS headcount_text, count(p) AS named_people
ORDER BY moved_to;
//
// Expect: moved_from | moved_to | headcount | qualifier | headcount_text | named_people
// Expect: 'Tesla' | 'X' | null | null | 'dozens' | 0
// Expect: 'Tesla' | 'xAI' | 5 | 'at least' | null | 1
