#!/usr/bin/env bash
# install.sh's own sequence, from `step "System"` to its last line, run as written (set -euo pipefail, its `source`
# lines in its order) with every step that is not about Asterisk, accounts or HTTPS replaced by a recorder: what it
# proves is that the steps fit together — order, variables set by one and read by another, the closing summary —
# on a Debian 12-like host (no asterisk package, no systemd) taking the root way. The root, accounts, pm2 and AMI
# are the fakes of fakes.sh; paths are in a temp dir. Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root (files are handed to other owners)"; echo "0 passed, 0 failed"; exit 0; }
start_fake_ami
export AMI_CHECK_TIMEOUT=30 FAKE_APT_ASTERISK='(none)' FAKE_UP="$WORK/asterisk.up"
use_fake_render_and_root

cat >"$WORK/flow.sh" <<'FLOW'
set -euo pipefail
cd "$ROOT"; SRC=$ROOT
# install.sh's own source lines, in its order, then the temp paths (as variables, not exported: like install.sh).
eval "$(grep -E '^source installer/' install.sh)"
BOTPBX_HOME=$WORK/opt; BOTPBX_APP_DIR=$BOTPBX_HOME/app; BOTPBX_CONFIG_DIR=$WORK/etc-botpbx
BOTPBX_ENV_FILE=$BOTPBX_CONFIG_DIR/botpbx.env; BOTPBX_FIRST_ADMIN_FILE=$BOTPBX_CONFIG_DIR/first-admin.env
BOTPBX_DATA_DIR=$WORK/var-lib-botpbx; BOTPBX_LOG_DIR=$WORK/log-botpbx; BOTPBX_ASTERISK_ROOT=$WORK/asterisk-root
ASTERISK_ETC_DIR=$WORK/etc-asterisk; ASTERISK_VARLIB_DIR=$WORK/var-lib-asterisk
ASTERISK_SPOOL_DIR=$WORK/spool-asterisk; ASTERISK_LOG_DIR=$WORK/log-asterisk; SYSTEMD_UNIT_DIR=$WORK/systemd
fake_asterisk_root_functions
record() { echo "step $*" >>"$FAKE_LOG"; }
for f in detect_os ensure_base_packages ensure_postgres_server start_postgres ensure_dotnet_sdk ensure_node_for_build \
         ensure_pm2 ensure_database check_port_free build_and_stage remove_previous_build \
         ensure_log_rotation wait_for_health; do
  eval "$f() { record $f; }"
done
ensure_env_file() { # what config.sh writes, without the database; AMI on the fake's port
  record ensure_env_file
  install -d -m 700 "$BOTPBX_CONFIG_DIR"
  [ -f "$BOTPBX_ENV_FILE" ] || (umask 077 && printf 'HOST=0.0.0.0\nPORT=3000\nAMI_PORT=%s\n' "$FAKE_AMI_PORT" >"$BOTPBX_ENV_FILE")
  DB_PASSWORD=x
}
prepare_first_admin() { record prepare_first_admin; ADMIN_EMAIL=admin@botpbx.local; ADMIN_PASSWORD=first-password; FIRST_INSTALL=1; }
existing_admin_email() { echo admin@botpbx.local; }
swap_in_stage() { record swap_in_stage; mkdir -p "$BOTPBX_APP_DIR"; }
install_service_files() { record install_service_files; }
start_service() { # the service logs in to AMI a moment after it starts (once the AMI user exists)
  record start_service
  mkdir -p "$BOTPBX_LOG_DIR"
  ( sleep 3; echo "info: AMI 127.0.0.1:5038 is Connected" >>"$BOTPBX_LOG_DIR/botpbx.log" ) &
}
# install.sh from its first step to its end, as written.
eval "$(sed -n '/^step "System"/,$p' install.sh)"
echo "install-ended"
FLOW
export ROOT WORK FAKE_AMI_PORT
export -f fake_asterisk_root_functions
( printf '%s %s\n' botpbx placeholder >"$WORK/ami.expected"
  # The fake AMI learns the generated secret as soon as the env file has it (in the real order: render, then start).
  ( for _ in $(seq 300); do
      secret=$(grep -s '^AMI_SECRET=' "$WORK/etc-botpbx/botpbx.env" | cut -d= -f2)
      [ -n "$secret" ] && { printf 'botpbx %s\n' "$secret" >"$WORK/ami.expected"; break; }
      sleep 0.2
    done ) &
  bash "$WORK/flow.sh" ) >"$WORK/install.log" 2>&1
status=$?
log() { grep -q "$@" "$WORK/install.log"; }
check "install.sh's sequence runs to its end" log -x "install-ended"
check "it exits 0" test "$status" = 0
check "the steps run in install.sh's order" test "$(grep -oE '^step [a-z_0-9]+' "$FAKE_LOG" | cut -d' ' -f2 | tr '\n' ' ')" = \
  "detect_os ensure_base_packages ensure_postgres_server start_postgres ensure_dotnet_sdk ensure_node_for_build ensure_pm2 ensure_env_file ensure_database prepare_first_admin check_port_free build_and_stage swap_in_stage install_service_files start_service wait_for_health remove_previous_build ensure_log_rotation "
check "accounts come before the configuration" \
  test "$(grep -n '^useradd' "$FAKE_LOG" | tail -1 | cut -d: -f1)" -lt "$(grep -n '^step ensure_env_file' "$FAKE_LOG" | cut -d: -f1)"
check "the root way is taken" log "Debian's Asterisk 22 in a Debian sid root"
check "the certificate is in the Asterisk folder (not /keys)" test -s "$WORK/etc-asterisk/keys/asterisk.pem"
check "the env file names it" grep -qx "BOTPBX_TLS_CERT=$WORK/etc-asterisk/keys/asterisk.pem" "$WORK/etc-botpbx/botpbx.env"
check "the render comes after the service started" \
  test "$(grep -n '^step start_service' "$FAKE_LOG" | cut -d: -f1)" -lt "$(grep -n 'render-asterisk-config' "$FAKE_LOG" | tail -1 | cut -d: -f1)"
check "Asterisk is started by pm2 after the render" \
  test "$(grep -n 'render-asterisk-config' "$FAKE_LOG" | tail -1 | cut -d: -f1)" -lt "$(grep -n 'pm2 start .*asterisk.ecosystem.json' "$FAKE_LOG" | cut -d: -f1)"
check "the installer's AMI login works" log "AMI login as botpbx on 127.0.0.1:$FAKE_AMI_PORT works"
check "it sees BotPBX connected to Asterisk" log "BotPBX is connected to Asterisk (AMI)"
check "the address printed is HTTPS on 3443" log -E "Open: +https://127.0.0.1:3443 +\(on this machine\)"
check "the first administrator's password is printed" log "Password:  first-password"
check "where phones register is printed" log -E "Phones: +register to [^ ]+:5060"
check "the RTP range to open is printed" log "10000-20000/udp"
check "the console command is printed" log "asterisk-cli -rvvv"
check "the self-signed certificate is mentioned" log "self-signed certificate: the browser warns once"
check "no secret is printed" bash -c '! grep -qF "$(grep "^AMI_SECRET=" "$1" | cut -d= -f2)" "$2"' _ "$WORK/etc-botpbx/botpbx.env" "$WORK/install.log"
[ "$failed" = 0 ] || { tail -30 "$WORK/install.log"; grep -oE "^step [a-z_0-9]+" "$FAKE_LOG" | tr "\n" " "; }
finish
