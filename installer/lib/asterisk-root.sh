# Asterisk 22 from Debian's own package, in a Debian sid root, for hosts whose own archive has no Asterisk 22
# (Debian 12 has no asterisk package; sid has Debian's 22 LTS). Shared by install.sh and test.sh: one mechanism.
# Facts behind every step are in shared ASTERISK.md ("Getting Asterisk 22"). Source it; needs root.
#
#   asterisk_root_ensure ROOT [extra packages…]   makes ROOT once (debootstrap + apt), adds missing packages later
#   asterisk_root_exec_replace ROOT BINDS -- command…   the same, replacing the calling shell (for a start script)
#   asterisk_root_set_ids ROOT UID GID            gives the root's asterisk account the host's ids
#   asterisk_root_exec ROOT BINDS -- command…     runs a command chrooted in ROOT, in a private mount namespace
#                                                 where each folder in BINDS (space-separated) has the same path
#                                                 inside as outside, with /proc mounted; mounts vanish with it
#
# The root is a plain folder: building it takes about a minute and a half, reusing it nothing.

# What a PBX needs inside the root. flite and sox make BotPBX's own prompts; the sounds are Debian's English set.
ASTERISK_ROOT_PACKAGES="asterisk asterisk-modules asterisk-core-sounds-en-gsm asterisk-moh-opsound-gsm sox flite"
ASTERISK_ROOT_SUITE=${ASTERISK_ROOT_SUITE:-sid}
# Records which packages a finished root holds; a root without it is incomplete and is made again.
_ASTERISK_ROOT_STAMP=etc/botpbx-asterisk-root.packages

_root_log() { printf '    %s\n' "$*" >&2; }

asterisk_root_ensure() { # root [extra packages…]
  local root=$1; shift
  local wanted="$ASTERISK_ROOT_PACKAGES $*" missing="" package
  [ "$(id -u)" = 0 ] || { echo "making the Asterisk root needs root" >&2; return 1; }
  if [ ! -f "$root/$_ASTERISK_ROOT_STAMP" ]; then
    _asterisk_root_create "$root" || return 1
  fi
  for package in $wanted; do
    grep -qx "$package" "$root/$_ASTERISK_ROOT_STAMP" || missing+=" $package"
  done
  if [ -n "$missing" ]; then
    _root_log "installing into the Asterisk root:$missing"
    _asterisk_root_apt "$root" $missing || return 1
    printf '%s\n' $missing >> "$root/$_ASTERISK_ROOT_STAMP"
  fi
  chroot "$root" /usr/sbin/asterisk -V >/dev/null 2>&1 || { echo "the Asterisk root at $root has no working asterisk" >&2; return 1; }
}

# Built beside its final place and renamed when complete, so an interrupted build never looks finished.
_asterisk_root_create() { # root
  local root=$1 partial=$1.partial
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap || return 1
  # Ubuntu's debootstrap has no Debian keys of its own: without this keyring it could not check sid's signatures.
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || apt_install debian-archive-keyring || return 1
  rm -rf "$partial"; mkdir -p "$(dirname "$root")"
  _root_log "making a Debian $ASTERISK_ROOT_SUITE root for Asterisk in $root (about a minute and a half, once)"
  debootstrap --variant=minbase --include=ca-certificates "$ASTERISK_ROOT_SUITE" "$partial" >"$partial.log" 2>&1 \
    || { tail -5 "$partial.log" >&2; echo "debootstrap of $ASTERISK_ROOT_SUITE failed (log: $partial.log)" >&2; return 1; }
  # sid's Release file is often older than the clock: apt refuses it as expired unless told otherwise.
  echo 'Acquire::Check-Valid-Until "false";' > "$partial/etc/apt/apt.conf.d/99botpbx-no-valid-until"
  # No init system runs in the root: packages must not try to start services (ASTERISK.md).
  printf '#!/bin/sh\nexit 101\n' > "$partial/usr/sbin/policy-rc.d"; chmod 755 "$partial/usr/sbin/policy-rc.d"
  _asterisk_root_apt "$partial" $ASTERISK_ROOT_PACKAGES || return 1
  printf '%s\n' $ASTERISK_ROOT_PACKAGES > "$partial/$_ASTERISK_ROOT_STAMP"
  rm -f "$partial.log"
  rm -rf "$root"; mv "$partial" "$root"
}

_asterisk_root_apt() { # root packages…
  local root=$1; shift
  chroot "$root" apt-get update -qq >/dev/null 2>&1 || { echo "apt-get update failed in $root" >&2; return 1; }
  DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { echo "could not install $* in $root" >&2; return 1; }
  chroot "$root" apt-get clean >/dev/null 2>&1 || true
}

# The namespace's set-up, run by /bin/sh inside it: same-path binds, /proc, then the command replaces the shell.
# Mount points the root lacks are made passable (0755) whatever the caller's umask; the command keeps that umask.
_ASTERISK_ROOT_NS_SETUP='
    root=$1; binds=$2; shift 2
    caller_umask=$(umask); umask 022
    for dir in $binds; do mkdir -p "$root$dir" && mount --bind "$dir" "$root$dir" || exit 97; done
    umask "$caller_umask"
    mount -t proc proc "$root/proc" || exit 97
    exec chroot "$root" "$@"'

asterisk_root_exec() { # root "bind dirs" -- command…
  local root=$1 binds=$2; shift 2; [ "${1:-}" = "--" ] && shift
  # unshare gives the command its own mount namespace: the binds and /proc exist only for it and disappear when it
  # ends, so a crash never leaves mounts behind on the host.
  unshare --mount --propagation private -- /bin/sh -c "$_ASTERISK_ROOT_NS_SETUP" sh "$root" "$binds" "$@"
}

# Like asterisk_root_exec, but replaces the calling shell (exec): a process manager that started the shell then
# signals the command itself (installer/asterisk-run: Asterisk gets pm2's or systemd's SIGTERM directly).
asterisk_root_exec_replace() { # root "bind dirs" -- command…
  local root=$1 binds=$2; shift 2; [ "${1:-}" = "--" ] && shift
  exec unshare --mount --propagation private -- /bin/sh -c "$_ASTERISK_ROOT_NS_SETUP" sh "$root" "$binds" "$@"
}

# Gives the root's `asterisk` account the host's ids (installer/lib/accounts.sh explains why), and hands every file
# the old ids owned to the new ones. Run while Asterisk is stopped; a root already numbered so is left alone.
asterisk_root_set_ids() { # root uid gid
  local root=$1 uid=$2 gid=$3 old_uid old_gid
  old_uid=$(chroot "$root" getent passwd asterisk | cut -d: -f3)
  old_gid=$(chroot "$root" getent group asterisk | cut -d: -f3)
  [ -n "$old_uid" ] && [ -n "$old_gid" ] || { echo "the Asterisk root at $root has no asterisk account" >&2; return 1; }
  [ "$old_uid:$old_gid" = "$uid:$gid" ] && return 0
  _root_log "renumbering the root's asterisk account $old_uid:$old_gid to the host's $uid:$gid"
  # -o: an unrelated system account of the root may hold the host's number; the root never runs it, so sharing is harmless.
  chroot "$root" groupmod -o -g "$gid" asterisk || return 1
  chroot "$root" usermod -o -u "$uid" -g "$gid" asterisk || return 1
  # -xdev: only the root's own files, never a folder that happens to be mounted below it.
  find "$root" -xdev -uid "$old_uid" -exec chown -h "$uid" {} + || return 1
  find "$root" -xdev -gid "$old_gid" -exec chgrp -h "$gid" {} + || return 1
}
