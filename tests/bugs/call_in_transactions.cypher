// tangle: --empty --format csv --continue
// CALL { } IN TRANSACTIONS was a SyntaxError. Batches of OF n ROWS (1000
// by default) each commit before the next; ON ERROR CONTINUE / BREAK roll
// the failing batch back and bind its columns null; the default (FAIL)
// fails the statement but keeps the batches that committed; REPORT STATUS
// needs CONTINUE or BREAK; inside BEGIN ... COMMIT it is refused; the new
// words stay usable as names.
UNWIND range(1, 5) AS i CALL { WITH i CREATE (:T {i: i}) } IN TRANSACTIONS OF 2 ROWS RETURN count(*) AS n;
MATCH (t:T) RETURN count(t) AS made;
UNWIND range(1, 5) AS i CALL (i) { CREATE (t:U {i: i}) RETURN t.i * 10 AS v } IN TRANSACTIONS OF 2 ROWS RETURN i, v;
CREATE CONSTRAINT u_i FOR (u:V) REQUIRE u.i IS UNIQUE;
UNWIND [1, 2, 3, 3, 4, 5] AS i CALL (i) { CREATE (:V {i: i}) } IN TRANSACTIONS OF 2 ROWS ON ERROR CONTINUE REPORT STATUS AS s RETURN i, s.started, s.committed, s.errorMessage IS NOT NULL AS failed;
MATCH (v:V) WITH v ORDER BY v.i RETURN collect(v.i) AS kept;
UNWIND [10, 20, 30, 30, 40, 50] AS i CALL (i) { CREATE (:V {i: i}) } IN TRANSACTIONS OF 2 ROWS ON ERROR BREAK REPORT STATUS AS s RETURN i, s.started, s.committed, s.transactionId IS NOT NULL AS has_id;
UNWIND [100, 100, 200] AS i CALL (i) { CREATE (:V {i: i}) } IN TRANSACTIONS OF 1 ROW;
MATCH (v:V) WHERE v.i >= 10 RETURN v.i ORDER BY v.i;
UNWIND [1] AS i CALL (i) { RETURN i AS j } IN 4 CONCURRENT TRANSACTIONS OF 10 ROWS ON ERROR RETRY FOR 1 SECOND THEN CONTINUE RETURN j;
EXPLAIN UNWIND [1] AS i CALL (i) { CREATE (:W) } IN TRANSACTIONS OF 3 ROWS ON ERROR CONTINUE REPORT STATUS AS st RETURN st;
UNWIND [1] AS i CALL (i) { CREATE (:W) } IN TRANSACTIONS REPORT STATUS AS st RETURN st;
UNWIND [1] AS i CALL (i) { CREATE (:W) } IN TRANSACTIONS OF 0 ROWS;
WITH 1 AS rows, 2 AS status, 3 AS transactions RETURN rows + status + transactions AS words_are_names;
UNWIND [1, 2] AS i CALL (i) { RETURN i AS a UNION RETURN i * 10 AS a } IN TRANSACTIONS OF 1 ROW RETURN i, a ORDER BY a;
UNWIND [1] AS i CALL { WITH i CREATE (:X) } IN TRANSACTIONS OF 1 ROW ON ERROR FAIL REPORT STATUS AS s RETURN s;
UNWIND [1] AS i CALL { WITH i CREATE (:X) } IN TRANSACTIONS OF 1 ROW OF 2 ROWS;
UNWIND [1] AS i OPTIONAL CALL (i) { CREATE (:X) } IN TRANSACTIONS;
CALL { CALL { CREATE (:X) } IN TRANSACTIONS RETURN 1 AS one } RETURN one;
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 3 ROWS;
MATCH (n) RETURN count(n) AS left;
