#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test (service, component,
# Chromium browser, mail-server and PDF tests), and prints one summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/require-dotnet.sh
bash scripts/install-deps.sh
results="$(mktemp -d)"
set +e
# The load measurement (Category=Load) runs apart: scripts/load-test.sh.
dotnet test PrivacyDesk.sln -c Release --filter "Category!=Load" --logger "trx;LogFileName=results.trx" --results-directory "$results" \
  --logger "console;verbosity=normal" 2>&1 | grep -v "^\s*$"
status=${PIPESTATUS[0]}
set -e
python3 scripts/trx-summary.py "$results"/results.trx || true
exit "$status"
