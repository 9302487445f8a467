# tests/docs-examples.awk — finds the runnable examples of a Markdown page,
# for tests/shell/docs.sh (see docs/contributing.md, "Documentation
# examples"). Prints one record per example:
#
#   @@CASE KIND LINE STATUS COMPARE   KIND sh or cypher; STATUS ok (must
#                                     exit 0), fails (must exit 1) or shown
#                                     (a following `$ echo $?` shows it);
#                                     COMPARE yes or no (no output shown)
#   @@ARGS TEXT                       extra arguments for ./tangle (cypher)
#   ...                               the command (or Cypher text), then
#   @@EXPECT
#   ...                               the output the page shows for it, then
#   @@END
#   @@FILE NAME LINE                  a fenced block the page asks to be
#   ...                               saved as NAME
#   @@END
#   @@UNMARKED LINE TEXT              a command that is neither an example
#                                     nor marked to be skipped
#
# A command is a line "$ ..." in an indented block, continued while a
# quote is open or the line ends in a backslash; its output is the lines
# up to the next "$ " or the end of the block. A ```cypher block is a
# Cypher example: its output is the indented block that follows it (after
# blank lines), if there is one. A marker line before a block applies to
# that block (markers may be stacked):
#
#   <!-- docs-test: skip [WHY] -->    not run (commands that take minutes)
#   <!-- docs-test: file NAME -->     saved as NAME for the commands after it
#   <!-- docs-test: fails [WHY] -->   a Cypher example that must fail
#   <!-- docs-test: args ARGS -->     ./tangle ARGS runs the Cypher example

# Is the shell text s complete: no quote left open, no trailing backslash?
function complete(s,    i, c, q, n) {
  q = ""
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (q == "'") { if (c == "'") q = ""; continue }
    if (c == "\\") { i++; continue }
    if (q == "\"") { if (c == "\"") q = ""; continue }
    if (c == "'" || c == "\"") q = c
  }
  return q == "" && substr(s, n, 1) != "\\"
}

# Does a line of a code block look like a command someone would type?
function is_command(line) {
  return line ~ /^(\.\/|build\/|bash |sh |TANGLE_BIN=|cc |make( |$))/
}

# Forgets the markers once a block has used them.
function reset_markers() { skip = 0; fails = 0; args = "" }

function emit(kind, line, status, compare, argv, cmd, expv) {
  printf "@@CASE %s %d %s %s\n@@ARGS %s\n%s\n@@EXPECT\n%s@@END\n", \
    kind, line, status, compare, argv, cmd, expv
}

# A ```cypher block with no output after it: run it, compare nothing.
function flush_cypher() {
  if (pendingCypher == "") return
  emit("cypher", pendingLine, pendingFails ? "fails" : "ok", "no", pendingArgs, pendingCypher, "")
  pendingCypher = ""
}

# Ends the indented block gathered in blk[1..nblk] (starting at line blkLine).
function flush_block(    i, line, n, cmds, lines, outs, inCmd, any) {
  if (nblk == 0) return
  any = 0
  for (i = 1; i <= nblk; i++) if (substr(blk[i], 1, 2) == "$ ") any = 1
  if (skip) { nblk = 0; pendingCypher = ""; reset_markers(); return }
  if (any) {
    n = 0; inCmd = 0
    for (i = 1; i <= nblk; i++) {
      line = blk[i]
      if (inCmd) {
        cmds[n] = cmds[n] "\n" line
        if (complete(cmds[n])) inCmd = 0
        continue
      }
      if (substr(line, 1, 2) == "$ ") {
        n++; cmds[n] = substr(line, 3); outs[n] = ""; lines[n] = blkLine + i - 1
        inCmd = !complete(cmds[n])
        continue
      }
      outs[n] = outs[n] line "\n"
    }
    for (i = 1; i <= n; i++)
      emit("sh", lines[i], (i < n && cmds[i + 1] == "echo $?") ? "shown" : "ok", "yes", "", cmds[i], outs[i])
    flush_cypher()
  } else if (pendingCypher != "") {
    line = ""
    for (i = 1; i <= nblk; i++) line = line blk[i] "\n"
    emit("cypher", pendingLine, pendingFails ? "fails" : "ok", "yes", pendingArgs, pendingCypher, line)
    pendingCypher = ""
  } else {
    for (i = 1; i <= nblk; i++)
      if (is_command(blk[i])) printf "@@UNMARKED %d %s\n", blkLine + i - 1, blk[i]
  }
  nblk = 0
  reset_markers()
}

BEGIN { nblk = 0; inFence = 0; pendingCypher = ""; saveAs = ""; reset_markers() }

inFence {
  if ($0 ~ /^```/) {
    inFence = 0
    if (saveAs != "") {
      printf "@@FILE %s %d\n%s@@END\n", saveAs, fenceLine, fenceText
      saveAs = ""
    } else if (fenceLang == "cypher" && !skip) {
      pendingCypher = fenceText; pendingLine = fenceLine
      pendingFails = fails; pendingArgs = args
    }
    reset_markers()
    next
  }
  if (fenceLang ~ /^(sh|bash|shell|console|)$/ && !skip && is_command($0))
    printf "@@UNMARKED %d %s\n", NR, $0
  fenceText = fenceText $0 "\n"
  next
}

/^```/ {
  flush_block()
  flush_cypher()
  inFence = 1; fenceLang = substr($0, 4); fenceText = ""; fenceLine = NR
  next
}

/^<!-- docs-test: skip( .*)?-->/ { flush_block(); flush_cypher(); skip = 1; next }
/^<!-- docs-test: fails( .*)?-->/ { flush_block(); flush_cypher(); fails = 1; next }
/^<!-- docs-test: args / {
  flush_block(); flush_cypher()
  args = $0; sub(/^<!-- docs-test: args /, "", args); sub(/ *-->.*$/, "", args)
  next
}
/^<!-- docs-test: file / {
  flush_block(); flush_cypher()
  saveAs = $0; sub(/^<!-- docs-test: file /, "", saveAs); sub(/ *-->.*$/, "", saveAs)
  next
}
/^<!-- docs-test:/ { printf "@@UNMARKED %d unknown marker: %s\n", NR, $0; next }

/^    / {
  if (nblk == 0) blkLine = NR
  blk[++nblk] = substr($0, 5)
  next
}

/^[ \t]*$/ {
  flush_block()
  next
}

{
  flush_block()
  flush_cypher()
  reset_markers()
}

END { flush_block(); flush_cypher() }
