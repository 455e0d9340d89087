#!/usr/bin/env bash
# Load measurement (not part of the test command): many staff circuits search the queue while mail
# intake imports. Prints memory per circuit and search latency; the latest figures go to BENCHMARKS.md.
#   PD_LOAD_CIRCUITS (default 20), PD_LOAD_SECONDS (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/require-dotnet.sh
bash scripts/install-deps.sh
dotnet test PrivacyDesk.Tests -c Release --filter "Category=Load" --logger "console;verbosity=detailed" 2>&1 | grep -E "circuits for|IMAP intake|Passed|Failed|error" || true
cat test-output/load.txt test-output/imap-bench.txt 2>/dev/null || true
