// Question: Who was asked for comment, and how did they respond?
MATCH (who)-[r:ASKED_FOR_COMMENT]->(d:Document)
RETURN d.id AS report, who.name AS asked, r.response AS response
ORDER BY report, asked;
//
// Expect: report | asked | response
// Expect: 'cnbc-report-2024-06' | 'Elon Musk' | 'did not respond'
// Expect: 'cnbc-report-2024-06' | 'Nvidia' | 'declined to comment'
// Expect: 'cnbc-report-2024-06' | 'Tesla' | 'did not respond'
// Expect: 'cnbc-report-2024-06' | 'X' | 'did not respond'
// Expect: 'seed-002' | 'Nvidia' | 'declined to comment'
// Expect: 'seed-002' | 'Tesla' | 'did not respond'
// Expect: 'seed-002' | 'xAI' | 'did not respond'
