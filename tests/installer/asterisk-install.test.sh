#!/usr/bin/env bash
# install.sh getting and running Asterisk 22 itself (installer/asterisk.sh, lib/asterisk-service.sh, lib/accounts.sh):
# which way each host takes (BOTPBX_ASTERISK), the Debian root with the process manager (pm2, or systemd), the host's
# package, the accounts and folder modes, the AMI check and the closing summary. Everything against fakes (fakes.sh):
# the root's own functions (lib/asterisk-root.sh, exercised for real by tests/installer/real-asterisk-root.sh) are
# replaced by recorders, Asterisk's CLI answers from a flag file, AMI is a small fake server; all paths are in a temp
# dir. Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root (files are handed to other owners)"; echo "0 passed, 0 failed"; exit 0; }
start_fake_ami
# This machine may be loaded far beyond its cores while other suites run: give the fake time to answer.
export AMI_CHECK_TIMEOUT=30

export ASTERISK_ETC_DIR="$WORK/etc-asterisk" ASTERISK_VARLIB_DIR="$WORK/var-lib-asterisk"
export ASTERISK_SPOOL_DIR="$WORK/spool-asterisk" ASTERISK_LOG_DIR="$WORK/log-asterisk"
export BOTPBX_ASTERISK_ROOT="$WORK/asterisk-root" SYSTEMD_UNIT_DIR="$WORK/systemd"
export FAKE_UP="$WORK/asterisk.up"
ETC=$ASTERISK_ETC_DIR
mkdir -p "$SYSTEMD_UNIT_DIR"

use_fake_render_and_root

# shellcheck source=/dev/null
source "$ROOT/installer/lib/common.sh"
source "$ROOT/installer/lib/prerequisites.sh"
source "$ROOT/installer/lib/config.sh"
source "$ROOT/installer/lib/accounts.sh"
source "$ROOT/installer/lib/asterisk-root.sh"
source "$ROOT/installer/lib/asterisk-service.sh"
source "$ROOT/installer/lib/tls.sh"
source "$ROOT/installer/asterisk.sh"
SRC=$ROOT
BOTPBX_HOME=$WORK/opt; BOTPBX_APP_DIR=$BOTPBX_HOME/app; BOTPBX_ENV_FILE=$WORK/botpbx.env
BOTPBX_LOG_DIR=$WORK/log-botpbx; BOTPBX_DATA_DIR=$WORK/var-lib-botpbx
mkdir -p "$BOTPBX_APP_DIR" "$BOTPBX_LOG_DIR"

fake_asterisk_root_functions

install_run() { # the Asterisk part of install.sh, in its order, with the AMI secret known to the fake AMI afterwards
  ( set -euo pipefail
    ensure_asterisk_account; ensure_botpbx_user; ensure_env_file_for_test
    install_asterisk_step; ensure_tls_certificate; ensure_https_settings
    printf '%s %s\n' "$(env_file_get "$BOTPBX_ENV_FILE" AMI_USER)" "${FAKE_AMI_SECRET_OVERRIDE:-$(env_file_get "$BOTPBX_ENV_FILE" AMI_SECRET)}" >"$WORK/ami.expected"
    connect_asterisk_step; asterisk_summary ) >"$WORK/out.log" 2>&1
}
ensure_env_file_for_test() { # what ensure_env_file writes, without the database; AMI on the fake's port
  [ -f "$BOTPBX_ENV_FILE" ] || (umask 077 && printf 'HOST=0.0.0.0\nPORT=3000\nAMI_PORT=%s\n' "$FAKE_AMI_PORT" >"$BOTPBX_ENV_FILE")
}
mode_of() { # environment assignments…: the mode choose_asterisk_mode picks with them, on a fresh env file
  ( : >"$WORK/mode.env"; BOTPBX_ENV_FILE=$WORK/mode.env; export "$@"; choose_asterisk_mode >/dev/null 2>&1; echo "$ASTERISK_MODE" )
}

