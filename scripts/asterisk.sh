#!/usr/bin/env bash
# Provision, start, stop and health-check the local Asterisk 22 that dev, tests and the demo use.
# Asterisk is not in this Debian release, so it lives in a debootstrap'd Debian unstable folder
# cached outside the repository (LINLI_ASTERISK_ROOT) and runs there under chroot.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${LINLI_ASTERISK_ROOT:-/var/cache/linli/asterisk-root}
media=${LINLI_MEDIA_DIR:-$here/audio}
# LINLI_ASTERISK_INSTANCE=<name> runs another Asterisk from the same root (the SIP edge's second
# server): its own config folder (/etc/asterisk-<name>), run, spool, log and database folders, SIP
# port (LINLI_ASTERISK_SIP_PORT, default 5160) and AMI port (default 5039), and its name in every
# call id. Unset, this is the Asterisk that dev, tests and the demo use, exactly as before.
instance=${LINLI_ASTERISK_INSTANCE:-}
if [ -n "$instance" ]; then
  [[ "$instance" =~ ^[a-z0-9]+$ ]] || { echo "LINLI_ASTERISK_INSTANCE: lower-case letters and digits only" >&2; exit 2; }
  ami_port=${AMI_PORT:-5039}
  sip_port=${LINLI_ASTERISK_SIP_PORT:-5160}
  etc_dir=/etc/asterisk-$instance
  ast=(asterisk -C "$etc_dir/asterisk.conf")
else
  ami_port=${AMI_PORT:-5038}
  etc_dir=/etc/asterisk
  ast=(asterisk)
fi

log() { echo "[asterisk${instance:+ $instance}] $*" >&2; }

# The mirror this machine's apt already uses, so the script works wherever apt works.
debian_mirror() {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v security | grep -oE 'https?://[^ ]+/debian/?' | head -n1 || true)
  [ -n "$uri" ] || { log "no Debian mirror found in apt sources"; exit 1; }
  echo "${uri%/}"
}

is_provisioned() { [ -x "$root/usr/sbin/asterisk" ] && [ -f "$root/.linli-provisioned" ]; }

mount_proc() {
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  # Another instance shares the first one's mounts and never moves them under it.
  if [ -n "$instance" ] && mountpoint -q "$root/media/linli"; then return 0; fi
  bind_media
}

bind_media() {
  mkdir -p "$root/media/linli"
  # A mount left by an earlier checkout (another folder) would hide this one's audio from Asterisk.
  if mountpoint -q "$root/media/linli"; then umount "$root/media/linli" || umount -l "$root/media/linli"; fi
  mount --bind "$media" "$root/media/linli"
}

unmount_all() {
  for m in "$root/media/linli" "$root/proc"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m" || umount -l "$m"; fi
  done
}

provision() {
  if is_provisioned; then log "reusing $root"; return 0; fi
  command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install debootstrap"; exit 1; }
  local mirror; mirror=$(debian_mirror)
  log "building Asterisk root in $root from $mirror (about 2 minutes)"
  unmount_all
  rm -rf "$root"; mkdir -p "$(dirname "$root")"
  local tmp="$root.partial"; rm -rf "$tmp"
  debootstrap --variant=minbase sid "$tmp" "$mirror" >/tmp/linli-debootstrap.log 2>&1 \
    || { log "debootstrap failed, see /tmp/linli-debootstrap.log"; exit 1; }
  mount -t proc proc "$tmp/proc"
  local apt_opts=(-o Acquire::Check-Valid-Until=false -o Dpkg::Use-Pty=0 -q)
  if ! { chroot "$tmp" apt-get "${apt_opts[@]}" update &&
         DEBIAN_FRONTEND=noninteractive chroot "$tmp" apt-get "${apt_opts[@]}" install -y --no-install-recommends \
           asterisk asterisk-core-sounds-en-gsm; } >/tmp/linli-asterisk-apt.log 2>&1; then
    umount "$tmp/proc" || true
    log "apt inside the chroot failed, see /tmp/linli-asterisk-apt.log"; exit 1
  fi
  umount "$tmp/proc"
  chroot "$tmp" apt-get clean
  mv "$tmp" "$root"
  touch "$root/.linli-provisioned"
  log "provisioned: $(chroot "$root" asterisk -V)"
}

# Name lookups inside the chroot stay on this machine: Asterisk resolves its own host name at start
# and per call, and the test stack must never send traffic off loopback.
install_resolver() {
  printf '127.0.0.1 localhost %s\n::1 localhost\n' "$(hostname)" > "$root/etc/hosts"
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$root/etc/resolv.conf"
}

# Another instance's folders: the stock configuration, then its own directories, name and run folder.
install_instance_dirs() {
  local etc="$root$etc_dir" d
  mkdir -p "$etc"
  cp -a "$root/etc/asterisk/." "$etc/"
  # The stock [directories](!) is a template, which Asterisk ignores: made a real section here.
  sed -i -e "s|^\[directories\](!)|[directories]|" -e "s|^astetcdir => .*|astetcdir => $etc_dir|" \
    -e "s|^astdbdir => .*|astdbdir => /var/lib/asterisk-$instance|" \
    -e "s|^astspooldir => .*|astspooldir => /var/spool/asterisk-$instance|" \
    -e "s|^astrundir => .*|astrundir => /var/run/asterisk-$instance|" \
    -e "s|^astlogdir => .*|astlogdir => /var/log/asterisk-$instance|" \
    -e "s|^\[options\]|[options]\nsystemname = $instance|" "$etc/asterisk.conf"
  for d in "/var/lib/asterisk-$instance" "/var/spool/asterisk-$instance/outgoing" "/var/log/asterisk-$instance/cdr-csv" \
    "/var/log/asterisk-$instance/cdr-custom" "/run/asterisk-$instance"; do
    mkdir -p "$root$d"
  done
}

