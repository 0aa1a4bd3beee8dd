#!/usr/bin/env bash
# Build, start, stop and describe the local drachtio-server that linli's SIP edge (--role sip-edge)
# drives. drachtio is not packaged for Debian, so it is built once from the vendored source
# (../shared/vendor/drachtio-server-src.tar.gz beside the checkout, or an upstream clone at the same
# commit) into a cache outside the repository, keyed by that commit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=9c2dd4cb6ae7c86fc494f028d35ea3381e311e38
cache=${LINLI_DRACHTIO_CACHE:-/var/cache/linli/drachtio}
binary="$cache/$commit/drachtio"
tarball=${LINLI_DRACHTIO_SRC:-$here/../shared/vendor/drachtio-server-src.tar.gz}
run_dir=${LINLI_DRACHTIO_RUN_DIR:-/tmp/linli-drachtio}
admin_port=${DRACHTIO_ADMIN_PORT:-9022}
# Clear of Asterisk (5060, 5160), the simulated PSTN (5070-5110) and SIPp's 21000-32000.
sip_port=${DRACHTIO_SIP_PORT:-5260}
pid_file="$run_dir/drachtio.pid"

log() { echo "[drachtio] $*" >&2; }

build_packages=(autoconf automake libtool libtool-bin cmake g++ make libssl-dev zlib1g-dev libcurl4-openssl-dev
  libboost-dev libboost-thread-dev libboost-system-dev libboost-log-dev libboost-filesystem-dev)

install_build_packages() {
  local need=() p
  for p in "${build_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || { log "missing packages: ${need[*]} (run as root or install them)"; exit 1; }
  log "installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
}

fetch_source() {
  local dest=$1
  if [ -f "$tarball" ]; then
    tar xzf "$tarball" -C "$dest"
  else
    log "no $tarball: cloning upstream at $commit"
    git clone -q https://github.com/drachtio/drachtio-server.git "$dest/drachtio-server"
    git -C "$dest/drachtio-server" checkout -q "$commit"
    git -C "$dest/drachtio-server" submodule update -q --init --recursive
  fi
}

# The steps of the vendored README, one job at a time: the Makefile's own targets for its dependencies,
# prometheus-cpp through cmake without its tests (googletest is not vendored).
build() {
  if [ -x "$binary" ]; then log "reusing $binary"; return 0; fi
  install_build_packages
  local work="$cache/$commit.partial"
  rm -rf "$work"; mkdir -p "$work"
  log "building drachtio-server $commit in $work (about 8 minutes; log in $work/build.log)"
  fetch_source "$work"
  local src="$work/drachtio-server" buildlog="$work/build.log"
  (
    set -e
    cd "$src"
    ./autogen.sh
    mkdir -p build && cd build
    ../configure CPPFLAGS='-DNDEBUG'
    make ../deps/sofia-sip/libsofia-sip-ua/.libs/libsofia-sip-ua.a
    make ../deps/jansson/src/.libs/libjansson.a
    local prom="$src/deps/prometheus-cpp"
    mkdir -p "$prom/build" && cd "$prom/build"
    cmake .. -DBUILD_SHARED_LIBS=OFF -DENABLE_TESTING=OFF -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_INSTALL_PREFIX="$prom/build"
    make && make install
    cd "$src/build"
    make ../deps/hiredis/libhiredis.a
    make
  ) >"$buildlog" 2>&1 || { log "build failed, see $buildlog"; tail -n 20 "$buildlog" >&2; exit 1; }
  strip -o "$cache/$commit.drachtio" "$src/build/drachtio"
  mkdir -p "$cache/$commit"
  mv "$cache/$commit.drachtio" "$binary"
  rm -rf "$work"
  log "built $binary"
}

secret_file="$run_dir/admin-secret"

our_pid() {
  local pid; pid=$(cat "$pid_file" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$binary")" ] || return 1
  echo "$pid"
}

admin_up() { (exec 3<>"/dev/tcp/127.0.0.1/$admin_port") 2>/dev/null; }

# Closes the files the daemon would inherit from the caller (in its subshell): one started under
# flock(1) would otherwise keep the lock held for as long as it runs.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done 2>/dev/null
}

start() {
  build
  if our_pid >/dev/null; then log "already running (admin 127.0.0.1:$admin_port, SIP 127.0.0.1:$sip_port)"; return 0; fi
  if admin_up; then log "port $admin_port is taken by a process this script did not start"; exit 1; fi
  mkdir -p "$run_dir"; chmod 700 "$run_dir"
  # A fresh admin secret per start: only the edge started after it (reading `env`) can connect.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secret_file"; chmod 600 "$secret_file"
  sed -e "s|@ADMIN_PORT@|$admin_port|; s|@SECRET@|$(cat "$secret_file")|; s|@SIP_PORT@|$sip_port|" \
      -e "s|@LOG_FILE@|$run_dir/drachtio.log|; s|@LOG_DIR@|$run_dir|" \
      "$here/docker/drachtio/drachtio.conf.xml" > "$run_dir/drachtio.conf.xml"
  chmod 600 "$run_dir/drachtio.conf.xml"
  # exec in the same subshell, so that $! is drachtio itself.
  (close_inherited_fds; exec "$binary" -f "$run_dir/drachtio.conf.xml" >"$run_dir/stdout.log" 2>&1) &
  echo $! > "$pid_file"
  local pid; pid=$(cat "$pid_file")
  # kill -0, not our_pid: until the launcher's exec, the process is still a shell.
  for _ in $(seq 1 40); do
    if admin_up && our_pid >/dev/null; then log "running: admin 127.0.0.1:$admin_port, SIP 127.0.0.1:$sip_port"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  log "drachtio did not come up; last lines of its log:"; tail -n 30 "$run_dir/drachtio.log" "$run_dir/stdout.log" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  exit 1
}

# Stops the drachtio this script started, by its pid file only.
stop() {
  local pid
  if pid=$(our_pid); then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pid_file"
  log "stopped"
}

env_lines() {
  [ -s "$secret_file" ] || { log "not started: no admin secret yet"; exit 1; }
  echo "DRACHTIO_URL=drachtio://:$(cat "$secret_file")@127.0.0.1:$admin_port"
  echo "SIP_EDGE_PORT=$sip_port"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if our_pid >/dev/null && admin_up; then echo "up (admin 127.0.0.1:$admin_port, SIP 127.0.0.1:$sip_port)"; else echo "down"; exit 1; fi ;;
  binary) echo "$binary" ;;
  env) env_lines ;;
  *) echo "usage: $0 build|start|stop|restart|status|binary|env" >&2; exit 2 ;;
esac
