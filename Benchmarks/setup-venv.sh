#!/usr/bin/env bash
# Creates (once) the git-ignored virtual environment for `make bench` and installs highspy from PyPI.
# Usage: Benchmarks/setup-venv.sh [.venv-bench]
set -euo pipefail
venv="${1:-.venv-bench}"
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import highspy' 2>/dev/null; then
  exit 0
fi
if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -c 'import ensurepip' 2>/dev/null; then
  echo "Installing python3-venv with apt-get..."
  sudo=""; [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q -r "$here/requirements.txt"
"$venv/bin/python" -c 'import highspy; print("highspy", highspy.Highs().version(), "in", "'"$venv"'")' | tail -1
