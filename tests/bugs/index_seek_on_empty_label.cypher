// tangle: --empty
// With statistics, a scan of an empty label tied with the index seek (0
// rows each) and won, so a plan made before the data came (and cached by
// the server until the graph grows) scanned. The seek wins the tie.
CREATE INDEX cached_id FOR (n:Cached) ON (n.id);
EXPLAIN MATCH (n:Cached {id: 1}) RETURN n;
EXPLAIN MATCH (n:Cached) WHERE n.id > 3 RETURN n;
