#!/usr/bin/env bash
# The whole test suite on a fresh machine: the Python packages in a venv, Debian's Chromium
# (Playwright's own browser download does not work here) and CJK fonts for the browser tests,
# axe-core from npm, then pytest. Extra arguments go to one pytest run in their place.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'CJK'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
(cd tests/browser && npm ci --silent --no-audit --no-fund)
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
# Every test but the browser's on every core (the quick path's and the slow ones), then the
# browser's one at a time: Chromium's own processes take both cores already (on 2 cores, two at
# once took 19 min against 14.6 one at a time).
.venv/bin/python -m pytest -n auto --dist loadscope --ignore=tests/browser
exec .venv/bin/python -m pytest tests/browser
