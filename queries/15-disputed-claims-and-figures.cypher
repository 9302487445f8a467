// Question: Which claims and market figures exist in more than one version, and how many articles back each?
// Versions of one fact share the `fact` key; collect + UNWIND keeps only keys with two or more versions.
MATCH (n)
WHERE n.fact IS NOT NULL
WITH n.fact AS fact_key, collect(n) AS versions
WHERE size(versions) > 1
UNWIND versions AS v
RETURN fact_key AS fact, coalesce(v.text, v.name) AS version, v.variant AS how_it_differs, size(v.sources) AS articles
ORDER BY fact, version;
//
// Expect: fact | version | how_it_differs | articles
// Expect: 'nvidia-revenue-growth-2024-05' | 'Nvidia revenue growth, May 2024 quarter (seed-000)' | 'more than 200%, third quarter in a row' | 1
// Expect: 'nvidia-revenue-growth-2024-05' | 'Nvidia revenue growth, May 2024 quarter (seed-001)' | 'exactly 200%, last quarter' | 1
// Expect: 'xai-25pct' | 'Twitter (X) holds 25% of xAI' | 'holder is Twitter/X itself, present tense' | 2
// Expect: 'xai-25pct' | 'X Corp investors will own 25% of xAI' | 'holders are X Corp\'s investors, future tense ("will own")' | 1
