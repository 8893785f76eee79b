#!/usr/bin/env bash
# Resident memory of the whole trainer across epochs (issue 15, item 8): Trainer.Fit on FashionAe with a small training
# set, so epochs are short and many, and a full-size validation set, so what runs once per epoch (validation and
# train metrics, reconstruction grid, checkpoint with its checksums, metrics.jsonl, SVG and HTML report) dominates.
# Usage: bench/memory/epochs.sh [epochs=40] [train images=640] [validation images=10000]
# Prints RSS at every epoch end, then the drift: median of the last 5 epochs against the median of epochs 5-9.
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-40}"; train="${2:-640}"; validation="${3:-10000}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
dotnet build bench/DslAe.Bench -c Release -v quiet -nologo >/dev/null
bench/DslAe.Bench/bin/Release/net10.0/DslAe.Bench epochs "$train" "$validation" "$epochs" | tee /dev/stderr | /usr/bin/python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line[0].isdigit()]
rss = {int(r[0]): float(r[2]) for r in rows}
last = max(rss)
warm = statistics.median(rss[e] for e in range(5, 10))
end = statistics.median(rss[e] for e in range(last - 4, last + 1))
print(f"RSS after warm-up (median of epochs 5-9) {warm:.1f} MiB, at the end (median of epochs {last - 4}-{last}) {end:.1f} MiB: drift {100 * (end - warm) / warm:+.2f}% over {last} epochs ({rows[-1][1]} steps); highest {max(rss.values()):.1f} MiB")
'
