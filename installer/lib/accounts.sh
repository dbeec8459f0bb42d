# Least privilege: BotPBX runs as its own user `botpbx`, in the group `asterisk`; Asterisk runs as `asterisk`.
# The folders the two share are group `asterisk` with the setgid bit, so whatever either writes there stays in the
# group the other reads with. Nothing they share is readable by other users. Source it; needs root.
#
# Ids: the Debian root's Asterisk has its own `asterisk` account (uid/gid 101 in sid), which on the host may belong to
# someone else (postgres, here). The host's ids win: the host gets a system account `asterisk` (unless it has one),
# and the root's account is renumbered to the same ids (asterisk_root_set_ids), so a file in a shared folder has the
# same owner inside and outside the root.

BOTPBX_USER=${BOTPBX_USER:-botpbx}
ASTERISK_USER=${ASTERISK_USER:-asterisk}
ASTERISK_GROUP=${ASTERISK_GROUP:-asterisk}

# Empty when there is no such account; never a failure (install.sh runs under set -e -o pipefail).
_uid_of() { getent passwd "$1" | cut -d: -f3 || true; }
_gid_of() { getent group "$1" | cut -d: -f3 || true; }
_gid_of_user() { getent passwd "$1" | cut -d: -f4 || true; }   # the user's primary group

# The Asterisk package creates this account itself; for the root (and an Asterisk installed without one) the
# installer makes it, so that shared folders have an owner on the host.
ensure_asterisk_account() {
  if [ -z "$(_gid_of "$ASTERISK_GROUP")" ]; then
    groupadd --system "$ASTERISK_GROUP" || die "could not create the group $ASTERISK_GROUP"
  fi
  if [ -z "$(_uid_of "$ASTERISK_USER")" ]; then
    useradd --system --gid "$ASTERISK_GROUP" --home-dir /var/lib/asterisk --no-create-home \
      --shell /usr/sbin/nologin --comment "Asterisk PBX daemon" "$ASTERISK_USER" \
      || die "could not create the user $ASTERISK_USER"
  fi
  ok "account $ASTERISK_USER ($(_uid_of "$ASTERISK_USER"):$(_gid_of "$ASTERISK_GROUP"))"
}

# The service's own account: no login, no password, home in its data folder (dotnet keeps its caches there).
ensure_botpbx_user() {
  [ -n "$(_gid_of "$ASTERISK_GROUP")" ] || groupadd --system "$ASTERISK_GROUP" || die "could not create the group $ASTERISK_GROUP"
  if [ -z "$(_uid_of "$BOTPBX_USER")" ]; then
    # A group of that name left from an earlier account is reused: useradd --user-group would refuse it.
    local group=--user-group
    [ -n "$(_gid_of "$BOTPBX_USER")" ] && group="--gid=$BOTPBX_USER"
    useradd --system "$group" --home-dir "$BOTPBX_DATA_DIR" --no-create-home --shell /usr/sbin/nologin \
      --comment "BotPBX service" "$BOTPBX_USER" || die "could not create the user $BOTPBX_USER"
  fi
  # -a: keep any group the administrator added.
  id -nG "$BOTPBX_USER" | tr ' ' '\n' | grep -qx "$ASTERISK_GROUP" \
    || usermod -a -G "$ASTERISK_GROUP" "$BOTPBX_USER" || die "could not add $BOTPBX_USER to the group $ASTERISK_GROUP"
  ok "BotPBX runs as $BOTPBX_USER (groups: $(id -nG "$BOTPBX_USER" | tr ' ' ','))"
}

# mkdir with owner, group and mode from the start: `install -d` creates it with those, never wider for an instant.
_shared_dir() { # path owner-uid group-gid mode
  if [ -d "$1" ]; then
    chown "$2:$3" "$1" && chmod "$4" "$1"
  else
    # Parents (/var/lib…) are ordinary folders every account may pass through; only the folder itself is private.
    mkdir -p "$(dirname "$1")"
    (umask 077 && install -d -o "$2" -g "$3" -m "$4" "$1")
  fi
}

