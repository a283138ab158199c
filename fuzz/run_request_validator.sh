#!/usr/bin/env bash
# Fuzzes the serving request validator with libFuzzer + AddressSanitizer.
# Usage: fuzz/run_request_validator.sh [seconds]   (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/fuzz
mkdir -p "$out" "$out/corpus-validator"
clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc -I/usr/include \
  fuzz/request_validator_fuzz.cpp src/core/serve/contract.cpp -o "$out/request_validator_fuzz"
# Seed corpus: the workshop's requests, valid and invalid.
printf '%s' '{"features": {"tenure": 29, "MonthlyCharges": 70.35, "TotalCharges": 1397.5, "Contract": "Month-to-month"}}' > "$out/corpus-validator/churn.json"
printf '%s' '{"features": {"tenure": -1, "Contract": 5}}' > "$out/corpus-validator/bad.json"
exec "$out/request_validator_fuzz" "$out/corpus-validator" -max_total_time="${1:-600}" -max_len=4096 -print_final_stats=1
