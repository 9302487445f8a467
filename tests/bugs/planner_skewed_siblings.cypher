// tangle: --empty --format csv
// A node reached through one of its relationships has, on average, more
// siblings of that kind than the plain average says: most people live in
// the country with most cities, so expanding "the other cities of a
// person's country" yields far more rows than cities per country. The
// planner weighs such an expansion by the relationships' skew (the sum of
// squared counts over the count) and expands the person's friends first.
UNWIND range(1, 20) AS i CREATE (:Country {id: i});
UNWIND range(1, 119) AS i MATCH (c:Country {id: CASE WHEN i <= 100 THEN 1 ELSE i - 99 END}) CREATE (:City {id: i})-[:IN]->(c);
UNWIND range(1, 200) AS i MATCH (c:City {id: CASE WHEN i <= 180 THEN (i % 100) + 1 ELSE i - 80 END}) CREATE (:Person {id: i})-[:AT]->(c);
MATCH (a:Person), (b:Person) WHERE a.id < b.id AND (a.id * 13 + b.id * 7) % 19 = 0 CREATE (a)-[:KNOWS]->(b);
EXPLAIN MATCH (country:Country)<-[:IN]-(c1:City)<-[:AT]-(p1:Person), (country)<-[:IN]-(c2:City)<-[:AT]-(p2:Person), (p1)-[:KNOWS]-(p2) RETURN count(*) AS pairs;
MATCH (country:Country)<-[:IN]-(c1:City)<-[:AT]-(p1:Person), (country)<-[:IN]-(c2:City)<-[:AT]-(p2:Person), (p1)-[:KNOWS]-(p2) RETURN count(*) AS pairs;
MATCH (p1:Person)-[:KNOWS]-(p2:Person) RETURN count(*) AS knows;
