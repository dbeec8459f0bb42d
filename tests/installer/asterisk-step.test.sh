#!/usr/bin/env bash
# The installer's Asterisk steps (installer/asterisk.sh) for an Asterisk that is already installed
# (BOTPBX_ASTERISK=external, which auto picks when one is there), against a fake Asterisk: no real Asterisk, no root
# paths. A fake `asterisk` (answers -V and -rx, logs its calls) and a fake `dotnet` (stands in for
# `BotPbx.Api.dll render-asterisk-config`, whose real behaviour tests/BotPbx.Api.IntegrationTests covers) go first on
# PATH, with the account and service fakes of fakes.sh; Asterisk's folders and the env file live in a temp dir. Each
# step runs twice, as a re-run of install.sh does. Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"
export FAKE_ACCOUNTS_EXIST=1

# ---- fakes ----------------------------------------------------------------------------------------------------
cat >"$WORK/bin/asterisk" <<'EOF'
#!/bin/sh
echo "$*" >>"$FAKE_LOG"
case "$1" in
  -V) echo "Asterisk 22.5.2"; exit 0 ;;
  -rx) [ "${FAKE_ASTERISK_RUNNING:-1}" = 1 ] || { echo "Unable to connect to remote asterisk" >&2; exit 1; }
       echo "ok"; exit 0 ;;
esac
exit 2
EOF
cat >"$WORK/bin/dotnet" <<'EOF'
#!/bin/sh
# Records what the real command would see (variable names and non-secret values only), then renders one file.
echo "dotnet $* AMI_USER=$AMI_USER ASTERISK_CONFIG_DIR=$ASTERISK_CONFIG_DIR secret_set=${AMI_SECRET:+yes} cwd=$PWD" >>"$FAKE_LOG"
if [ "${FAKE_RENDER_FAILS:-0}" = 1 ]; then
  echo "render-asterisk-config: cannot render the Asterisk configuration: options.amiSecret: too short" >&2; exit 1
fi
mkdir -p "$ASTERISK_CONFIG_DIR/botpbx"
printf '[%s]\nsecret=%s\n' "$AMI_USER" "$AMI_SECRET" >"$ASTERISK_CONFIG_DIR/botpbx/manager.conf"
echo "written: $ASTERISK_CONFIG_DIR/botpbx/manager.conf"
EOF
chmod +x "$WORK/bin/asterisk" "$WORK/bin/dotnet"
export ASTERISK_ETC_DIR="$WORK/etc-asterisk" ASTERISK_VARLIB_DIR="$WORK/var-lib-asterisk"
export ASTERISK_SPOOL_DIR="$WORK/spool-asterisk" ASTERISK_LOG_DIR="$WORK/log-asterisk"
ETC=$ASTERISK_ETC_DIR

# ---- the installer's code, pointed at the temp dir -------------------------------------------------------------
# shellcheck source=/dev/null
source "$ROOT/installer/lib/common.sh"
source "$ROOT/installer/lib/config.sh"
source "$ROOT/installer/lib/accounts.sh"
source "$ROOT/installer/lib/asterisk-root.sh"
source "$ROOT/installer/lib/asterisk-service.sh"
source "$ROOT/installer/asterisk.sh"
SRC=$ROOT
BOTPBX_ENV_FILE=$WORK/botpbx.env
BOTPBX_APP_DIR=$WORK/app
mkdir -p "$BOTPBX_APP_DIR"

run_steps() { # as install.sh runs them: the configuration part, then (after the service) the connection
  ( set -euo pipefail; install_asterisk_step; connect_asterisk_step ) >"$WORK/out.log" 2>&1
}

# ---- a machine with Asterisk's own sample files and an administrator's addition -------------------------------
mkdir -p "$ETC"
printf '; Asterisk sample manager.conf\n[general]\nenabled = yes\n' >"$ETC/manager.conf"
printf '; extensions.conf — BotPBX base file, from an older release\n' >"$ETC/extensions.conf"
printf '[my-trunk]\ntype=endpoint\n' >"$ETC/pjsip_custom.conf"
(umask 077 && printf 'BOTPBX_DATABASE_URL=postgresql://botpbx:dbpw@127.0.0.1:5432/botpbx\nAMI_PORT=5039\nARI_PASSWORD=\n' >"$BOTPBX_ENV_FILE")

