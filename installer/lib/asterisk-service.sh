# Which Asterisk BotPBX uses, getting it, and keeping it running. Three ways (BOTPBX_ASTERISK):
#   package   the host's own `asterisk` package, when its archive has version 22 (none of Debian 12, Ubuntu 22.04
#             (18) and 24.04 (20) does today; later Ubuntu releases do);
#   root      Debian's Asterisk 22 from a Debian sid root in BOTPBX_ASTERISK_ROOT (installer/lib/asterisk-root.sh);
#   external  an Asterisk that is already installed (FreePBX, a source build, another box): only connected.
# auto (the default) picks external when an Asterisk is already installed, package when apt offers 22, root otherwise.
# The choice is kept in the env file, so a re-run keeps it. Source it after common.sh and accounts.sh.

BOTPBX_ASTERISK_ROOT=${BOTPBX_ASTERISK_ROOT:-$BOTPBX_HOME/asterisk-root}
BOTPBX_ASTERISK_PM2_NAME=botpbx-asterisk
BOTPBX_ASTERISK_UNIT=botpbx-asterisk.service
SYSTEMD_UNIT_DIR=${SYSTEMD_UNIT_DIR:-/etc/systemd/system}
# The folders bound into the root are listed in installer/asterisk-run (the start script, which runs without this
# library): /etc/asterisk /var/lib/asterisk /var/spool/asterisk /var/log/asterisk, at the same path inside the root
# as outside (ASTERISK.md "Shared paths"). All of Asterisk's state lives on the host, so the root itself holds only
# programs and can be rebuilt at any time: configuration, astdb and keys (/var/lib/asterisk), voicemail and
# recordings (spool), logs. BotPBX's prompts and music on hold are under /var/lib/asterisk.
ASTERISK_PACKAGES="asterisk asterisk-modules asterisk-core-sounds-en-gsm asterisk-moh-opsound-gsm"
ASTERISK_MODE=""

# The candidate version apt would install, e.g. "1:22.10.0+dfsg-1ubuntu3"; empty when there is none.
_apt_asterisk_candidate() {
  apt-cache policy asterisk 2>/dev/null | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

apt_offers_asterisk_22() { [[ $(_apt_asterisk_candidate) =~ ^([0-9]+:)?22\. ]]; }

# An Asterisk on the host that BotPBX did not install: a binary on PATH or in /usr/sbin. The package path installs
# one too, which is why the choice is remembered rather than detected again.
host_has_asterisk() { command -v asterisk >/dev/null 2>&1 || [ -x /usr/sbin/asterisk ]; }

choose_asterisk_mode() {
  local requested=${BOTPBX_ASTERISK:-} kept kept_root
  kept=$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_ASTERISK 2>/dev/null || true)
  # The root's place as the start script reads it (the env file) wins over the default, so both agree.
  kept_root=$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_ASTERISK_ROOT 2>/dev/null || true)
  [ -n "$kept_root" ] && BOTPBX_ASTERISK_ROOT=$kept_root
  [ -n "$requested" ] && [ "$requested" != auto ] || requested=${kept:-auto}
  case "$requested" in
    package|root|external) ASTERISK_MODE=$requested ;;
    auto)
      if host_has_asterisk; then ASTERISK_MODE=external
      elif apt_offers_asterisk_22; then ASTERISK_MODE=package
      else ASTERISK_MODE=root; fi ;;
    *) die "BOTPBX_ASTERISK=$requested: use auto, package, root or external" ;;
  esac
  if [ -n "$kept" ] && [ "$kept" != "$ASTERISK_MODE" ]; then
    warn "Asterisk changes from '$kept' to '$ASTERISK_MODE'; stop the old one yourself if it still runs"
  fi
  if [ -z "$kept" ]; then printf 'BOTPBX_ASTERISK=%s\n' "$ASTERISK_MODE" >>"$BOTPBX_ENV_FILE"
  elif [ "$kept" != "$ASTERISK_MODE" ]; then sed -i -E "s/^[[:space:]]*BOTPBX_ASTERISK=.*/BOTPBX_ASTERISK=$ASTERISK_MODE/" "$BOTPBX_ENV_FILE"; fi
  case "$ASTERISK_MODE" in
    package)  info "Asterisk: the host's package ($(_apt_asterisk_candidate))" ;;
    root)     info "Asterisk: Debian's Asterisk 22 in a Debian sid root ($BOTPBX_ASTERISK_ROOT)" ;;
    external) info "Asterisk: connecting the Asterisk already installed (BOTPBX_ASTERISK=external)" ;;
  esac
}

