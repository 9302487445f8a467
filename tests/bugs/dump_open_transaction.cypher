// tangle: --empty --dump
// --dump after a script that left a transaction open wrote the
// transaction's uncommitted changes into the dump, and only then rolled
// them back. The transaction is now rolled back first (and the shell says
// so), so the dump holds the committed node only.
CREATE (:Kept {n: 1});
BEGIN;
CREATE (:Uncommitted {n: 2});
