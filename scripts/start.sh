#!/usr/bin/env bash
# Installs and starts the product (`npm start`): VS Code 1.100 (from code-server's npm package) with this
# extension installed from a freshly built .vsix, serving the sample workspace at http://127.0.0.1:${PORT:-8080}/.
# Runs in the foreground until Ctrl+C. Needs only the npm registry and Debian apt; the first run installs
# node_modules, chromium and code-server (about 2 minutes), later runs take seconds.
#
#   PORT=9000 npm start            another port
#   npm start -- --folder DIR      another workspace
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup-vscode.sh"
# Builds (production), packages with vsce, installs into .vscode-test/product/extensions, then serves.
exec node "$ROOT/scripts/vscode-server.mjs" start "$@"
