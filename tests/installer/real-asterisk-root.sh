#!/usr/bin/env bash
# A real check of install.sh's Asterisk-in-a-root path, by hand (not run by test.sh: it needs a Debian sid root of
# ~1 GB and root privileges): the installer's own functions prepare temp folders, and the real start script
# (installer/asterisk-run) runs Debian's Asterisk 22 from the root with them bound in. Nothing outside the temp dir
# and the root is touched: no accounts are created (the ids are numbers no account on the host has), no ports of an
# installed Asterisk are used (AMI 15038, HTTP 18088, HTTPS/WSS 18089, SIP 15060 on 127.0.0.1).
#   tests/installer/real-asterisk-root.sh ROOT   ROOT: a copy of a root made by asterisk_root_ensure; it is modified
#                                                (renumbered), so never pass a root someone else uses.
# Prints "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
ASTERISK_ROOT_COPY=${1:?usage: $0 ROOT-COPY}
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }
export FAKE_ASTERISK_UID=64101 FAKE_ASTERISK_GID=64102 FAKE_BOTPBX_UID=64201 FAKE_BOTPBX_GID=64202
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"   # only its getent (the accounts as numbers) and setpriv recorder are used
export FAKE_ACCOUNTS_EXIST=1
rm -f "$WORK/bin/setpriv" "$WORK/bin/systemctl"
T=$WORK
export ASTERISK_ETC_DIR=$T/etc/asterisk ASTERISK_VARLIB_DIR=$T/var/lib/asterisk
export ASTERISK_SPOOL_DIR=$T/var/spool/asterisk ASTERISK_LOG_DIR=$T/var/log/asterisk
ETC=$ASTERISK_ETC_DIR
source "$ROOT/installer/lib/common.sh"
source "$ROOT/installer/lib/config.sh"
source "$ROOT/installer/lib/accounts.sh"
source "$ROOT/installer/lib/asterisk-root.sh"
source "$ROOT/installer/lib/asterisk-service.sh"
source "$ROOT/installer/lib/tls.sh"
source "$ROOT/installer/asterisk.sh"
BOTPBX_ENV_FILE=$T/botpbx.env; BOTPBX_ASTERISK_ROOT=$ASTERISK_ROOT_COPY; ASTERISK_MODE=root
(umask 077 && printf 'BOTPBX_ASTERISK=root\nBOTPBX_ASTERISK_ROOT=%s\nAMI_PORT=15038\n' "$ASTERISK_ROOT_COPY" >"$BOTPBX_ENV_FILE")
shared="$ETC $ASTERISK_VARLIB_DIR $ASTERISK_SPOOL_DIR $ASTERISK_LOG_DIR"
chmod 755 "$T"   # the temp dir itself is 0700: Asterisk (dropped to its user) must pass through it

# ---- the installer's steps, for real (files, modes, the root's ids, the certificate) ---------------------------
started=$(date +%s)
( set -e
  asterisk_root_set_ids "$ASTERISK_ROOT_COPY" "$FAKE_ASTERISK_UID" "$FAKE_ASTERISK_GID"
  ensure_shared_dirs; seed_asterisk_etc_from_root; ensure_shared_dirs
  ensure_asterisk_settings "$ETC"
  install_asterisk_templates "$ROOT/asterisk-templates"
  ensure_tls_certificate ) >"$T/install.log" 2>&1
check "the installer's steps succeed" test $? = 0 || cat "$T/install.log"
check "the root's asterisk account has the host's ids" \
  test "$(chroot "$ASTERISK_ROOT_COPY" id -u asterisk):$(chroot "$ASTERISK_ROOT_COPY" id -g asterisk)" = "$FAKE_ASTERISK_UID:$FAKE_ASTERISK_GID"
check "no file in the root keeps the old id 101" test -z "$(find "$ASTERISK_ROOT_COPY" -xdev \( -uid 101 -o -gid 101 \) -print -quit)"

