-- queries.sql — the nine LSQB queries in SQL, for DuckDB (bench/lsqb/duckdb_bench.js).
--
-- duckdb_bench.js first loads every CSV file of the data set into a table
-- named after it: node tables (id BIGINT PRIMARY KEY), relationship tables
-- (src BIGINT, dst BIGINT). The statements under "-- load" then build the
-- merged and undirected edge tables the patterns need; their time counts as
-- load time. Each query is named by the "-- qN" line above it and ends with
-- ';' at the end of a line.
--
-- How the Cypher patterns map to joins:
--  * (a)-[:Person_knows_Person]-(b), undirected, matches each relationship
--    in both directions: Person_knows_Person_both holds both.
--  * (m:Post|Comment) with [:Post_hasTag_Tag|:Comment_hasTag_Tag] and the
--    like is one table per relationship kind over both labels (LDBC gives
--    posts and comments disjoint ids; duckdb_bench.js checks that).
--  * Every end of an LSQB relationship is a node of the labelled table, so
--    the node tables need not be joined.
--  * OPTIONAL MATCH is a LEFT JOIN; NOT EXISTS {MATCH ...} is NOT EXISTS.

-- load
CREATE TABLE Person_knows_Person_both AS
  SELECT src, dst FROM Person_knows_Person UNION ALL SELECT dst, src FROM Person_knows_Person;
CREATE TABLE Message_hasTag_Tag AS
  SELECT src, dst FROM Post_hasTag_Tag UNION ALL SELECT src, dst FROM Comment_hasTag_Tag;
CREATE TABLE Message_hasCreator_Person AS
  SELECT src, dst FROM Post_hasCreator_Person UNION ALL SELECT src, dst FROM Comment_hasCreator_Person;
CREATE TABLE Person_likes_Message AS
  SELECT src, dst FROM Person_likes_Post UNION ALL SELECT src, dst FROM Person_likes_Comment;
CREATE TABLE Comment_replyOf_Message AS
  SELECT src, dst FROM Comment_replyOf_Post UNION ALL SELECT src, dst FROM Comment_replyOf_Comment;

-- q1
SELECT count(*) AS count
FROM City_isPartOf_Country AS cc
JOIN Person_isLocatedIn_City AS pc ON pc.dst = cc.src
JOIN Forum_hasMember_Person AS fm ON fm.dst = pc.src
JOIN Forum_containerOf_Post AS fp ON fp.src = fm.src
JOIN Comment_replyOf_Post AS cr ON cr.dst = fp.dst
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
JOIN Tag_hasType_TagClass AS tt ON tt.src = ct.dst;

-- q2
SELECT count(*) AS count
FROM Person_knows_Person_both AS k
JOIN Comment_hasCreator_Person AS cc ON cc.dst = k.src
JOIN Comment_replyOf_Post AS cr ON cr.src = cc.src
JOIN Post_hasCreator_Person AS pc ON pc.src = cr.dst AND pc.dst = k.dst;

-- q3
SELECT count(*) AS count
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_knows_Person_both AS k3 ON k3.src = k2.dst AND k3.dst = k1.src
JOIN Person_isLocatedIn_City AS l1 ON l1.src = k1.src
JOIN City_isPartOf_Country AS c1 ON c1.src = l1.dst
JOIN Person_isLocatedIn_City AS l2 ON l2.src = k2.src
JOIN City_isPartOf_Country AS c2 ON c2.src = l2.dst AND c2.dst = c1.dst
JOIN Person_isLocatedIn_City AS l3 ON l3.src = k3.src
JOIN City_isPartOf_Country AS c3 ON c3.src = l3.dst AND c3.dst = c1.dst;

-- q4
SELECT count(*) AS count
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
JOIN Person_likes_Message AS pl ON pl.dst = mt.src
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src;

-- q5
SELECT count(*) AS count
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst;

-- q6
SELECT count(*) AS count
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst;

-- q7
SELECT count(*) AS count
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
LEFT JOIN Person_likes_Message AS pl ON pl.dst = mt.src
LEFT JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src;

-- q8
SELECT count(*) AS count
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst
  AND NOT EXISTS (SELECT 1 FROM Comment_hasTag_Tag AS x WHERE x.src = cr.src AND x.dst = mt.dst);

-- q9
SELECT count(*) AS count
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst
  AND NOT EXISTS (SELECT 1 FROM Person_knows_Person_both AS x WHERE x.src = k1.src AND x.dst = k2.dst);
