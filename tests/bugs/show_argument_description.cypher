// tangle: --empty --format csv
// SHOW PROCEDURES and SHOW FUNCTIONS gave an empty argumentDescription
// (and returnDescription) for everything; tools read them to show what a
// procedure takes. Each argument or field is now a map read from the
// signature, with its default when it has one.
SHOW PROCEDURES YIELD name, argumentDescription, returnDescription
WHERE name IN ['db.index.fulltext.queryNodes', 'db.labels']
RETURN name, argumentDescription, returnDescription ORDER BY name;
SHOW FUNCTIONS YIELD name, argumentDescription
WHERE name IN ['substring', 'pi', 'coalesce']
RETURN name, [a IN argumentDescription | a.name + ':' + a.type] AS arguments ORDER BY name;
