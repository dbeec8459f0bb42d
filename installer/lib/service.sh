# Runs BotPBX under pm2 from ecosystem.json, makes pm2 come back after a reboot (systemd), and waits for health.

install_service_files() { # source-dir
  local src=$1
  install -d -m 755 "$BOTPBX_HOME/bin"
  install -m 755 "$src/installer/botpbx-run" "$BOTPBX_HOME/bin/botpbx-run"
  install -m 644 "$src/ecosystem.json" "$BOTPBX_HOME/ecosystem.json"
  # The app is root's and read-only for the service user: a compromised service cannot replace its own code.
  chmod -R go-w "$BOTPBX_APP_DIR"
  ok "start script and $BOTPBX_HOME/ecosystem.json"
}

pm2_has_app() { pm2 describe "$BOTPBX_PM2_NAME" >/dev/null 2>&1; }

# Something else listening on the port would make the service fail in a loop; say so plainly instead.
check_port_free() {
  pm2_has_app && return 0
  local port
  for port in "$BOTPBX_PORT" "$(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT || true)"; do
    [ -n "$port" ] || continue
    if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      die "port $port is already in use by another program (ss -ltnp 'sport = :$port' shows which)"
    fi
  done
}

start_service() {
  if pm2_has_app; then
    # delete + start (not restart), so changes in ecosystem.json take effect on an upgrade.
    info "restarting $BOTPBX_PM2_NAME"
    pm2 delete "$BOTPBX_PM2_NAME" >/dev/null || die "pm2 could not stop $BOTPBX_PM2_NAME"
  else
    info "starting $BOTPBX_PM2_NAME"
  fi
  pm2 start "$BOTPBX_HOME/ecosystem.json" >/dev/null || die "pm2 could not start $BOTPBX_PM2_NAME"
  pm2 save >/dev/null || warn "pm2 save failed: BotPBX may not come back after a reboot"
  if has_systemd; then
    pm2 startup systemd -u root --hp /root >/dev/null || warn "pm2 startup failed: BotPBX may not come back after a reboot"
  else
    warn "no systemd here: pm2 will not restart BotPBX after a reboot; run 'pm2 resurrect' from your init system"
  fi
  ok "pm2 runs $BOTPBX_PM2_NAME"
}

# pm2's log files grow forever unless rotated; pm2-logrotate keeps 14 days of 20 MB files.
ensure_log_rotation() {
  if pm2 describe pm2-logrotate >/dev/null 2>&1; then return 0; fi
  if pm2 install pm2-logrotate >/dev/null 2>&1; then
    pm2 set pm2-logrotate:max_size 20M >/dev/null 2>&1
    pm2 set pm2-logrotate:retain 14 >/dev/null 2>&1
    pm2 set pm2-logrotate:compress true >/dev/null 2>&1
    pm2 save >/dev/null 2>&1
    ok "pm2-logrotate installed"
  else
    warn "could not install pm2-logrotate; rotate $BOTPBX_LOG_DIR yourself"
  fi
}

# Where this machine reaches the service: the HOST it binds to, or loopback when it binds to every address. With a
# certificate (installer/lib/tls.sh) that is HTTPS on HTTPS_PORT; plain HTTP on PORT then only redirects there.
service_local_url() {
  local host
  host=$(env_file_get "$BOTPBX_ENV_FILE" HOST || echo 0.0.0.0)
  case "$host" in ''|0.0.0.0|'*'|'::'|'[::]') host=127.0.0.1 ;; esac
  [[ $host == *:* && $host != \[* ]] && host="[$host]"
  if [ -n "$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_TLS_CERT || true)" ]; then
    printf 'https://%s:%s' "$host" "$(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT || echo 3443)"
  else
    printf 'http://%s:%s' "$host" "$(env_file_get "$BOTPBX_ENV_FILE" PORT || echo "$BOTPBX_PORT")"
  fi
}

wait_for_health() {
  local url tries=0 status
  url="$(service_local_url)/api/health"
  info "waiting for $url"
  # Start-up applies database migrations; two minutes is generous even on a small machine.
  # --insecure: on loopback, against a certificate that may be self-signed; only "is it up" is asked.
  until status=$(curl -fsS --insecure --max-time 3 "$url" 2>/dev/null) && [[ $status == *'"ok"'* ]]; do
    tries=$((tries + 1))
    if [ $tries -gt 120 ]; then
      pm2 logs "$BOTPBX_PM2_NAME" --nostream --lines 40 >&2 2>&1 || true
      die "BotPBX did not become healthy within 2 minutes (logs: $BOTPBX_LOG_DIR, pm2 logs $BOTPBX_PM2_NAME)"
    fi
    sleep 1
  done
  ok "BotPBX is healthy"
}