# What render-asterisk-config writes, by hand (the real render needs the service and its database), as the service's
# user with its umask: the AMI user, HTTP with TLS for WSS, one UDP transport; loopback test ports.
secret=$(env_file_get "$BOTPBX_ENV_FILE" AMI_SECRET)
(umask 027
 for f in "$ROOT"/asterisk-templates/*.conf; do : >"$ETC/botpbx/$(basename "$f")"; done
 printf '[botpbx]\nsecret=%s\ndeny=0.0.0.0/0.0.0.0\npermit=127.0.0.1/255.255.255.255\nread=all\nwrite=all\n' "$secret" >"$ETC/botpbx/manager.conf"
 printf '[general]\nenabled=yes\nbindaddr=127.0.0.1\nbindport=18088\ntlsenable=yes\ntlsbindaddr=127.0.0.1:18089\ntlscertfile=%s\ntlsprivatekey=%s\n' \
   "$(tls_cert_path)" "$(tls_key_path)" >"$ETC/botpbx/http.conf"
 printf '[transport-udp]\ntype=transport\nprotocol=udp\nbind=127.0.0.1:15060\n' >"$ETC/botpbx/pjsip.conf"
 printf '[general](+)\nport=15038\n' >"$ETC/manager_custom.conf")
chown -R "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID" "$ETC/botpbx"
# Folders at the temp paths: asterisk.conf's [directories] is a template in Debian's file ("(!)", ASTERISK.md), so
# the copy in the temp etc drops the "(!)" and points every shared folder at its temp path.
sed -i -E -e 's/^\[directories\]\(!\)/[directories]/' \
  -e "s#^astetcdir => .*#astetcdir => $ETC#" -e "s#^astvarlibdir => .*#astvarlibdir => $ASTERISK_VARLIB_DIR#" \
  -e "s#^astdbdir => .*#astdbdir => $ASTERISK_VARLIB_DIR#" -e "s#^astkeydir => .*#astkeydir => $ASTERISK_VARLIB_DIR#" \
  -e "s#^astspooldir => .*#astspooldir => $ASTERISK_SPOOL_DIR#" -e "s#^astlogdir => .*#astlogdir => $ASTERISK_LOG_DIR#" \
  "$ETC/asterisk.conf"
# Modules that would listen on fixed public ports of this shared machine stay out.
printf '[modules](+)\nnoload => chan_iax2.so\nnoload => chan_skinny.so\nnoload => chan_mgcp.so\nnoload => chan_unistim.so\nnoload => pbx_dundi.so\nnoload => res_pjsip_transport_websocket.so\n' >>"$ETC/modules.conf"

# ---- start it as the installer does (connect step), pm2 being a stand-in that runs the real start script ---------
export BOTPBX_ENV_FILE BOTPBX_ASTERISK_SHARED="$shared" BOTPBX_ASTERISK_CONF="$ETC/asterisk.conf" RUNNER_PID=$T/runner.pid
cat >"$WORK/bin/pm2" <<FAKE
#!/bin/sh
case "\$1" in
  start) "$ROOT/installer/asterisk-run" >"$T/asterisk-run.log" 2>&1 & echo \$! >"\$RUNNER_PID" ;;
  describe) exit 1 ;;
esac
exit 0
FAKE
chmod +x "$WORK/bin/pm2"
boot_started=$(date +%s)
( _start_or_reload_managed ) >"$T/connect.log" 2>&1
runner=$(cat "$RUNNER_PID" 2>/dev/null)
# Whatever happens, this Asterisk does not outlive the check.
trap 'kill -TERM "$runner" 2>/dev/null; sleep 2; rm -rf "$WORK"' EXIT
echo "started and booted in $(( $(date +%s) - boot_started )) s"
check "the installer starts Asterisk (through pm2) and sees it fully booted" grep -q "Asterisk 22.10.1.* is fully booted" "$T/connect.log"
check "the installer's own AMI check logs in with the generated secret" grep -q "AMI login as botpbx on 127.0.0.1:15038 works" "$T/connect.log"
[ "$failed" = 0 ] || cat "$T/connect.log"
check "Asterisk reports fully booted (core waitfullybooted, through the installer's CLI function)" wait_for_asterisk 10
version=$(asterisk_cli 'core show version' 2>/dev/null | head -1)
echo "core show version: $version"
check "core show version is Asterisk 22" grep -q '^Asterisk 22\.' <<<"$version"
check "the administrator's console wrapper reaches it (asterisk-cli -rx)" \
  bash -c 'BOTPBX_ENV_FILE=$1 "$2/installer/asterisk-cli" -rx "core show uptime" | grep -q "System uptime"' _ "$BOTPBX_ENV_FILE" "$ROOT"
check "AMI login with the generated secret works" ami_login_works 127.0.0.1 15038 botpbx "$secret"
not() { ! "$@"; }
check "AMI login with another secret is refused" not ami_login_works 127.0.0.1 15038 botpbx wrong-secret
pid=$(pgrep -f "^/usr/sbin/asterisk -f -U asterisk -G asterisk -C $ETC/asterisk.conf" | head -1)
check "the start script's process is Asterisk itself (exec all the way: the manager's signals reach it)" test "$pid" = "$runner"
check "Asterisk runs as the asterisk account (uid $FAKE_ASTERISK_UID), not root" test "$(stat -c %u "/proc/$pid")" = "$FAKE_ASTERISK_UID"
settings=$(asterisk_cli "core show settings" 2>/dev/null)
check "Asterisk uses the shared folders at their host paths (same path inside the root)" \
  grep -qE "Log directory: +$ASTERISK_LOG_DIR\$" <<<"$settings"
check "Asterisk's own files in the shared log folder are not readable by others" \
  test -z "$(find "$ASTERISK_LOG_DIR" -type f -perm /o=r -print -quit)"
served=$(openssl s_client -connect 127.0.0.1:18089 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint 2>/dev/null)
check "WSS/HTTPS on 18089 serves the installer's certificate (Asterisk, as its user, reads the 0640 key)" \
  test "$served" = "$(openssl x509 -in "$(tls_cert_path)" -noout -fingerprint)"
check "the service's user (group asterisk) can read the generated files and the key" \
  setpriv --reuid="$FAKE_BOTPBX_UID" --regid="$FAKE_BOTPBX_GID" --groups="$FAKE_ASTERISK_GID" cat "$ETC/botpbx/manager.conf" "$(tls_key_path)" >/dev/null
check "another user cannot" bash -c '! setpriv --reuid=64999 --regid=64999 --clear-groups cat "$1" 2>/dev/null' _ "$(tls_key_path)"
check "the bind mounts exist only in Asterisk's namespace, not on the host" bash -c '! grep -qF "$1" /proc/self/mountinfo' _ "$ASTERISK_ROOT_COPY"

# ---- stop it as the process manager does: pm2 sends SIGINT, systemd SIGTERM (STOP_SIGNAL=TERM) -------------------
kill -"${STOP_SIGNAL:-INT}" "$runner"
for _ in $(seq 30); do kill -0 "$runner" 2>/dev/null || break; sleep 1; done
check "SIG${STOP_SIGNAL:-INT} to the start script stops Asterisk" bash -c '! kill -0 "$1" 2>/dev/null && ! kill -0 "$2" 2>/dev/null' _ "$runner" "$pid"
echo "total $(( $(date +%s) - started )) s"
[ "$failed" = 0 ] || { echo "--- asterisk-run output:"; tail -20 "$T/asterisk-run.log"; }
finish
