/*
** stats.h — statistics the planner estimates cardinalities from.
**
** For every relationship type and direction, and every label of the node
** at that end: how many relationships there are, how many nodes have at
** least one, and the sum of the squares of those nodes' counts (skew). "The average Person has 30 KNOWS relationships" and "every
** HAS_CREATOR relationship ends at a Person" both come from these counts.
**
** The counts are gathered in one pass over the adjacency directories (no
** relationship is visited) and cached on the graph. Like any database's
** ANALYZE they may lag behind: they are gathered again when the graph's
** size has drifted by more than a tenth since (or, for small graphs, after
** any change), which keeps planning cheap under many small writes.
*/
#ifndef TANGLE_STATS_H
#define TANGLE_STATS_H

#include "store/graph.h"

typedef struct GraphStats GraphStats;

/* The graph's statistics, gathered now when missing or stale. */
const GraphStats *stats_get(Graph *g);
void stats_free(GraphStats *s);

/* Relationships of `type` (-1: any type) in direction dir (DIR_OUT: the
** node is the start; DIR_IN: the end) at nodes carrying `label` (-1: any
** node). Labels or types newer than the statistics count as 0. */
double stats_rels(const GraphStats *s, int64_t type, int dir, int64_t label);
/* The sum, over nodes carrying `label`, of the square of their number of
** such relationships. Divided by stats_rels it is the number a node met
** by following one of them has on average (larger than the plain average
** when a few nodes hold most of them): the skew a plan that reaches a
** node through one relationship and then expands its siblings sees. */
double stats_rels_squared(const GraphStats *s, int64_t type, int dir, int64_t label);
/* Nodes carrying `label` (-1: any) with at least one such relationship. */
double stats_nodes(const GraphStats *s, int64_t type, int dir, int64_t label);

#endif /* TANGLE_STATS_H */
