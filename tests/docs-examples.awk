# tests/docs-examples.awk — finds the runnable examples of a Markdown page,
# for tests/shell/docs.sh (see docs/contributing.md, "Documentation
# examples"). Prints one record per example:
#
#   @@CASE sh|cypher LINE      the command (or Cypher text), then
#   @@EXPECT                   the output the page shows for it, then
#   @@END
#   @@FILE NAME LINE           a fenced block the page asks to be saved
#   ...                        as NAME (<!-- docs-test: file NAME -->)
#   @@END
#
# A command is a line "$ ..." in an indented block, continued while a
# quote is open or the line ends in a backslash; its output is the lines
# up to the next "$ " or the end of the block. A ```cypher block followed
# (after blank lines) by an indented block is a Cypher example with that
# output. <!-- docs-test: skip --> before a block leaves it out.

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

# Ends the indented block gathered in blk[1..nblk] (starting at line blkLine).
function flush_block(    i, line, cmd, expv, inCmd, any) {
  if (nblk == 0) return
  any = 0
  for (i = 1; i <= nblk; i++) if (substr(blk[i], 1, 2) == "$ ") any = 1
  if (skip) { nblk = 0; skip = 0; pendingCypher = ""; return }
  if (any) {
    cmd = ""; inCmd = 0; expv = ""; cmdLine = 0
    for (i = 1; i <= nblk; i++) {
      line = blk[i]
      if (inCmd) {
        cmd = cmd "\n" line
        if (complete(cmd)) inCmd = 0
        continue
      }
      if (substr(line, 1, 2) == "$ ") {
        if (cmdLine) emit("sh", cmdLine, cmd, expv)
        cmd = substr(line, 3); expv = ""; cmdLine = blkLine + i - 1
        inCmd = !complete(cmd)
        continue
      }
      expv = expv line "\n"
    }
    if (cmdLine) emit("sh", cmdLine, cmd, expv)
  } else if (pendingCypher != "") {
    expv = ""
    for (i = 1; i <= nblk; i++) expv = expv blk[i] "\n"
    emit("cypher", pendingLine, pendingCypher, expv)
  }
  pendingCypher = ""
  nblk = 0
}

function emit(kind, line, cmd, expv) {
  printf "@@CASE %s %d\n%s\n@@EXPECT\n%s@@END\n", kind, line, cmd, expv
}

BEGIN { nblk = 0; inFence = 0; skip = 0; pendingCypher = ""; saveAs = "" }

inFence {
  if ($0 ~ /^```/) {
    inFence = 0
    if (saveAs != "") { printf "@@FILE %s %d\n%s@@END\n", saveAs, fenceLine, fenceText; saveAs = "" }
    else if (fenceLang == "cypher" && !skip) { pendingCypher = fenceText; pendingLine = fenceLine }
    if (skip) skip = 0
    next
  }
  fenceText = fenceText $0 "\n"
  next
}

/^```/ {
  flush_block()
  inFence = 1; fenceLang = substr($0, 4); fenceText = ""; fenceLine = NR
  next
}

/^<!-- docs-test: skip -->/ { flush_block(); skip = 1; next }
/^<!-- docs-test: file / {
  flush_block()
  saveAs = $0; sub(/^<!-- docs-test: file /, "", saveAs); sub(/ *-->.*$/, "", saveAs)
  next
}

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
  pendingCypher = ""
  skip = 0
}

END { flush_block() }
