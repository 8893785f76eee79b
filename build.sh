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
    exec dotnet run --project examples/FashionAutoencoder -c Release -- "$@"
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
