// tangle: --empty --format csv
// An index on a label and property that already has one, under another
// name: the error named the new statement's default name
// (index_Person_name) instead of the existing index, person_name.
CREATE INDEX person_name FOR (p:Person) ON (p.name);
CREATE INDEX ON :Person(name);
