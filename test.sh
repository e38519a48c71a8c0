#!/usr/bin/env bash
# Runs the whole test suite: lint, the layers' contract, pytest on 2 cores, then the benchmarks
# in quick mode (a smoke test).
# Creates the virtual environment .venv (with the test extras) on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
VENV_EXTRAS=test source "$root/scripts/venv.sh"
cd "$root"
# install_missing TEST PACKAGE: what the tests need from Debian, installed on a fresh machine
# (as root) when TEST fails: tmux (the end-to-end tests), PostgreSQL (the domain suite runs on it
# too, in a throw-away cluster: tests/postgres.py), sshd (two operators over SSH).
install_missing() {
  if ! eval "$1" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null 2>&1 || true
  fi
}
install_missing "command -v tmux" tmux
install_missing "ls /usr/lib/postgresql/*/bin/initdb" postgresql
install_missing "test -x /usr/sbin/sshd" openssh-server
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet .
.venv/bin/lint-imports
.venv/bin/python -m pytest -n 2 "$@"
# The benchmarks' smoke test (issue 9): every measurement runs on a 10,000-user database; its
# numbers are not checked here (benchmarks/RESULTS.md holds those of a full run).
if [ "$#" = 0 ]; then
  .venv/bin/python -m benchmarks --quick --output "$(mktemp -d)/quick.md"
fi