# ---- which Asterisk each host gets -----------------------------------------------------------------------------
check "Debian 12 (no asterisk package) gets the root" test "$(mode_of FAKE_APT_ASTERISK='(none)')" = root
check "Ubuntu 24.04 (asterisk 20) gets the root" test "$(mode_of FAKE_APT_ASTERISK=1:20.6.0~dfsg+~cs6.13.40431414-2build5)" = root
check "Ubuntu 22.04 (asterisk 18) gets the root" test "$(mode_of FAKE_APT_ASTERISK=1:18.10.0~dfsg+~cs6.10.40431411-2)" = root
check "a host whose apt has asterisk 22 gets the package" test "$(mode_of FAKE_APT_ASTERISK=1:22.10.0+dfsg+~cs6.17.60671434-1ubuntu3)" = package
check "BOTPBX_ASTERISK=external is obeyed" test "$(mode_of BOTPBX_ASTERISK=external FAKE_APT_ASTERISK=1:22.10.0)" = external
check "BOTPBX_ASTERISK=root is obeyed where a package exists" test "$(mode_of BOTPBX_ASTERISK=root FAKE_APT_ASTERISK=1:22.10.0)" = root
printf '#!/bin/sh\necho Asterisk 20.6.0\n' >"$WORK/bin/asterisk"; chmod +x "$WORK/bin/asterisk"
check "an Asterisk already installed is connected (external)" test "$(mode_of FAKE_APT_ASTERISK=1:22.10.0)" = external
rm "$WORK/bin/asterisk"
check "an unknown BOTPBX_ASTERISK stops the installer" test -z "$(mode_of BOTPBX_ASTERISK=docker)"

# ---- first install on Debian 12 without systemd: the root under pm2 -------------------------------------------
export FAKE_APT_ASTERISK='(none)'
# What an earlier BotPBX (service as root, umask 022) left: root's files, readable by everyone.
mkdir -p "$ETC/botpbx" "$ASTERISK_VARLIB_DIR/sounds/botpbx/prompts"
printf '[old]\nsecret=x\n' >"$ETC/botpbx/manager.conf"; chmod 755 "$ETC/botpbx"; chmod 644 "$ETC/botpbx/manager.conf"
printf 'RIFF' >"$ASTERISK_VARLIB_DIR/sounds/botpbx/prompts/old.wav"; chmod 644 "$ASTERISK_VARLIB_DIR/sounds/botpbx/prompts/old.wav"
install_run; status=$?
env_value() { env_file_get "$BOTPBX_ENV_FILE" "$1"; }
check "the first run succeeds" test "$status" = 0
check "the root way is chosen and kept in the env file" test "$(env_value BOTPBX_ASTERISK)" = root
check "the root's place is kept in the env file" test "$(env_value BOTPBX_ASTERISK_ROOT)" = "$BOTPBX_ASTERISK_ROOT"
check "the group asterisk is created" grep -qx "groupadd --system asterisk" "$FAKE_LOG"
check "the user asterisk is created in it" grep -q "^useradd --system --gid asterisk .* asterisk$" "$FAKE_LOG"
check "the user botpbx is created, without login" grep -q "^useradd --system --user-group .*--shell /usr/sbin/nologin .* botpbx$" "$FAKE_LOG"
check "botpbx joins the group asterisk" grep -qx "usermod -a -G asterisk botpbx" "$FAKE_LOG"
check "the root is made in BOTPBX_ASTERISK_ROOT" grep -qx "root_ensure $BOTPBX_ASTERISK_ROOT" "$FAKE_LOG"
check "the root's asterisk account gets the host's ids" grep -qx "root_set_ids $BOTPBX_ASTERISK_ROOT $FAKE_ASTERISK_UID $FAKE_ASTERISK_GID" "$FAKE_LOG"
check "/etc/asterisk gets the package's sample files" grep -q "package sample modules.conf" "$ETC/modules.conf"
check "the sample manager.conf is kept as manager.conf.pre-botpbx" grep -q "package sample manager.conf" "$ETC/manager.conf.pre-botpbx"
check "manager.conf is BotPBX's base file" cmp -s "$ROOT/asterisk-templates/manager.conf" "$ETC/manager.conf"
check "/etc/asterisk: asterisk's, group-writable (BotPBX stages botpbx/ there), setgid, 2770" \
  test "$(stat -c '%u:%g %a' "$ETC")" = "$FAKE_ASTERISK_UID:$FAKE_ASTERISK_GID 2770"
