#!/usr/bin/env bash
# Sets up the machine (first time only), builds the web app and serves it on
# http://127.0.0.1:8080 (pass --port N to change). Ctrl+C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh web
exec node scripts/serve.mjs "$@"
