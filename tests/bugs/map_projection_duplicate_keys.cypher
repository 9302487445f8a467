// tangle: --empty --format csv
// A map projection's .* added every property even when an earlier item
// had the same key, so m{.name, .*} held name twice. Later entries now
// replace earlier ones (which keep their place), as in a map literal.
WITH {name: 'a', age: 3} AS m RETURN m{.name, .*} AS x, m{.*, name: 'b'} AS y, m{.age, .*, .age} AS z, size(keys(m{.name, .*})) AS n;
RETURN {a: 1, b: 2, a: 3} AS w;
