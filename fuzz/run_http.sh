#!/usr/bin/env bash
# Fuzzes `lab serve` over HTTP (fuzz/http_fuzz.mjs) for a while against a churn model and writes
# fuzz/HTTP-FUZZ.md: requests by status, crashes, the server's RSS at start, after warm-up and at
# the end. Runs niced so it can share the machine.
# Usage: fuzz/run_http.sh [seconds]   (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
lab=build/native/src/lab
out=build/fuzz/http
rm -rf "$out" && mkdir -p "$out"
[ -x "$lab" ] || cmake --build build/native --target lab >/dev/null
"$lab" train --dataset churn --rows 5000 --seed 11 --store "$out/mlruns" > "$out/run.json"
run_id=$(sed -n 's/.*"run_id": "\([0-9a-f]*\)".*/\1/p' "$out/run.json")
"$lab" cmd "{\"cmd\":\"registry.register\",\"model\":\"churn\",\"run_id\":\"$run_id\"}" --store "$out/mlruns" >/dev/null
"$lab" cmd '{"cmd":"registry.set_alias","model":"churn","alias":"champion","version":1,"comment":"fuzz"}' --store "$out/mlruns" >/dev/null

nice -n 10 "$lab" serve --store "$out/mlruns" --model churn@champion --port 0 --read-timeout 2 --threads "${THREADS:-8}" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$out/server.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$out/server.log" | head -1)
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
status=0
nice -n 10 node fuzz/http_fuzz.mjs --url "$url" --pid "$server" --seconds "$seconds" --seed "${SEED:-1}" --concurrency 8 > "$out/stats.json" || status=$?
kill -TERM $server; wait $server || true
trap - EXIT
node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const mib = (k) => (k / 1024).toFixed(1) + " MiB";
console.log(`# HTTP fuzzing of lab serve\n`);
console.log(`- run: ${process.argv[2]}, ${process.argv[3]} s with \`bash fuzz/run_http.sh ${process.argv[3]}\` (niced; 8 concurrent clients, one of them sometimes a slow client trickling 3 bytes every 300 ms; server --read-timeout 2 --threads ${process.argv[4]})`);
console.log(`- inputs (fuzz/http_fuzz.mjs): random JSON, the churn example with one field broken, numbers beyond double range, nesting up to 500,000 levels, invalid UTF-8, truncated bodies, noise; random methods and paths (up to 9 KB), missing/wrong Content-Type, bogus/duplicate/oversized Content-Length, chunked lies, 70 KB headers, Expect: 100-continue; random CSV to /predict/batch`);
console.log(`- requests: ${s.requests}; slow clients: ${s.slowClients}; closed without a reply (garbage the server drops): ${s.noReply}; no reply within 8 s: ${s.timeouts}`);
console.log(`- replies by status: ${Object.entries(s.byStatus).map(([k, v]) => k + ": " + v).join(", ")}`);
console.log(`- crashed: ${s.crashed ? "YES" : "no"}; /health answered 200 afterwards: ${s.healthyAfter ? "yes" : "NO"}`);
console.log(`- server RSS: ${mib(s.rssStartKiB)} at the start; ${s.rssQuartersKiB.map(mib).join(", ")} after each quarter; ${mib(s.rssEndKiB)} at the end (the endpoint keeps its latest requests in memory: at most 1000 of them and about 4 MB)`);
 ' "$out/stats.json" "$started" "$seconds" "${THREADS:-8}" > fuzz/HTTP-FUZZ.md
cat fuzz/HTTP-FUZZ.md
exit $status
