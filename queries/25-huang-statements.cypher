// Question: What did Jensen Huang say, and where?
MATCH (:Person {name: 'Jensen Huang'})-[:MADE]->(c:Claim)-[:PUBLISHED_IN]->(d:Document)
RETURN d.name AS venue, c.text AS statement
ORDER BY venue, statement;
//
// Expect: venue | statement
// Expect: 'Jensen Huang at the New York Times DealBook Summit' | 'DGX took about five years to perfect and ship; Huang personally delivered the first one to Musk for OpenAI'
// Expect: 'Jensen Huang at the New York Times DealBook Summit' | 'Musk and OpenAI are behind Nvidia\'s decision to develop its first AI supercomputer, DGX, starting in 2012'
// Expect: 'Nvidia February 2024 earnings call' | 'Nvidia tries to allocate fairly and avoid unnecessary allocation: why allocate when the data centre is not ready?'
// Expect: 'Nvidia May 2024 earnings call' | 'Customers are consuming every GPU out there'
// Expect: 'Nvidia May 2024 earnings call' | 'xAI, six of the largest tech companies and Tesla are among the customers already using Blackwell'
// Expect: 'Nvidia all-hands meeting (November 2023)' | 'Nvidia has not advertised on X for a very long time and has no plans to'
// Expect: 'Nvidia all-hands meeting (November 2023)' | 'Nvidia will never make public statements against any other company'
