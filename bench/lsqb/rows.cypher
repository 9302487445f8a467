// rows.cypher — row-returning variants of the nine LSQB patterns, in Cypher
// (bench/lsqb/run.sh; the same patterns as queries.cypher).
//
// For each pattern qN: qNg groups the matches by one node (a forum, person,
// country or tag) and returns the 100 largest groups, and qNr returns the
// first 1,000 matches ordered by the ids of their nodes. The orders are
// total (ties broken by the ids), so every system must return the same rows
// in the same order; run.sh checks them row for row against DuckDB's
// (rows.sql). Kùzu and LadybugDB run this file too: kuzu_bench.js rewrites
// the label disjunction (m:Post|Comment) into their (m:Post:Comment).
// Optional nodes that are absent are returned as -1 (coalesce), so that no
// system's placement of nulls in the order matters.

// q1g
MATCH (:Country)<-[:City_isPartOf_Country]-(:City)<-[:Person_isLocatedIn_City]-(:Person)<-[:Forum_hasMember_Person]-(forum:Forum)-[:Forum_containerOf_Post]->(:Post)<-[:Comment_replyOf_Post]-(:Comment)-[:Comment_hasTag_Tag]->(:Tag)-[:Tag_hasType_TagClass]->(:TagClass) RETURN forum.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q1r
MATCH (country:Country)<-[:City_isPartOf_Country]-(city:City)<-[:Person_isLocatedIn_City]-(person:Person)<-[:Forum_hasMember_Person]-(forum:Forum)-[:Forum_containerOf_Post]->(post:Post)<-[:Comment_replyOf_Post]-(comment:Comment)-[:Comment_hasTag_Tag]->(tag:Tag)-[:Tag_hasType_TagClass]->(tc:TagClass) RETURN country.id AS a, city.id AS b, person.id AS c, forum.id AS d, post.id AS e, comment.id AS f, tag.id AS g, tc.id AS h ORDER BY a, b, c, d, e, f, g, h LIMIT 1000;

// q2g
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person), (person1)<-[:Comment_hasCreator_Person]-(comment:Comment)-[:Comment_replyOf_Post]->(post:Post)-[:Post_hasCreator_Person]->(person2) RETURN person2.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q2r
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person), (person1)<-[:Comment_hasCreator_Person]-(comment:Comment)-[:Comment_replyOf_Post]->(post:Post)-[:Post_hasCreator_Person]->(person2) RETURN person1.id AS a, person2.id AS b, comment.id AS c, post.id AS d ORDER BY a, b, c, d LIMIT 1000;

// q3g
MATCH (country:Country) MATCH (person1:Person)-[:Person_isLocatedIn_City]->(city1:City)-[:City_isPartOf_Country]->(country) MATCH (person2:Person)-[:Person_isLocatedIn_City]->(city2:City)-[:City_isPartOf_Country]->(country) MATCH (person3:Person)-[:Person_isLocatedIn_City]->(city3:City)-[:City_isPartOf_Country]->(country) MATCH (person1)-[:Person_knows_Person]-(person2)-[:Person_knows_Person]-(person3)-[:Person_knows_Person]-(person1) RETURN country.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q3r
MATCH (country:Country) MATCH (person1:Person)-[:Person_isLocatedIn_City]->(city1:City)-[:City_isPartOf_Country]->(country) MATCH (person2:Person)-[:Person_isLocatedIn_City]->(city2:City)-[:City_isPartOf_Country]->(country) MATCH (person3:Person)-[:Person_isLocatedIn_City]->(city3:City)-[:City_isPartOf_Country]->(country) MATCH (person1)-[:Person_knows_Person]-(person2)-[:Person_knows_Person]-(person3)-[:Person_knows_Person]-(person1) RETURN country.id AS a, person1.id AS b, person2.id AS c, person3.id AS d ORDER BY a, b, c, d LIMIT 1000;

// q4g
MATCH (tag:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)-[:Post_hasCreator_Person|:Comment_hasCreator_Person]->(creator:Person), (message)<-[:Person_likes_Comment|:Person_likes_Post]-(liker:Person), (message)<-[:Comment_replyOf_Comment|:Comment_replyOf_Post]-(comment:Comment) RETURN tag.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q4r
MATCH (tag:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)-[:Post_hasCreator_Person|:Comment_hasCreator_Person]->(creator:Person), (message)<-[:Person_likes_Comment|:Person_likes_Post]-(liker:Person), (message)<-[:Comment_replyOf_Comment|:Comment_replyOf_Post]-(comment:Comment) RETURN tag.id AS a, message.id AS b, creator.id AS c, liker.id AS d, comment.id AS e ORDER BY a, b, c, d, e LIMIT 1000;

