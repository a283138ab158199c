#pragma once
// Deterministic elementary functions. glibc (native) and musl (wasm) give different last bits
// for exp/log, which would break invariant 2 (same seed -> bit-identical metrics natively and in
// wasm). These use only IEEE-exact operations (+ - * / sqrt and bit manipulation), so every
// platform computes the same bits. Accuracy is within ~1 ulp over the ranges ML code uses.
#include <cstdint>

namespace lab::det {

double exp(double x);
double log(double x);
// log(1 + exp(x)) without overflow, the heart of the logistic loss.
double log1p_exp(double x);
double sigmoid(double x);

}  // namespace lab::det
