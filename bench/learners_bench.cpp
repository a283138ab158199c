// Times fit and predict of our learners on a benchmark data file written by bench/make_data.py,
// natively or as wasm under Node (same source). Prints one JSON object per learner.
// Usage: lab_bench <data.bin> <learner>[,<learner>...] [reps] [rf_trees]
//   learners: hist_gbdt (100 trees, depth 6), random_forest, logistic_regression (solver auto),
//   logistic_newton, logistic_lbfgs, svm_rbf, svm_linear (C=1, gamma "scale").
// A data file with labels beyond 0/1 is trained as multi-class (one-vs-rest macro AUC, accuracy
// and log loss reported).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "core/eval/metrics.hpp"
#include "core/eval/multiclass_metrics.hpp"
#include "core/models/learner_registry.hpp"

namespace {

struct BenchData {
  lab::DenseMatrix X_train, X_test;
  std::vector<double> y_train, y_test;
};

// Layout: "LABBENCH" then uint64 n_train, n_test, n_features, then float64 X_train (row-major),
// y_train, X_test, y_test, all little-endian.
BenchData read_bench_data(const char* path) {
  FILE* f = std::fopen(path, "rb");
  if (!f) throw std::runtime_error(std::string("cannot open ") + path);
  char magic[8];
  uint64_t dims[3];
  if (std::fread(magic, 1, 8, f) != 8 || std::memcmp(magic, "LABBENCH", 8) != 0 || std::fread(dims, 8, 3, f) != 3)
    throw std::runtime_error("not a LABBENCH data file");
  BenchData d;
  auto read = [&](std::vector<double>& v, size_t n) {
    v.resize(n);
    if (std::fread(v.data(), 8, n, f) != n) throw std::runtime_error("data file is truncated");
  };
  d.X_train = lab::DenseMatrix(dims[0], dims[2]);
  d.X_test = lab::DenseMatrix(dims[1], dims[2]);
  read(d.X_train.data, dims[0] * dims[2]);
  read(d.y_train, dims[0]);
  read(d.X_test.data, dims[1] * dims[2]);
  read(d.y_test, dims[1]);
  std::fclose(f);
  return d;
}

// Process CPU time: on a shared machine it is steadier than wall time for single-threaded work.
// Under Emscripten clock() follows wall time, so ask Node for the process's CPU time (it also
// counts V8's compiler and GC threads, which only makes the wasm figure conservative).
#ifdef __EMSCRIPTEN__
double cpu_seconds() {
  return EM_ASM_DOUBLE({
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
}
#else
double cpu_seconds() { return double(std::clock()) / CLOCKS_PER_SEC; }
#endif

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Config {
  std::string algo;
  nlohmann::json params;
};
Config config_for(const std::string& name, int rf_trees) {
  if (name == "hist_gbdt") return {name, {{"n_estimators", 100}, {"max_depth", 6}, {"learning_rate", 0.3}}};
  if (name == "random_forest") return {name, {{"n_estimators", rf_trees}}};
  if (name == "logistic_regression") return {name, {{"C", 1.0}}};
  if (name == "logistic_newton") return {"logistic_regression", {{"C", 1.0}, {"solver", "newton"}}};
  if (name == "logistic_lbfgs") return {"logistic_regression", {{"C", 1.0}, {"solver", "lbfgs"}}};
  if (name == "svm_rbf") return {"svm", {{"kernel", "rbf"}, {"C", 1.0}}};
  if (name == "svm_linear") return {"svm", {{"kernel", "linear"}, {"C", 1.0}}};
  throw std::invalid_argument("unknown learner " + name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lab_bench <data.bin> <learner>[,<learner>...] [reps] [rf_trees]\n");
    return 2;
  }
  try {
    const int reps = argc > 3 ? std::atoi(argv[3]) : 1;
    const int rf_trees = argc > 4 ? std::atoi(argv[4]) : 100;
    BenchData d = read_bench_data(argv[1]);
    double top = 0;
    for (double v : d.y_train) top = std::max(top, v);
    const int n_classes = int(top) + 1;
    const lab::TaskInfo task{n_classes > 2 ? lab::Task::Multiclass : lab::Task::Binary, std::max(2, n_classes), 0};
    std::string list = argv[2];
    for (size_t pos = 0; pos <= list.size();) {
      size_t comma = list.find(',', pos);
      if (comma == std::string::npos) comma = list.size();
      const std::string algo = list.substr(pos, comma - pos);
      pos = comma + 1;
      double fit_best = 1e300, fit_cpu_best = 1e300, predict_best = 1e300, auc = 0, accuracy = 0, log_loss = 0;
      int steps = 0;
      for (int r = 0; r < reps; ++r) {
        const Config cfg = config_for(algo, rf_trees);
        auto model = lab::make_learner(cfg.algo, cfg.params);
        lab::DenseMatrix none;
        std::vector<double> no_y;
        auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        model->begin(d.X_train, d.y_train, none, no_y, task);
        steps = 0;
        while (!model->done()) {
          model->step();
          ++steps;
        }
        fit_best = std::min(fit_best, seconds_since(t0));
        fit_cpu_best = std::min(fit_cpu_best, cpu_seconds() - c0);
        t0 = std::chrono::steady_clock::now();
        auto p = model->predict(d.X_test);
        predict_best = std::min(predict_best, seconds_since(t0));
        if (task.task == lab::Task::Multiclass) {
          auc = lab::ovr_macro_roc_auc(d.y_test, p);
          accuracy = lab::multiclass_accuracy(d.y_test, p);
          log_loss = lab::multiclass_log_loss(d.y_test, p);
        } else {
          auc = lab::roc_auc(d.y_test, p.data);
          accuracy = lab::accuracy(d.y_test, p.data);
          log_loss = lab::log_loss(d.y_test, p.data);
        }
      }
      nlohmann::json out = {{"learner", algo}, {"fit_s", fit_best}, {"fit_cpu_s", fit_cpu_best}, {"predict_s", predict_best}, {"auc", auc},
                            {"accuracy", accuracy}, {"log_loss", log_loss},
                            {"steps", steps}, {"reps", reps}, {"train_rows", d.X_train.rows}};
      std::printf("%s\n", out.dump().c_str());
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lab_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
