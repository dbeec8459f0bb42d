#!/usr/bin/env bash
# The service's start script (installer/botpbx-run) for real, with its paths moved to a temp dir and a fake `dotnet`
# that reports who it runs as: it must load the root-only env file as root, then become the service's user with no
# capabilities and umask 027, pass its arguments on, and be the same process pm2 started (exec, no wrapper left).
# The account is `nobody` (BOTPBX_USER in the env file), which every Debian/Ubuntu has, so no account is created.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=fakes.sh
source "$ROOT/tests/installer/fakes.sh"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root (it changes user)"; echo "0 passed, 0 failed"; exit 0; }
id nobody >/dev/null 2>&1 || { echo "skipped: no account nobody"; echo "0 passed, 0 failed"; exit 0; }
rm -f "$WORK/bin/setpriv" "$WORK/bin/id" "$WORK/bin/getent"   # the real ones: this is about them
hash -r
chmod 755 "$WORK" "$WORK/bin"
mkdir -p "$WORK/etc" "$WORK/app"; chmod 700 "$WORK/etc"
sed -e "s#/etc/botpbx#$WORK/etc#g" -e "s#/opt/botpbx/app#$WORK/app#g" "$ROOT/installer/botpbx-run" >"$WORK/botpbx-run"
chmod 755 "$WORK/botpbx-run"
(umask 077 && printf 'AMI_SECRET=s3cret\nBOTPBX_USER=nobody\n' >"$WORK/etc/botpbx.env")
(umask 077 && printf 'BOTPBX_ADMIN_PASSWORD=first\n' >"$WORK/etc/first-admin.env")
cat >"$WORK/bin/dotnet" <<'FAKE'
#!/bin/sh
out=$REPORT
{ echo "uid=$(id -u) gid=$(id -g) groups=$(id -G)"
  echo "umask=$(umask)"
  echo "caps=$(awk '/^CapEff|^CapPrm|^CapInh|^CapAmb/ { printf "%s%s ", $1, $2 }' /proc/$$/status)"
  echo "args=$*"
  echo "secret=${AMI_SECRET:-} admin=${BOTPBX_ADMIN_PASSWORD:-} home=$HOME"
  echo "pid=$$ cwd=$PWD"
  cat "$ENV_FILE_TO_TRY" >/dev/null 2>&1 && echo "env-file=readable" || echo "env-file=unreadable"
} >"$out"
FAKE
chmod 755 "$WORK/bin/dotnet"
export REPORT=$WORK/report ENV_FILE_TO_TRY=$WORK/etc/botpbx.env
: >"$REPORT"; chmod 666 "$REPORT"

"$WORK/botpbx-run" render-asterisk-config --flag & pid=$!
wait "$pid"; status=$?
check "the start script succeeds" test "$status" = 0
check "the service runs as the user named in the env file (nobody), not root" grep -q "^uid=$(id -u nobody) gid=$(id -g nobody)" "$REPORT"
check "with that user's groups only" grep -qx "uid=$(id -u nobody) gid=$(id -g nobody) groups=$(id -G nobody)" "$REPORT"
check "with no capabilities at all" grep -qx "caps=CapInh:0000000000000000 CapPrm:0000000000000000 CapEff:0000000000000000 CapAmb:0000000000000000 " "$REPORT"
check "with umask 027 (nothing it creates is readable by others)" grep -qx "umask=0027" "$REPORT"
check "its arguments reach the service" grep -qx "args=$WORK/app/BotPbx.Api.dll render-asterisk-config --flag" "$REPORT"
check "the settings of the root-only env file reach it through the environment" grep -q "^secret=s3cret " "$REPORT"
check "the first administrator's password is handed over" grep -q " admin=first " "$REPORT"
check "but it cannot read the env file itself" grep -qx "env-file=unreadable" "$REPORT"
check "it is the process pm2 started (exec all the way, signals reach it)" grep -q "^pid=$pid " "$REPORT"
check "it runs in the app folder" grep -q " cwd=$WORK/app$" "$REPORT"
[ "$failed" = 0 ] || cat "$REPORT"
finish