// q5g
MATCH (tag1:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Comment|Post)<-[:Comment_replyOf_Post|:Comment_replyOf_Comment]-(comment:Comment)-[:Comment_hasTag_Tag]->(tag2:Tag) WHERE id(tag1) <> id(tag2) RETURN tag1.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q5r
MATCH (tag1:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Comment|Post)<-[:Comment_replyOf_Post|:Comment_replyOf_Comment]-(comment:Comment)-[:Comment_hasTag_Tag]->(tag2:Tag) WHERE id(tag1) <> id(tag2) RETURN tag1.id AS a, message.id AS b, comment.id AS c, tag2.id AS d ORDER BY a, b, c, d LIMIT 1000;

// q6g
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person)-[:Person_knows_Person]-(person3:Person)-[:Person_hasInterest_Tag]->(tag:Tag) WHERE id(person1) <> id(person3) RETURN tag.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q6r
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person)-[:Person_knows_Person]-(person3:Person)-[:Person_hasInterest_Tag]->(tag:Tag) WHERE id(person1) <> id(person3) RETURN person1.id AS a, person2.id AS b, person3.id AS c, tag.id AS d ORDER BY a, b, c, d LIMIT 1000;

// q7g
MATCH (tag:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)-[:Post_hasCreator_Person|:Comment_hasCreator_Person]->(creator:Person) OPTIONAL MATCH (message)<-[:Person_likes_Comment|:Person_likes_Post]-(liker:Person) OPTIONAL MATCH (message)<-[:Comment_replyOf_Comment|:Comment_replyOf_Post]-(comment:Comment) RETURN tag.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q7r
MATCH (tag:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)-[:Post_hasCreator_Person|:Comment_hasCreator_Person]->(creator:Person) OPTIONAL MATCH (message)<-[:Person_likes_Comment|:Person_likes_Post]-(liker:Person) OPTIONAL MATCH (message)<-[:Comment_replyOf_Comment|:Comment_replyOf_Post]-(comment:Comment) RETURN tag.id AS a, message.id AS b, creator.id AS c, coalesce(liker.id, -1) AS d, coalesce(comment.id, -1) AS e ORDER BY a, b, c, d, e LIMIT 1000;

// q8g
MATCH (tag1:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)<-[:Comment_replyOf_Post|:Comment_replyOf_Comment]-(comment:Comment)-[:Comment_hasTag_Tag]->(tag2:Tag) WHERE NOT EXISTS {MATCH (comment)-[:Comment_hasTag_Tag]->(tag1)} AND id(tag1) <> id(tag2) RETURN tag1.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q8r
MATCH (tag1:Tag)<-[:Post_hasTag_Tag|:Comment_hasTag_Tag]-(message:Post|Comment)<-[:Comment_replyOf_Post|:Comment_replyOf_Comment]-(comment:Comment)-[:Comment_hasTag_Tag]->(tag2:Tag) WHERE NOT EXISTS {MATCH (comment)-[:Comment_hasTag_Tag]->(tag1)} AND id(tag1) <> id(tag2) RETURN tag1.id AS a, message.id AS b, comment.id AS c, tag2.id AS d ORDER BY a, b, c, d LIMIT 1000;

// q9g
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person)-[:Person_knows_Person]-(person3:Person)-[:Person_hasInterest_Tag]->(tag:Tag) WHERE NOT EXISTS {MATCH (person1)-[:Person_knows_Person]-(person3)} AND id(person1) <> id(person3) RETURN tag.id AS k, count(*) AS cnt ORDER BY cnt DESC, k LIMIT 100;

// q9r
MATCH (person1:Person)-[:Person_knows_Person]-(person2:Person)-[:Person_knows_Person]-(person3:Person)-[:Person_hasInterest_Tag]->(tag:Tag) WHERE NOT EXISTS {MATCH (person1)-[:Person_knows_Person]-(person3)} AND id(person1) <> id(person3) RETURN person1.id AS a, person2.id AS b, person3.id AS c, tag.id AS d ORDER BY a, b, c, d LIMIT 1000;
