#!/usr/bin/env bash
# Runs chorus-tui (on the demo database in your data directory unless --database says otherwise).
# Creates the virtual environment .venv on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
VENV_EXTRAS="" source "$root/scripts/venv.sh"
exec "$root/.venv/bin/chorus-tui" "$@"
