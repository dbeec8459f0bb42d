# The Asterisk steps of install.sh, in two parts:
#   install_asterisk_step (before the service starts): chooses and gets Asterisk 22 (the host's package, or Debian's
#     in a root; or connects one already installed: installer/lib/asterisk-service.sh), the shared folders, the AMI/ARI
#     settings in the env file, the base files in ASTERISK_ETC_DIR;
#   connect_asterisk_step (once the service is installed): renders botpbx/*.conf — which hold the AMI user BotPBX
#     logs in with — without AMI, as the service's user, then starts Asterisk (or reloads it), waits until it has
#     fully booted and checks the AMI login. An apply over AMI works from then on.
#   asterisk_summary prints where phones register and which ports to open.
# install.sh sources this file. Paths are variables so tests/installer/*.test.sh can use a temp dir.

ASTERISK_ETC_DIR=${ASTERISK_ETC_DIR:-/etc/asterisk}
ASTERISK_VARLIB_DIR=${ASTERISK_VARLIB_DIR:-/var/lib/asterisk}
ASTERISK_SPOOL_DIR=${ASTERISK_SPOOL_DIR:-/var/spool/asterisk}
ASTERISK_LOG_DIR=${ASTERISK_LOG_DIR:-/var/log/asterisk}
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

install_asterisk_step() {
  choose_asterisk_mode
  case "$ASTERISK_MODE" in
    external)
      if ! detect_asterisk; then
        warn "no Asterisk is installed here: BotPBX runs without it (the dashboard shows Asterisk as not configured)."
        warn "For an Asterisk on another machine set AMI_HOST, AMI_SECRET, ARI_URL… in $BOTPBX_ENV_FILE (docs/install.md);"
        warn "for one on this machine run again with BOTPBX_ASTERISK=auto."
        return 0
      fi
      if asterisk_running; then ok "${ASTERISK_VERSION:-Asterisk} is installed and running"
      else ok "${ASTERISK_VERSION:-Asterisk} is installed (not running)"; fi
      [[ $ASTERISK_VERSION == "Asterisk 22."* ]] || warn "BotPBX is made for Asterisk 22; this is ${ASTERISK_VERSION:-an unknown version}" ;;
    package)
      ensure_asterisk_package; ASTERISK_FOUND=1
      install_asterisk_runner "$SRC" ;;
    root)
      ensure_asterisk_root; ASTERISK_FOUND=1
      _env_line "$BOTPBX_ENV_FILE" BOTPBX_ASTERISK_ROOT "$BOTPBX_ASTERISK_ROOT"
      ensure_shared_dirs
      seed_asterisk_etc_from_root
      install_asterisk_runner "$SRC" ;;
  esac
  ensure_shared_dirs
  ensure_asterisk_settings "$ASTERISK_ETC_DIR"
  install_asterisk_templates "${BOTPBX_ASTERISK_TEMPLATES:-$SRC/asterisk-templates}"
}

# Copies asterisk-templates/*.conf into ASTERISK_ETC_DIR. Ours (the marker) are replaced when the template changed;
# a file from elsewhere (the Asterisk package's sample) is kept once as <name>.pre-botpbx first. *_custom.conf files
# are the administrator's and never touched.
install_asterisk_templates() { # template_dir
  local template name target changed=0
  [ -d "$1" ] || die "Asterisk base files not found in $1"
  [ -d "$ASTERISK_ETC_DIR" ] || (umask 027 && install -d -m 2770 "$ASTERISK_ETC_DIR")
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
  # BotPBX renders into botpbx/ (replacing it as a whole on every apply); ensure_shared_dirs gives it to the service.
  [ -d "$ASTERISK_ETC_DIR/botpbx" ] || (umask 027 && install -d -m 2750 "$ASTERISK_ETC_DIR/botpbx")
  if [ "$changed" = 0 ]; then ok "Asterisk base files in $ASTERISK_ETC_DIR are up to date"
  else ok "installed $changed Asterisk base file(s) in $ASTERISK_ETC_DIR"; fi
}

