// tangle: --empty --format csv
// `+` of a temporal and a string was a TypeError; Neo4j concatenates the
// temporal's text, in either order.
RETURN time('10:00') + '-' AS timeDash, '-' + date('2020-01-01') AS dashDate,
       'at ' + datetime('2024-05-01T10:00[Europe/Stockholm]') AS at, duration('P1DT2H') + '!' AS dur,
       localtime('10:00:01.5') + '' AS local, null + date('2020-01-01') AS nullPlus;
