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

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then return 0; fi
  apt_install nodejs npm || return 1
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || { echo "Node.js 20 or newer is required" >&2; return 1; }
}

ensure_test_prerequisites() {
  ensure_dotnet || return 1
  ensure_node || return 1
  local missing=()
  have_pg_server || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v flite >/dev/null 2>&1 || missing+=(flite)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt_install "${missing[@]}" || return 1
  fi
  # The Debian package starts its own cluster on 5432; the tests never use it.
  return 0
}
