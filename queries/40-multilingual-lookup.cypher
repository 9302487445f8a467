// Question: Which entity does each of these spellings refer to: 'وحي', 'ツイッター', 'Tesla Bot', 'تفاحة', 'XAI', 'Truth GPT'?
UNWIND ['وحي', 'ツイッター', 'Tesla Bot', 'تفاحة', 'XAI', 'Truth GPT'] AS spelling
MATCH (n)
WHERE spelling IN n.aliases
RETURN spelling, labels(n)[0] AS label, n.name AS name
ORDER BY spelling;
//
// Expect: spelling | label | name
// Expect: 'Tesla Bot' | 'Product' | 'Optimus'
// Expect: 'Truth GPT' | 'System' | 'Grok'
// Expect: 'XAI' | 'Firm' | 'xAI'
// Expect: 'تفاحة' | 'Firm' | 'Apple'
// Expect: 'وحي' | 'Firm' | 'Oracle'
// Expect: 'ツイッター' | 'Firm' | 'X'
