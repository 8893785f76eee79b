#!/usr/bin/env bash
# Resident memory of DslAe's training step over a long run: FashionAe, batch 64, the trainer's step (reseed, corrupt,
# loss terms, zero_grad, backward, Adam) in a dispose scope, sampled every <every> steps after <warm-up> steps.
# Usage: bench/memory/run.sh [steps=20000] [warm-up=2000] [every=1000]
# Prints the samples and the drift: (last - first after warm-up) / first, and the largest sample above the first.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps="${1:-20000}"; warmup="${2:-2000}"; every="${3:-1000}"
dotnet build bench/DslAe.Bench -c Release -v quiet -nologo >/dev/null
bench/DslAe.Bench/bin/Release/net10.0/DslAe.Bench rss "$steps" "$warmup" "$every" | tee /dev/stderr | /usr/bin/python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line[0].isdigit()]
rss = [float(r[1]) for r in rows]
first, last, peak = rss[0], rss[-1], max(rss)
print(f"RSS after warm-up {first:.1f} MiB, at the end {last:.1f} MiB: drift {100 * (last - first) / first:+.2f}%; highest sample {peak:.1f} MiB ({100 * (peak - first) / first:+.2f}%); {rows[-1][0]} steps in {rows[-1][2]} s")
'
