#!/usr/bin/env bash
# Checks the Python client: a venv in target/py-venv (git-ignored) with the pinned
# requirements-dev.txt and the package (editable), then `generate.sh --check` (committed stubs
# match proto/), mypy --strict and pytest against a real article-server ($ARTICLE_SERVER_BIN, else
# target/debug/article-server, built with cargo when missing). Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

VENV="$root/target/py-venv"
PY="$VENV/bin/python"
stamp="$VENV/.requirements-dev.txt"

if [ ! -x "$PY" ] || ! cmp -s clients/python/requirements-dev.txt "$stamp"; then
  echo "== venv $VENV (requirements-dev.txt)"
  python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check -r clients/python/requirements-dev.txt
  cp clients/python/requirements-dev.txt "$stamp"
fi
echo "== pip install -e clients/python"
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e clients/python
"$PY" -m pip check

echo "== generate.sh --check"
PYTHON="$PY" clients/python/generate.sh --check

echo "== mypy --strict"
(cd clients/python && "$PY" -m mypy)

echo "== pytest"
set +e
(cd clients/python && "$PY" -m pytest -ra -p no:cacheprovider "$@")
rc=$?
set -e
case "$rc" in
  0) echo "python client check: OK" ;;
  5) echo "python client check: FAILED (pytest collected no tests)" >&2 ;;
  *) echo "python client check: FAILED (pytest exit code $rc)" >&2 ;;
esac
exit "$rc"
