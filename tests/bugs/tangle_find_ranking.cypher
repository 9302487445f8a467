// tangle: --format csv
// tangle.find scored every name found inside the query a flat 0.4, so
// "Tesla's Texas Gigafactory" found Texas first and "Texas Gigafactory
// Tesla" Tesla; Japanese, written without spaces, matched no whole word, so
// 「テスラのテキサス・ギガファクトリー」 found nothing. A name inside the
// query now scores by how much of the query it covers, and words end at
// every Han or kana character.
UNWIND ["Tesla's Texas Gigafactory", 'Texas Gigafactory Tesla', 'テスラのテキサス・ギガファクトリー'] AS q
CALL (q) { CALL tangle.find(q) YIELD node, score RETURN node.name AS found, round(score, 3) AS score LIMIT 3 }
RETURN q, found, score;
CALL tangle.find('テスラ社') YIELD node, score RETURN node.name AS found, score LIMIT 2;
CALL tangle.find('teslas') YIELD node, score RETURN node.name AS found, round(score, 3) AS score LIMIT 2;
CALL tangle.find('ギガファクトリー') YIELD node, score RETURN node.name AS found, round(score, 3) AS score LIMIT 2;
