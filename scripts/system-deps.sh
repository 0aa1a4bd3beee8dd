#!/usr/bin/env bash
# Installs the Debian packages linli's dev stack needs, when missing: SIPp, espeak-ng, sox, debootstrap,
# Chromium and a Chinese font.
set -euo pipefail
need=()
command -v sipp >/dev/null || need+=(sip-tester)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v psql >/dev/null || need+=(postgresql-client)
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v mosquitto >/dev/null || need+=(mosquitto)
# The dashboard's browser tests drive Debian's Chromium (playwright-core downloads no browser).
[ -x /usr/bin/chromium ] || need+=(chromium)
# …and its screenshots show Chinese: a small CJK font (5 MB).
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || { echo "missing packages: ${need[*]} (run as root or install them)" >&2; exit 1; }
echo "[deps] installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
