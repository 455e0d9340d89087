#!/usr/bin/env bash
# Checks that a .NET SDK (10.x builds the net9.0 self-contained app, see Directory.Build.props) is on PATH.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed. Install .NET SDK 10 (https://dot.net), then run this again." >&2
  exit 1
fi
