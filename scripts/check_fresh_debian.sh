#!/usr/bin/env bash
# Runs the README's two commands, verbatim, in a fresh minimal Debian 12 root (debootstrap
# --variant=minbase, as root): the first must serve the demo, the second must pass every test.
# Run it before every change to the set-up (pyproject.toml, Makefile, esflow, scripts/bootstrap.sh).
#
#   scripts/check_fresh_debian.sh [run|test|both]     (default: both; needs root and debootstrap)
#
# The minimal root is built once and kept as var/debian12-minbase.tar (delete it to rebuild);
# each check unpacks it afresh, copies the committed tree (git archive HEAD) into /root/esflow
# and runs the commands from the README's "Two commands" block exactly as written there.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-both}
case "$what" in run | test | both) ;; *)
  echo "usage: $0 [run|test|both]" >&2
  exit 2
  ;;
esac
[ "$(id -u)" = 0 ] || { echo "$0 must run as root (chroot, mounts)." >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

mkdir -p var
cache=var/debian12-minbase.tar
if [ ! -f "$cache" ]; then
  say "Building a minimal Debian 12 root (once; cached in $cache)"
  build=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$build" http://deb.debian.org/debian >/dev/null
  tar -C "$build" -cf "$cache" .
  rm -rf "$build"
fi

# The README's two commands, as a newcomer copies them.
mapfile -t commands < <(awk '/^## Two commands/{f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' README.md \
  | sed 's/[[:space:]]*#.*$//' | sed '/^[[:space:]]*$/d')
[ ${#commands[@]} -eq 2 ] || { echo "The README's block should hold two commands: ${commands[*]}" >&2; exit 1; }
say "The README's commands: ${commands[0]} | ${commands[1]}"

root=""
cleanup() {
  [ -n "$root" ] || return 0
  # Stop whatever still runs inside the root, then unmount, then remove only files of the
  # root's own file system (never what a mount point might still show of the host).
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  sleep 1
  for m in dev/shm dev/pts dev sys proc; do umount "$root/$m" 2>/dev/null || umount -l "$root/$m" 2>/dev/null || true; done
  if findmnt -rn -o TARGET | grep -q "^$root/"; then
    echo "Still mounted under $root; left in place." >&2
  else
    rm -rf --one-file-system "$root"
  fi
  root=""
}
trap cleanup EXIT

fresh_root() {
  cleanup
  root=$(mktemp -d /tmp/esflow-fresh.XXXXXX)
  tar -C "$root" -xf "$cache"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  if [ ${#pip_env[@]} -gt 0 ]; then cp "$host_ca" "$root/etc/esflow-host-ca.pem"; fi
  mount -t proc proc "$root/proc"
  mount -t sysfs sys "$root/sys"
  mount --bind /dev "$root/dev"
  mount -t devpts devpts "$root/dev/pts" 2>/dev/null || true
  mount -t tmpfs -o size=1g tmpfs "$root/dev/shm"
  mkdir -p "$root/root/esflow"
  git archive HEAD | tar -C "$root/root/esflow" -x
}

# Where this machine reaches the package registries through a TLS proxy, the host trusts the
# proxy's CA (its pip configuration names a bundle): the fresh root gets that bundle for pip
# only, as PIP_CERT. Nothing else of the host goes in.
pip_env=()
host_ca=${PIP_CERT:-$(sed -n "s/^cert *= *//p" /etc/pip.conf 2>/dev/null | head -n 1)}
if [ -n "$host_ca" ] && [ -f "$host_ca" ]; then pip_env=(PIP_CERT=/etc/esflow-host-ca.pem); fi

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    "${pip_env[@]}" bash -c "$1"
}

check_run() {
  fresh_root
  say "In a fresh root: ${commands[0]} (waits until the portal answers)"
  log=var/fresh-run.log
  in_root "cd /root/esflow && exec setsid ${commands[0]}" >"$log" 2>&1 &
  job=$!
  started=$SECONDS
  status=""
  while [ $((SECONDS - started)) -lt 1200 ]; do
    status=$(python3 -c 'import urllib.request as u
try: print(u.urlopen("http://127.0.0.1:8000/", timeout=5).status)
except Exception as e: print("")' 2>/dev/null || true)
    [ "$status" = 200 ] && break
    kill -0 "$job" 2>/dev/null || break
    sleep 5
  done
  # Ctrl+C as a user would: honcho stops the web server, the worker and tick.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -INT "${p#/proc/}" 2>/dev/null
  done
  for _ in $(seq 30); do kill -0 "$job" 2>/dev/null || break; sleep 1; done
  if [ "$status" = 200 ]; then
    say "${commands[0]}: the demo answered after $((SECONDS - started)) s (log: $log)"
  else
    tail -n 40 "$log"
    echo "${commands[0]} did not serve the demo (log: $log)" >&2
    return 1
  fi
}

check_test() {
  fresh_root
  say "In a fresh root: ${commands[1]}"
  log=var/fresh-test.log
  if in_root "cd /root/esflow && ${commands[1]}" >"$log" 2>&1; then
    tail -n 3 "$log"
    say "${commands[1]}: passed (log: $log)"
  else
    tail -n 60 "$log"
    echo "${commands[1]} failed (log: $log)" >&2
    return 1
  fi
}

case "$what" in
run) check_run ;;
test) check_test ;;
both) check_run && check_test ;;
esac
