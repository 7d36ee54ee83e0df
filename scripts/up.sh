#!/usr/bin/env bash
# Quick start: install everything, build, and run LiveLab on the embedded database (studio on http://localhost:${PORT:-3000}).
set -euo pipefail
cd "$(dirname "$0")/.."
# The app itself needs no system package; ffmpeg only for recordings, so a missing one is a warning here.
bash scripts/bootstrap.sh || echo "bootstrap: continuing without the system packages (recording and browser tests need them)"
npm ci --no-audit --no-fund
npm run build
exec npm start
