#!/usr/bin/env bash
# HTTPS for the web UI and WSS (installer/lib/tls.sh), with the real openssl: a self-signed certificate made once and
# kept, the administrator's own certificate copied in, a key that does not match refused, the env settings, and the
# modes (root:asterisk 0640 in a 0750 folder; nothing readable by others at any step). Accounts are fakes (fakes.sh).
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"
export FAKE_ACCOUNTS_EXIST=1
export ASTERISK_ETC_DIR="$WORK/etc-asterisk"
# shellcheck source=/dev/null
source "$ROOT/installer/lib/common.sh"
source "$ROOT/installer/lib/config.sh"
source "$ROOT/installer/lib/accounts.sh"
source "$ROOT/installer/lib/tls.sh"
BOTPBX_ENV_FILE=$WORK/botpbx.env
(umask 077 && printf 'HOST=0.0.0.0\nPORT=3000\n' >"$BOTPBX_ENV_FILE")
CERT=$ASTERISK_ETC_DIR/keys/asterisk.pem; KEY=$ASTERISK_ETC_DIR/keys/asterisk.key
is_root() { [ "$(id -u)" = 0 ]; }
fingerprint() { openssl x509 -in "$1" -noout -fingerprint -sha256; }
run() { ( set -euo pipefail; ensure_tls_certificate; ensure_https_settings ) >"$WORK/out.log" 2>&1; }

# ---- first run: a self-signed certificate ---------------------------------------------------------------------
run; status=$?
check "the first run succeeds" test "$status" = 0
check "a certificate is made where http.conf and pjsip.conf look by default" test -s "$CERT"
check "and its key" test -s "$KEY"
check "the certificate belongs to the key" _cert_matches_key "$CERT" "$KEY"
check "it names this machine and loopback (subjectAltName)" \
  bash -c 'openssl x509 -in "$1" -noout -ext subjectAltName | grep -q "IP Address:127.0.0.1"' _ "$CERT"
check "it is valid for years, not days" bash -c 'openssl x509 -in "$1" -noout -checkend $((5 * 365 * 24 * 3600)) >/dev/null' _ "$CERT"
check "the key is mode 640" test "$(stat -c %a "$KEY")" = 640
check "the certificate is mode 640" test "$(stat -c %a "$CERT")" = 640
if is_root; then
  check "both are root's, group asterisk (Asterisk and BotPBX read them)" \
    test "$(stat -c '%u:%g' "$CERT" "$KEY" | sort -u)" = "0:$FAKE_ASTERISK_GID"
  check "the keys folder is root's, group asterisk, 0750" test "$(stat -c '%u:%g %a' "$ASTERISK_ETC_DIR/keys")" = "0:$FAKE_ASTERISK_GID 750"
fi
check "no temp file is left beside them" test "$(ls -A "$ASTERISK_ETC_DIR/keys" | sort | tr '\n' ' ')" = "asterisk.key asterisk.pem "
check "HTTPS_PORT is 3443" test "$(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT)" = 3443
check "BOTPBX_TLS_CERT names the certificate" test "$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_TLS_CERT)" = "$CERT"
check "BOTPBX_TLS_KEY names the key" test "$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_TLS_KEY)" = "$KEY"
check "the installer says it is self-signed" grep -q "self-signed certificate" "$WORK/out.log"
check "the key is never printed" bash -c '! grep -q "PRIVATE KEY" "$1"' _ "$WORK/out.log"

# ---- second run: kept ------------------------------------------------------------------------------------------
before=$(fingerprint "$CERT"); cp "$BOTPBX_ENV_FILE" "$WORK/env.before"
run
check "a re-run keeps the certificate" test "$(fingerprint "$CERT")" = "$before"
check "a re-run keeps the settings" cmp -s "$WORK/env.before" "$BOTPBX_ENV_FILE"
sed -i 's/^HTTPS_PORT=.*/HTTPS_PORT=8443/' "$BOTPBX_ENV_FILE"; run
check "an HTTPS_PORT the administrator changed is kept" test "$(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT)" = 8443

# ---- the administrator's own certificate ------------------------------------------------------------------------
mkdir -p "$WORK/own"
openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj "/CN=pbx.example.com" \
  -keyout "$WORK/own/privkey.pem" -out "$WORK/own/fullchain.pem" >/dev/null 2>&1
chmod 644 "$WORK/own/privkey.pem"   # however loose the source is, the copy is not
BOTPBX_TLS_CERT_FILE=$WORK/own/fullchain.pem BOTPBX_TLS_KEY_FILE=$WORK/own/privkey.pem run; status=$?
check "an own certificate is accepted" test "$status" = 0
check "it replaces the self-signed one" test "$(fingerprint "$CERT")" = "$(fingerprint "$WORK/own/fullchain.pem")"
check "its key is copied" cmp -s "$WORK/own/privkey.pem" "$KEY"
check "the copied key is mode 640 whatever the source's mode" test "$(stat -c %a "$KEY")" = 640
check "the installer names it" grep -q "pbx.example.com" "$WORK/out.log"
openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj "/CN=other" -keyout "$WORK/own/other.key" -out "$WORK/own/other.pem" >/dev/null 2>&1
BOTPBX_TLS_CERT_FILE=$WORK/own/fullchain.pem BOTPBX_TLS_KEY_FILE=$WORK/own/other.key run; status=$?
check "a key that does not belong to the certificate is refused" test "$status" != 0
check "the refusal says why" grep -q "does not belong to the key" "$WORK/out.log"
check "a refused pair leaves the installed one in place" test "$(fingerprint "$CERT")" = "$(fingerprint "$WORK/own/fullchain.pem")"
BOTPBX_TLS_CERT_FILE=$WORK/own/fullchain.pem run; status=$?
check "a certificate without its key is refused" test "$status" != 0

# ---- sourced in install.sh's order, before asterisk.sh sets ASTERISK_ETC_DIR ------------------------------------
check "in install.sh's order the certificate is /etc/asterisk/keys/asterisk.pem" \
  test "$(env -u ASTERISK_ETC_DIR -u BOTPBX_TLS_DIR bash -c 'cd "$1" && source installer/lib/common.sh && source installer/lib/tls.sh &&
    source installer/asterisk.sh && tls_cert_path' _ "$ROOT")" = /etc/asterisk/keys/asterisk.pem

# ---- "not even for an instant": the temp names are created under umask 077 --------------------------------------
# strace is not on every machine; instead the helper is run with a umask that would leak, and the file it leaves
# behind mid-way (.new, before chmod) is looked at by a wrapper around chown.
chown() { stat -c %a "${@: -1}" >>"$WORK/modes.seen"; command chown "$@"; }
( umask 000; _install_secret_file "$WORK/own/privkey.pem" "$WORK/probe.key" "$(_gid_of asterisk)" )
unset -f chown
check "the key's temp copy is private (600) before it is handed to the group" test "$(head -1 "$WORK/modes.seen")" = 600

finish
