# Which distribution this is, and whether install.sh supports it (Debian 12, Ubuntu 22.04 and 24.04).

OS_ID=""; OS_VERSION=""; OS_CODENAME=""

detect_os() {
  [ -r /etc/os-release ] || die "cannot read /etc/os-release: this installer supports Debian 12 and Ubuntu 22.04/24.04"
  # shellcheck disable=SC1091
  OS_ID=$(. /etc/os-release && echo "${ID:-}")
  OS_VERSION=$(. /etc/os-release && echo "${VERSION_ID:-}")
  OS_CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  case "$OS_ID:$OS_VERSION" in
    debian:12|ubuntu:22.04|ubuntu:24.04) ok "$OS_ID $OS_VERSION ($OS_CODENAME)" ;;
    *)
      if [ "${BOTPBX_ALLOW_UNSUPPORTED_OS:-0}" = 1 ]; then
        warn "$OS_ID $OS_VERSION is not a supported system; continuing because BOTPBX_ALLOW_UNSUPPORTED_OS=1"
      else
        die "$OS_ID $OS_VERSION is not supported (Debian 12, Ubuntu 22.04 or 24.04). Set BOTPBX_ALLOW_UNSUPPORTED_OS=1 to try anyway."
      fi
      ;;
  esac
}