check "botpbx/: the service's, group asterisk, 2750" test "$(stat -c '%u:%g %a' "$ETC/botpbx")" = "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID 2750"
check "prompts: the service's, group asterisk" \
  test "$(stat -c '%u:%g %a' "$ASTERISK_VARLIB_DIR/sounds/botpbx/prompts")" = "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID 2750"
check "music on hold: the service's, group asterisk" test "$(stat -c '%u:%g' "$ASTERISK_VARLIB_DIR/moh/botpbx")" = "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID"
check "an earlier install's prompt is handed to the service" \
  test "$(stat -c '%u:%g %a' "$ASTERISK_VARLIB_DIR/sounds/botpbx/prompts/old.wav")" = "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID 640"
check "voicemail: Asterisk's, the group may read and delete (2770)" \
  test "$(stat -c '%u:%g %a' "$ASTERISK_SPOOL_DIR/voicemail")" = "$FAKE_ASTERISK_UID:$FAKE_ASTERISK_GID 2770"
check "nothing Asterisk and BotPBX share is readable by other users" \
  test -z "$(find "$ETC" "$ASTERISK_VARLIB_DIR" "$ASTERISK_SPOOL_DIR" "$ASTERISK_LOG_DIR" -perm /o=rwx)"
check "the certificate and key: root's, group asterisk, 0640" \
  test "$(stat -c '%u:%g %a' "$ETC/keys/asterisk.pem" "$ETC/keys/asterisk.key" | sort -u)" = "0:$FAKE_ASTERISK_GID 640"
check "the start script for pm2/systemd is installed" test -x "$BOTPBX_HOME/bin/asterisk-run"
check "the CLI wrapper is installed" test -x "$BOTPBX_HOME/bin/asterisk-cli"
check "the root library the start script uses is installed" cmp -s "$ROOT/installer/lib/asterisk-root.sh" "$BOTPBX_HOME/lib/asterisk-root.sh"
check "without systemd no unit is written" test ! -e "$SYSTEMD_UNIT_DIR/botpbx-asterisk.service"
check "the render runs as botpbx" grep -q "^setpriv as botpbx: .*render-asterisk-config" "$FAKE_LOG"
check "pm2 starts Asterisk from its own manifest" grep -qx "pm2 start $BOTPBX_HOME/asterisk.ecosystem.json" "$FAKE_LOG"
check "pm2 saves the process list (back after a reboot)" grep -qx "pm2 save" "$FAKE_LOG"
check "Asterisk is started after the render" \
  test "$(grep -n render-asterisk-config "$FAKE_LOG" | tail -1 | cut -d: -f1)" -lt "$(grep -n "asterisk.ecosystem.json" "$FAKE_LOG" | cut -d: -f1)"
check "the installer waits for core waitfullybooted, in the root with /etc/asterisk bound" \
  grep -qx "root_exec \[$ETC\] /usr/sbin/asterisk -rx core waitfullybooted" "$FAKE_LOG"
