// Question: What did Nvidia's late-April email say?
MATCH (d:Document {id: 'nvidia-email-2024-04'})-[r]->(target)
RETURN type(r) AS says, coalesce(target.name, target.text) AS about, coalesce(r.quote, r.risk) AS detail,
       size(r.sources) AS articles
ORDER BY says, about;
//
// Expect: says | about | detail | articles
// Expect: 'CONTRADICTS' | 'Tesla will raise its number of active H100 GPUs from 35,000 to 85,000 by the end of 2024' | 'conflicts with bookings' | 4
// Expect: 'CONTRADICTS' | 'Tesla will spend around $10B in 2024 on combined AI training and inference, inference mostly in the car' | 'also conflicts with bookings and FY 2025 forecasts' | 4
// Expect: 'MENTIONS' | 'Tesla layoffs and restructuring 2024' | null | 3
// Expect: 'WARNS' | 'Tesla H100 project' | 'headcount reductions could further delay it' | 3
