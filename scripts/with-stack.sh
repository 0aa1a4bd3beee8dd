#!/usr/bin/env bash
# Runs a command with the local stack up and linli pointed at it: scripts/with-stack.sh <command...>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stack-env.sh"
cd "$linli_root"
exec "$@"
