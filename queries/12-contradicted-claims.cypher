// Question: Which claims are contradicted, who made them, and which document contradicts them?
// The heart of the story: Nvidia's late-April email vs. Musk's April statements.
MATCH (c:Claim)<-[x:CONTRADICTS]-(d:Document)
MATCH (who)-[:MADE]->(c)
RETURN who.name AS claimant, c.text AS claim, d.name AS contradicted_by, x.quote AS quote, size(x.sources) AS articles
ORDER BY claim, contradicted_by;
//
// Expect: claimant | claim | contradicted_by | quote | articles
// Expect: 'Elon Musk' | 'Tesla will raise its number of active H100 GPUs from 35,000 to 85,000 by the end of 2024' | 'Blog post "Elon Musk is hurting Tesla to help Twitter and xAI"' | null | 2
// Expect: 'Elon Musk' | 'Tesla will raise its number of active H100 GPUs from 35,000 to 85,000 by the end of 2024' | 'Nvidia late-April email' | 'conflicts with bookings' | 4
// Expect: 'Elon Musk' | 'Tesla will spend around $10B in 2024 on combined AI training and inference, inference mostly in the car' | 'Nvidia late-April email' | 'also conflicts with bookings and FY 2025 forecasts' | 4
