#!/usr/bin/env bash
# Load measurements (not part of the test command); the latest figures go to BENCHMARKS.md:
#   - many staff circuits search the queue while mail intake imports (memory per circuit, search latency);
#   - IMAP intake throughput;
#   - two app nodes on one PostgreSQL (a throwaway cluster) under staff load while both poll one mailbox.
#   PD_LOAD_CIRCUITS (default 20), PD_LOAD_SECONDS (default 60), PD_NODES_MESSAGES (default 1000);
#   PD_LOAD_FILTER narrows to one measurement, e.g. PD_LOAD_FILTER=TwoNodeLoadTests
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/require-dotnet.sh
bash scripts/install-deps.sh
pgdir="$(mktemp -d /tmp/pd-pg.XXXXXX)"
trap 'bash scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
PD_TEST_POSTGRES="$(bash scripts/postgres.sh start "$pgdir" "$port")"
export PD_TEST_POSTGRES
filter="Category=Load"
[ -n "${PD_LOAD_FILTER:-}" ] && filter="$filter&FullyQualifiedName~$PD_LOAD_FILTER"
dotnet test PrivacyDesk.Tests -c Release --filter "$filter" --logger "console;verbosity=detailed" 2>&1 | grep -E "circuits for|IMAP intake|Two nodes|Passed|Failed|error" || true
cat test-output/load.txt test-output/imap-bench.txt test-output/two-nodes.txt 2>/dev/null || true
