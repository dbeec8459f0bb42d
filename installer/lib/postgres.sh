# PostgreSQL: the server package, a running cluster (with or without systemd), BotPBX's role and database.

PG_VERSION=""; PG_PORT=""

ensure_postgres_server() {
  if ! have_pg_server; then
    info "installing PostgreSQL"
    apt_install postgresql || die "could not install postgresql"
  fi
  command -v pg_lsclusters >/dev/null 2>&1 || apt_install postgresql-common || die "pg_lsclusters is missing (postgresql-common)"
  ok "PostgreSQL server $(ls /usr/lib/postgresql | sort -V | tail -1)"
}

# pg_lsclusters columns: Ver Cluster Port Status Owner Data-directory Log-file.
_pg_main_cluster() { pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main" { print $1, $3, $4 }' | sort -V | tail -1; }

start_postgres() {
  local cluster version port status
  cluster=$(_pg_main_cluster)
  if [ -z "$cluster" ]; then
    # The package creates "main" on install; it can be missing when the server was installed without it.
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    info "creating the PostgreSQL cluster $version/main"
    pg_createcluster "$version" main >/dev/null || die "pg_createcluster $version main failed"
    cluster=$(_pg_main_cluster)
  fi
  read -r version port status <<<"$cluster"
  if [ "$status" != online ]; then
    info "starting PostgreSQL $version/main"
    if has_systemd; then
      systemctl enable --now "postgresql@$version-main" >/dev/null 2>&1 || systemctl start postgresql || true
    fi
    # Without systemd (containers, chroots) the cluster is started directly.
    pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start \
      || service postgresql start || die "could not start PostgreSQL $version/main"
  elif has_systemd; then
    systemctl enable postgresql >/dev/null 2>&1 || true
  fi
  local tries=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    [ $tries -gt 60 ] && die "PostgreSQL did not accept connections on 127.0.0.1:$port within 60 s"
    sleep 1
  done
  PG_VERSION=$version; PG_PORT=$port
  ok "PostgreSQL $version running on 127.0.0.1:$port"
}

_psql() { # database, SQL on stdin; runs as the postgres superuser over the local socket
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$1" "${@:2}"
}

# Creates the role and database when missing; (re)sets the role's password to the one in botpbx.env, so the
# file and the database always agree. Re-running never drops or recreates anything.
ensure_database() { # password (letters and digits only, see random_secret)
  local password=$1
  [[ $password =~ ^[A-Za-z0-9]+$ ]] || die "the database password in $BOTPBX_ENV_FILE must be letters and digits only"
  # The password goes in on stdin, not on the command line, where other local users could read it in ps.
  local sql
  sql=$(cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'pw') \gexec
SQL
  )
  printf '\\set role %s\n\\set pw %s\n%s\n' "$BOTPBX_DB_USER" "$password" "$sql" | _psql postgres \
    || die "could not create the database role"
  _psql postgres -v role="$BOTPBX_DB_USER" -v db="$BOTPBX_DB_NAME" <<'SQL' || die "could not create the database"
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'role', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  ok "database $BOTPBX_DB_NAME owned by $BOTPBX_DB_USER"
  ensure_cdr_role
}

# Asterisk's cdr_pgsql writes call records into BotPBX's database as its own role, which may do nothing but INSERT
# into cdr_raw (BotPBX grants exactly that when it starts; docs/call-logs.md). Creating a role needs a superuser,
# so it is done here. Its password is CDR_DB_PASSWORD in botpbx.env (generated once); a re-run re-sets it.
ensure_cdr_role() {
  local user password
  user=$(env_file_get "$BOTPBX_ENV_FILE" CDR_DB_USER || echo botpbx_cdr)
  password=$(env_file_get "$BOTPBX_ENV_FILE" CDR_DB_PASSWORD || true)
  [[ $user =~ ^[a-z_][a-z0-9_]*$ ]] || die "CDR_DB_USER in $BOTPBX_ENV_FILE must be lower-case letters, digits and _"
  [[ $password =~ ^[A-Za-z0-9]{12,}$ ]] || die "CDR_DB_PASSWORD in $BOTPBX_ENV_FILE must be at least 12 letters and digits"
  local sql
  sql=$(cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION CONNECTION LIMIT 4 PASSWORD %L', :'role', :'pw') \gexec
SQL
  )
  printf '\\set role %s\n\\set pw %s\n%s\n' "$user" "$password" "$sql" | _psql postgres \
    || die "could not create the call-record role $user"
  ok "call-record role $user (may only add rows to cdr_raw)"
}

# True when BotPBX has already created users (its schema exists and the users table has rows).
database_has_users() {
  local exists count
  # Two queries: a statement naming a missing table fails when it is parsed, whatever a CASE around it says.
  exists=$(_psql "$BOTPBX_DB_NAME" -At -c "SELECT to_regclass('public.users') IS NOT NULL") \
    || die "could not read BotPBX's database"
  [ "$exists" = t ] || return 1
  count=$(_psql "$BOTPBX_DB_NAME" -At -c "SELECT count(*) FROM users") || die "could not read the users table"
  [ "${count:-0}" -gt 0 ]
}

# The e-mail address of the first administrator that exists, for the closing message of a re-run.
existing_admin_email() {
  _psql "$BOTPBX_DB_NAME" -At <<'SQL' 2>/dev/null
SELECT email FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id LIMIT 1;
SQL
}
