#!/usr/bin/env bash
# The village demo: starts what it needs (Asterisk, PostgreSQL-free embedded database, Redis,
# simulated phones) and shows linli at work. Pass --keep to leave the API running afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stack-env.sh"
cd "$linli_root"
npm run -s build:web
exec node -r @swc-node/register simulators/demo/village-demo.ts "$@"
