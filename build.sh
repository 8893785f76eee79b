#!/usr/bin/env bash
# The two entry points the README names:
#   ./build.sh example   install what is missing, then train the main example (Fashion-MNIST, CPU)
#   ./build.sh test      install what is missing, then build and run every test
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh

# Performance defaults measured on these machines (see docs/performance.md): OpenBLAS threads
# oversubscribe the cores next to libtorch's own OpenMP threads.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

case "${1:-}" in
  example)
    shift
    # Built, then started directly: `dotnet run` stays beside the app and keeps one core busy the whole time (SDK
    # 10.0.401, measured: a full core of CPU time while the app trained), which on 2 cores costs the run its second
    # thread (docs/training.md#cpu-threads).
    dotnet build examples/FashionAutoencoder -c Release -nologo -v:q
    exec examples/FashionAutoencoder/bin/Release/net10.0/FashionAutoencoder "$@"
    ;;
  test)
    shift
    exec bash scripts/test.sh "$@"
    ;;
  *)
    echo "usage: ./build.sh example|test [args...]" >&2
    exit 2
    ;;
esac
