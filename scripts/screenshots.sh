#!/usr/bin/env bash
# Copies every snapshot SVG (tests/snapshots/__snapshots__/<module>/<Class>.<test>.svg) to
# screenshots/<test name with dashes>.svg, e.g. TestLogin.test_login_empty.svg -> login-empty.svg.
# Run it after `pytest tests/snapshots --snapshot-update`, once the pictures have been checked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$root/tests/snapshots/__snapshots__"
target_dir="$root/screenshots"

shopt -s nullglob
snapshots=("$source_dir"/*/*.svg)
if [ ${#snapshots[@]} -eq 0 ]; then
  echo "no snapshot in $source_dir: run pytest tests/snapshots --snapshot-update first" >&2
  exit 1
fi

mkdir -p "$target_dir"
rm -f "$target_dir"/*.svg
declare -A seen=()
for file in "${snapshots[@]}"; do
  name="$(basename "$file" .svg)"  # TestLogin.test_login_empty
  name="${name##*.}"                # test_login_empty
  name="${name#test_}"              # login_empty
  name="${name//_/-}"               # login-empty
  if [ -n "${seen[$name]:-}" ]; then
    echo "two snapshots would both be named $name.svg: ${seen[$name]} and $file" >&2
    exit 1
  fi
  seen[$name]="$file"
  cp "$file" "$target_dir/$name.svg"
done
echo "${#snapshots[@]} screenshots written to ${target_dir#"$root"/}/"
