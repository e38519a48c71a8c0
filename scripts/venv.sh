# Sourced by run.sh and test.sh: makes .venv (with the extras named in VENV_EXTRAS, e.g. "test")
# when it is missing or when pyproject.toml changed since it was made. A .venv made with the test
# extras also serves run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
extras="${VENV_EXTRAS:-}"
python="${PYTHON:-python3}"
stamp="$venv/.installed${extras:+-$extras}"
wanted="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"

up_to_date() {
  [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && return 0
  [ -z "$extras" ] && [ "$(cat "$venv/.installed-test" 2>/dev/null)" = "$wanted" ]
}

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
if ! up_to_date; then
  echo "Installing chorus-tui${extras:+[$extras]} into .venv…" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip \
    >/dev/null 2>&1 || true
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      -e "$root${extras:+[$extras]}" >"$venv/install.log" 2>&1; then
    cat "$venv/install.log" >&2
    exit 1
  fi
  echo "$wanted" > "$stamp"
fi
