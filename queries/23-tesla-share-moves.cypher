// Question: How did Tesla's shares move, according to the articles?
MATCH (:Firm {name: 'Tesla'})-[:HAS_METRIC]->(m:Metric {metric: 'share price change'})
RETURN m.name AS figure, m.value AS change, m.qualifier AS qualifier, m.period AS period, size(m.sources) AS articles
ORDER BY change;
//
// Expect: figure | change | qualifier | period | articles
// Expect: 'Tesla share price change, 2024 to date' | -0.29 | null | '2024 year to date' | 3
// Expect: 'Tesla share drop after the CNBC report' | -0.01 | 'as much as' | 'Tuesday morning after the news' | 1
