// tangle: --empty --format csv --continue
// Text indexes (CREATE TEXT INDEX): string values only; the planner seeks
// them for CONTAINS and ENDS WITH (testing each distinct string), a range
// index for the rest. Non-string values and non-string needles match
// nothing, as the predicates say.
CREATE TEXT INDEX firm_name FOR (f:Firm) ON (f.name);
CREATE TEXT INDEX IF NOT EXISTS FOR (f:Firm) ON (f.name);
CREATE INDEX firm_name_range FOR (f:Firm) ON (f.name);
UNWIND ['Tesla', 'SpaceX', 'The Boring Company', 'xAI', 'Neuralink', 'Tesla'] AS n CREATE (:Firm {name: n});
CREATE (:Firm {name: 42}), (:Firm {name: ['Tesla']}), (:Firm), (:Other {name: 'Tesla'});
EXPLAIN MATCH (f:Firm) WHERE f.name CONTAINS 'es' RETURN f.name;
MATCH (f:Firm) WHERE f.name CONTAINS 'es' RETURN f.name ORDER BY f.name;
MATCH (f:Firm) WHERE f.name CONTAINS '' RETURN count(*) AS n;
MATCH (f:Firm) WHERE f.name CONTAINS 4 RETURN count(*) AS n;
MATCH (f:Firm) WHERE f.name CONTAINS null RETURN count(*) AS n;
EXPLAIN MATCH (f:Firm) WHERE f.name ENDS WITH 'ink' RETURN f.name;
MATCH (f:Firm) WHERE f.name ENDS WITH 'ny' OR f.name ENDS WITH 'AI' RETURN f.name ORDER BY f.name;
MATCH (f:Firm) WHERE f.name ENDS WITH 'a' RETURN f.name;
EXPLAIN MATCH (f:Firm) WHERE f.name STARTS WITH 'T' RETURN f.name;
MATCH (f:Firm {name: 'Tesla'}) SET f.name = 'Tesla Inc' RETURN count(*) AS n;
MATCH (f:Firm) WHERE f.name ENDS WITH 'Inc' RETURN f.name;
SHOW TEXT INDEXES YIELD name, type, indexProvider, properties;
SHOW INDEXES YIELD name, type, createStatement;
DROP INDEX firm_name;
EXPLAIN MATCH (f:Firm) WHERE f.name CONTAINS 'es' RETURN f.name;
CREATE TEXT INDEX two FOR (f:Firm) ON (f.a, f.b);
// TEXT stays usable as a name.
CREATE (text:Text {text: 'x'}) WITH text, 1 AS range RETURN text.text AS text, range;
