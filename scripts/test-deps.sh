#!/usr/bin/env bash
# Everything `npm test` needs beyond `npm ci`, installed by `npm test` itself (its pretest step):
#   - the toolchains that check the code "Move to .env" writes and run the programs it changes,
#     their .env loaders, the pre-commit framework that runs .pre-commit-hooks.yaml, and Neovim for
#     the language server in another editor (test/editors), all Debian's;
#   - the real VS Code extension host for the e2e tests (scripts/host/install.sh: Chromium from
#     Debian, Node 24 and code-server from npm).
# Running it again is a no-op: each piece is looked for first, and only what is missing is installed.
# Without root or sudo it installs nothing and names the exact packages and the one command to run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# command:debian-package. The machine image may already ship some (python3, javac, rustc); a machine
# without them gets Debian's. terraform is not in Debian: a machine without it is told so below.
TOOLS=(
  go:golang-go gofmt:golang-go ruby:ruby php:php-cli kotlinc:kotlin pre-commit:pre-commit
  python3:python3 javac:default-jdk-headless rustc:rustc script:bsdutils git:git
  chromium:chromium make:make nvim:neovim dockerd:docker.io docker-compose:docker-compose
)
# Docker (the daemon and Compose v1, Debian's) builds and runs the images "Move to .env" changes.
# Packages with no command of their own: code-server's kerberos module compiles against these headers;
# the .env loaders the programs in test/runs use after "Move to .env" (python-dotenv, godotenv,
# Ruby's dotenv, phpdotenv), as Debian packages them.
# busybox-static: the whole userland of the FROM scratch images test/runs/docker-runs builds.
LIBS=(libkrb5-dev python3-dotenv golang-github-joho-godotenv-dev ruby-dotenv php-vlucas-phpdotenv busybox-static)

missing=()
for pair in "${TOOLS[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
done
for pkg in "${LIBS[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "npm test needs these Debian packages, and installing them needs root:" >&2
    echo "  ${missing[*]}" >&2
    echo "Run once, then npm test again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "test dependencies: installing ${missing[*]} (Debian)"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  "${sudo[@]}" apt-get clean
fi
command -v terraform >/dev/null 2>&1 || echo "test dependencies: terraform is not installed (not in Debian); the HCL rewrite test will fail until it is" >&2

# Claude Code, from npm, pinned: test/runs/claude-code-mcp starts a session to prove that an MCP
# server still gets its key after the .mcp.json fix (the session fails without network; the servers
# start before it asks the model).
CLAUDE_CODE_VERSION=2.1.332
CLAUDE_DIR="$ROOT/.test-tools/claude-code"
if [ "$(cat "$CLAUDE_DIR/version" 2>/dev/null)" != "$CLAUDE_CODE_VERSION" ]; then
  echo "test dependencies: installing Claude Code $CLAUDE_CODE_VERSION (npm) into .test-tools/claude-code"
  rm -rf "$CLAUDE_DIR" && mkdir -p "$CLAUDE_DIR"
  npm install --prefix "$CLAUDE_DIR" --no-save --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$CLAUDE_CODE_VERSION"
  "$CLAUDE_DIR/node_modules/.bin/claude" --version >/dev/null
  echo "$CLAUDE_CODE_VERSION" > "$CLAUDE_DIR/version"
fi

SECRET_SAFE_TEST_DEPS=1 bash "$ROOT/scripts/host/install.sh"
