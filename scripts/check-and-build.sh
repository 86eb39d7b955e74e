#!/usr/bin/env bash
# What `npm test` runs first: the type-check of everything (src, test, bench, migrations) then the
# lint, and the build of dist/ (which the e2e specs run as processes). Each is single-threaded, so
# on a machine of two or more cores the two chains run side by side; both must succeed.
set -uo pipefail
cd "$(dirname "$0")/.."

{ npm run --silent typecheck && npm run --silent lint; } &
typecheck=$!
npm run --silent build
built=$?
wait "$typecheck"
checked=$?
((built == 0 && checked == 0))
