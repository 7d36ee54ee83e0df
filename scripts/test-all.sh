#!/usr/bin/env bash
# The whole test suite from a fresh clone: system packages, npm packages, lint, type-check, build, tests.
# Integration suites run on PGlite always and also on PostgreSQL at 127.0.0.1:5432/test when it answers.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
bash scripts/bootstrap.sh
npm ci --no-audit --no-fund
npm run lint
npm run typecheck
npm run build:native
npx nx run-many -t build --skip-nx-cache --outputStyle=static
npx vitest run
npx vitest run --config tests/vitest.e2e.config.ts
