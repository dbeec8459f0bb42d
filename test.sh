#!/usr/bin/env bash
# Runs every BotPBX test: backend unit and integration tests, frontend unit tests, and the browser tests.
# Installs what the tests need when it is missing (PostgreSQL server binaries, chromium, flite, sox, pocketsphinx) and starts
# its own throw-away PostgreSQL cluster on a free loopback port unless BOTPBX_TEST_DATABASE_URL is given.
# Makes (once, then cached) the Debian sid root that holds Debian's Asterisk 22 and the SIP phones the real-call tests
# use (installer/lib/asterisk-root.sh, the installer's own mechanism). An Asterisk that cannot be had is a failure.
# Prints the time each suite took. Ends with one line "N passed, N failed".
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

# ---- Asterisk 22 and the phones ------------------------------------------------------------------------------
source installer/lib/asterisk-root.sh
export BOTPBX_ASTERISK_ROOT=${BOTPBX_ASTERISK_ROOT:-/var/cache/botpbx/test-asterisk-root}
log "Asterisk 22 root ($BOTPBX_ASTERISK_ROOT)"
root_started=$(date +%s)
asterisk_root_failed=0
if asterisk_root_ensure "$BOTPBX_ASTERISK_ROOT" baresip-core sip-tester pocketsphinx pocketsphinx-en-us; then
  echo "$(chroot "$BOTPBX_ASTERISK_ROOT" /usr/sbin/asterisk -V) ready in $(( $(date +%s) - root_started )) s"
else
  # Never a silent skip: without a real Asterisk no call is proven (the real-call suite fails on its own as well).
  echo "test.sh: could not make the Asterisk root; the real-call tests cannot run" >&2
  asterisk_root_failed=1
fi
export BOTPBX_KEEP_CALL_WORKDIR=1
# This run's own temporary folder: the real-call work folders (botpbx-calls-*) are made in it, so the clean-up below
# never removes the folders of another run going on at the same time on this machine.
RUN_TMP=$(mktemp -d /tmp/botpbx-test-run.XXXXXX)

passed=0; failed=0; skipped=0; broken=(); timings=()
suite_started=0
begin_suite() { suite_started=$(date +%s); }
end_suite() { timings+=("$(printf '%-36s %5d s' "$1" $(( $(date +%s) - suite_started )))"); }
[ "$asterisk_root_failed" = 1 ] && { failed=$((failed + 1)); broken+=(asterisk-root); }
count() { # name passed failed skipped
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + ${4:-0}))
  [ "$3" -gt 0 ] && broken+=("$1")
  return 0
}

# ---- backend -------------------------------------------------------------------------------------------------
log "building the backend"
dotnet build BotPbx.sln -c Release -nologo -v:q -clp:ErrorsOnly 2>&1 | tee "$RESULTS/build.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || die "the backend does not build"

# The real-call suite drives the built SPA in chromium (the browser phone, live views): build it and Playwright first.
# Installed and built once here; the frontend and browser sections below reuse both (npm ci twice cost minutes).
log "building the SPA and Playwright for the real-call suite's browsers"
( cd frontend && npm ci --no-audit --no-fund --loglevel=error ) || die "npm ci failed in frontend/"
( cd frontend && npm run build ) > "$RESULTS/frontend-build.log" 2>&1
SPA_BUILD=$?
tail -3 "$RESULTS/frontend-build.log"
( cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error ) || die "npm ci failed in tests/e2e/"

for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  log "$name"
  begin_suite
  out="$RESULTS/$name.log"
  TMPDIR=$RUN_TMP dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  line=$(grep -E '(Passed|Failed)!.*Total:' "$out" | tail -1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  if [ -z "$line" ]; then p=0; f=$([ "$code" -eq 0 ] && echo 0 || echo 1); s=0; fi
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count "$name" "${p:-0}" "${f:-0}" "${s:-0}"
  end_suite "$name"
done
# What the real calls left behind (service, Asterisk and phone logs, what each phone heard), then the folders go.
for work in "$RUN_TMP"/botpbx-calls-*; do
  [ -d "$work" ] || continue
  ( cd "$work" && find . \( -name '*.log' -o -name 'heard.wav' -o -name 'messages' -o -name 'full' \) -print0 \
      | tar -czf "$RESULTS/calls-$(basename "$work").tar.gz" --null -T - ) 2>/dev/null
  rm -rf "$work"
done
rm -rf "$RUN_TMP"

# ---- installer -----------------------------------------------------------------------------------------------
for script in tests/installer/*.test.sh; do
  [ -f "$script" ] || continue
  name=installer-$(basename "$script" .test.sh)
  log "$name"
  begin_suite
  out="$RESULTS/$name.log"
  bash "$script" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^([0-9]+) passed, [0-9]+ failed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count "$name" "${p:-0}" "${f:-0}"
  end_suite "$name"
done

# ---- frontend ------------------------------------------------------------------------------------------------
if [ -f frontend/package.json ]; then
  log "frontend: unit tests (installed, type-checked and built above)"
  begin_suite
  out="$RESULTS/frontend-unit.log"
  ( cd frontend && NO_COLOR=1 npx vitest run --reporter=default ) 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^ *Tests +([0-9]+) passed.*/\1/p; s/^ *Tests +[0-9]+ failed \| ([0-9]+) passed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^ *Tests +([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count frontend-unit "${p:-0}" "${f:-0}"
  [ "$SPA_BUILD" -eq 0 ] || { cat "$RESULTS/frontend-build.log"; count frontend-build 0 1; }
  end_suite frontend
fi

# ---- browser -------------------------------------------------------------------------------------------------
if [ -f tests/e2e/package.json ]; then
  log "browser tests (Playwright + Debian chromium)"
  begin_suite
  out="$RESULTS/e2e.log"
  ( cd tests/e2e && npx playwright test --reporter=list ) 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  p=$(sed -nE 's/^ *([0-9]+) passed.*/\1/p' "$out" | tail -1)
  f=$(sed -nE 's/^ *([0-9]+) failed.*/\1/p' "$out" | tail -1)
  [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  count e2e "${p:-0}" "${f:-0}"
  end_suite e2e
fi

log "summary"
printf '%s\n' "${timings[@]}"
[ ${#broken[@]} -gt 0 ] && { echo "failing: ${broken[*]}"; python3 tests/failed-tests.py "$RESULTS" | head -60; }
# A real-call test runs once more only when a baresip phone crashed during it (Harness/CallFactAttribute.cs): said here.
[ -s "$RESULTS/phone-crash-retries.txt" ] && { echo "run again after a test phone crashed:"; cat "$RESULTS/phone-crash-retries.txt"; }
echo "results and screenshots: artifacts/test-results/"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
