#!/usr/bin/env bash
# Every test, from a fresh machine or a warm one: installs what is missing, type-checks, builds,
# then runs unit, protocol and real-VS-Code tests, and ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
passed=0
failed=0
status=0

step() {
  echo "== $1"
}

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

step "typecheck"
npm run --silent typecheck || exit 1
step "build"
npm run --silent build || exit 1

# Runs one node:test suite and adds its counts (the reporter's "ℹ pass N" / "ℹ fail N" lines) to the totals.
node_suite() {
  local name=$1
  step "$name tests"
  npm run --silent "test:$name" 2>&1 | tee "$log_dir/$name.log"
  local code=${PIPESTATUS[0]}
  local p f
  p=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$log_dir/$name.log" | tail -1)
  f=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$log_dir/$name.log" | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$code" -ne 0 ]; then
    status=1
    [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
  fi
}

# VS Code first: the unit suite checks the extension's grammar inside VS Code's own Markdown grammar.
step "VS Code (real-VS-Code tests and grammar)"
bash scripts/setup-vscode.sh || exit 1
export POSTMORTEM_GRAMMAR_REQUIRED=1

node_suite unit
node_suite protocol
node_suite cli

step "e2e tests (real VS Code)"
npm run --silent test:e2e 2>&1 | tee "$log_dir/e2e.log"
code=${PIPESTATUS[0]}
p=$(sed -nE 's/^e2e: ([0-9]+) passed, [0-9]+ failed.*/\1/p' "$log_dir/e2e.log" | tail -1)
f=$(sed -nE 's/^e2e: [0-9]+ passed, ([0-9]+) failed.*/\1/p' "$log_dir/e2e.log" | tail -1)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))
if [ "$code" -ne 0 ]; then
  status=1
  [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
fi

echo
echo "tests: $passed passed, $failed failed"
exit $status
