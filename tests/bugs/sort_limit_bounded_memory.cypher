// tangle: --empty --format csv --max-memory 64MB
// ORDER BY ... LIMIT k keeps only the best rows, and gives back the memory
// of those it drops. Before, the rows cut away stayed in the sort's arena
// until the statement ended: 3 million rows ran out of 64 MB here (and
// LSQB's q6r, the first 1,000 of 55.6 million matches, peaked at 4.5 GB).
UNWIND range(1, 3000000) AS i WITH i, 'row ' + toString(i) AS s RETURN s ORDER BY i DESC LIMIT 3;
UNWIND range(1, 3000000) AS i WITH i % 1000 AS k, i RETURN k, i ORDER BY k, i DESC LIMIT 4;
UNWIND range(1, 100000) AS i RETURN i ORDER BY i LIMIT 0;
UNWIND range(1, 20000) AS i WITH (i * 7919) % 5003 AS k, i RETURN k, i ORDER BY k DESC, i LIMIT 5;
UNWIND range(1, 20000) AS i WITH CASE WHEN i % 7 = 0 THEN null ELSE (i * 31) % 997 END AS k, i RETURN k, i ORDER BY k DESC, i DESC SKIP 3 LIMIT 4;
UNWIND range(1, 20000) AS i WITH CASE WHEN i % 7 = 0 THEN null ELSE (i * 31) % 997 END AS k, i RETURN k, i ORDER BY k, i LIMIT 3;
