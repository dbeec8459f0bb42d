# Shared by install.sh and the installer/ steps: where BotPBX lives, and how the installer talks to the user.
# Source it; nothing here changes the machine.

BOTPBX_HOME=/opt/botpbx                 # the installed service: app/ (published .NET + wwwroot/), bin/, ecosystem.json
BOTPBX_APP_DIR=$BOTPBX_HOME/app
BOTPBX_CONFIG_DIR=/etc/botpbx           # root-only: botpbx.env (settings and secrets)
BOTPBX_ENV_FILE=$BOTPBX_CONFIG_DIR/botpbx.env
# The first administrator's password, only between the first install and the service's first healthy start.
BOTPBX_FIRST_ADMIN_FILE=$BOTPBX_CONFIG_DIR/first-admin.env
BOTPBX_DATA_DIR=/var/lib/botpbx
BOTPBX_LOG_DIR=/var/log/botpbx
BOTPBX_PORT=3000
BOTPBX_PM2_NAME=botpbx
BOTPBX_DB_NAME=botpbx
BOTPBX_DB_USER=botpbx

if [ -t 1 ]; then _bold=$'\033[1m'; _dim=$'\033[2m'; _red=$'\033[31m'; _yellow=$'\033[33m'; _green=$'\033[32m'; _off=$'\033[0m'
else _bold=; _dim=; _red=; _yellow=; _green=; _off=; fi

step() { printf '\n%s==> %s%s\n' "$_bold" "$*" "$_off"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %s✓%s %s\n' "$_green" "$_off" "$*"; }
warn() { printf '    %s! %s%s\n' "$_yellow" "$*" "$_off" >&2; }
die()  { printf '\n%sinstall.sh: %s%s\n' "$_red" "$*" "$_off" >&2; exit 1; }

# A random string of letters and digits: safe unquoted in a shell env file and in a postgresql:// URL.
random_secret() { # length
  local length=${1:-24} out=""
  while [ ${#out} -lt "$length" ]; do
    out+=$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9')
  done
  printf '%s' "${out:0:$length}"
}

# Reads KEY from an env file (KEY=value lines, optional quotes), without sourcing it.
env_file_get() { # file key
  [ -f "$1" ] || return 1
  local line
  line=$(grep -E "^[[:space:]]*$2=" "$1" | tail -1) || return 1
  line=${line#*=}
  line=${line%\"}; line=${line#\"}; line=${line%\'}; line=${line#\'}
  printf '%s' "$line"
}

has_systemd() { [ -d /run/systemd/system ]; }
