#!/usr/bin/env bash
# Adds an EF Core migration: scripts/new-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 MigrationName" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project PrivacyDesk --output-dir Data/Migrations
