// tangle: --empty --format csv
// Dividing a duration rounded the last nanosecond to the nearest one
// (2 s / 3 gave PT0.666666667S); Neo4j drops the fraction of a nanosecond.
RETURN duration({seconds: 2}) / 3 AS twoThirds, duration({seconds: -2}) / 3 AS negative,
       duration({days: 1}) / 7 AS dayBySeven, duration({seconds: 1}) * 0.3333333333 AS scaled;
