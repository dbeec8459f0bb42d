#!/usr/bin/env bash
# Runs every BotPBX test: backend unit and integration tests, frontend unit tests, and the browser tests.
# Installs what the tests need when it is missing (PostgreSQL server binaries, chromium, flite, sox) and starts
# its own throw-away PostgreSQL cluster on a free loopback port unless BOTPBX_TEST_DATABASE_URL is given.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RESULTS=$ROOT/artifacts/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "test.sh: $*" >&2; exit 1; }

# ---- what the tests need -------------------------------------------------------------------------------------
source installer/lib/prerequisites.sh
ensure_test_prerequisites || die "could not install the test prerequisites"

# ---- PostgreSQL ----------------------------------------------------------------------------------------------
if [ -z "${BOTPBX_TEST_DATABASE_URL:-}" ]; then
  log "starting a throw-away PostgreSQL cluster"
  eval "$(tests/pg.sh start)" || die "could not start PostgreSQL"
  trap 'tests/pg.sh stop "$PG_TEST_DIR"' EXIT
  echo "PostgreSQL on ${BOTPBX_TEST_DATABASE_URL##*@}"
fi
export BOTPBX_TEST_DATABASE_URL

passed=0; failed=0; skipped=0; broken=()
count() { # name passed failed skipped
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + ${4:-0}))
  [ "$3" -gt 0 ] && broken+=("$1")
  return 0
}

# ---- backend -------------------------------------------------------------------------------------------------
log "building the backend"
dotnet build BotPbx.sln -c Release -nologo -v:q -clp:ErrorsOnly 2>&1 | tee "$RESULTS/build.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || die "the backend does not build"

for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  log "$name"
  out="$RESULTS/$name.log"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  line=$(grep -E '(Passed|Failed)!.*Total:' "$out" | tail -1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  if [ -z "$line" ]; then p=0; f=$([ "$code" -eq 0 ] && echo 0 || echo 1); s=0; fi
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count "$name" "${p:-0}" "${f:-0}" "${s:-0}"
done

# ---- installer -----------------------------------------------------------------------------------------------
for script in tests/installer/*.test.sh; do
  [ -f "$script" ] || continue
  name=installer-$(basename "$script" .test.sh)
  log "$name"
  out="$RESULTS/$name.log"
  bash "$script" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^([0-9]+) passed, [0-9]+ failed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count "$name" "${p:-0}" "${f:-0}"
done

# ---- frontend ------------------------------------------------------------------------------------------------
if [ -f frontend/package.json ]; then
  log "frontend: install, type-check, unit tests, build"
  ( cd frontend && npm ci --no-audit --no-fund --loglevel=error ) || die "npm ci failed in frontend/"
  out="$RESULTS/frontend-unit.log"
  ( cd frontend && NO_COLOR=1 npx vitest run --reporter=default ) 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^ *Tests +([0-9]+) passed.*/\1/p; s/^ *Tests +[0-9]+ failed \| ([0-9]+) passed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^ *Tests +([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count frontend-unit "${p:-0}" "${f:-0}"
  ( cd frontend && npm run build ) 2>&1 | tail -5; [ "${PIPESTATUS[0]}" -eq 0 ] || { count frontend-build 0 1; }
fi

# ---- browser -------------------------------------------------------------------------------------------------
if [ -f tests/e2e/package.json ]; then
  log "browser tests (Playwright + Debian chromium)"
  ( cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error ) || die "npm ci failed in tests/e2e/"
  out="$RESULTS/e2e.log"
  ( cd tests/e2e && npx playwright test --reporter=list ) 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^ *([0-9]+) passed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^ *([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count e2e "${p:-0}" "${f:-0}"
fi

log "summary"
[ ${#broken[@]} -gt 0 ] && echo "failing: ${broken[*]}"
echo "results and screenshots: artifacts/test-results/"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
