// Question: Which documents from 2024 does the graph know, month by month?
MATCH (d:Document)
WHERE d.year = 2024
RETURN d.month AS month, d.kind AS kind, d.name AS document
ORDER BY month, document;
//
// Expect: month | kind | document
// Expect: 1 | 'post' | 'Musk post on X, January 2024: Dojo and Nvidia spending'
// Expect: 1 | 'post' | 'Musk post on X, January 2024: Tesla is an AI/robotics company'
// Expect: 1 | 'post' | 'Musk post on X, January 2024: ~25% voting control'
// Expect: 1 | 'earnings call' | 'Tesla Q4 2023 earnings call'
// Expect: 2 | 'earnings call' | 'Nvidia February 2024 earnings call'
// Expect: 2 | 'email' | 'Nvidia February email'
// Expect: 3 | 'talk' | 'Igor Babuschkin\'s overview at GTC 2024'
// Expect: 3 | 'press release' | 'Nvidia press release launching Blackwell'
// Expect: 4 | 'post' | 'Musk post on X, 28 April 2024: ~$10B on AI'
// Expect: 4 | 'email' | 'Nvidia late-April email'
// Expect: 4 | 'earnings call' | 'Tesla Q1 2024 earnings call'
// Expect: 5 | 'earnings call' | 'Nvidia May 2024 earnings call'
// Expect: 6 | 'article' | 'CNBC report on the Nvidia emails (June 2024)'
// Expect: 6 | 'article' | 'seed-004: Japanese post "Elon Musk is hurting Tesla to help Twitter and xAI"'