# ---- first run -------------------------------------------------------------------------------------------------
run_steps; status=$?
check "the first run succeeds" test "$status" = 0
for template in "$ROOT"/asterisk-templates/*.conf; do
  check "$(basename "$template") is installed as the template" cmp -s "$template" "$ETC/$(basename "$template")"
done
check "the foreign manager.conf is kept as manager.conf.pre-botpbx" \
  grep -qx '; Asterisk sample manager.conf' "$ETC/manager.conf.pre-botpbx"
check "an older BotPBX base file is replaced without a backup" test ! -e "$ETC/extensions.conf.pre-botpbx"
check "files that did not exist get no backup" test ! -e "$ETC/pjsip.conf.pre-botpbx"
check "pjsip_custom.conf is untouched" test "$(cat "$ETC/pjsip_custom.conf")" = "$(printf '[my-trunk]\ntype=endpoint')"
check "the botpbx/ directory exists" test -d "$ETC/botpbx"
check "the installed Asterisk is connected, not replaced (mode external, kept in the env file)" \
  test "$(env_file_get "$BOTPBX_ENV_FILE" BOTPBX_ASTERISK)" = external
check "nothing is installed with apt" bash -c '! grep -q "^apt-get" "$1"' _ "$FAKE_LOG"
check "base files are readable by group asterisk only (mode 640)" test "$(stat -c %a "$ETC/pjsip.conf")" = 640
check "the base files' group is asterisk" test "$(stat -c %g "$ETC/pjsip.conf")" = "$FAKE_ASTERISK_GID"
check "botpbx/ belongs to the service user, group asterisk, mode 2750" \
  test "$(stat -c '%u:%g %a' "$ETC/botpbx")" = "$FAKE_BOTPBX_UID:$FAKE_ASTERISK_GID 2750"
check "the render runs as the service user" grep -q "^setpriv as botpbx: env HOME=.* dotnet .*render-asterisk-config" "$FAKE_LOG"

env_value() { env_file_get "$BOTPBX_ENV_FILE" "$1"; }
check "the env file stays mode 600" test "$(stat -c %a "$BOTPBX_ENV_FILE")" = 600
check "AMI_HOST is 127.0.0.1" test "$(env_value AMI_HOST)" = 127.0.0.1
check "an AMI_PORT already set is kept" test "$(env_value AMI_PORT)" = 5039
check "AMI_USER is botpbx" test "$(env_value AMI_USER)" = botpbx
check "ARI_URL points at the local ARI" test "$(env_value ARI_URL)" = http://127.0.0.1:8088/ari
check "ARI_USER is botpbx" test "$(env_value ARI_USER)" = botpbx
check "ASTERISK_CONFIG_DIR is the Asterisk directory" test "$(env_value ASTERISK_CONFIG_DIR)" = "$ETC"
AMI_SECRET_1=$(env_value AMI_SECRET); ARI_PASSWORD_1=$(env_value ARI_PASSWORD)
check "AMI_SECRET is 32 letters and digits" grep -qxE '[A-Za-z0-9]{32}' <<<"$AMI_SECRET_1"
check "an empty ARI_PASSWORD is replaced by a generated one" grep -qxE '[A-Za-z0-9]{32}' <<<"$ARI_PASSWORD_1"
check "the ARI password differs from the AMI secret" test "$ARI_PASSWORD_1" != "$AMI_SECRET_1"
check "the database URL is kept" test "$(env_value BOTPBX_DATABASE_URL)" = postgresql://botpbx:dbpw@127.0.0.1:5432/botpbx
check "the render command ran with the service's settings, from the app directory" \
  grep -qF "dotnet $BOTPBX_APP_DIR/BotPbx.Api.dll render-asterisk-config AMI_USER=botpbx ASTERISK_CONFIG_DIR=$ETC secret_set=yes cwd=$BOTPBX_APP_DIR" "$FAKE_LOG"
check "the rendered manager.conf holds the AMI user" grep -qx '\[botpbx\]' "$ETC/botpbx/manager.conf"
check "Asterisk is reloaded after the render" grep -qx -- "-rx core reload" "$FAKE_LOG"
check "the reload comes after the render" \
  test "$(grep -n -- 'render-asterisk-config' "$FAKE_LOG" | tail -1 | cut -d: -f1)" -lt "$(grep -n -- '-rx core reload' "$FAKE_LOG" | cut -d: -f1)"
check "no secret is printed" bash -c '! grep -qF -e "$1" -e "$2" "$3"' _ "$AMI_SECRET_1" "$ARI_PASSWORD_1" "$WORK/out.log"

# ---- second run: nothing changes -------------------------------------------------------------------------------
cp "$BOTPBX_ENV_FILE" "$WORK/env.after-first"
ls "$ETC" >"$WORK/etc.after-first"
: >"$FAKE_LOG"
run_steps; status=$?
check "the second run succeeds" test "$status" = 0
check "the env file is unchanged (secrets kept, no duplicates)" cmp -s "$WORK/env.after-first" "$BOTPBX_ENV_FILE"
check "no new files (no second backup)" cmp -s "$WORK/etc.after-first" <(ls "$ETC")
check "the backup still holds the original" grep -qx '; Asterisk sample manager.conf' "$ETC/manager.conf.pre-botpbx"
check "the second run says the base files are up to date" grep -q "base files in $ETC are up to date" "$WORK/out.log"
check "the second run renders and reloads again" grep -qx -- "-rx core reload" "$FAKE_LOG"

# ---- a changed template replaces our file; a package's file appearing again is backed up with a date --------
printf '; queues.conf — BotPBX base file, edited by hand\n' >"$ETC/queues.conf"
printf '; Asterisk sample manager.conf, reinstalled by the package\n' >"$ETC/manager.conf"
run_steps
check "our edited base file is replaced by the template" cmp -s "$ROOT/asterisk-templates/queues.conf" "$ETC/queues.conf"
check "a foreign file that returns is backed up beside the first backup" \
  grep -qx '; Asterisk sample manager.conf, reinstalled by the package' "$ETC"/manager.conf.pre-botpbx.*
check "the first backup is not overwritten" grep -qx '; Asterisk sample manager.conf' "$ETC/manager.conf.pre-botpbx"

# ---- Asterisk installed but not running ------------------------------------------------------------------------
: >"$FAKE_LOG"
FAKE_ASTERISK_RUNNING=0 run_steps; status=$?
check "with Asterisk stopped the steps still succeed" test "$status" = 0
check "with Asterisk stopped the files are still rendered" grep -q "render-asterisk-config" "$FAKE_LOG"
check "with Asterisk stopped there is no reload" bash -c '! grep -q -- "-rx core reload" "$1"' _ "$FAKE_LOG"
check "with Asterisk stopped the installer says so" grep -q "Asterisk is not running" "$WORK/out.log"

# ---- the render fails ------------------------------------------------------------------------------------------
: >"$FAKE_LOG"
FAKE_RENDER_FAILS=1 run_steps; status=$?
check "a failed render does not stop the installer (the admin password is still to be shown)" test "$status" = 0
check "a failed render shows the command's error line" grep -q "cannot render the Asterisk configuration" "$WORK/out.log"
check "a failed render is not followed by a reload" bash -c '! grep -q -- "-rx core reload" "$1"' _ "$FAKE_LOG"

# ---- no Asterisk ----------------------------------------------------------------------------------------------
rm -rf "$ETC"; cp "$WORK/env.after-first" "$BOTPBX_ENV_FILE"; : >"$FAKE_LOG"
mv "$WORK/bin/asterisk" "$WORK/asterisk.off"
if command -v asterisk >/dev/null 2>&1 || [ -e /usr/sbin/asterisk ]; then
  echo "skipped: the no-Asterisk case (this machine has a real asterisk)"
else
  run_steps; status=$?
  check "without Asterisk the steps succeed" test "$status" = 0
  check "without Asterisk nothing is installed" test ! -e "$ETC"
  check "without Asterisk nothing is rendered" test ! -s "$FAKE_LOG"
  check "without Asterisk the installer says so" grep -q "no Asterisk is installed here" "$WORK/out.log"
fi

finish
