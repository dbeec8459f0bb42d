# Shared by install.sh and test.sh: install Debian/Ubuntu packages only when what they provide is missing.
# Source it; every function returns non-zero on failure and says why.

_apt_updated=""
apt_install() { # packages...
  if [ "$(id -u)" != 0 ]; then
    echo "missing: $* — run as root (or install them) so they can be installed" >&2
    return 1
  fi
  if [ -z "$_apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || return 1
}

have_pg_server() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then return 0; fi
  # Ubuntu 24.04 and 22.04 ship the .NET 10 SDK in their own archive; Debian needs Microsoft's feed, which
  # install.sh adds when it can reach it.
  if apt-cache policy dotnet-sdk-10.0 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt_install dotnet-sdk-10.0 && return 0
  fi
  echo "the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux)" >&2
  return 1
}

node_is_recent() { # the web UI's build tools (vite 8) need Node.js ^20.19 or >= 22.12
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22 ? 0 : 1);'
}

# Debian 12 and Ubuntu ship Node.js 18 or older: Node.js 22 comes from NodeSource's repository
# (https://github.com/nodesource/distributions), signed with their key.
add_nodesource_repo() {
  [ -f /etc/apt/sources.list.d/nodesource.list ] && return 0
  command -v gpg >/dev/null 2>&1 || apt_install gnupg || return 1
  command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates || return 1
  install -d -m 755 /usr/share/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /usr/share/keyrings/nodesource.gpg \
    || return 1
  echo "deb [signed-by=/usr/share/keyrings/nodesource.gpg] https://deb.nodesource.com/node_22.x nodistro main" \
    > /etc/apt/sources.list.d/nodesource.list
  _apt_updated=""   # the new repository is visible only after the next apt-get update
}

ensure_node() {
  node_is_recent && return 0
  [ "$(id -u)" = 0 ] || { echo "Node.js 20.19 or newer is required (found $(node -v 2>/dev/null || echo none))" >&2; return 1; }
  add_nodesource_repo || { echo "could not add the NodeSource repository for Node.js 22" >&2; return 1; }
  apt_install nodejs || return 1
  node_is_recent || { echo "Node.js 20.19 or newer is required (found $(node -v 2>/dev/null || echo none))" >&2; return 1; }
}

ensure_test_prerequisites() {
  ensure_dotnet || return 1
  ensure_node || return 1
  local missing=()
  have_pg_server || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v flite >/dev/null 2>&1 || missing+=(flite)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  # The AI agents' offline speech-to-text (BotPbx.Voice PocketsphinxStt) runs on the host, not in the Asterisk root.
  command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx)
  [ -d /usr/share/pocketsphinx/model/en-us ] || missing+=(pocketsphinx-en-us)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt_install "${missing[@]}" || return 1
  fi
  # The Debian package starts its own cluster on 5432; the tests never use it.
  return 0
}