install_config() {
  local etc="$root$etc_dir"
  install_resolver
  if [ -n "$instance" ]; then install_instance_dirs; fi
  # The stock dialplans in other languages would add contexts nobody reviewed.
  rm -f "$etc/extensions.ael" "$etc/extensions.lua" "$etc/users.conf"
  cp "$here"/dialplans/*.conf "$etc/"
  cp "$here"/simulators/asterisk/*.conf "$etc/"
  sed -i "s/^port = .*/port = $ami_port/; s/^secret = .*/secret = $(ami_secret)/" "$etc/manager.conf"
  if [ -n "${LINLI_PSTN_PORT:-}" ]; then sed -i "s/127.0.0.1:5070/127.0.0.1:$LINLI_PSTN_PORT/" "$etc/pjsip.conf"; fi
  if [ -n "$instance" ]; then
    sed -i "s/^bind = 127.0.0.1:5060/bind = 127.0.0.1:$sip_port/" "$etc/pjsip.conf"
    chroot "$root" chown -R asterisk:asterisk "$etc_dir" "/var/lib/asterisk-$instance" "/var/spool/asterisk-$instance" \
      "/var/log/asterisk-$instance" "/run/asterisk-$instance" 2>/dev/null || true
  fi
  chroot "$root" chown -R asterisk:asterisk /etc/asterisk /var/lib/asterisk /var/spool/asterisk /var/log/asterisk /var/run/asterisk 2>/dev/null || true
  chmod -R a+rwX "$media"
}

# The AMI secret of this local Asterisk: AMI_SECRET if set, else one generated once and kept beside the cache.
ami_secret() {
  if [ -n "${AMI_SECRET:-}" ]; then echo "$AMI_SECRET"; return; fi
  local f; f="$(dirname "$root")/ami-secret"
  [ -s "$f" ] || { mkdir -p "$(dirname "$f")"; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$f"; chmod 600 "$f"; }
  cat "$f"
}

ami_up() { (exec 3<>"/dev/tcp/127.0.0.1/$ami_port") 2>/dev/null; }

# Closes the files a daemon would inherit from the caller (in the daemon's subshell): one started under
# flock(1) would otherwise keep the lock held for as long as it runs (every later e2e run waiting for ever).
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done 2>/dev/null
}

start() {
  provision
  mkdir -p "$media"
  if ami_up; then
    log "already running (AMI on $ami_port)"
    if [ -n "$instance" ]; then mount_proc; else bind_media; fi
    install_config; chroot "$root" "${ast[@]}" -rx 'core reload' >/dev/null; return 0
  fi
  mount_proc
  install_config
  chroot "$root" install -d -o asterisk -g asterisk /var/run/asterisk
  (close_inherited_fds; exec chroot "$root" "${ast[@]}" -U asterisk -G asterisk >/dev/null 2>&1)
  for _ in $(seq 1 60); do
    if ami_up && chroot "$root" "${ast[@]}" -rx 'core waitfullybooted' >/dev/null 2>&1; then
      log "running: AMI on 127.0.0.1:$ami_port"; return 0
    fi
    sleep 0.5
  done
  log "Asterisk did not come up; last lines of its log:"; tail -n 30 "$root/var/log/asterisk${instance:+-$instance}/messages" 2>/dev/null || true
  exit 1
}

# Asterisk's pid file as seen from the host: in the chroot /var/run links to /run, so not via var/run.
pid_file="$root/run/asterisk${instance:+-$instance}/asterisk.pid"

# The pid of the Asterisk running in this root, if any; a pid reused by another process does not count.
our_asterisk_pid() {
  local pid; pid=$(cat "$pid_file" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ "$(readlink -f "/proc/$pid/root" 2>/dev/null)" = "$(readlink -f "$root")" ] || return 1
  echo "$pid"
}

# Stops this root's Asterisk only, by its pid file: any other Asterisk on the machine (another checkout's
# root, a packaged one) is left alone.
stop() {
  if [ -x "$root/usr/sbin/asterisk" ] && ami_up; then
    chroot "$root" "${ast[@]}" -rx 'core stop now' >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do ami_up || break; sleep 0.25; done
  fi
  local pid
  if pid=$(our_asterisk_pid); then
    log "Asterisk (pid $pid) did not stop when asked; terminating it"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pid_file"
  fi
  # The mounts are the first instance's too: only its own stop takes them away.
  if [ -z "$instance" ]; then unmount_all; fi
  log "stopped"
}

status() {
  if ami_up; then echo "up (AMI 127.0.0.1:$ami_port)"; chroot "$root" "${ast[@]}" -rx 'core show channels count'; else echo "down"; exit 1; fi
}

cli() { chroot "$root" "${ast[@]}" -rx "$*"; }

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  cli) shift; cli "$@" ;;
  root) echo "$root" ;;
  env) echo "AMI_SERVERS=ami://linli:$(ami_secret)@127.0.0.1:$ami_port?name=${instance:-local}" ;;
  *) echo "usage: $0 provision|start|stop|restart|status|cli <command>|root|env" >&2; exit 2 ;;
esac
