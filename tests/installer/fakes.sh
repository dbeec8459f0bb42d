# Shared by tests/installer/*.test.sh (sourced; not a test itself): a temp dir, check(), and fake system commands first
# on PATH, so the installer's steps run against temp dirs without creating accounts, packages or services.
#   getent      knows the accounts asterisk (FAKE_ASTERISK_UID, gid FAKE_ASTERISK_GID) and botpbx (FAKE_BOTPBX_UID) once
#               they were "created" (or FAKE_ACCOUNTS_EXIST=1); asks the real getent for anything else
#   groupadd useradd usermod   record the call and "create" the account
#   id          answers -nG botpbx from the fake accounts; the real id otherwise
#   setpriv     records the user it would switch to, then runs the command as is
#   pm2 systemctl apt-get apt-cache   record the call; apt-cache answers FAKE_APT_ASTERISK as the candidate version
# Every call lands in $FAKE_LOG. Prints nothing; the test prints "N passed, N failed".
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0

check() { # description command...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what" >&2; fi
}

finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; }

mkdir -p "$WORK/bin" "$WORK/accounts"
export FAKE_LOG="$WORK/calls.log" FAKE_ACCOUNTS="$WORK/accounts" REAL_GETENT REAL_ID
export FAKE_ASTERISK_UID=${FAKE_ASTERISK_UID:-64101} FAKE_ASTERISK_GID=${FAKE_ASTERISK_GID:-64102}
export FAKE_BOTPBX_UID=${FAKE_BOTPBX_UID:-64201} FAKE_BOTPBX_GID=${FAKE_BOTPBX_GID:-64202}
REAL_GETENT=$(command -v getent); REAL_ID=$(command -v id)
: >"$FAKE_LOG"

cat >"$WORK/bin/getent" <<'FAKE'
#!/bin/sh
have() { [ "${FAKE_ACCOUNTS_EXIST:-0}" = 1 ] || [ -e "$FAKE_ACCOUNTS/$1" ]; }
case "$1:$2" in
  passwd:asterisk) have asterisk && echo "asterisk:x:$FAKE_ASTERISK_UID:$FAKE_ASTERISK_GID::/var/lib/asterisk:/usr/sbin/nologin" && exit 0; exit 2 ;;
  group:asterisk)  have asterisk-group && echo "asterisk:x:$FAKE_ASTERISK_GID:botpbx" && exit 0; exit 2 ;;
  passwd:botpbx)   have botpbx && echo "botpbx:x:$FAKE_BOTPBX_UID:$FAKE_BOTPBX_GID::/var/lib/botpbx:/usr/sbin/nologin" && exit 0; exit 2 ;;
  group:botpbx)    have botpbx && echo "botpbx:x:$FAKE_BOTPBX_GID:" && exit 0; exit 2 ;;
esac
exec "$REAL_GETENT" "$@"
FAKE
cat >"$WORK/bin/groupadd" <<'FAKE'
#!/bin/sh
echo "groupadd $*" >>"$FAKE_LOG"
for last; do :; done
[ "$last" = asterisk ] && touch "$FAKE_ACCOUNTS/asterisk-group"
exit 0
FAKE
cat >"$WORK/bin/useradd" <<'FAKE'
#!/bin/sh
echo "useradd $*" >>"$FAKE_LOG"
for last; do :; done
touch "$FAKE_ACCOUNTS/$last"
exit 0
FAKE
cat >"$WORK/bin/usermod" <<'FAKE'
#!/bin/sh
echo "usermod $*" >>"$FAKE_LOG"
touch "$FAKE_ACCOUNTS/botpbx-in-asterisk"
exit 0
FAKE
cat >"$WORK/bin/id" <<'FAKE'
#!/bin/sh
if [ "$1" = -nG ] && [ "$2" = botpbx ]; then
  if [ -e "$FAKE_ACCOUNTS/botpbx-in-asterisk" ] || [ "${FAKE_ACCOUNTS_EXIST:-0}" = 1 ]; then echo "botpbx asterisk"; else echo botpbx; fi
  exit 0
