# Sourced by bench/shapes.sh and bench/svm_linear.sh: builds lab_bench natively (and as wasm
# unless WASM=0; SKIP_BUILD=1 uses the binaries as they are, e.g. while another build runs in
# build/web), writes the shape data sets, and defines run_shape NAME OURS PEERS PEER_REPS
# PREFIX: our learners natively, in wasm under Node, then the peers, one JSON line each into
# build/bench/PREFIX_NAME.jsonl. Sets PY, out, reps, wasm, started and load_before.
PY=/usr/bin/python3
out=build/bench
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs
reps="${REPS:-3}"
wasm="${WASM:-1}"
[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab_bench >/dev/null
if [ "$wasm" = 1 ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
  [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/web --target lab_bench >/dev/null
fi
$PY bench/make_shape_data.py "$out"

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
run_shape() {  # data ours peers peer_reps prefix
  local data="$out/$1.bin" log="$out/$5_$1.jsonl"
  echo "== $1"
  build/native/bench/lab_bench "$data" "$2" "$reps" | sed 's/^{/{"side":"native",/' | tee "$log"
  if [ "$wasm" = 1 ]; then
    node --no-experimental-fetch build/web/bench/lab_bench.js "$data" "$2" "$reps" | sed 's/^{/{"side":"wasm",/' | tee -a "$log"
  fi
  $PY bench/shape_peers.py "$data" "$3" "$4" | sed 's/^{/{"side":"peer",/' | tee -a "$log"
}
