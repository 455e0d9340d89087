#!/usr/bin/env bash
# Runs PrivacyDesk with demo data on its embedded SQLite database (data/privacydesk.db).
# First start: seeds demo merchants, staff and data, creates a demo admin and prints its password.
# Pass --urls to listen elsewhere: scripts/run-demo.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/require-dotnet.sh
dotnet build PrivacyDesk/PrivacyDesk.csproj -c Release -nologo -v quiet
exec PrivacyDesk/bin/Release/net10.0/PrivacyDesk demo "$@"