fi
exec "$REAL_ID" "$@"
FAKE
cat >"$WORK/bin/setpriv" <<'FAKE'
#!/bin/sh
user=""
while [ $# -gt 0 ]; do
  case "$1" in --reuid=*) user=${1#--reuid=} ;; --) shift; break ;; esac
  shift
done
echo "setpriv as $user: $*" >>"$FAKE_LOG"
exec "$@"
FAKE
for tool in pm2 systemctl apt-get; do
  printf '#!/bin/sh\necho "%s $*" >>"$FAKE_LOG"\n[ -n "${FAKE_%s_HOOK:-}" ] && sh -c "$FAKE_%s_HOOK" "$@"\nexit 0\n' \
    "$tool" "$(echo "$tool" | tr a-z- A-Z_)" "$(echo "$tool" | tr a-z- A-Z_)" >"$WORK/bin/$tool"
done
cat >"$WORK/bin/apt-cache" <<'FAKE'
#!/bin/sh
echo "asterisk:"
echo "  Installed: (none)"
echo "  Candidate: ${FAKE_APT_ASTERISK:-(none)}"
FAKE
chmod +x "$WORK/bin/"*
export PATH="$WORK/bin:$PATH"

# A fake AMI on a free loopback port: greets, answers Login with Success for FAKE_AMI_USER/FAKE_AMI_SECRET (read from
# the file $WORK/ami.expected when it exists), Error otherwise. Prints the port.
start_fake_ami() {
  python3 - "$WORK/ami.expected" >"$WORK/ami.port" 2>"$WORK/ami.err" <<'PY' &
import socket, sys, os
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
def serve(c):
    c.sendall(b"Asterisk Call Manager/11.0.0\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(4096)
        if not chunk: break
        data += chunk
    login = data.split(b"\r\n\r\n")[0].decode()
    fields = dict(l.split(": ", 1) for l in login.split("\r\n") if ": " in l)
    expected = open(sys.argv[1]).read().split() if os.path.exists(sys.argv[1]) else ["", ""]
    ok = [fields.get("Username"), fields.get("Secret")] == expected
    print("login", fields.get("Username"), "ok" if ok else "refused", flush=True, file=sys.stderr)
    c.sendall(b"Response: Success\r\nMessage: Authentication accepted\r\n\r\n" if ok else
              b"Response: Error\r\nMessage: Authentication failed\r\n\r\n")
    # Like Asterisk, answer the Logoff that follows before closing: closing with it unread makes the kernel send a
    # reset, which can throw away the reply above before the installer has read it.
    c.settimeout(5)
    while data.count(b"\r\n\r\n") < 2:
        chunk = c.recv(4096)
        if not chunk: return
        data += chunk
    c.sendall(b"Response: Goodbye\r\nMessage: Thanks for all the fish.\r\n\r\n")
while True:
    c, _ = s.accept()
    try: serve(c)
    except OSError: pass
    finally: c.close()
PY
  FAKE_AMI_PID=$!
  local tries=0
  until [ -s "$WORK/ami.port" ] || [ $tries -gt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
  FAKE_AMI_PORT=$(head -1 "$WORK/ami.port")
  trap 'kill "$FAKE_AMI_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
}

# For install.sh's Asterisk steps in the root way: a fake `dotnet` that renders what a default PBX renders
# (render-asterisk-config: transports, HTTPS, RTP, the AMI user), a fake `chroot` answering what ensure_asterisk_root
# asks, and pm2/systemd hooks that raise the flag ($FAKE_UP) the fake CLI answers from once Asterisk is "started".
use_fake_render_and_root() {
  cat >"$WORK/bin/dotnet" <<'FAKE'
#!/bin/sh
echo "dotnet $*" >>"$FAKE_LOG"
mkdir -p "$ASTERISK_CONFIG_DIR/botpbx"
printf '[transport-udp]\ntype=transport\nprotocol=udp\nbind=0.0.0.0:5060\n\n[transport-tcp]\ntype=transport\nprotocol=tcp\nbind=0.0.0.0:5060\n\n[transport-wss]\ntype=transport\nprotocol=wss\nbind=0.0.0.0\n' \
  >"$ASTERISK_CONFIG_DIR/botpbx/pjsip.conf"
printf '[general]\nenabled=yes\nbindaddr=127.0.0.1\nbindport=8088\ntlsenable=yes\ntlsbindaddr=0.0.0.0:8089\n' >"$ASTERISK_CONFIG_DIR/botpbx/http.conf"
printf '[general]\nrtpstart=10000\nrtpend=20000\nicesupport=yes\n' >"$ASTERISK_CONFIG_DIR/botpbx/rtp.conf"
printf '[%s]\nsecret=%s\n' "$AMI_USER" "$AMI_SECRET" >"$ASTERISK_CONFIG_DIR/botpbx/manager.conf"
echo "written: $ASTERISK_CONFIG_DIR/botpbx/manager.conf"
FAKE
  cat >"$WORK/bin/chroot" <<'FAKE'
#!/bin/sh
shift
case "$*" in
  "/usr/sbin/asterisk -V") echo "Asterisk 22.10.1" ;;
  "getent passwd asterisk") echo "asterisk:x:${FAKE_ROOT_UID:-101}:101::/var/lib/asterisk:/usr/sbin/nologin" ;;
  *) echo "chroot $*" >>"$FAKE_LOG" ;;
esac
FAKE
  chmod +x "$WORK/bin/dotnet" "$WORK/bin/chroot"
  export FAKE_PM2_HOOK='case "$0 $*" in "start "*asterisk.ecosystem.json*) touch "$FAKE_UP" ;; esac'
  export FAKE_SYSTEMCTL_HOOK='case "$0 $*" in "restart "*) touch "$FAKE_UP" ;; esac'
}

# Call after sourcing installer/lib/asterisk-root.sh: its functions, recorded in $FAKE_LOG.
fake_asterisk_root_functions() {
  # The root's functions, recorded: making the root, renumbering, running a command in it (only the CLI is asked).
  asterisk_root_ensure() {
    echo "root_ensure $*" >>"$FAKE_LOG"
    mkdir -p "$1/etc/asterisk" "$1/usr/sbin"
    [ -f "$1/etc/asterisk/asterisk.conf" ] || printf '[directories](!)\n' >"$1/etc/asterisk/asterisk.conf"
    printf '; the package sample manager.conf\n' >"$1/etc/asterisk/manager.conf"
    printf '; the package sample logger.conf\n' >"$1/etc/asterisk/logger.conf"
    printf '#!/bin/sh\n' >"$1/usr/sbin/asterisk"; chmod 755 "$1/usr/sbin/asterisk"
  }
  asterisk_root_set_ids() { echo "root_set_ids $*" >>"$FAKE_LOG"; }
  asterisk_root_exec() { # root binds -- /usr/sbin/asterisk -rx command
    echo "root_exec [$2] ${*:4}" >>"$FAKE_LOG"
    [ -e "$FAKE_UP" ] || { echo "Unable to connect to remote asterisk" >&2; return 1; }
    case "${*:6}" in "core show version") echo "Asterisk 22.10.1+dfsg-1 built by debian" ;; esac
    return 0
  }
}
