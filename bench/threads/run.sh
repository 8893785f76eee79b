#!/usr/bin/env bash
# FashionAe's generated training step (batch 64, Adam) under competing load, for each thread setting, interleaved:
#   loads     quiet; 1, 2 and 3 CPU-bound processes (busy loops); a second DslAe training process (2 threads)
#   settings  2 threads with GOMP_SPINCOUNT=20000 (DslAe's default until it measured this), 2 threads with libgomp's default spin,
#             2 threads passive (OMP_WAIT_POLICY=PASSIVE), 1 thread, and dslae: what the trainer chooses itself (the
#             cores other processes leave free when it starts, libgomp's default spin)
# SETTINGS="dslae onethread" picks some of them (default: all five).
# Usage: bench/threads/run.sh [rounds=3] [warm-up steps=20] [timed steps=150] [images=6400]
# Prints, per load and setting, the median over rounds of each run's median step time (ms), and the rounds' spread.
# Run it on an otherwise quiet machine: the loads are the ones it makes itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"; warmup="${2:-20}"; timed="${3:-150}"; images="${4:-6400}"
dotnet build bench/DslAe.Bench -c Release -v quiet -nologo >/dev/null
bench=bench/DslAe.Bench/bin/Release/net10.0/DslAe.Bench
loads=(quiet busy1 busy2 busy3 trainer)
read -r -a settings <<< "${SETTINGS:-spin20000 spindefault passive onethread dslae}"
pids=()
# A load is a subshell; its children (the competing trainer) are stopped with it.
stop_load() { for p in "${pids[@]:-}"; do [ -n "$p" ] && { pkill -P "$p" 2>/dev/null; kill "$p" 2>/dev/null; } || true; done; wait 2>/dev/null || true; pids=(); }
trap stop_load EXIT
start_load() {
  case "$1" in
    quiet) ;;
    busy*) for _ in $(seq 1 "${1#busy}"); do (while :; do :; done) & pids+=($!); done ;;
    trainer) (while :; do GOMP_SPINCOUNT=20000 "$bench" step generated "$images" 0 100000 >/dev/null; done) & pids+=($!)
             sleep 8 ;;  # past its data loading, into its steps
  esac
}
run_setting() {
  case "$1" in
    spin20000)   env -u OMP_WAIT_POLICY GOMP_SPINCOUNT=20000 OMP_NUM_THREADS=2 "$bench" step generated "$images" "$warmup" "$timed" ;;
    spindefault) env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT OMP_NUM_THREADS=2 "$bench" step generated "$images" "$warmup" "$timed" ;;
    passive)     env -u GOMP_SPINCOUNT OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=2 "$bench" step generated "$images" "$warmup" "$timed" ;;
    onethread)   env -u OMP_WAIT_POLICY GOMP_SPINCOUNT=20000 OMP_NUM_THREADS=1 "$bench" step generated "$images" "$warmup" "$timed" ;;
    dslae)       env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT -u OMP_NUM_THREADS DSLAE_BENCH_THREADS=auto "$bench" step generated "$images" "$warmup" "$timed" ;;
  esac
}
declare -A results
for round in $(seq 1 "$rounds"); do
  for load in "${loads[@]}"; do
    start_load "$load"
    line="round $round, $load:"
    for k in "${!settings[@]}"; do
      setting="${settings[$(( (round + k) % ${#settings[@]} ))]}"
      ms="$(run_setting "$setting")"
      results[$load.$setting]="${results[$load.$setting]:-} $ms"
      line="$line $setting $ms"
    done
    stop_load
    echo "$line"
  done
done
echo "FashionAe generated step, batch 64, $(nproc) cores: median over $rounds rounds of the median of $timed steps (ms)"
args=()
for load in "${loads[@]}"; do for setting in "${settings[@]}"; do args+=("$load" "$setting" "${results[$load.$setting]}"); done; done
/usr/bin/python3 - "${settings[@]}" -- "${args[@]}" <<'PY'
import statistics, sys
argv = sys.argv[1:]
settings = argv[:argv.index("--")]
rest = argv[argv.index("--") + 1:]
table = {}
for i in range(0, len(rest), 3):
    table.setdefault(rest[i], {})[rest[i + 1]] = [float(v) for v in rest[i + 2].split()]
print(f"  {'load':10s}" + "".join(f"{s:>24s}" for s in settings))
for load, row in table.items():
    cells = []
    for s in settings:
        r = row[s]
        cells.append(f"{statistics.median(r):7.1f} ({min(r):.0f}-{max(r):.0f})")
    print(f"  {load:10s}" + "".join(f"{c:>24s}" for c in cells))
PY
