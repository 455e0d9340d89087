#!/usr/bin/env bash
# Checks that the .NET 10 SDK is on PATH (the app and tests target net10.0, framework-dependent).
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed. Install .NET SDK 10 (https://dot.net), then run this again." >&2
  exit 1
fi
