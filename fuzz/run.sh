#!/usr/bin/env bash
# Fuzzes the CSV importer with libFuzzer + AddressSanitizer + UBSan.
# Usage: fuzz/run.sh [seconds]   (default 600). Crashing inputs land in build/fuzz/findings/.
# Needs clang++-14 and libclang-rt-14-dev (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
out=build/fuzz
mkdir -p "$out" fuzz/corpus "$out/findings"
clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -ffp-contract=off -Isrc \
  fuzz/csv_fuzz.cpp src/core/data/csv_parser.cpp src/core/data/table.cpp src/core/math/sha256.cpp \
  src/io/csv_export.cpp src/io/number_text.cpp -o "$out/csv_fuzz"
# Work on a copy of the checked-in seed corpus so new inputs do not pile up in git.
mkdir -p "$out/corpus"
cp -n fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
"$out/csv_fuzz" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/csv.dict -artifact_prefix="$out/findings/" "$out/corpus"
