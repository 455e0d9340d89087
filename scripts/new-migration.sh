#!/usr/bin/env bash
# Adds an EF Core migration to both migration sets (one per provider): scripts/new-migration.sh Name
#   SQLite:     Data/Migrations            (PrivacyDeskDbContext)
#   PostgreSQL: Data/Migrations/Postgres   (PostgresPrivacyDeskDbContext)
# Raw SQL a provider needs (search indexes, triggers) is added by hand to that provider's migration.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 MigrationName" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project PrivacyDesk --context PrivacyDesk.Data.PrivacyDeskDbContext --output-dir Data/Migrations
dotnet ef migrations add "$1" --project PrivacyDesk --context PrivacyDesk.Data.Providers.PostgresPrivacyDeskDbContext --output-dir Data/Migrations/Postgres --no-build