check "the AMI login with the generated secret is checked and works" grep -q "AMI login as botpbx on 127.0.0.1:$FAKE_AMI_PORT works" "$WORK/out.log"
[ "$failed" = 0 ] || { cat "$WORK/out.log"; cat "$WORK/ami.err"; }   # what the installer and the fake AMI saw
check "the summary says where phones register" grep -qE "Phones: +register to [^ ]+:5060" "$WORK/out.log"
check "the summary lists SIP over UDP" grep -qE "5060/udp +SIP over UDP" "$WORK/out.log"
check "the summary lists SIP over TCP" grep -qE "5060/tcp +SIP over TCP" "$WORK/out.log"
check "the summary lists WSS for WebRTC" grep -qE "8089/tcp +SIP over secure WebSocket" "$WORK/out.log"
check "the summary lists the RTP range" grep -qE "10000-20000/udp +RTP" "$WORK/out.log"
check "the summary lists the web UI's HTTPS port" grep -q "3443/tcp (web UI, HTTPS)" "$WORK/out.log"
check "no secret is printed" bash -c '! grep -qF -e "$1" -e "$2" "$3"' _ "$(env_value AMI_SECRET)" "$(env_value ARI_PASSWORD)" "$WORK/out.log"

# ---- second run: an upgrade keeps secrets, samples the administrator edited, *_custom.conf -------------------
cp "$BOTPBX_ENV_FILE" "$WORK/env.after-first"
printf '; edited by the administrator\n' >"$ETC/modules.conf"
printf '[my-trunk]\ntype=endpoint\n' >"$ETC/pjsip_custom.conf"
cert_before=$(openssl x509 -in "$ETC/keys/asterisk.pem" -noout -fingerprint)
: >"$FAKE_LOG"
install_run; status=$?
check "the second run succeeds" test "$status" = 0
check "the env file is unchanged (secrets and the way kept)" cmp -s "$WORK/env.after-first" "$BOTPBX_ENV_FILE"
check "accounts that exist are not created again" bash -c '! grep -qE "^(groupadd|useradd|usermod)" "$1"' _ "$FAKE_LOG"
check "the sample files are not copied again over the administrator's edit" grep -qx "; edited by the administrator" "$ETC/modules.conf"
check "pjsip_custom.conf is untouched" test "$(cat "$ETC/pjsip_custom.conf")" = "$(printf '[my-trunk]\ntype=endpoint')"
check "the certificate is kept" test "$(openssl x509 -in "$ETC/keys/asterisk.pem" -noout -fingerprint)" = "$cert_before"
check "a running Asterisk is reloaded, not restarted" grep -qx "root_exec \[$ETC\] /usr/sbin/asterisk -rx core reload" "$FAKE_LOG"
check "a running Asterisk is not started again" bash -c '! grep -q "^pm2 start" "$1"' _ "$FAKE_LOG"

# ---- AMI refuses the secret ------------------------------------------------------------------------------------
FAKE_AMI_SECRET_OVERRIDE=not-the-secret install_run; status=$?
check "a refused AMI login does not stop the installer" test "$status" = 0
check "a refused AMI login is reported" grep -q "AMI login as botpbx on 127.0.0.1:$FAKE_AMI_PORT was refused" "$WORK/out.log"

# ---- the render fails: the summary still ends cleanly (install.sh runs under set -e) ---------------------------
mv "$ETC/botpbx" "$WORK/botpbx.kept"
( set -euo pipefail; ASTERISK_FOUND=1; asterisk_summary; echo "summary-ended" ) >"$WORK/summary.log" 2>&1
check "without rendered files the summary does not stop install.sh" grep -qx "summary-ended" "$WORK/summary.log"
check "without rendered files phones still get an address and the default port" grep -qE "register to [^ ]+:5060" "$WORK/summary.log"
mv "$WORK/botpbx.kept" "$ETC/botpbx"