# Folders an older install (service as root) left owned by root: handed to the service user, group asterisk.
_hand_over_tree() { # path uid gid
  [ -e "$1" ] || return 0
  chown -R "$2:$3" "$1"
  # Take away "other" everywhere; directories keep their setgid bit so new files stay in the group.
  chmod -R o-rwx "$1"
  find "$1" -type d -exec chmod g+s {} +
}

# Every folder BotPBX and Asterisk share, with who writes it:
#   ASTERISK_ETC_DIR                  asterisk owns, group writes: BotPBX stages botpbx/ beside the live one and renames
#   ASTERISK_ETC_DIR/botpbx(.previous) BotPBX writes (generated, secrets: 0750 / files 0640), Asterisk reads
#   sounds/botpbx, moh/botpbx         BotPBX writes (prompts, uploaded recordings, music on hold), Asterisk reads
#   /var/spool/asterisk                Asterisk writes (voicemail, recordings, call files); BotPBX reads and deletes
#   /var/lib/asterisk, /var/log/asterisk  Asterisk's own (astdb, logs); BotPBX reads
ensure_shared_dirs() {
  local a_uid a_gid b_uid sub
  a_uid=$(_uid_of "$ASTERISK_USER"); a_gid=$(_gid_of "$ASTERISK_GROUP"); b_uid=$(_uid_of "$BOTPBX_USER")
  [ -n "$a_uid" ] && [ -n "$a_gid" ] && [ -n "$b_uid" ] || die "the accounts $ASTERISK_USER and $BOTPBX_USER must exist first"
  _shared_dir "$ASTERISK_ETC_DIR" "$a_uid" "$a_gid" 2770
  _shared_dir "$ASTERISK_ETC_DIR/botpbx" "$b_uid" "$a_gid" 2750
  _hand_over_tree "$ASTERISK_ETC_DIR/botpbx" "$b_uid" "$a_gid"
  _hand_over_tree "$ASTERISK_ETC_DIR/botpbx.previous" "$b_uid" "$a_gid"
  _shared_dir "$ASTERISK_VARLIB_DIR" "$a_uid" "$a_gid" 2750
  for sub in sounds moh; do _shared_dir "$ASTERISK_VARLIB_DIR/$sub" "$a_uid" "$a_gid" 2750; done
  for sub in sounds/botpbx sounds/botpbx/prompts sounds/botpbx/recordings moh/botpbx; do
    _shared_dir "$ASTERISK_VARLIB_DIR/$sub" "$b_uid" "$a_gid" 2750
  done
  _hand_over_tree "$ASTERISK_VARLIB_DIR/sounds/botpbx" "$b_uid" "$a_gid"
  _hand_over_tree "$ASTERISK_VARLIB_DIR/moh/botpbx" "$b_uid" "$a_gid"
  _shared_dir "$ASTERISK_SPOOL_DIR" "$a_uid" "$a_gid" 2770
  for sub in voicemail recording monitor outgoing tmp; do _shared_dir "$ASTERISK_SPOOL_DIR/$sub" "$a_uid" "$a_gid" 2770; done
  _shared_dir "$ASTERISK_LOG_DIR" "$a_uid" "$a_gid" 2750
  ok "shared folders: group $ASTERISK_GROUP, nothing readable by other users"
}

# Runs a command as the service user, with its groups and umask, as the service itself runs (installer/botpbx-run).
# Used for the render step, whose files the service must later be able to replace. Outside an install (tests, no
# such user), it runs the command as is. umask 027: whatever it creates is never readable by other users, not even
# between creating a file and tightening its mode.
run_as_botpbx() { # command…
  if [ "$(id -u)" = 0 ] && [ -n "$(_uid_of "$BOTPBX_USER")" ]; then
    (umask 027 && setpriv --reuid="$BOTPBX_USER" --regid="$(_gid_of_user "$BOTPBX_USER")" --init-groups --inh-caps=-all \
      -- env HOME="$BOTPBX_DATA_DIR" "$@")
  else
    (umask 027 && "$@")
  fi
}