# ---- getting it ---------------------------------------------------------------------------------------------------

ensure_asterisk_package() {
  apt_offers_asterisk_22 || warn "apt offers asterisk $(_apt_asterisk_candidate) here, not 22: BotPBX is made for 22"
  # shellcheck disable=SC2086 # a list of package names
  apt_install $ASTERISK_PACKAGES || die "could not install $ASTERISK_PACKAGES"
  ok "$(asterisk -V 2>/dev/null | head -1) (package)"
}

# Makes the root once (a minute and a half), updates it on a re-run only by adding missing packages, and gives its
# asterisk account the host's ids. The root's own /etc/asterisk is not used: the host's is bound over it.
ensure_asterisk_root() {
  local was_running=0
  asterisk_running && was_running=1
  asterisk_root_ensure "$BOTPBX_ASTERISK_ROOT" || die "could not make the Asterisk root in $BOTPBX_ASTERISK_ROOT"
  # Renumbering changes owners under a running Asterisk: stop it first (it is started again after the render).
  if [ "$was_running" = 1 ] && ! _root_ids_match; then stop_asterisk; fi
  asterisk_root_set_ids "$BOTPBX_ASTERISK_ROOT" "$(_uid_of "$ASTERISK_USER")" "$(_gid_of "$ASTERISK_GROUP")" \
    || die "could not give the Asterisk root's account the host's ids"
  ok "$(chroot "$BOTPBX_ASTERISK_ROOT" /usr/sbin/asterisk -V 2>/dev/null | head -1) in $BOTPBX_ASTERISK_ROOT"
}

_root_ids_match() {
  [ "$(chroot "$BOTPBX_ASTERISK_ROOT" getent passwd asterisk | cut -d: -f3)" = "$(_uid_of "$ASTERISK_USER")" ]
}

