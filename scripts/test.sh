#!/usr/bin/env bash
# The test suite: unit tests in parallel, then the end-to-end tests through the real Asterisk and
# SIPp one file at a time (they share the simulated PSTN's port).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stack-env.sh"
cd "$linli_root"
export LINLI_REQUIRE_STACK=1
npx tsc -p tsconfig.json --noEmit
# The dashboard's build (typechecked on the way), which its browser tests drive.
npm run -s build:web
npx jest --selectProjects=unit "$@"
npx jest --selectProjects=e2e --runInBand "$@"
