#!/usr/bin/env bash
# tests/shell/hostile_csv.sh — hostile CSV files for the bulk import
# (--nodes/--relationships) and LOAD CSV (issue 13): each must end in a
# result or a clear error naming the file and line, quickly and in bounded
# memory (the optimized build runs under a 1 GiB address-space cap), and
# leave nothing half-loaded.
#
# The classes: input that never ends a field or a line (/dev/zero, a
# quote never closed), stray quotes under --skip-bad-rows, bytes that are
# not UTF-8, very wide headers, and the flags that set the caps.
source "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
LIMIT=${ADVERSARIAL_SECONDS:-60}
MEMCAP=""
[ "${TANGLE_FLAVOUR:-rel}" = rel ] && MEMCAP="ulimit -v 1048576;"

# bounded ARGS...: runs tangle with ARGS under the time and memory caps;
# prints its stderr and stdout, then "rc=N".
bounded() {
  bash -c "$MEMCAP exec timeout -s KILL $LIMIT \"\$@\"" tangle "$T" "$@" 2>&1
  echo "rc=$?"
}

# bounded_out ARGS...: the same, stdout only (the rows).
bounded_out() {
  bash -c "$MEMCAP exec timeout -s KILL $LIMIT \"\$@\"" tangle "$T" "$@" 2>/dev/null
  echo "rc=$?"
}

# ---- input that never ends: /dev/zero -------------------------------------------------
check "--nodes /dev/zero: a ResourceLimit naming the file, line and cap, not 4 GB and an abort" \
  "ResourceLimit: /dev/zero:1: header: field 1 is larger than 4 MiB, the limit (the csv.max_field setting: --csv-max-field)
tangle: the import failed; nothing was loaded
rc=1" "$(bounded --nodes /dev/zero -e 'RETURN 1')"
printf 'id:ID,name\n' > header.csv
check "... and as the data after a header file" \
  "ResourceLimit: /dev/zero:1: field 1 is larger than 4 MiB, the limit (the csv.max_field setting: --csv-max-field)
tangle: the import failed; nothing was loaded
rc=1" "$(bounded --nodes "P=header.csv,/dev/zero" --skip-bad-rows -e 'RETURN 1')"
check "LOAD CSV FROM '/dev/zero': a ResourceLimit naming the file and line" \
  "ResourceLimit: line 1, column 1: LOAD CSV: /dev/zero:1: field 1 is larger than 4 MiB, the limit (the csv.max_field setting: --csv-max-field)
rc=1" "$(bounded --empty -e "LOAD CSV FROM '/dev/zero' AS r RETURN count(*)" | sed '2,3d')"
check "... WITH HEADERS too" \
  "ResourceLimit: line 1, column 1: LOAD CSV: /dev/zero:1: field 1 is larger than 4 MiB, the limit (the csv.max_field setting: --csv-max-field)
rc=1" "$(bounded --empty -e "LOAD CSV WITH HEADERS FROM '/dev/zero' AS r RETURN count(*)" | sed '2,3d')"

# A record of many short fields passes no field cap but the record cap,
# and a record of empty fields the field-count cap.
awk 'BEGIN { printf "id:ID,x\n"; for (i = 0; i < 600000; i++) printf "abcdefghijklmnopqrstuvwxyz0123456789,"; print "" }' > longrec.csv
check "a 22 MB record of 600,000 fields: a ResourceLimit naming the record cap" \
  "ResourceLimit: longrec.csv:2: the record is larger than 16 MiB, the limit (the csv.max_record setting: --csv-max-record)" \
  "$(bounded --nodes longrec.csv -e 'RETURN 1' | head -n 1)"
awk 'BEGIN { for (i = 0; i < 1100000; i++) printf ","; print "" }' > commas.csv
check "1,100,000 empty fields: a ResourceLimit naming the field-count cap" \
  "ResourceLimit: line 1, column 1: LOAD CSV: commas.csv:1: the record has more than 1048576 fields, the limit (a sixteenth of the csv.max_record setting, at least 1024: --csv-max-record)" \
  "$(bounded --empty -e "LOAD CSV FROM 'commas.csv' AS r RETURN count(*)" | head -n 1)"

# ---- the caps are settings -------------------------------------------------------------
printf 'id:ID,name\n1,Ann\n2,Bartholomew\n' > names.csv
check "--csv-max-field lowers the field cap (import)" \
  "ResourceLimit: names.csv:3: field 2 is larger than 8 bytes, the limit (the csv.max_field setting: --csv-max-field)" \
  "$(bounded --csv-max-field 8 --nodes names.csv -e 'RETURN 1' | head -n 1)"
check "... and LOAD CSV's; --csv-max-field=1K raises it again" \
  "rc=1
3" "$(bounded --empty --csv-max-field=8 -e "LOAD CSV FROM 'names.csv' AS r RETURN count(*)" | tail -n 1)
$(bounded --empty --format csv --csv-max-field=1K -e "LOAD CSV FROM 'names.csv' AS r RETURN count(*) AS n" | sed -n 2p)"
check "--csv-max-record lowers the record cap" \
  "ResourceLimit: line 1, column 1: LOAD CSV: names.csv:3: the record is larger than 10 bytes, the limit (the csv.max_record setting: --csv-max-record)" \
  "$(bounded --empty --csv-max-record 10 -e "LOAD CSV FROM 'names.csv' AS r RETURN count(*)" | head -n 1)"
