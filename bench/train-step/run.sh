#!/usr/bin/env bash
# FashionAe's training step: DslAe (the generated module under our trainer) vs the same model in PyTorch, on
# the same libtorch, the same threads and the same data. Prints ms/step for both and their ratio.
#   bench/train-step/run.sh [images=6400] [rounds=3]
# Each side trains 2 epochs on the first <images> Fashion-MNIST images (batch 64) and reports the second
# epoch's mean step time (the first warms up oneDNN and the allocator); sides alternate for <rounds> rounds and
# the best round of each counts, which keeps load from other processes out of the comparison as far as it can.
set -euo pipefail
cd "$(dirname "$0")/../.."
images="${1:-6400}"; rounds="${2:-3}"
data=/usr/share/datasets/fashion-mnist
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# The DslAe command line sets this short libgomp spin itself (docs/training.md); Python gets the same.
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-20000}"

dotnet build examples/FashionAutoencoder -c Release -v quiet -nologo >/dev/null
app=examples/FashionAutoencoder/bin/Release/net10.0/FashionAutoencoder
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

best_cs=""; best_py=""
for round in $(seq 1 "$rounds"); do
  "$app" train --limit "$images" --epochs 2 --device cpu --data "$data" --out "$work/run$round" >/dev/null
  cs="$(tail -1 "$work/run$round/metrics.jsonl" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["step_ms"])')"
  py="$(/usr/bin/python3 bench/train-step/fashion_ae_step.py "$data" "$images" 2)"
  echo "round $round: DslAe $cs ms/step, PyTorch $py ms/step"
  best_cs="$(/usr/bin/python3 -c "print(min(x for x in [$cs, ${best_cs:-1e9}]))")"
  best_py="$(/usr/bin/python3 -c "print(min(x for x in [$py, ${best_py:-1e9}]))")"
done
echo "FashionAe train step, batch 64, $(nproc) cores, libtorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
/usr/bin/python3 -c "print(f'DslAe   {$best_cs:8.3f} ms/step'); print(f'PyTorch {$best_py:8.3f} ms/step'); print(f'ratio   {$best_cs / $best_py:8.3f} (DslAe / PyTorch; below 1 means DslAe is faster)')"
