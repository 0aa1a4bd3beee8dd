# Sourced by test, demo and bench scripts: brings up the local stack (system packages, PostgreSQL,
# Redis, Asterisk) and exports the settings that point linli at it.
set -euo pipefail
linli_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$linli_root/scripts/system-deps.sh"
bash "$linli_root/scripts/services.sh"
[ -d "$linli_root/node_modules" ] || (cd "$linli_root" && npm ci)
[ -f "$linli_root/src/generated/prisma/client.ts" ] || (cd "$linli_root" && npm run -s prisma:generate >/dev/null)
export LINLI_MEDIA_DIR="$linli_root/audio"
mkdir -p "$LINLI_MEDIA_DIR/cache" "$LINLI_MEDIA_DIR/prompts" "$LINLI_MEDIA_DIR/recordings"
bash "$linli_root/scripts/asterisk.sh" start
eval "export $(bash "$linli_root/scripts/asterisk.sh" env)"
export MEDIA_DIR="$LINLI_MEDIA_DIR"
export ASTERISK_MEDIA_DIR=/media/linli
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export TRUNKS=${TRUNKS:-pstn@local:30:10}
