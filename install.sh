#!/usr/bin/env bash
# Installs BotPBX on this machine (Debian 12, Ubuntu 22.04 or 24.04), as root:
#   PostgreSQL, the .NET 10 SDK, Node.js (to build the web UI), pm2; BotPBX's database and its role;
#   /etc/botpbx/botpbx.env; the published service in /opt/botpbx/app; BotPBX running under pm2 as the user botpbx,
#   HTTPS on port 3443 (3000 redirects); Asterisk 22 with BotPBX's base files and AMI/ARI users (installer/asterisk.sh):
#   the host's package when its archive has version 22, otherwise Debian's in a Debian sid root in /opt/botpbx.
# Safe to run again (to upgrade from a newer checkout, or to repair): data, settings and passwords are kept.
#
# Options (environment variables):
#   BOTPBX_HOST=127.0.0.1          address to listen on, first install only (default 0.0.0.0: every address)
#   BOTPBX_ADMIN_EMAIL=you@x.com   the first administrator's e-mail, first install only (default admin@botpbx.local)
#   BOTPBX_ASTERISK=auto           which Asterisk: package, root, external (connect one already installed); auto picks
#   BOTPBX_TLS_CERT_FILE=… BOTPBX_TLS_KEY_FILE=…   your own certificate (full chain) and key instead of a self-signed one
#   BOTPBX_ALLOW_UNSUPPORTED_OS=1  try on another Debian-based system
# Details: docs/install.md
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
SRC=$PWD

# shellcheck source=installer/lib/common.sh
source installer/lib/common.sh
source installer/lib/prerequisites.sh
source installer/lib/os.sh
source installer/lib/toolchain.sh
source installer/lib/postgres.sh
source installer/lib/config.sh
source installer/lib/build.sh
source installer/lib/service.sh
source installer/lib/accounts.sh
source installer/lib/asterisk-root.sh
source installer/lib/asterisk-service.sh
source installer/lib/tls.sh
source installer/asterisk.sh

[ "$(id -u)" = 0 ] || die "run as root (sudo ./install.sh)"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step "System";                 detect_os; ensure_base_packages
step "PostgreSQL";             ensure_postgres_server; start_postgres
step "Build tools";            ensure_dotnet_sdk; ensure_node_for_build; ensure_pm2
step "Accounts";               ensure_asterisk_account; ensure_botpbx_user
step "Configuration";          ensure_env_file
step "Database";               ensure_database "$DB_PASSWORD"; prepare_first_admin
step "Asterisk";               install_asterisk_step
step "HTTPS";                  ensure_tls_certificate; ensure_https_settings
step "Building BotPBX";        check_port_free; build_and_stage "$SRC"
step "Installing BotPBX";      swap_in_stage; install_service_files "$SRC"
log_offset=$(stat -c %s "$BOTPBX_LOG_DIR/botpbx.log" 2>/dev/null || echo 0)
step "Starting BotPBX";        start_service; wait_for_health; remove_previous_build; ensure_log_rotation
# Needs the installed service (it renders botpbx/*.conf) and the AMI settings it started with: after the start.
if [ "$ASTERISK_FOUND" = 1 ]; then
  step "Starting Asterisk";    connect_asterisk_step && wait_for_service_ami "$BOTPBX_LOG_DIR/botpbx.log" "$log_offset" || true
fi

[ "$FIRST_INSTALL" = 1 ] && finish_first_admin

# ---- what to do next ------------------------------------------------------------------------------------------
url=$(service_local_url)
host=$(env_file_get "$BOTPBX_ENV_FILE" HOST || echo 0.0.0.0)
port=${url##*:}
step "BotPBX is running"
if [ "$host" = 0.0.0.0 ] || [ "$host" = "::" ]; then
  for address in $(hostname -I 2>/dev/null); do
    [[ $address == *:* ]] && continue
    info "Open:      ${url%%://*}://$address:$port"
  done
fi
info "Open:      $url   (on this machine)"
if [ "$FIRST_INSTALL" = 1 ]; then
  info "Sign in:   $ADMIN_EMAIL"
  info "Password:  $ADMIN_PASSWORD"
  info "${_bold}This password is shown only now.${_off} Change it under Settings after signing in."
else
  admin=$(existing_admin_email || true)
  info "The administrator already exists${admin:+ ($admin)}; sign in with the password you chose."
  info "Forgot it? Another administrator can reset it on the Users page."
fi
asterisk_summary
info "Settings:  $BOTPBX_ENV_FILE (root only)   Logs: $BOTPBX_LOG_DIR   Service: pm2 status | pm2 logs $BOTPBX_PM2_NAME"
if [ "$ASTERISK_MODE" = root ]; then
  info "Asterisk:  $BOTPBX_HOME/bin/asterisk-cli -rvvv   (its console; it runs in $BOTPBX_ASTERISK_ROOT)"
fi
if openssl x509 -in "$(tls_cert_path)" -noout -subject 2>/dev/null | grep -q 'BotPBX'; then
  info "HTTPS:     self-signed certificate: the browser warns once (BOTPBX_TLS_CERT_FILE/KEY_FILE for your own)"
fi
