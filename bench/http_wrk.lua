-- wrk script for bench/http_serving.sh: POSTs one JSON body (the file WRK_BODY) to /predict.
-- With WRK_RATE set, each connection waits WRK_CONNECTIONS * 1000 / WRK_RATE ms between its
-- requests (wrk's delay()), so the whole run offers about WRK_RATE requests/s; wrk measures each
-- latency from the moment the request is written, so the wait is not counted. Prints one JSON line.
local f = assert(io.open(os.getenv("WRK_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local rate = tonumber(os.getenv("WRK_RATE") or "0")
local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1")
if rate > 0 then
  function delay() return connections * 1000 / rate end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
