#!/usr/bin/env bash
# Installs what DslAe needs on a Debian machine, idempotently: only missing packages are installed.
# Called by build.sh; safe to run by hand. Without root (or sudo) and apt it stops and says what to install.
set -euo pipefail

# libtorch (C++), the real data set, a fast BLAS (Debian's default libblas is the slow reference
# one), Debian's PyTorch as the reference peer for tests, libpng and libjpeg-turbo for images, and a C++ toolchain.
APT_PACKAGES=(libtorch-dev dataset-fashion-mnist libopenblas0-pthread python3-torch libpng-dev libturbojpeg0
              cmake g++ make pkg-config)

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
