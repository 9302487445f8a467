// Question: How is Elon Musk's name written across the five articles?
MATCH (p:Person {name: 'Elon Musk'})
UNWIND p.aliases AS alias
RETURN alias
ORDER BY alias;
//
// Expect: alias
// Expect: '@elonmusk'
// Expect: 'Elon'
// Expect: 'Elon Musk'
// Expect: 'Musk'
// Expect: 'إيلون'
// Expect: 'إيلون ماسك'
// Expect: 'السيد ماسك'
// Expect: 'المسك'
// Expect: 'ماسك'
// Expect: 'イーロン'
// Expect: 'イーロン・マスク'
// Expect: 'マスク'
// Expect: 'マスク氏'
