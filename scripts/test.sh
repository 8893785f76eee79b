#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one closing line:
# "tests: N passed, N failed". Exit status is dotnet test's.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build DslAe.sln -c Release -nologo -v:q "$@" || exit $?
dotnet test DslAe.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Each test assembly prints e.g. "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total: 42".
awk '/(Passed|Failed)! +- Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $rc
