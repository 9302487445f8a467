// tangle: --format csv
// tangle.find on the built-in graph ranks the most specific match first
// (issue 17): the three surface forms the articles print for the Texas
// Gigafactory used to find Texas, Tesla and nothing first.
CALL tangle.find("Tesla's Texas Gigafactory") YIELD node, score
RETURN node.name AS name, round(score, 3) AS score LIMIT 3;
CALL tangle.find('Texas Gigafactory Tesla') YIELD node, score
RETURN node.name AS name, round(score, 3) AS score LIMIT 3;
CALL tangle.find('テスラのテキサス・ギガファクトリー') YIELD node, score
RETURN node.name AS name, round(score, 3) AS score LIMIT 3;
// A whole name scores 1, an alias 0.95, in any script.
CALL tangle.find('Texas') YIELD node, score RETURN node.name AS name, round(score, 3) AS score LIMIT 2;
CALL tangle.find('テキサス') YIELD node, score RETURN node.name AS name, round(score, 3) AS score LIMIT 2;
CALL tangle.find('إيلون ماسك') YIELD node, score RETURN node.name AS name, round(score, 3) AS score LIMIT 1;
CALL tangle.find('ｘＡＩ') YIELD node, score RETURN node.name AS name, round(score, 3) AS score LIMIT 1;
// Nothing shared: no rows.
CALL tangle.find('zebra') YIELD node RETURN count(*) AS none;
// The lookup follows writes to names and aliases.
CREATE (:Place {name: 'Okapi Gigafactory', aliases: ['オカピ・ギガファクトリー']});
CALL tangle.find('オカピのギガファクトリー') YIELD node, score RETURN node.name AS name, round(score, 3) AS score LIMIT 2;
MATCH (p:Place {name: 'Okapi Gigafactory'}) DELETE p;
CALL tangle.find('Okapi') YIELD node RETURN count(*) AS none;
// Other forms: a name with a suffix in Japanese, a plural, a katakana word.
CALL tangle.find('テスラ社') YIELD node, score RETURN node.name AS found, score LIMIT 2;
CALL tangle.find('teslas') YIELD node, score RETURN node.name AS found, round(score, 3) AS score LIMIT 2;
CALL tangle.find('ギガファクトリー') YIELD node, score RETURN node.name AS found, round(score, 3) AS score LIMIT 2;
