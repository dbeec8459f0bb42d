# What BotPBX needs to be built and run: base tools, the .NET 10 SDK, Node.js 20.19+ (for the web UI build), pm2.
# Node.js and the apt helpers come from prerequisites.sh, which test.sh shares.
# Every step checks first and installs only what is missing, so a re-run changes nothing.

ensure_base_packages() {
  local missing=()
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v gpg >/dev/null 2>&1 || missing+=(gnupg)
  [ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
  # At run time: flite speaks IVR prompts offline, sox converts prompts and music on hold for Asterisk.
  command -v flite >/dev/null 2>&1 || missing+=(flite)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  # MP3 uploads (music on hold, IVR recordings, a campaign's voicemail message): Debian ships sox's MP3 reader apart.
  sox -h 2>/dev/null | grep -qw mp3 || missing+=(libsox-fmt-mp3)
  # AI agents' offline speech-to-text: pocketsphinx_continuous and its US English model (Debian 12's 0.8 release).
  command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx)
  [ -d /usr/share/pocketsphinx/model/en-us ] || missing+=(pocketsphinx-en-us)
  if [ ${#missing[@]} -gt 0 ]; then
    info "installing ${missing[*]}"
    apt_install "${missing[@]}" || die "could not install ${missing[*]}"
  fi
  ok "base tools, flite, sox and pocketsphinx"
}

# Debian has no .NET in its archive: add Microsoft's package feed (https://learn.microsoft.com/dotnet/core/install/linux-debian).
add_microsoft_feed() {
  [ -f /etc/apt/sources.list.d/microsoft-prod.list ] && return 0
  local deb
  deb=$(mktemp --suffix=.deb)
  curl -fsSL "https://packages.microsoft.com/config/$OS_ID/$OS_VERSION/packages-microsoft-prod.deb" -o "$deb" \
    || { rm -f "$deb"; return 1; }
  dpkg -i "$deb" >/dev/null || { rm -f "$deb"; return 1; }
  rm -f "$deb"
  _apt_updated=""   # the new feed needs an apt-get update before its packages are visible
}

ensure_dotnet_sdk() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    ok ".NET SDK $(dotnet --list-sdks | grep '^10\.' | tail -1 | cut -d' ' -f1) (already installed)"
    return 0
  fi
  if [ "$OS_ID" = debian ]; then
    info "adding Microsoft's package feed for the .NET SDK"
    add_microsoft_feed || die "could not add Microsoft's package feed (https://packages.microsoft.com)"
  fi
  info "installing dotnet-sdk-10.0"
  apt_install dotnet-sdk-10.0 || die "could not install dotnet-sdk-10.0"
  dotnet --list-sdks | grep -q '^10\.' || die "dotnet-sdk-10.0 was installed but no .NET 10 SDK is listed"
  ok ".NET SDK installed"
}

ensure_node_for_build() {
  if node_is_recent; then
    ok "Node.js $(node -v) (already installed)"
    return 0
  fi
  info "installing Node.js 22 from NodeSource (the distribution's Node.js is too old for the web UI build)"
  ensure_node || die "could not install Node.js 20.19 or newer"
  ok "Node.js $(node -v)"
}

PM2_VERSION=7

ensure_pm2() {
  if command -v pm2 >/dev/null 2>&1; then
    ok "pm2 $(pm2 --version 2>/dev/null | tail -1) (already installed)"
    return 0
  fi
  info "installing pm2 from npm"
  npm install -g --no-audit --no-fund --loglevel=error "pm2@$PM2_VERSION" >/dev/null || die "could not install pm2 (npm install -g pm2)"
  command -v pm2 >/dev/null 2>&1 || die "pm2 was installed but is not on PATH ($(npm prefix -g)/bin)"
  ok "pm2 $(pm2 --version 2>/dev/null | tail -1)"
}