check "a bad size is a usage error" \
  "tangle: --csv-max-field needs a size from 1 to 1G, such as 4M, got '2T'
Try 'tangle --help'.
rc=2" "$(bounded --csv-max-field 2T -e 'RETURN 1')"
check "... so is a zero record cap" \
  "tangle: --csv-max-record needs a size from 1 to 1G, such as 16M, got '0'" \
  "$(bounded --csv-max-record 0 -e 'RETURN 1' | head -n 1)"

# ---- a stray quote spoils one row, and each bad row is reported -------------------------
{ echo 'id:ID,name'; echo '1,"Ann'; for i in $(seq 2 1001); do echo "$i,n$i"; done; } > stray.csv
check "--skip-bad-rows with one stray quote: one bad row (file and line), the 1,000 rows after it load" \
  'stray.csv:2: a quoted field is not closed on its line (a stray '"'"'"'"'"'?); line breaks inside quoted fields need --multiline-fields
Imported 1000 nodes and 0 relationships in T s; skipped 1 bad row.
1000
rc=0' "$(bounded --nodes P=stray.csv --skip-bad-rows --format csv -e 'MATCH (n:P) RETURN count(n) AS c' |
         sed -E 's/in [0-9.]+ s/in T s/; /^c$/d')"
{ echo 'id:ID,name'; for i in $(seq 1 20); do if [ $((i % 5)) -eq 0 ]; then echo "$i,\"bad $i"; else echo "$i,n$i"; fi; done; } > strays.csv
check "four stray quotes: four bad rows, each with its line" \
  "strays.csv:6:
strays.csv:11:
strays.csv:16:
strays.csv:21:
Imported 16 nodes and 0 relationships in T s; skipped 4 bad rows." \
  "$(bounded --nodes P=strays.csv --skip-bad-rows -e 'RETURN 1' 2>&1 | sed -E 's/^(strays.csv:[0-9]+:).*/\1/; s/in [0-9.]+ s/in T s/' | head -n 5)"
check "--multiline-fields lets a quoted field span lines (the stray quote then swallows the rest)" \
  "stray.csv:2: the quoted field is never closed
Imported 0 nodes and 0 relationships in T s; skipped 1 bad row." \
  "$(bounded --nodes P=stray.csv --skip-bad-rows --multiline-fields -e 'RETURN 1' | sed -E 's/in [0-9.]+ s/in T s/' | head -n 2)"
printf 'id:ID,text\n1,"two\nlines"\n' > multi.csv
check "... and reads a real one" \
  "two\\nlines" \
  "$(bounded_out --nodes P=multi.csv --multiline-fields --format tsv -e 'MATCH (n:P) RETURN n.text AS t' | sed -n 2p)"

# ---- bytes that are not UTF-8 --------------------------------------------------------
printf 'id:ID,name\n1,caf\xe9\n2,ok\n' > latin1.csv
check "import: a Latin-1 row is a bad row naming file, line and byte" \
  "IOError: latin1.csv:2: field 2 is not valid UTF-8: byte 0xE9 after 3 valid bytes (convert the file to UTF-8, e.g. with iconv)
tangle: the import failed; nothing was loaded
rc=1" "$(bounded --nodes P=latin1.csv -e 'RETURN 1')"
check "... skipped with --skip-bad-rows; JSON output of what loaded stays valid" \
  '{"name":"ok"}' \
  "$(bounded_out --nodes P=latin1.csv --skip-bad-rows --format json -e 'MATCH (n:P) RETURN n.name AS name' | head -n 1)"
check "LOAD CSV: an IOError naming file and line" \
  "IOError: line 1, column 1: LOAD CSV: latin1.csv:2: field 2 is not valid UTF-8: byte 0xE9 after 3 valid bytes (convert the file to UTF-8, e.g. with iconv)" \
  "$(bounded --empty --format json -e "LOAD CSV FROM 'latin1.csv' AS r RETURN r" | grep -m 1 Error)"
printf 'caf\xe9,b\n1,2\n' > latin1head.csv
check "... also in a header" \
  "IOError: line 1, column 1: LOAD CSV: latin1head.csv:1: field 1 is not valid UTF-8: byte 0xE9 after 3 valid bytes (convert the file to UTF-8, e.g. with iconv)" \
  "$(bounded --empty -e "LOAD CSV WITH HEADERS FROM 'latin1head.csv' AS r RETURN r" | head -n 1)"

# ---- very wide headers ---------------------------------------------------------------
W=100000
awk -v n=$W 'BEGIN { printf ":ID"; for (i = 0; i < n; i++) printf ",c%d", i; print "";
                     printf "x"; for (i = 0; i < n; i++) printf ",%d", i; print "" }' > wide.csv
check "an import header of $W columns loads, every property kept" \
  "$W,$((W - 1))
rc=0" "$(bounded_out --nodes W=wide.csv --format csv -e "MATCH (n:W) RETURN size(keys(n)) AS k, n.c$((W - 1)) AS last" | sed 1d)"
awk -v n=$W 'BEGIN { printf ":ID"; for (i = 0; i < n; i++) printf ",c%d", i; print ",c7" }' > widedup.csv
check "... and a name repeated at its end is found (a hash of the names, not a pass per column)" \
  "IOError: widedup.csv:1: property 'c7' appears twice" \
  "$(bounded --nodes W=widedup.csv -e 'RETURN 1' | head -n 1)"

tap_done
