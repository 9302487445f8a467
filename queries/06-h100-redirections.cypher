// Question: Which H100 shipments did Musk have redirected, how many chips, and from whom to whom?
MATCH (e:Event)-[i:INVOLVES]->(c:Chip {name: 'H100'}),
      (e)-[:ORIGINALLY_FOR]->(first:Firm),
      (e)-[:REDIRECTED_TO]->(second:Firm)
RETURN e.kind AS kind, i.units AS units, first.name AS meant_for, second.name AS went_to,
       e.status AS status, size(e.sources) AS articles
ORDER BY meant_for, went_to;
//
// Expect: kind | units | meant_for | went_to | status | articles
// Expect: 'shipment redirection' | 12000 | 'Tesla' | 'X' | 'shipped' | 4
// Expect: 'order redirection' | 12000 | 'X' | 'Tesla' | 'ordered' | 4
