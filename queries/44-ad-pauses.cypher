// Question: Which firms paused advertising on X, and when?
MATCH (f:Firm)-[r:PAUSED_ADS_ON]->(:Firm {name: 'X'})
RETURN f.name AS firm, r.year AS year, r.month AS month, r.reason AS reason
ORDER BY firm;
//
// Expect: firm | year | month | reason
// Expect: 'Apple' | 2023 | 11 | 'antisemitism and other hate speech on the platform'
// Expect: 'Disney' | 2023 | 11 | 'antisemitism and other hate speech on the platform'