# The first time, the host's /etc/asterisk gets the sample configuration Debian's package installs (in the root),
# exactly what a package install would leave there; the base files then go over it. Never again after that:
# from then on /etc/asterisk is the administrator's.
seed_asterisk_etc_from_root() {
  [ -f "$ASTERISK_ETC_DIR/asterisk.conf" ] && return 0
  local file
  # File by file (not "dir/."): copying "." would also give the folder the root's 0755 for a moment.
  for file in "$BOTPBX_ASTERISK_ROOT"/etc/asterisk/*; do
    [ -e "$ASTERISK_ETC_DIR/$(basename "$file")" ] && continue
    (umask 027 && cp -a "$file" "$ASTERISK_ETC_DIR/") || die "could not copy Asterisk's sample $file into $ASTERISK_ETC_DIR"
    chown -R "$(_uid_of "$ASTERISK_USER"):$(_gid_of "$ASTERISK_GROUP")" "$ASTERISK_ETC_DIR/$(basename "$file")"
    chmod -R o-rwx "$ASTERISK_ETC_DIR/$(basename "$file")"
  done
  ok "Asterisk's sample configuration copied into $ASTERISK_ETC_DIR"
}

# ---- talking to it ------------------------------------------------------------------------------------------------

# `asterisk -rx` for whichever Asterisk this is: in the root the CLI must run inside it, where its socket is.
asterisk_cli() { # command
  if [ "$ASTERISK_MODE" = root ]; then
    asterisk_root_exec "$BOTPBX_ASTERISK_ROOT" "$ASTERISK_ETC_DIR" -- /usr/sbin/asterisk -rx "$1"
  else
    asterisk -rx "$1"
  fi
}

asterisk_running() {
  if [ "$ASTERISK_MODE" = root ]; then
    [ -x "$BOTPBX_ASTERISK_ROOT/usr/sbin/asterisk" ] || return 1
  else
    command -v asterisk >/dev/null 2>&1 || return 1
  fi
  asterisk_cli 'core show uptime' >/dev/null 2>&1
}

# `core waitfullybooted` answers once every module has loaded (≈ 2 s; ASTERISK.md); before the CLI socket exists the
# command fails at once, so it is retried.
wait_for_asterisk() { # seconds
  local limit=${1:-60} tries=0
  until asterisk_cli 'core waitfullybooted' >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -ge "$limit" ] && return 1
    sleep 1
  done
}

# Logs in to AMI with the generated secret, as BotPBX will: proves the rendered manager.conf is the one Asterisk
# uses. The secret goes through bash's own /dev/tcp, never on a command line. A subshell, because a failed `exec`
# redirection ends the shell that runs it.
ami_login_works() ( # host port user secret
  reply=""
  exec 3<>"/dev/tcp/$1/$2" || exit 1
  printf 'Action: Login\r\nUsername: %s\r\nSecret: %s\r\n\r\nAction: Logoff\r\n\r\n' "$3" "$4" >&3
  while IFS= read -r -t "${AMI_CHECK_TIMEOUT:-10}" line <&3; do
    line=${line%$'\r'}
    case "$line" in Response:*) reply=$line; break ;; esac
  done
  [ "$reply" = "Response: Success" ]
) 2>/dev/null

# ---- keeping it running -------------------------------------------------------------------------------------------
# root: installer/asterisk-run (unshare + chroot + `asterisk -f`), started by systemd (botpbx-asterisk.service) or,
#       without systemd, by pm2 (installer/asterisk.ecosystem.json). The same script under both, not systemd's own
#       RootDirectory=: with it systemd puts an empty /run in the root, which hides Asterisk's CLI socket from
#       `asterisk -rx` (and so from the installer and the administrator).
# package: the package's asterisk.service under systemd; without systemd the same script under pm2, without a root.

install_asterisk_runner() { # source-dir
  install -d -m 755 "$BOTPBX_HOME/bin" "$BOTPBX_HOME/lib"
  install -m 755 "$1/installer/asterisk-run" "$BOTPBX_HOME/bin/asterisk-run"
  install -m 755 "$1/installer/asterisk-cli" "$BOTPBX_HOME/bin/asterisk-cli"
  install -m 644 "$1/installer/lib/asterisk-root.sh" "$BOTPBX_HOME/lib/asterisk-root.sh"
  install -m 644 "$1/installer/asterisk.ecosystem.json" "$BOTPBX_HOME/asterisk.ecosystem.json"
  if has_systemd && [ "$ASTERISK_MODE" = root ]; then
    install -m 644 "$1/installer/$BOTPBX_ASTERISK_UNIT" "$SYSTEMD_UNIT_DIR/$BOTPBX_ASTERISK_UNIT"
    systemctl daemon-reload
  fi
}

start_asterisk() {
  if has_systemd; then
    local unit=$BOTPBX_ASTERISK_UNIT
    [ "$ASTERISK_MODE" = package ] && unit=asterisk.service
    systemctl enable "$unit" >/dev/null 2>&1 || warn "systemctl enable $unit failed: Asterisk may not start at boot"
    systemctl restart "$unit" || die "systemctl restart $unit failed (journalctl -u $unit)"
  else
    pm2 describe "$BOTPBX_ASTERISK_PM2_NAME" >/dev/null 2>&1 && pm2 delete "$BOTPBX_ASTERISK_PM2_NAME" >/dev/null
    # Without systemd a package's postinst may have started Asterisk as a daemon: pm2 must own the only one.
    asterisk_cli 'core stop now' >/dev/null 2>&1 && sleep 2
    pm2 start "$BOTPBX_HOME/asterisk.ecosystem.json" >/dev/null || die "pm2 could not start $BOTPBX_ASTERISK_PM2_NAME"
    pm2 save >/dev/null || warn "pm2 save failed: Asterisk may not come back after a reboot"
  fi
}

stop_asterisk() {
  if has_systemd; then
    systemctl stop "$BOTPBX_ASTERISK_UNIT" asterisk.service >/dev/null 2>&1 || true
  elif pm2 describe "$BOTPBX_ASTERISK_PM2_NAME" >/dev/null 2>&1; then
    pm2 stop "$BOTPBX_ASTERISK_PM2_NAME" >/dev/null 2>&1 || true
  fi
  asterisk_cli 'core stop now' >/dev/null 2>&1 || true
}
