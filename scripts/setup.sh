#!/usr/bin/env bash
# Installs what DslAe needs on a Debian machine, idempotently: only missing packages are installed.
# Called by build.sh; safe to run by hand. Without root (or sudo) and apt it stops and says what to install.
set -euo pipefail

# Everything DslAe itself needs comes from NuGet (TorchSharp with libtorch, SkiaSharp). apt brings only what the
# tests, examples and benchmarks use: the Fashion-MNIST data set, Debian's PyTorch as the independent reference peer,
# and OpenBLAS for that PyTorch (Debian's default libblas is the slow reference one, which would make the
# side-by-side benchmarks unfair to it), and binutils, whose readelf checks the libstdc++ step independently.
APT_PACKAGES=(dataset-fashion-mnist python3-torch libopenblas0-pthread binutils)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: apt-get not found. Install these (or their equivalents) and run again: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
      echo "setup: missing packages: ${missing[*]}" >&2
      echo "setup: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is missing (https://dot.net); install it and run again." >&2
  exit 1
fi
