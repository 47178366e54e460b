#!/usr/bin/env bash
# `npm test`: the whole suite, in the order a failure is cheapest to find. Stops at the first failing step.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false FORCE_COLOR=0
results=tmp/test-results
rm -rf "$results" && mkdir -p "$results"

summary() {
  node -e '
    const fs = require("fs"); const dir = process.argv[1];
    let passed = 0, failed = 0, skipped = 0;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
      passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
      skipped += r.numPendingTests + r.numTodoTests;
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  ' "$results"
}

step() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  local started=$SECONDS
  if ! "$@"; then
    printf '\n✗ %s failed (%ss)\n' "$name" $((SECONDS - started))
    summary
    exit 1
  fi
  printf '✓ %s (%ss)\n' "$name" $((SECONDS - started))
}

jest_run() {
  local label=$1; shift
  npx jest "$@" --json --outputFile="$results/$label.json"
}

step "services (PostgreSQL, Redis)" node scripts/check-services.mjs
step "format (prettier)" npx prettier --check . --log-level warn
step "lint and typecheck" npx nx run-many -t lint typecheck --output-style=static
step "unit tests" jest_run unit -c jest.unit.config.ts
step "build" npx nx run-many -t build -p api admin --output-style=static
step "integration tests (PostgreSQL, Redis, processes)" jest_run integration -c apps/api/jest.int.config.ts
step "browser tests (Chromium)" jest_run e2e -c apps/admin-e2e/jest.config.ts --runInBand
summary