_backup_foreign_conf() { # path: kept once; a later foreign file (a package upgrade's) gets a dated copy, never lost
  local backup=$1.pre-botpbx
  [ -e "$backup" ] && backup=$1.pre-botpbx.$(date -u +%Y%m%d%H%M%S)
  cp -p "$1" "$backup"
  info "kept the previous $(basename "$1") as $(basename "$backup")"
}

_install_conf() { # template target: group asterisk reads it (Asterisk and BotPBX); others not — *_custom.conf beside may hold secrets
  local gid
  (umask 027 && install -m 640 "$1" "$2.botpbx-new")
  gid=$(_gid_of "$ASTERISK_GROUP")
  if [ "$(id -u)" = 0 ] && [ -n "$gid" ]; then chgrp "$gid" "$2.botpbx-new"; fi
  mv -f "$2.botpbx-new" "$2"
}

# After the service is installed: render botpbx/*.conf from the database with the service's own settings and as its
# user, then start (or reload) Asterisk so it reads them (the AMI user among them). A failure here is reported, not
# fatal: BotPBX itself runs, and the first administrator's password must still be shown at the end of install.sh.
connect_asterisk_step() {
  [ "$ASTERISK_FOUND" = 1 ] || { info "no Asterisk to connect"; return 0; }
  render_asterisk_config || return 0
  case "$ASTERISK_MODE" in
    package|root) _start_or_reload_managed ;;
    *) _reload_external ;;
  esac
  # cdr_pgsql declines to load while its file has no connection (an install from before the call log): a reload does
  # not load a declined module, so it is loaded once here. Already loaded: Asterisk says so, nothing changes.
  if asterisk_running; then asterisk_cli 'module load cdr_pgsql.so' >/dev/null 2>&1 || true; fi
}

render_asterisk_config() {
  local output status=0 written
  output=$(set -a && . "$BOTPBX_ENV_FILE" && set +a && cd "$BOTPBX_APP_DIR" &&
    run_as_botpbx dotnet "$BOTPBX_APP_DIR/BotPbx.Api.dll" render-asterisk-config 2>&1) || status=$?
  if [ "$status" != 0 ]; then
    # The command prints no secrets (tests/BotPbx.Api.IntegrationTests/Asterisk/RenderConfigCommandTests.cs).
    printf '%s\n' "$output" | tail -5 | while IFS= read -r line; do warn "$line"; done
    warn "could not render the Asterisk configuration; fix the cause above and run ./install.sh again"
    return 1
  fi
  written=$(printf '%s\n' "$output" | grep -c '^written: ' || true)
  ok "Asterisk configuration rendered into $ASTERISK_ETC_DIR/botpbx ($written file(s) changed)"
}

_reload_external() {
  if asterisk_running; then
    asterisk_cli 'core reload' >/dev/null 2>&1 || { warn "asterisk -rx 'core reload' failed; reload Asterisk yourself"; return 0; }
    # The service retries a refused AMI login every 30 s (BotPbx.Asterisk AmiOptions.ReconnectDelayMax).
    ok "Asterisk reloaded: BotPBX's AMI and ARI users are active; the service logs in within half a minute"
  else
    warn "Asterisk is not running: it reads the new configuration when it starts (systemctl start asterisk)"
  fi
}

# The installed Asterisk: reloaded when it runs (calls in progress go on), started otherwise; then proven to work.
_start_or_reload_managed() {
  if asterisk_running; then
    asterisk_cli 'core reload' >/dev/null 2>&1 || warn "core reload failed"
    ok "Asterisk reloaded"
  else
    info "starting Asterisk"
    start_asterisk
  fi
  if ! wait_for_asterisk 60; then
    warn "Asterisk did not finish booting within a minute (logs: $ASTERISK_LOG_DIR/messages, $BOTPBX_LOG_DIR/asterisk*.log)"
    return 0
  fi
  local version
  version=$(asterisk_cli 'core show version' 2>/dev/null | head -1 | cut -d' ' -f1-2 || true)
  ok "${version:-Asterisk} is fully booted"
  _check_ami_login
}

