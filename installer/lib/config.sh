# /etc/botpbx/botpbx.env: the service's settings and secrets, readable by root only. Written once; a re-run keeps
# it (and so the database password), adding only settings that a newer BotPBX introduced.

DB_PASSWORD=""

_env_line() { # file key value: appends KEY=value when KEY is not in the file yet
  grep -qE "^[[:space:]]*$2=" "$1" 2>/dev/null || printf '%s=%s\n' "$2" "$3" >>"$1"
}

ensure_env_file() {
  install -d -m 700 -o root -g root "$BOTPBX_CONFIG_DIR"
  local url host
  if [ -f "$BOTPBX_ENV_FILE" ]; then
    url=$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_DATABASE_URL) || die "$BOTPBX_ENV_FILE has no BOTPBX_DATABASE_URL"
    # postgresql://user:PASSWORD@host:port/db
    DB_PASSWORD=${url#*://*:}; DB_PASSWORD=${DB_PASSWORD%%@*}
    [ -n "$DB_PASSWORD" ] || die "could not read the database password from BOTPBX_DATABASE_URL in $BOTPBX_ENV_FILE"
    info "keeping $BOTPBX_ENV_FILE and its database password"
  else
    DB_PASSWORD=$(random_secret 32)
    host=${BOTPBX_HOST:-0.0.0.0}
    (umask 077 && cat >"$BOTPBX_ENV_FILE") <<EOF_ENV
# BotPBX service settings, written by install.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Readable by root only.
# Every variable is described in docs/configuration.md. Restart after a change: pm2 restart $BOTPBX_PM2_NAME
HOST=$host
PORT=$BOTPBX_PORT
BOTPBX_DATABASE_URL=postgresql://$BOTPBX_DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$BOTPBX_DB_NAME
BOTPBX_STATIC_DIR=$BOTPBX_APP_DIR/wwwroot
BOTPBX_DATA_DIR=$BOTPBX_DATA_DIR
BOTPBX_ADMIN_EMAIL=${BOTPBX_ADMIN_EMAIL:-admin@botpbx.local}
ASPNETCORE_ENVIRONMENT=Production
DOTNET_CLI_TELEMETRY_OPTOUT=1
EOF_ENV
    info "wrote $BOTPBX_ENV_FILE with a new database password"
  fi
  # Settings added by later versions of the installer are appended, never overwriting what is there.
  _env_line "$BOTPBX_ENV_FILE" BOTPBX_STATIC_DIR "$BOTPBX_APP_DIR/wwwroot"
  _env_line "$BOTPBX_ENV_FILE" BOTPBX_DATA_DIR "$BOTPBX_DATA_DIR"
  # Asterisk's call-record role (installer/lib/postgres.sh ensure_cdr_role; docs/call-logs.md).
  _env_line "$BOTPBX_ENV_FILE" CDR_DB_USER botpbx_cdr
  _env_secret "$BOTPBX_ENV_FILE" CDR_DB_PASSWORD
  chown root:root "$BOTPBX_ENV_FILE"
  chmod 600 "$BOTPBX_ENV_FILE"
  # The service's own files; it runs as BOTPBX_USER (installer/lib/accounts.sh makes the account first). An install
  # from before that ran it as root: its files are handed over.
  if getent passwd "${BOTPBX_USER:-botpbx}" >/dev/null 2>&1; then
    (umask 077 && install -d -m 750 -o "${BOTPBX_USER:-botpbx}" -g "${BOTPBX_USER:-botpbx}" "$BOTPBX_DATA_DIR")
    chown -R "${BOTPBX_USER:-botpbx}:${BOTPBX_USER:-botpbx}" "$BOTPBX_DATA_DIR"; chmod -R o-rwx "$BOTPBX_DATA_DIR"
  else
    install -d -m 750 -o root -g root "$BOTPBX_DATA_DIR"
  fi
  install -d -m 750 -o root -g root "$BOTPBX_LOG_DIR"
  ok "$BOTPBX_ENV_FILE (mode 600)"
}

ADMIN_EMAIL=""; ADMIN_PASSWORD=""; FIRST_INSTALL=0

# The first administrator is created by the service on its first start, from BOTPBX_ADMIN_EMAIL and
# BOTPBX_ADMIN_PASSWORD. The installer generates that password, hands it over once through a root-only file the
# start script reads, and removes the file as soon as the service is healthy (the admin then exists).
prepare_first_admin() {
  ADMIN_EMAIL=$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_ADMIN_EMAIL || echo admin@botpbx.local)
  if database_has_users; then
    FIRST_INSTALL=0
    rm -f "$BOTPBX_FIRST_ADMIN_FILE"
    return 0
  fi
  FIRST_INSTALL=1
  # A previous run that stopped before the service came up left the file: reuse it, so the password shown at
  # the end is the one the service actually uses.
  ADMIN_PASSWORD=$(env_file_get "$BOTPBX_FIRST_ADMIN_FILE" BOTPBX_ADMIN_PASSWORD 2>/dev/null || true)
  if [ -z "$ADMIN_PASSWORD" ]; then
    ADMIN_PASSWORD=$(random_secret 20)
    (umask 077 && printf 'BOTPBX_ADMIN_PASSWORD=%s\n' "$ADMIN_PASSWORD" >"$BOTPBX_FIRST_ADMIN_FILE")
  fi
  chmod 600 "$BOTPBX_FIRST_ADMIN_FILE"
  ok "first administrator: $ADMIN_EMAIL (password generated)"
}

finish_first_admin() {
  rm -f "$BOTPBX_FIRST_ADMIN_FILE"
}

# Connection settings for an Asterisk on this machine (installer/asterisk.sh calls this when it finds one). Only what
# is missing is added, so a re-run keeps the generated secrets and anything the administrator changed. The AMI and
# ARI users themselves are rendered by BotPBX into ASTERISK_CONFIG_DIR/botpbx/manager.conf and ari.conf.
ensure_asterisk_settings() { # asterisk_etc_dir
  local file=$BOTPBX_ENV_FILE
  _env_line "$file" AMI_HOST 127.0.0.1
  _env_line "$file" AMI_PORT 5038
  _env_line "$file" AMI_USER botpbx
  _env_secret "$file" AMI_SECRET
  _env_line "$file" ARI_URL http://127.0.0.1:8088/ari
  _env_line "$file" ARI_USER botpbx
  _env_secret "$file" ARI_PASSWORD
  _env_line "$file" ASTERISK_CONFIG_DIR "$1"
  chmod 600 "$file"
  ok "AMI and ARI settings in $BOTPBX_ENV_FILE"
}

_env_secret() { # file key: a generated 32-character secret unless the file already holds a non-empty one
  [ -n "$(env_file_get "$1" "$2" || true)" ] && return 0
  # An empty KEY= line would shadow the appended value for some readers: drop it first.
  sed -i -E "/^[[:space:]]*$2=[\"']?[\"']?[[:space:]]*$/d" "$1"
  printf '%s=%s\n' "$2" "$(random_secret 32)" >>"$1"
}
