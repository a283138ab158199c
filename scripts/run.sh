#!/usr/bin/env bash
# Sets up what running needs (first time only), builds only the web app (no tests, no
# benchmarks) and serves it on http://127.0.0.1:8080 (pass --port N to change). Ctrl+C stops it.
# --tracking-server URL: also proxy the room's MLflow same-origin (scripts/serve.mjs); --host 0.0.0.0
# lets other machines in the room connect.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
bash scripts/build.sh app
exec node scripts/serve.mjs "$@"
