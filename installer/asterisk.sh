# The Asterisk steps of install.sh. Installing Asterisk itself is added by a later release: today an Asterisk that
# is already installed is connected to BotPBX, in two parts.
#   install_asterisk_step (before the service starts): the AMI/ARI settings in the env file, the base files in
#     ASTERISK_ETC_DIR, and the botpbx/ directory they include;
#   connect_asterisk_step (once the service is installed): renders botpbx/*.conf — which hold the AMI user BotPBX
#     logs in with — without AMI, then reloads Asterisk so the user exists. An apply over AMI works from then on.
# install.sh sources this file. Paths are variables so tests/installer/asterisk-step.test.sh can use a temp dir.

ASTERISK_ETC_DIR=${ASTERISK_ETC_DIR:-/etc/asterisk}
# Every base file starts with a comment holding this phrase (asterisk-templates/*.conf): it tells ours from others.
ASTERISK_TEMPLATE_MARKER="BotPBX base file"
ASTERISK_FOUND=0
ASTERISK_VERSION=""

detect_asterisk() {
  local binary
  binary=$(command -v asterisk 2>/dev/null || ls /usr/sbin/asterisk 2>/dev/null || true)
  [ -n "$binary" ] || return 1
  ASTERISK_FOUND=1
  # `asterisk -V` prints "Asterisk 22.x.y" without needing a running daemon.
  ASTERISK_VERSION=$("$binary" -V 2>/dev/null | head -1)
  return 0
}

asterisk_running() {
  command -v asterisk >/dev/null 2>&1 && asterisk -rx 'core show uptime' >/dev/null 2>&1
}

install_asterisk_step() {
  if ! detect_asterisk; then
    warn "Asterisk is not installed. BotPBX runs without it (the dashboard shows Asterisk as not configured);"
    warn "installing Asterisk is not part of this installer version yet."
    return 0
  fi
  if asterisk_running; then
    ok "${ASTERISK_VERSION:-Asterisk} is installed and running"
  else
    ok "${ASTERISK_VERSION:-Asterisk} is installed (not running)"
  fi
  ensure_asterisk_settings "$ASTERISK_ETC_DIR"
  install_asterisk_templates "${BOTPBX_ASTERISK_TEMPLATES:-$SRC/asterisk-templates}"
}

# Copies asterisk-templates/*.conf into ASTERISK_ETC_DIR. Ours (the marker) are replaced when the template changed;
# a file from elsewhere (the Asterisk package's sample) is kept once as <name>.pre-botpbx first. *_custom.conf files
# are the administrator's and never touched.
install_asterisk_templates() { # template_dir
  local template name target changed=0
  [ -d "$1" ] || die "Asterisk base files not found in $1"
  install -d -m 755 "$ASTERISK_ETC_DIR"
  for template in "$1"/*.conf; do
    name=$(basename "$template")
    [[ $name == *_custom.conf ]] && continue
    target=$ASTERISK_ETC_DIR/$name
    if [ -f "$target" ] && cmp -s "$template" "$target"; then
      continue
    elif [ -f "$target" ] && ! grep -qF "$ASTERISK_TEMPLATE_MARKER" "$target"; then
      _backup_foreign_conf "$target"
    fi
    _install_conf "$template" "$target"
    changed=$((changed + 1))
  done
  # BotPBX renders into botpbx/ (replacing it as a whole on every apply); the service runs as root and writes it.
  install -d -m 755 "$ASTERISK_ETC_DIR/botpbx"
  if [ "$changed" = 0 ]; then ok "Asterisk base files in $ASTERISK_ETC_DIR are up to date"
  else ok "installed $changed Asterisk base file(s) in $ASTERISK_ETC_DIR"; fi
}

_backup_foreign_conf() { # path: kept once; a later foreign file (a package upgrade's) gets a dated copy, never lost
  local backup=$1.pre-botpbx
  [ -e "$backup" ] && backup=$1.pre-botpbx.$(date -u +%Y%m%d%H%M%S)
  cp -p "$1" "$backup"
  info "kept the previous $(basename "$1") as $(basename "$backup")"
}

_install_conf() { # template target: readable by Asterisk (user asterisk on Debian and Ubuntu); no secrets inside
  install -m 644 "$1" "$2.botpbx-new"
  if [ "$(id -u)" = 0 ] && getent group asterisk >/dev/null 2>&1; then chgrp asterisk "$2.botpbx-new"; fi
  mv -f "$2.botpbx-new" "$2"
}

# After the service is installed: render botpbx/*.conf from the database with the service's own settings, then
# reload Asterisk so it reads them (the AMI user among them). A failure here is reported, not fatal: BotPBX itself
# runs, and the first administrator's password must still be shown at the end of install.sh.
connect_asterisk_step() {
  [ "$ASTERISK_FOUND" = 1 ] || { info "no Asterisk to connect"; return 0; }
  local output status=0
  output=$(set -a && . "$BOTPBX_ENV_FILE" && set +a && cd "$BOTPBX_APP_DIR" &&
    dotnet "$BOTPBX_APP_DIR/BotPbx.Api.dll" render-asterisk-config 2>&1) || status=$?
  if [ "$status" != 0 ]; then
    # The command prints no secrets (tests/BotPbx.Api.IntegrationTests/Asterisk/RenderConfigCommandTests.cs).
    printf '%s\n' "$output" | tail -5 | while IFS= read -r line; do warn "$line"; done
    warn "could not render the Asterisk configuration; fix the cause above and run ./install.sh again"
    return 0
  fi
  local written
  written=$(printf '%s\n' "$output" | grep -c '^written: ' || true)
  ok "Asterisk configuration rendered into $ASTERISK_ETC_DIR/botpbx ($written file(s) changed)"
  if asterisk_running; then
    asterisk -rx 'core reload' >/dev/null 2>&1 || { warn "asterisk -rx 'core reload' failed; reload Asterisk yourself"; return 0; }
    # The service retries a refused AMI login every 30 s (BotPbx.Asterisk AmiOptions.ReconnectDelayMax).
    ok "Asterisk reloaded: BotPBX's AMI and ARI users are active; the service logs in within half a minute"
  else
    warn "Asterisk is not running: it reads the new configuration when it starts (systemctl start asterisk)"
  fi
}