_check_ami_login() {
  local host port user secret
  host=$(env_file_get "$BOTPBX_ENV_FILE" AMI_HOST || true); port=$(env_file_get "$BOTPBX_ENV_FILE" AMI_PORT || true)
  user=$(env_file_get "$BOTPBX_ENV_FILE" AMI_USER || true); secret=$(env_file_get "$BOTPBX_ENV_FILE" AMI_SECRET || true)
  if ami_login_works "$host" "$port" "$user" "$secret"; then
    ok "AMI login as $user on $host:$port works"
  else
    warn "AMI login as $user on $host:$port was refused: BotPBX cannot control Asterisk (see $ASTERISK_LOG_DIR/messages)"
  fi
}

# The service logs "AMI 127.0.0.1:5038 is Connected" (Features/Asterisk/AmiClientHost.cs) when it logs in. It retries
# a refused login with a growing delay of up to 30 s, so this waits up to 45 s for a line newer than `since` (bytes).
wait_for_service_ami() { # log-file since-bytes
  local tries=0
  until tail -c +"$(($2 + 1))" "$1" 2>/dev/null | grep -q 'AMI .* is Connected'; do
    tries=$((tries + 1))
    [ $tries -ge 45 ] && { warn "BotPBX has not logged in to AMI yet (pm2 logs $BOTPBX_PM2_NAME)"; return 1; }
    sleep 1
  done
  ok "BotPBX is connected to Asterisk (AMI)"
}

# ---- what phones and the firewall need ----------------------------------------------------------------------------

# "proto port" per SIP transport in the rendered pjsip.conf (bind=addr:port); wss is served by http.conf instead.
# Nothing (and no failure: install.sh runs under set -e) when the render did not happen.
_rendered_transports() {
  [ -f "$ASTERISK_ETC_DIR/botpbx/pjsip.conf" ] || return 0
  awk -F= '/^\[/ { proto = ""; transport = 0 }
    $1 == "type" && $2 == "transport" { transport = 1 }
    $1 == "protocol" { proto = $2 }
    $1 == "bind" { bind = $2 }
    transport && proto != "" && bind != "" && proto != "wss" && proto != "ws" {
      n = split(bind, parts, ":"); print proto, parts[n]; transport = 0; proto = ""; bind = "" }' \
    "$ASTERISK_ETC_DIR/botpbx/pjsip.conf" 2>/dev/null
}

_rendered_value() { # file key
  [ -f "$ASTERISK_ETC_DIR/botpbx/$1" ] || return 0
  sed -n "s/^$2=//p" "$ASTERISK_ETC_DIR/botpbx/$1" | head -1
}

asterisk_summary() {
  [ "$ASTERISK_FOUND" = 1 ] || return 0
  local address transports proto port sip_port wss rtp_start rtp_end
  address=$(hostname -I 2>/dev/null | awk '{ print $1 }' || true)
  transports=$(_rendered_transports)
  sip_port=$(awk '$1 == "udp" { print $2; exit }' <<<"$transports")
  info "Phones:    register to ${address:-<this machine>}:${sip_port:-5060} (user: the extension number; password: its SIP secret)"
  info "Firewall:  open to phones and SIP carriers (everything else BotPBX and Asterisk use stays on loopback):"
  while read -r proto port; do
    [ -n "$proto" ] || continue
    info "             $port/$([ "$proto" = udp ] && echo udp || echo tcp)   SIP over ${proto^^}"
  done <<<"$transports"
  wss=$(_rendered_value http.conf tlsbindaddr); wss=${wss##*:}
  [ -n "$wss" ] && info "             $wss/tcp   SIP over secure WebSocket (WebRTC phones in the browser)"
  rtp_start=$(_rendered_value rtp.conf rtpstart); rtp_end=$(_rendered_value rtp.conf rtpend)
  [ -n "$rtp_start" ] && info "             $rtp_start-$rtp_end/udp   RTP (call audio)"
  info "           and for administrators: $(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT || echo "$BOTPBX_HTTPS_PORT")/tcp (web UI, HTTPS), $(env_file_get "$BOTPBX_ENV_FILE" PORT || echo "$BOTPBX_PORT")/tcp (redirects to HTTPS)"
}