# ---- the service logging in ------------------------------------------------------------------------------------
printf 'old run: AMI 127.0.0.1:5038 is Connected\n' >"$BOTPBX_LOG_DIR/botpbx.log"
offset=$(stat -c %s "$BOTPBX_LOG_DIR/botpbx.log")
( sleep 1; printf '2026-12-07T16:00:00Z info: AMI 127.0.0.1:5038 is Connected\n' >>"$BOTPBX_LOG_DIR/botpbx.log" ) &
writer=$!
check "the installer sees the service log in to AMI (a line after the restart)" wait_for_service_ami "$BOTPBX_LOG_DIR/botpbx.log" "$offset" >/dev/null
wait "$writer"

# ---- with systemd: the root runs as botpbx-asterisk.service ----------------------------------------------------
rm -f "$FAKE_UP"; : >"$FAKE_LOG"
has_systemd() { true; }
install_run; status=$?
check "with systemd the run succeeds" test "$status" = 0
check "with systemd the unit is installed" cmp -s "$ROOT/installer/botpbx-asterisk.service" "$SYSTEMD_UNIT_DIR/botpbx-asterisk.service"
check "the unit runs the same start script" grep -qx "ExecStart=/opt/botpbx/bin/asterisk-run" "$SYSTEMD_UNIT_DIR/botpbx-asterisk.service"
check "the unit restarts Asterisk when it stops" grep -qx "Restart=always" "$SYSTEMD_UNIT_DIR/botpbx-asterisk.service"
check "systemd reloads its units" grep -qx "systemctl daemon-reload" "$FAKE_LOG"
check "the unit is enabled (starts at boot)" grep -qx "systemctl enable botpbx-asterisk.service" "$FAKE_LOG"
check "the unit is started" grep -qx "systemctl restart botpbx-asterisk.service" "$FAKE_LOG"
check "with systemd pm2 does not run Asterisk" bash -c '! grep -q "^pm2 start" "$1"' _ "$FAKE_LOG"

# ---- a host whose apt has Asterisk 22: the package, run by its own unit -----------------------------------------
rm -rf "$WORK/pkg"; mkdir -p "$WORK/pkg"; rm -f "$FAKE_UP"; : >"$FAKE_LOG"
(
  BOTPBX_ENV_FILE=$WORK/pkg/botpbx.env; ASTERISK_ETC_DIR=$WORK/pkg/etc-asterisk; ETC=$ASTERISK_ETC_DIR
  BOTPBX_TLS_DIR=$ETC/keys
  export FAKE_APT_ASTERISK=1:22.10.0+dfsg+~cs6.17.60671434-1ubuntu3
  # apt-get install puts a (fake) asterisk on PATH whose CLI answers once systemd started it.
  export FAKE_APT_GET_HOOK='case "$0" in install) printf "#!/bin/sh\ncase \"\$1\" in -V) echo Asterisk 22.10.0 ;; -rx) [ -e \"$FAKE_UP\" ] || exit 1 ;; esac\n" >"$(dirname "$(command -v apt-get)")/asterisk"; chmod +x "$(dirname "$(command -v apt-get)")/asterisk" ;; esac'
  install_run; echo "status=$?" >>"$WORK/out.log"
  cp "$WORK/out.log" "$WORK/pkg/out.log"
)
check "the package run succeeds" grep -qx "status=0" "$WORK/pkg/out.log"
check "the package way is chosen" grep -q "Asterisk: the host's package" "$WORK/pkg/out.log"
check "apt installs asterisk with its modules, sounds and music on hold" \
  grep -q "^apt-get install .*asterisk asterisk-modules asterisk-core-sounds-en-gsm asterisk-moh-opsound-gsm" "$FAKE_LOG"
check "no root is made" bash -c '! grep -q "^root_ensure" "$1"' _ "$FAKE_LOG"
check "the package's own unit is enabled and started" grep -qx "systemctl restart asterisk.service" "$FAKE_LOG"
check "our unit is not used for the package" bash -c '! grep -q "restart botpbx-asterisk" "$1"' _ "$FAKE_LOG"
rm -f "$WORK/bin/asterisk"

finish
