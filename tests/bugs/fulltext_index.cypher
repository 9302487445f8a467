// tangle: --empty --format csv --continue
// Full-text indexes (issue 17): CREATE FULLTEXT INDEX over labels and
// relationship types, analyzers for English, Arabic, Japanese and
// Indonesian, the Lucene query subset, BM25 ranking, and indexes kept
// current by writes, deletes and rollbacks.
CREATE (:Article {title: 'Elon Musk hurts Tesla to help Twitter', body: 'Nvidia shipped the chips to X instead of Tesla.'}),
       (:Article {title: 'Nvidia and Tesla', body: 'The companies buy chips.'}),
       (:Post {title: 'Gigafactory news', body: 'Tesla\'s Texas Gigafactory waits for H100 chips'}),
       (:Note {title: 'Tesla, not indexed: the label is not in the index'}),
       (:Article {title: 'テスラのテキサス・ギガファクトリー', body: 'イーロン・マスクはツイッターを助ける'}),
       (:Article {title: 'إيلون ماسك يضر بتسلا', body: 'الشركات والرقائق لشركة إكس'}),
       (:Article {title: 'Elon Musk menyakiti Tesla untuk membantu Twitter', body: 'perusahaannya membeli chip'});
CREATE FULLTEXT INDEX texts FOR (n:Article|Post) ON EACH [n.title, n.body];
CREATE FULLTEXT INDEX texts IF NOT EXISTS FOR (n:Article) ON EACH [n.title];
CREATE FULLTEXT INDEX english FOR (n:Article|Post) ON EACH [n.title, n.body] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX arabic FOR (n:Article) ON EACH [n.title, n.body] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}};
CREATE FULLTEXT INDEX indonesian FOR (n:Article) ON EACH [n.title, n.body] OPTIONS {indexConfig: {`fulltext.analyzer`: 'indonesian'}};
CREATE FULLTEXT INDEX cjk FOR (n:Article) ON EACH [n.title, n.body] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// One term: every text that has it, the shortest (most specific) first.
CALL db.index.fulltext.queryNodes('texts', 'tesla') YIELD node, score RETURN node.title, round(score, 4) AS score;
// Phrases, AND, NOT, +/-, fields, prefixes, groups.
CALL db.index.fulltext.queryNodes('texts', '"elon musk" AND twitter') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'tesla -twitter') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', '+nvidia +chips') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'title:nvidia') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'body:nvidia') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'giga*') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', '(twitter OR gigafactory) AND NOT musk') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', '"tesla texas"') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'nosuchword') YIELD node RETURN count(*) AS none;
// English: plural stemming (the standard analyzer keeps the plural).
CALL db.index.fulltext.queryNodes('english', 'company') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'company') YIELD node RETURN node.title;
// Japanese: bigrams match across particles and the middle dot, no spaces needed.
CALL db.index.fulltext.queryNodes('cjk', 'ギガファクトリー') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('cjk', 'マスク') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('texts', 'イーロンマスク') YIELD node RETURN node.title;
// Arabic: hamza forms, ta marbuta and the article or prefixes fold away.
CALL db.index.fulltext.queryNodes('arabic', 'شركات') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('arabic', 'ايلون') YIELD node RETURN node.title;
// Indonesian: affixes (meN-, -nya, peR-...-an) stripped.
CALL db.index.fulltext.queryNodes('indonesian', 'sakit') YIELD node RETURN node.title;
CALL db.index.fulltext.queryNodes('indonesian', 'usaha') YIELD node RETURN node.title;
// Writes keep the index current.
MATCH (n:Note) SET n:Post;
CALL db.index.fulltext.queryNodes('texts', 'indexed') YIELD node RETURN node.title;
MATCH (n:Post) WHERE n.title STARTS WITH 'Tesla,' SET n.title = 'Zebra crossing';
CALL db.index.fulltext.queryNodes('texts', 'zebra') YIELD node RETURN node.title;
MATCH (n:Post) WHERE n.title STARTS WITH 'Zebra' REMOVE n.title;
CALL db.index.fulltext.queryNodes('texts', 'zebra') YIELD node RETURN count(*) AS none;
MATCH (n:Post {title: 'Gigafactory news'}) DELETE n;
CALL db.index.fulltext.queryNodes('texts', 'gigafactory') YIELD node RETURN node.title;
// A failed statement rolls back, and so does what the index saw inside it.
CREATE (:Article {title: 'Okapi'}) WITH 1 AS x
CALL db.index.fulltext.queryNodes('texts', 'okapi') YIELD node RETURN node.title, 1 / 0;
CALL db.index.fulltext.queryNodes('texts', 'okapi') YIELD node RETURN count(*) AS none;
MATCH (n:Article {title: 'Nvidia and Tesla'}) SET n.title = 'Okapi' WITH n RETURN 1 / 0;
CALL db.index.fulltext.queryNodes('texts', 'title:nvidia') YIELD node RETURN node.title;
// Relationships.
CREATE (a:Firm {name: 'Nvidia'})-[:SUPPLIED {note: 'H100 chips diverted to X'}]->(b:Firm {name: 'X'}),
       (a)-[:SUPPLIED {note: 'chips for the Tesla cluster'}]->(:Firm {name: 'Tesla'}),
       (a)-[:MET {note: 'chips were discussed'}]->(b);
CREATE FULLTEXT INDEX notes FOR ()-[r:SUPPLIED]-() ON EACH [r.note];
CALL db.index.fulltext.queryRelationships('notes', 'chips') YIELD relationship, score
RETURN endNode(relationship).name AS firm, round(score, 4) AS score;
CALL db.index.fulltext.queryRelationships('notes', 'diverted') YIELD relationship RETURN type(relationship);
MATCH ()-[r:SUPPLIED]->(:Firm {name: 'X'}) DELETE r;
CALL db.index.fulltext.queryRelationships('notes', 'chips') YIELD relationship RETURN endNode(relationship).name AS firm;
// Names of keys and keywords stay usable: a property named `each` or `fulltext`.
CREATE (:Doc {each: 'one', fulltext: 'two'});
CREATE FULLTEXT INDEX fulltext FOR (each:Doc) ON EACH [each.each, each.fulltext];
CALL db.index.fulltext.queryNodes('fulltext', 'each:one OR fulltext:two') YIELD node RETURN node.each;
// DROP INDEX drops them.
DROP INDEX english;
CALL db.index.fulltext.queryNodes('english', 'tesla') YIELD node RETURN node;
// Errors.
CALL db.index.fulltext.queryNodes('notes', 'chips') YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('texts', 'tesla AND (musk') YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('texts', '"tesla') YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('texts', 'AND tesla') YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('texts', 'te?la') YIELD node RETURN node;
CALL db.index.fulltext.queryNodes('texts', 'te*la') YIELD node RETURN node;
CREATE FULLTEXT INDEX texts FOR (n:Article) ON EACH [n.title];
CREATE FULLTEXT INDEX other FOR (n:Article) ON EACH [n.title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'klingon'}};
CREATE FULLTEXT INDEX other FOR (n:Article) ON EACH [n.title] OPTIONS {analyzer: 'english'};
