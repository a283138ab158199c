#!/usr/bin/env bash
# Installs what the lab needs on a fresh Debian bookworm machine, as root, with no prompts.
#   scripts/setup.sh run    what building and serving the web app needs (scripts/run.sh)
#   scripts/setup.sh test   what the tests add: native compiler, Catch2, Chromium, the reference
#                           libraries (scikit-learn, XGBoost), MLflow, npm playwright-core
#   scripts/setup.sh        both (scripts/test.sh)
# Idempotent: every step checks first and is a no-op when already done. No package registry's
# host is named here: Debian packages come from the machine's own apt sources, npm packages from
# npm's configured registry.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
part="${1:-all}"
case "$part" in run|test|all) ;; *) echo "usage: scripts/setup.sh [run|test|all]" >&2; exit 2 ;; esac
export DEBIAN_FRONTEND=noninteractive

run_pkgs=(cmake ninja-build ccache emscripten libeigen3-dev nlohmann-json3-dev xz-utils fonts-dejavu-core fonttools zopfli)  # zopfli: the site's .gz copies, ~5% smaller
test_pkgs=(build-essential catch2 chromium python3-sklearn python3-xgboost)
test_pkgs+=(pkg-config libcpp-httplib-dev prometheus wrk python3-fastapi python3-uvicorn)  # lab serve: server, its tests, bench/http_serving.sh
test_pkgs+=(python3-pandas)  # tests/cli/notebook.test.mjs: the exported notebook reads its data with pandas
# The machine's Node.js (with its npm) may come from outside Debian; only add Debian's when absent.
command -v node >/dev/null || run_pkgs+=(nodejs)
[ "$part" = run ] || command -v npm >/dev/null || test_pkgs+=(npm)

need_pkgs=()
[ "$part" = test ] || need_pkgs+=("${run_pkgs[@]}")
[ "$part" = run ] || need_pkgs+=("${test_pkgs[@]}")
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui source (the app needs it, so both parts check it): only Debian's *source* package
# has the .cpp files and backends. Its archive is the one the machine's apt already uses.
third="$here/third_party"
if [ ! -f "$third/imgui/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui source from Debian's source package"
  # shellcheck source=scripts/apt_source.sh
  source "$here/scripts/apt_source.sh"
  uri="$(debian_archive_uri)"
  codename="$(debian_codename)"
  if [ -z "$uri" ]; then
    echo "setup: no Debian archive for '$codename' in the apt sources (/etc/apt/sources.list*);" \
         "add one, or put Dear ImGui 1.86's source in third_party/imgui" >&2
    exit 1
  fi
  work=/tmp/lab-apt
  mkdir -p "$work/parts" "$work/lists/partial" "$work/dl" "$third"
  cat > "$work/parts/debsrc.sources" <<SRC
Types: deb-src
URIs: $uri
Suites: $codename
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

if [ "$part" != run ]; then
  # A real MLflow 2.12.2 (Debian packages plus the source tarball in the shared tools beside this
  # checkout, as on CI): for checks of the store with MLflow's own classes and the sync tests.
  mlflow_tool="$here/../shared/tools/mlflow-server/setup.sh"
  if [ -f "$mlflow_tool" ]; then bash "$mlflow_tool" >/dev/null
  else echo "setup: note: $mlflow_tool not found; MLflow is not installed, so tests/cli/mlflow_model.test.mjs will fail"; fi
  # playwright-core drives Debian's Chromium in the browser tests (never downloads a browser).
  if [ ! -d "$here/node_modules/playwright-core" ]; then
    echo "setup: installing npm playwright-core"
    (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
  fi
fi
echo "setup ($part): ok"
