#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, starts a throwaway PostgreSQL, and runs
#   1. every test on SQLite (service, component, Chromium browser, mail-server, PDF and CLI tests), then
#   2. the service, HTTP, mail and CLI tests again on PostgreSQL (browser tests stay on SQLite),
# and prints one summary line per provider "N passed, N failed". The cluster is stopped by its own pg_ctl.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/require-dotnet.sh
bash scripts/install-deps.sh
results="$(mktemp -d)"
pgdir="$(mktemp -d /tmp/pd-pg.XXXXXX)"
trap 'bash scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
PD_TEST_POSTGRES="$(bash scripts/postgres.sh start "$pgdir" "$port")"
export PD_TEST_POSTGRES
echo "Throwaway PostgreSQL on 127.0.0.1:$port ($pgdir)"

dotnet build PrivacyDesk.sln -c Release 2>&1 | grep -E "error|Warn|Build succeeded" || true
set +e
# The load measurement (Category=Load) runs apart: scripts/load-test.sh.
dotnet test PrivacyDesk.sln -c Release --no-build --filter "Category!=Load&Provider!=Postgres" \
  --logger "trx;LogFileName=sqlite.trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 | grep -v "^\s*$"
sqlite_status=${PIPESTATUS[0]}
PD_TEST_PROVIDER=Postgres dotnet test PrivacyDesk.sln -c Release --no-build --filter "Category!=Load&Category!=Browser&Provider!=Sqlite" \
  --logger "trx;LogFileName=postgres.trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 | grep -v "^\s*$"
postgres_status=${PIPESTATUS[0]}
set -e
echo "SQLite:     $(python3 scripts/trx-summary.py "$results"/sqlite.trx || echo 'no results')"
echo "PostgreSQL: $(python3 scripts/trx-summary.py "$results"/postgres.trx || echo 'no results')"
# A run that stopped early (killed, crashed) writes no results file: that is a failure too, whatever its exit code.
python3 scripts/trx-summary.py "$results"/sqlite.trx | grep -q " 0 failed" || sqlite_status=1
python3 scripts/trx-summary.py "$results"/postgres.trx | grep -q " 0 failed" || postgres_status=1
[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
