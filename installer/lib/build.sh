# Builds BotPBX from this source tree and puts it in /opt/botpbx/app: the published .NET service with the built
# web UI in app/wwwroot. The new build is assembled next to the running one and swapped in with two renames, so
# a failed build never leaves a half-copied service behind.

build_and_stage() { # source-dir
  local src=$1 stage=$BOTPBX_HOME/app.new
  rm -rf "$stage"
  install -d -m 755 "$BOTPBX_HOME"

  info "publishing the backend (dotnet publish -c Release)"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$src/backend/BotPbx.Api/BotPbx.Api.csproj" \
    -c Release -o "$stage" -nologo -v:q -clp:ErrorsOnly >"$BOTPBX_LOG_DIR/install-backend.log" 2>&1 \
    || { tail -30 "$BOTPBX_LOG_DIR/install-backend.log" >&2; die "the backend did not build (log: $BOTPBX_LOG_DIR/install-backend.log)"; }
  [ -f "$stage/BotPbx.Api.dll" ] || die "dotnet publish produced no BotPbx.Api.dll"
  ok "backend published"

  info "building the web UI (npm ci, npm run build)"
  ( cd "$src/frontend" && npm ci --no-audit --no-fund --loglevel=error && npm run build ) \
    >"$BOTPBX_LOG_DIR/install-frontend.log" 2>&1 \
    || { tail -30 "$BOTPBX_LOG_DIR/install-frontend.log" >&2; die "the web UI did not build (log: $BOTPBX_LOG_DIR/install-frontend.log)"; }
  [ -f "$src/frontend/dist/index.html" ] || die "the web UI build produced no dist/index.html"
  rm -rf "$stage/wwwroot"
  cp -a "$src/frontend/dist" "$stage/wwwroot"
  ok "web UI built"
}

swap_in_stage() {
  local stage=$BOTPBX_HOME/app.new old=$BOTPBX_HOME/app.old
  rm -rf "$old"
  [ -d "$BOTPBX_APP_DIR" ] && mv "$BOTPBX_APP_DIR" "$old"
  mv "$stage" "$BOTPBX_APP_DIR"
  chown -R root:root "$BOTPBX_APP_DIR"
  ok "installed in $BOTPBX_APP_DIR"
}

# The previous build stays until the service has restarted from the new one: a running .NET process may still load
# an assembly from it lazily.
remove_previous_build() {
  rm -rf "$BOTPBX_HOME/app.old"
}
