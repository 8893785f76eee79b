#!/usr/bin/env bash
# Per-call cost of a tiny op (relu / add / mul on a 1-element tensor) from C# (DslAe.Torch) and from
# Python (/usr/bin/python3, Debian's python3-torch), both on the same system libtorch, side by side.
# Usage: bench/percall.sh [iterations per repeat] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200000}"
repeats="${2:-7}"
# Threads: see the performance notes in /work/shared/REFERENCE-FACTS.md; both sides also set 1 intra-op thread.
export OPENBLAS_NUM_THREADS=1

dotnet build bench/DslAe.Bench -c Release -v quiet -nologo >/dev/null
csharp="$(dotnet bench/DslAe.Bench/bin/Release/net10.0/DslAe.Bench.dll "$iterations" "$repeats")"
python="$(/usr/bin/python3 bench/percall.py "$iterations" "$repeats")"

echo "per-call cost, median of $repeats repeats x $iterations calls (microseconds)"
printf '%-12s %10s %10s %14s\n' op "C#" Python "C#/Python"
join <(sort <<<"$csharp") <(sort <<<"$python") |
  awk '{ printf "%-12s %10.3f %10.3f %14.2f\n", $1, $2, $3, $2 / $3 }'
