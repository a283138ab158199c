"""What lab serve itself measured over one stretch of load: the difference of two scrapes of its
/metrics histogram lab_predict_latency_seconds (before and after), as one JSON line:
{"requests": N, "within_1ms": share, "within_2ms": share, "p99_at_most_ms": bound}.
It times validation and scoring inside the server (lock wait included), not the network or the
load generator, so beside the client's p99 it shows where a tail comes from.
Usage: python3 bench/server_histogram.py BEFORE.txt AFTER.txt"""
import json
import re
import sys

LINE = re.compile(r'^lab_predict_latency_seconds_bucket\{le="([^"]+)"\} (\d+)$')


def buckets(path):
    out = {}
    for line in open(path):
        m = LINE.match(line.strip())
        if m:
            out[m.group(1)] = int(m.group(2))
    return out


before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
diff = sorted(((float("inf") if le == "+Inf" else float(le)), after[le] - before.get(le, 0)) for le in after)
total = diff[-1][1]
share = lambda bound: next(c for le, c in diff if le >= bound) / total if total else 0.0
p99 = next(le for le, c in diff if c >= 0.99 * total) if total else float("nan")
print(json.dumps({"requests": total, "within_1ms": round(share(0.001), 4), "within_2ms": round(share(0.002), 4),
                  "p99_at_most_ms": p99 * 1000 if p99 != float("inf") else None}))
