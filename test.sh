#!/usr/bin/env bash
# Runs the whole test suite: lint, the layers' contract, then pytest on 2 cores.
# Creates the virtual environment .venv (with the test extras) on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
VENV_EXTRAS=test source "$root/scripts/venv.sh"
cd "$root"
if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux) >/dev/null 2>&1 || true
  fi
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet .
.venv/bin/lint-imports
exec .venv/bin/python -m pytest -n 2 "$@"
