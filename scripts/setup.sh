#!/usr/bin/env bash
# Installs everything the lab needs on a fresh Debian bookworm machine, as root, with no prompts.
# Idempotent: every step checks first and is a no-op when already done.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

need_pkgs=(build-essential cmake ninja-build ccache emscripten libeigen3-dev nlohmann-json3-dev catch2
           chromium xz-utils python3-sklearn python3-xgboost fonts-dejavu-core)
need_pkgs+=(libcpp-httplib-dev prometheus wrk python3-fastapi python3-uvicorn)  # lab serve: server, its tests, bench/http_serving.sh
# The machine's Node.js (with its npm) may come from outside Debian; only add Debian's when absent.
command -v node >/dev/null || need_pkgs+=(nodejs)
command -v npm >/dev/null || need_pkgs+=(npm)
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui source: only Debian's *source* package has the .cpp files and backends.
third="$here/third_party"
if [ ! -f "$third/imgui/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui source from Debian's source package"
  work=/tmp/lab-apt
  mkdir -p "$work/parts" "$work/lists/partial" "$work/dl" "$third"
  cat > "$work/parts/debsrc.sources" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  o="-oDir::Etc::SourceList=/dev/null -oDir::Etc::SourceParts=$work/parts -oDir::State::Lists=$work/lists"
  apt-get $o update -qq
  (cd "$work/dl" && apt-get $o source --download-only imgui >/dev/null)
  tarball=$(ls "$work"/dl/imgui_*.orig.tar.* | head -n1)
  rm -rf "$work/extract" && mkdir -p "$work/extract"
  tar xf "$tarball" -C "$work/extract"
  rm -rf "$third/imgui" && mv "$work/extract"/imgui-* "$third/imgui"
fi

# playwright-core drives Debian's Chromium in the browser tests (never downloads a browser).
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "setup: installing npm playwright-core"
  (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
fi
echo "setup: ok"
