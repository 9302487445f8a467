// tangle: --empty --format csv
// Neo4j 5's normalize(s [, form]) with the form as a bare word, and
// s IS [NOT] [form] NORMALIZED, were unknown (a SyntaxError, an unknown
// function). A form in parentheses or from a variable is an expression;
// a non-string is neither normalized nor not (null); NORMALIZED and the
// form names remain usable as names.
RETURN normalize('e' + '\u0301') = '\u00e9' AS nfc, size(normalize('\u00e9', NFD)) AS nfd,
       normalize('\ufb01', nfkc) AS nfkc, normalize('\u2460', NFKD) AS nfkd;
WITH 'NFD' AS f RETURN size(normalize('\u00e9', f)) AS from_variable;
RETURN '\u00e9' IS NORMALIZED AS a, '\u00e9' IS NFD NORMALIZED AS b, 'e\u0301' IS NOT NFC NORMALIZED AS c,
       1 IS NORMALIZED AS d, null IS NOT NORMALIZED AS e, 'plain' IS NFKD NORMALIZED AS f;
WITH 1 AS normalized, 2 AS NFC RETURN normalized + NFC AS names;
MATCH (n) WHERE n.name IS NOT NORMALIZED RETURN n;
RETURN 'x' IS NFX NORMALIZED;
