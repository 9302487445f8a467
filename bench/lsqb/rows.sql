-- rows.sql — row-returning variants of the nine LSQB patterns, in SQL for
-- DuckDB (bench/lsqb/duckdb_bench.js; the joins of queries.sql, over the
-- tables it loads). qNg: the 100 largest groups of matches by one node;
-- qNr: the first 1,000 matches ordered by the ids of their nodes. The same
-- rows, in the same order, as rows.cypher asks of the graph systems; run.sh
-- checks theirs against these.

-- q1g
SELECT fm.src AS k, count(*) AS cnt
FROM City_isPartOf_Country AS cc
JOIN Person_isLocatedIn_City AS pc ON pc.dst = cc.src
JOIN Forum_hasMember_Person AS fm ON fm.dst = pc.src
JOIN Forum_containerOf_Post AS fp ON fp.src = fm.src
JOIN Comment_replyOf_Post AS cr ON cr.dst = fp.dst
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
JOIN Tag_hasType_TagClass AS tt ON tt.src = ct.dst
GROUP BY k ORDER BY cnt DESC, k LIMIT 100;

-- q1r
SELECT cc.dst AS a, cc.src AS b, pc.src AS c, fm.src AS d, fp.dst AS e, cr.src AS f, ct.dst AS g, tt.dst AS h
FROM City_isPartOf_Country AS cc
JOIN Person_isLocatedIn_City AS pc ON pc.dst = cc.src
JOIN Forum_hasMember_Person AS fm ON fm.dst = pc.src
JOIN Forum_containerOf_Post AS fp ON fp.src = fm.src
JOIN Comment_replyOf_Post AS cr ON cr.dst = fp.dst
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
JOIN Tag_hasType_TagClass AS tt ON tt.src = ct.dst
ORDER BY a, b, c, d, e, f, g, h LIMIT 1000;

-- q2g
SELECT kn.dst AS k, count(*) AS cnt
FROM Person_knows_Person_both AS kn
JOIN Comment_hasCreator_Person AS cc ON cc.dst = kn.src
JOIN Comment_replyOf_Post AS cr ON cr.src = cc.src
JOIN Post_hasCreator_Person AS pc ON pc.src = cr.dst AND pc.dst = kn.dst
GROUP BY kn.dst ORDER BY cnt DESC, k LIMIT 100;

-- q2r
SELECT kn.src AS a, kn.dst AS b, cc.src AS c, cr.dst AS d
FROM Person_knows_Person_both AS kn
JOIN Comment_hasCreator_Person AS cc ON cc.dst = kn.src
JOIN Comment_replyOf_Post AS cr ON cr.src = cc.src
JOIN Post_hasCreator_Person AS pc ON pc.src = cr.dst AND pc.dst = kn.dst
ORDER BY a, b, c, d LIMIT 1000;

-- q3g
SELECT c1.dst AS k, count(*) AS cnt
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_knows_Person_both AS k3 ON k3.src = k2.dst AND k3.dst = k1.src
JOIN Person_isLocatedIn_City AS l1 ON l1.src = k1.src
JOIN City_isPartOf_Country AS c1 ON c1.src = l1.dst
JOIN Person_isLocatedIn_City AS l2 ON l2.src = k2.src
JOIN City_isPartOf_Country AS c2 ON c2.src = l2.dst AND c2.dst = c1.dst
JOIN Person_isLocatedIn_City AS l3 ON l3.src = k3.src
JOIN City_isPartOf_Country AS c3 ON c3.src = l3.dst AND c3.dst = c1.dst
GROUP BY c1.dst ORDER BY cnt DESC, k LIMIT 100;

