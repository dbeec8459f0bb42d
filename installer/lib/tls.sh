# HTTPS for the web UI and WSS for WebRTC phones: one certificate, used by BotPBX (Kestrel) and by Asterisk's HTTPS
# server (http.conf tlscertfile). It lives where the rendered http.conf and pjsip.conf look by default
# (SipSettings.TlsCertFile/TlsKeyFile: /etc/asterisk/keys/asterisk.pem and .key), a folder Asterisk in its root sees
# at the same path. Owner root, group asterisk, mode 0640: Asterisk and BotPBX (in that group) read it, nobody else.
#   BOTPBX_TLS_CERT_FILE + BOTPBX_TLS_KEY_FILE   the administrator's own certificate (full chain) and key, copied in
#                                                on every run (run install.sh again after renewing them);
#   otherwise                                    a self-signed certificate, made once and kept (10 years).

BOTPBX_HTTPS_PORT=3443

# Read when called, not when sourced: install.sh sources this before asterisk.sh sets ASTERISK_ETC_DIR.
_tls_dir() { printf '%s' "${BOTPBX_TLS_DIR:-${ASTERISK_ETC_DIR:-/etc/asterisk}/keys}"; }
tls_cert_path() { printf '%s/asterisk.pem' "$(_tls_dir)"; }
tls_key_path() { printf '%s/asterisk.key' "$(_tls_dir)"; }

ensure_tls_certificate() {
  local gid cert key
  gid=$(_gid_of "$ASTERISK_GROUP"); cert=$(tls_cert_path); key=$(tls_key_path)
  [ -n "$gid" ] || die "the group $ASTERISK_GROUP must exist before the certificate"
  _shared_dir "$(_tls_dir)" 0 "$gid" 0750
  if [ -n "${BOTPBX_TLS_CERT_FILE:-}" ] || [ -n "${BOTPBX_TLS_KEY_FILE:-}" ]; then
    _install_own_certificate "$cert" "$key" "$gid"
  elif [ -s "$cert" ] && [ -s "$key" ]; then
    ok "keeping the certificate in $cert ($(_cert_subject "$cert"))"
  else
    _make_self_signed "$cert" "$key" "$gid"
  fi
  chown "0:$gid" "$cert" "$key" && chmod 0640 "$cert" "$key"
}

_install_own_certificate() { # cert key gid
  [ -r "${BOTPBX_TLS_CERT_FILE:-}" ] && [ -r "${BOTPBX_TLS_KEY_FILE:-}" ] \
    || die "BOTPBX_TLS_CERT_FILE and BOTPBX_TLS_KEY_FILE must both name readable files"
  _cert_matches_key "$BOTPBX_TLS_CERT_FILE" "$BOTPBX_TLS_KEY_FILE" \
    || die "the certificate $BOTPBX_TLS_CERT_FILE does not belong to the key $BOTPBX_TLS_KEY_FILE"
  _install_secret_file "$BOTPBX_TLS_CERT_FILE" "$1" "$3"
  _install_secret_file "$BOTPBX_TLS_KEY_FILE" "$2" "$3"
  ok "your certificate ($(_cert_subject "$1")) is in $1"
}

# Written under a private temp name with umask 077, handed to the group, then renamed over the live file: the key is
# never readable by others, and a reader never sees half a file.
_install_secret_file() { # source target gid
  (umask 077 && cp "$1" "$2.new") && chown "0:$3" "$2.new" && chmod 0640 "$2.new" && mv -f "$2.new" "$2" \
    || die "could not install $2"
}

_make_self_signed() { # cert key gid
  local name work san
  name=$(hostname -f 2>/dev/null || hostname)
  san="DNS:$name,DNS:localhost,IP:127.0.0.1"
  for address in $(hostname -I 2>/dev/null); do san+=",IP:$address"; done
  work=$(umask 077 && mktemp -d)
  # EC P-256: what browsers and Asterisk's OpenSSL both accept, and fast.
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=$name/O=BotPBX" -addext "subjectAltName=$san" -keyout "$work/key" -out "$work/cert" >/dev/null 2>&1) \
    || { rm -rf "$work"; die "openssl could not make a certificate"; }
  _install_secret_file "$work/key" "$2" "$3"
  _install_secret_file "$work/cert" "$1" "$3"
  rm -rf "$work"
  ok "self-signed certificate for $name in $1 (browsers warn once; set BOTPBX_TLS_CERT_FILE/KEY_FILE for your own)"
}

_cert_subject() { openssl x509 -in "$1" -noout -subject 2>/dev/null | sed 's/^subject= *//'; }

_cert_matches_key() { # cert key: the public keys of both are the same
  local a b
  a=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) && b=$(openssl pkey -in "$2" -pubout 2>/dev/null) && [ -n "$a" ] && [ "$a" = "$b" ]
}

# The service's HTTPS settings in the env file (read by backend ServerOptions): added when missing, so a re-run keeps
# what the administrator changed there.
ensure_https_settings() {
  _env_line "$BOTPBX_ENV_FILE" HTTPS_PORT "$BOTPBX_HTTPS_PORT"
  _env_line "$BOTPBX_ENV_FILE" BOTPBX_TLS_CERT "$(tls_cert_path)"
  _env_line "$BOTPBX_ENV_FILE" BOTPBX_TLS_KEY "$(tls_key_path)"
  ok "HTTPS on port $(env_file_get "$BOTPBX_ENV_FILE" HTTPS_PORT); plain HTTP on $(env_file_get "$BOTPBX_ENV_FILE" PORT || echo "$BOTPBX_PORT") only redirects"
}
