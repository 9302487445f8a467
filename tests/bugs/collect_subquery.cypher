// tangle: --format csv
// Neo4j 5's COLLECT { ... } subquery was a SyntaxError. It returns the list
// of its one RETURN column, one item per row, in the subquery's order; it
// sees the outer variables; "collect" stays a function and a name, and a
// map projection on a variable named collect is not a subquery.
MATCH (p:Person {name: 'Elon Musk'}) RETURN COLLECT { MATCH (p)-[:OWNS]->(f:Firm) RETURN f.name ORDER BY f.name } AS firms;
MATCH (p:Person {name: 'Elon Musk'}) RETURN size(collect { MATCH (p)-[r]->() RETURN type(r) }) AS n;
RETURN COLLECT { UNWIND [3, 1, 2] AS i RETURN i ORDER BY i } AS sorted, COLLECT { UNWIND [] AS i RETURN i } AS empty;
MATCH (f:Firm) WHERE f.name IN ['X', 'xAI'] RETURN f.name, COLLECT { MATCH (f)<-[o:OWNS]-(p) RETURN p.name ORDER BY p.name } AS owners ORDER BY f.name;
WITH {collect: 1} AS m UNWIND [1, 2] AS x RETURN m, collect(x) AS c;
WITH {name: 'n'} AS collect RETURN collect {.name} AS projected;
MATCH (p:Person) RETURN COLLECT { CREATE (x) RETURN x } AS x;
