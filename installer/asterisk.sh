# The Asterisk step of install.sh. Today it only looks for an Asterisk that is already installed and reports it;
# installing and configuring Asterisk (PJSIP, AMI/ARI users, the botpbx/ includes) is added by a later release.
# install.sh sources this file and calls install_asterisk_step.

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
  if detect_asterisk; then
    if asterisk_running; then
      ok "${ASTERISK_VERSION:-Asterisk} is installed and running"
    else
      ok "${ASTERISK_VERSION:-Asterisk} is installed (not running)"
    fi
    info "connect BotPBX to it by setting AMI_USER/AMI_SECRET and ARI_USER/ARI_PASSWORD in $BOTPBX_ENV_FILE"
  else
    warn "Asterisk is not installed. BotPBX runs without it (the dashboard shows Asterisk as not configured);"
    warn "installing Asterisk is not part of this installer version yet."
  fi
}
