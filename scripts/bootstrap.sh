#!/usr/bin/env bash
# Prepares this checkout: system packages, the virtual environment, the Python packages.
#   scripts/bootstrap.sh run   — what the service needs
#   scripts/bootstrap.sh test  — that, plus what the tests need (Chromium, qpdf, poppler)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
PYTHON=${PYTHON:-python3}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

debs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext)
if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then debs+=(python3-venv); fi
if [ "$mode" = test ]; then debs+=(chromium qpdf poppler-utils); fi

missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing system packages. Run this once, then run the command again:"
    echo "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi

extras=""
[ "$mode" = test ] && extras="[dev]"
stamp="var/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${mode}"
mkdir -p var
if [ ! -f "$stamp" ]; then
  say "Installing Python packages${extras:+ (with test tools)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
else
  say "Python packages are up to date"
fi
