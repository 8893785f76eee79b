#!/usr/bin/env bash
# FashionAe's training step (batch 64, Adam) four ways, side by side in one run, interleaved rounds, medians:
#   generated    the module DslAe generates, in a plain TorchSharp loop        (bench/DslAe.Bench)
#   handwritten  the same model written by hand in TorchSharp, the same loop   (bench/DslAe.Bench)
#   trainer      DslAe's Trainer around the generated module (reseeding per step, loss terms, progress)
#   pytorch      the same model and loop in Debian's PyTorch 1.13 eager        (fashion_ae_step.py)
# and, in every round, generated and hand-written alternating step by step in one process (paired): the ratio that
# the goal "generated <= 1.02x hand-written" is judged by, since both sides then see the same machine state.
# Usage: bench/train-step/run.sh [rounds=5] [warm-up steps=30] [timed steps=300] [images=6400]
# Each round runs each side once, in a fresh process; the order rotates from round to round so no side always runs
# first or after the same neighbour. A side's figure is the median over rounds of its per-round median step time,
# with the spread (lowest and highest round). Run it on a quiet machine: with other processes on the cores every side
# slows down several times (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"; warmup="${2:-30}"; timed="${3:-300}"; images="${4:-6400}"
data=/usr/share/datasets/fashion-mnist
# Debian's PyTorch uses OpenBLAS, whose own threads would compete with PyTorch's OpenMP threads.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

dotnet build bench/DslAe.Bench -c Release -v quiet -nologo >/dev/null
bench=bench/DslAe.Bench/bin/Release/net10.0/DslAe.Bench
sides=(generated handwritten trainer pytorch)
declare -A results
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for k in 0 1 2 3; do
    side="${sides[$(( (round + k) % 4 ))]}"
    if [ "$side" = pytorch ]; then
      ms="$(/usr/bin/python3 bench/train-step/fashion_ae_step.py "$data" "$images" "$warmup" "$timed")"
    else
      ms="$("$bench" step "$side" "$images" "$warmup" "$timed")"
    fi
    results[$side]="${results[$side]:-} $ms"
    line="$line $side $ms"
  done
  read -r pg ph ratio <<<"$("$bench" paired "$images" "$warmup" "$timed")"
  results[paired]="${results[paired]:-} $ratio"
  echo "$line ms; paired: generated $pg, hand-written $ph ms, ratio $ratio"
done

echo "FashionAe training step, batch 64, $(nproc) cores; median of $rounds rounds of the median of $timed steps (ms)"
/usr/bin/python3 - "${results[generated]}" "${results[handwritten]}" "${results[trainer]}" "${results[pytorch]}" "${results[paired]}" <<'PY'
import statistics, sys
paired = [float(v) for v in sys.argv.pop().split()]
names = ["generated (TorchSharp 0.107, libtorch 2.10)", "hand-written TorchSharp", "DslAe trainer step", "PyTorch 1.13.1 eager (Debian)"]
rounds = [[float(v) for v in arg.split()] for arg in sys.argv[1:]]
values = [statistics.median(r) for r in rounds]
for name, value, r in zip(names, values, rounds):
    print(f"  {name:46s} {value:8.2f}   (rounds {min(r):.2f} .. {max(r):.2f})")
print(f"  {'own binding (libtorch 1.13; earlier session)':46s} {15.9:8.2f}   (README before the move, not rerun)")
g, h, t, p = values
print(f"generated / hand-written, paired in one process: {statistics.median(paired):.3f} (rounds {min(paired):.3f} .. {max(paired):.3f})")
print(f"ratios of the separate runs: generated / hand-written {g / h:.3f}   trainer / hand-written {t / h:.3f}   generated / PyTorch {g / p:.3f}   generated / own binding {g / 15.9:.3f}")
PY
