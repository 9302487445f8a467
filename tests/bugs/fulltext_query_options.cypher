// tangle: --empty --continue
// db.index.fulltext.queryNodes / queryRelationships take Neo4j's options
// map as a third argument: skip and limit cut the ranked list, analyzer
// analyzes the query text with another analyzer than the index's. A key
// it does not know, a wrong type or a fourth argument is an error.
CREATE (:Doc {title: 'Chips to Texas', body: 'more chips, more chips'}),
       (:Doc {title: 'Nvidia chips diverted', body: 'H100 shipments went to xAI'}),
       (:Doc {title: 'Tesla Gigafactory', body: 'the Texas plant'})-[:CITES {quote: 'Chips were diverted'}]->(:Doc {title: 'Emails'});
CREATE FULLTEXT INDEX docs FOR (d:Doc) ON EACH [d.title, d.body] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX quotes FOR ()-[r:CITES]-() ON EACH [r.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}, indexProvider: 'fulltext-1.0'};
// the whole list, then cut
CALL db.index.fulltext.queryNodes('docs', 'chips OR texas') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('docs', 'chips OR texas', {limit: 2}) YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('docs', 'chips OR texas', {skip: 1, limit: 2}) YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('docs', 'chips OR texas', {skip: 5}) YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('docs', 'chips', {}) YIELD node RETURN count(*) AS n;
CALL db.index.fulltext.queryNodes('docs', 'chips', null) YIELD node RETURN count(*) AS n;
// the index keeps 'Chips' as written (whitespace analyzer); the english
// analyzer would fold the query to 'chip', which it does not hold
CALL db.index.fulltext.queryRelationships('quotes', 'Chips') YIELD relationship RETURN relationship.quote;
CALL db.index.fulltext.queryRelationships('quotes', 'Chips', {analyzer: 'english'}) YIELD relationship RETURN relationship.quote;
CALL db.index.fulltext.queryRelationships('quotes', 'diverted', {analyzer: 'whitespace', limit: 1}) YIELD relationship RETURN relationship.quote;
// readCount counts the queries served
SHOW FULLTEXT INDEXES YIELD name, readCount;
// errors
CALL db.index.fulltext.queryNodes('docs', 'chips', {sortBy: 'score'}) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs', 'chips', {limit: -1}) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs', 'chips', {skip: 'two'}) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs', 'chips', {analyzer: 'klingon'}) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs', 'chips', 5) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs', 'chips', {}, 1) YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('docs') YIELD node RETURN node;
CREATE FULLTEXT INDEX bad FOR (d:Doc) ON EACH [d.title] OPTIONS {indexProvider: 'lucene+native-3.0'};
