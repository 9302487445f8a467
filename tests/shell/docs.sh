#!/usr/bin/env bash
# tests/shell/docs.sh — every example in README.md and docs/*.md runs as
# written and prints what the page shows (docs/contributing.md,
# "Documentation examples"; tests/docs-examples.awk finds them).
#
# Each page runs in a scratch folder of its own that sees the repository's
# queries/, datasets/, docs/, bench/, engine/ and build/, with ./tangle the
# binary under test, so the page's commands can write files (s.cypher,
# founded.svg) without touching the repository. `$ cat FILE` of a file that
# does not exist yet shows a file the example needs: the test writes it.
# A command must exit 0 unless the page shows its status (`$ echo $?`
# after it); a Cypher example runs with `./tangle [ARGS] -e TEXT` and must
# exit 0, or 1 when the page marks it `<!-- docs-test: fails -->`. Each
# page also gets one line saying that every command in its code blocks is
# either an example or marked `<!-- docs-test: skip -->`.
# Times ("in 0.00 s", "0.3 ms") are not compared.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Under the sanitizers a leak still shows in the output (and fails the
# comparison); the list of suppressions used does not.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"

# Output without timings and trailing blanks, for comparison.
normalize() { sed -E 's/[0-9]+(\.[0-9]+)? (s|ms)\b/T \2/g; s/[[:space:]]+$//'; }

# match EXPECTED ACTUAL: equal, or when EXPECTED leaves rows out ("│ ...",
# "..."), its other lines appear in ACTUAL in order.
match() {
  local exp act
  exp=$(printf '%s' "$1" | normalize)
  act=$(printf '%s' "$2" | normalize)
  if ! grep -qE '^(│ \.\.\.|\.\.\.)' <<<"$exp"; then
    [ "$exp" == "$act" ]
    return
  fi
  awk 'NR == FNR { if ($0 !~ /^(│ \.\.\.|\.\.\.)/) want[++n] = $0; next }
       i < n && $0 == want[i + 1] { i++ }
       END { exit i == n ? 0 : 1 }' <(printf '%s\n' "$exp") <(printf '%s\n' "$act")
}

# run_page FILE: runs every example of one page.
run_page() {
  local page=$1 dir kind line status compare args cmd exp state="" out rc last=0 name
  local unmarked="" want
  dir="$TMP/$(basename "$page" .md)"
  mkdir -p "$dir"
  for d in queries datasets docs bench engine build tests; do ln -s "$ROOT/$d" "$dir/$d"; done
  ln -s "$T" "$dir/tangle"
  while IFS= read -r row; do
    case "$state" in
      "")
        if [[ "$row" == "@@CASE "* ]]; then
          read -r _ kind line status compare <<<"$row"; cmd=""; exp=""; state=args
        elif [[ "$row" == "@@FILE "* ]]; then
          read -r _ name line <<<"$row"; exp=""; state=file
        elif [[ "$row" == "@@UNMARKED "* ]]; then
          unmarked+="${unmarked:+$'\n'}$page:${row#@@UNMARKED }"
        fi
        ;;
      args)
        args=${row#@@ARGS}; args=${args# }; state=cmd
        ;;
      cmd)
        if [ "$row" == "@@EXPECT" ]; then state=exp; else cmd+="${cmd:+$'\n'}$row"; fi
        ;;
      file | exp)
        if [ "$row" != "@@END" ]; then exp+="$row"$'\n'; continue; fi
        if [ "$state" = file ]; then
          printf '%s' "$exp" > "$dir/$name"
        elif [ "$kind" = sh ] && [[ "$cmd" =~ ^cat\ ([^ ]+)$ ]] && [ ! -e "$dir/${BASH_REMATCH[1]}" ]; then
          printf '%s' "$exp" > "$dir/${BASH_REMATCH[1]}"
        else
          if [ "$kind" = cypher ]; then
            out=$(cd "$dir" && eval "./tangle $args -e \"\$cmd\"" 2>&1)
          else
            out=$(cd "$dir" && bash -c "(exit $last); $cmd" 2>&1)
          fi
          rc=$?
          last=$rc
          case $status in
            ok) want=0 ;;
            fails) want=1 ;;
            *) want=$rc ;;  # the page shows the status with `$ echo $?`
          esac
          if [ "$rc" != "$want" ]; then
            check "$page:$line runs as written" "exit status $want" "exit status $rc"$'\n'"$out"
          elif [ "$compare" = no ] || match "$exp" "$out"; then
            check "$page:$line runs as written" ok ok
          else
            check "$page:$line runs as written" "$exp" "$out"
          fi
        fi
        state=""
        ;;
    esac
  done < <(awk -f "$ROOT/tests/docs-examples.awk" "$ROOT/$page")
  check "$page: every command in a code block is an example or marked skip" "" "$unmarked"
}

cd "$ROOT" || exit 1
for page in README.md docs/*.md; do run_page "$page"; done

# docs/cli.md's tables and the program's own help name the same options
# and :commands, each way round.
names() { grep -oE -- "$1" | sort -u; }
help_opts=$("$T" --help | grep -E '^  -' | names '--[a-z][a-z-]*')
page_opts=$(grep -E '^\| `-' docs/cli.md | cut -d'|' -f2 | names '--[a-z][a-z-]*')
check "docs/cli.md's option table has every option of --help, and no other" "$help_opts" "$page_opts"
help_cmds=$(printf ':help\n' | "$T" 2>&1 | grep -E '^  :' | names '^  :[a-z]+' | tr -d ' ')
page_cmds=$(grep -E '^\| `:' docs/cli.md | cut -d'|' -f2 | names ':[a-z]+')
check "docs/cli.md's command table has every :command of :help, and no other" "$help_cmds" "$page_cmds"
tap_done