-- q3r
SELECT c1.dst AS a, k1.src AS b, k2.src AS c, k3.src AS d
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_knows_Person_both AS k3 ON k3.src = k2.dst AND k3.dst = k1.src
JOIN Person_isLocatedIn_City AS l1 ON l1.src = k1.src
JOIN City_isPartOf_Country AS c1 ON c1.src = l1.dst
JOIN Person_isLocatedIn_City AS l2 ON l2.src = k2.src
JOIN City_isPartOf_Country AS c2 ON c2.src = l2.dst AND c2.dst = c1.dst
JOIN Person_isLocatedIn_City AS l3 ON l3.src = k3.src
JOIN City_isPartOf_Country AS c3 ON c3.src = l3.dst AND c3.dst = c1.dst
ORDER BY a, b, c, d LIMIT 1000;

-- q4g
SELECT mt.dst AS k, count(*) AS cnt
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
JOIN Person_likes_Message AS pl ON pl.dst = mt.src
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
GROUP BY mt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q4r
SELECT mt.dst AS a, mt.src AS b, mc.dst AS c, pl.src AS d, cr.src AS e
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
JOIN Person_likes_Message AS pl ON pl.dst = mt.src
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
ORDER BY a, b, c, d, e LIMIT 1000;

-- q5g
SELECT mt.dst AS k, count(*) AS cnt
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst
GROUP BY mt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q5r
SELECT mt.dst AS a, mt.src AS b, cr.src AS c, ct.dst AS d
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst
ORDER BY a, b, c, d LIMIT 1000;

-- q6g
SELECT pt.dst AS k, count(*) AS cnt
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst
GROUP BY pt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q6r
SELECT k1.src AS a, k1.dst AS b, k2.dst AS c, pt.dst AS d
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst
ORDER BY a, b, c, d LIMIT 1000;

-- q7g
SELECT mt.dst AS k, count(*) AS cnt
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
LEFT JOIN Person_likes_Message AS pl ON pl.dst = mt.src
LEFT JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
GROUP BY mt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q7r
SELECT mt.dst AS a, mt.src AS b, mc.dst AS c, coalesce(pl.src, -1) AS d, coalesce(cr.src, -1) AS e
FROM Message_hasTag_Tag AS mt
JOIN Message_hasCreator_Person AS mc ON mc.src = mt.src
LEFT JOIN Person_likes_Message AS pl ON pl.dst = mt.src
LEFT JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
ORDER BY a, b, c, d, e LIMIT 1000;

-- q8g
SELECT mt.dst AS k, count(*) AS cnt
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst
  AND NOT EXISTS (SELECT 1 FROM Comment_hasTag_Tag AS x WHERE x.src = cr.src AND x.dst = mt.dst)
GROUP BY mt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q8r
SELECT mt.dst AS a, mt.src AS b, cr.src AS c, ct.dst AS d
FROM Message_hasTag_Tag AS mt
JOIN Comment_replyOf_Message AS cr ON cr.dst = mt.src
JOIN Comment_hasTag_Tag AS ct ON ct.src = cr.src
WHERE mt.dst <> ct.dst
  AND NOT EXISTS (SELECT 1 FROM Comment_hasTag_Tag AS x WHERE x.src = cr.src AND x.dst = mt.dst)
ORDER BY a, b, c, d LIMIT 1000;

-- q9g
SELECT pt.dst AS k, count(*) AS cnt
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst
  AND NOT EXISTS (SELECT 1 FROM Person_knows_Person_both AS x WHERE x.src = k1.src AND x.dst = k2.dst)
GROUP BY pt.dst ORDER BY cnt DESC, k LIMIT 100;

-- q9r
SELECT k1.src AS a, k1.dst AS b, k2.dst AS c, pt.dst AS d
FROM Person_knows_Person_both AS k1
JOIN Person_knows_Person_both AS k2 ON k2.src = k1.dst
JOIN Person_hasInterest_Tag AS pt ON pt.src = k2.dst
WHERE k1.src <> k2.dst
  AND NOT EXISTS (SELECT 1 FROM Person_knows_Person_both AS x WHERE x.src = k1.src AND x.dst = k2.dst)
ORDER BY a, b, c, d LIMIT 1000;
