// tangle: --empty --format csv
// CREATE INDEX / CONSTRAINT without a name: FOR right after the keyword
// used to be read as the index's name (a lemon fallback is tried before
// a state's default reduction), so the statement was a syntax error.
CREATE INDEX FOR (n:Firm) ON (n.name);
CREATE INDEX IF NOT EXISTS FOR (n:Firm) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
CREATE CONSTRAINT FOR (c:Chip) REQUIRE c.model IS UNIQUE;
CREATE CONSTRAINT IF NOT EXISTS FOR (c:Chip) REQUIRE c.model IS UNIQUE;
CREATE (:Chip {model: 'H100'});
CREATE (:Chip {model: 'H100'});
