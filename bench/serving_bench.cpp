// The serving benchmark's measuring program (native and wasm): trains logistic regression and
// GBDT (100 trees) on generated churn data, serves each behind an Endpoint, and prints one JSON
// line per model with
//   - single-request latency p50/p99 through Endpoint::predict (validate against the contract +
//     feature pipeline + predict + request log), each request timed on its own;
//   - batch throughput in rows/s of score_batch (CSV text in, validated, scored, CSV out);
//   - raw predict throughput in rows/s of Predictor::predict_records on all rows at once.
// Each figure is the median over `reps` repetitions. bench/serving.sh drives it.
//   lab_serving_bench <label> <reps> [csv_out]   (csv_out: the data for the Python peer)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/dataset_catalog.hpp"
#include "core/data/schema.hpp"
#include "core/pipeline/predictor.hpp"
#include "core/pipeline/train_job.hpp"
#include "core/serve/batch_scoring.hpp"
#include "core/serve/contract.hpp"
#include "core/serve/endpoint.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int64_t kRows = 20000;
constexpr uint64_t kSeed = 7;
constexpr size_t kRequests = 1000;  // timed single requests per repetition

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double> v, double q) {  // nearest rank
  std::sort(v.begin(), v.end());
  size_t k = size_t(q * double(v.size()) + 0.999999);
  return v[std::min(v.size(), std::max<size_t>(k, 1)) - 1];
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string to_csv(const lab::Table& t) {
  std::string out;
  for (size_t c = 0; c < t.cols(); ++c) out += (c ? "," : "") + csv_cell(t.columns[c].name);
  out += "\n";
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < t.cols(); ++c) out += (c ? "," : "") + csv_cell(t.cell_text(r, c));
    out += "\n";
  }
  return out;
}

// The model's reply as the serving hub gives it (prediction + class probabilities).
json reply_of(const lab::Predictor& p, json out) {
  if (out.contains("probability")) {
    double p1 = out["probability"].get<double>();
    out["probabilities"] = {{p.class_names()[0], 1 - p1}, {p.class_names()[1], p1}};
    out["confidence"] = std::max(p1, 1 - p1);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lab_serving_bench <label> <reps> [csv_out]\n");
    return 2;
  }
  try {
    const std::string label = argv[1];
    const int reps = std::max(1, std::atoi(argv[2]));
    lab::Table data = lab::make_dataset("churn", kRows, kSeed);
    const std::string csv = to_csv(data);
    if (argc > 3) std::ofstream(argv[3], std::ios::binary) << csv;
    const lab::Schema schema = lab::infer_schema(data);

    struct Spec {
      const char* name;
      const char* algo;
      json params;
    };
    const Spec specs[] = {{"logistic_regression", "logistic_regression", {{"C", 1.0}}},
                          {"hist_gbdt", "hist_gbdt", {{"n_estimators", 100}, {"max_depth", 6}, {"learning_rate", 0.3}}}};
    for (const Spec& spec : specs) {
      lab::TrainRequest req;
      req.algo = spec.algo;
      req.params = spec.params;
      lab::TrainJob job(data, req);
      while (!job.done()) job.step();
      const double auc = job.evaluate().roc_auc;
      auto predictor = std::make_shared<lab::Predictor>(job.model_json());
      lab::InferenceContract contract = lab::derive_contract(schema, job.feature_names());

      // The requests: the first kRequests rows as feature objects (what a client would send).
      json records = json::array();
      for (size_t r = 0; r < data.rows(); ++r) {
        json f = json::object();
        for (const auto& field : contract.fields) {
          const lab::Column& col = *data.find(field.name);
          double v = col.values[r];
          if (v != v) f[field.name] = nullptr;
          else if (col.type == lab::ColumnType::Categorical) f[field.name] = col.categories[size_t(v)];
          else f[field.name] = v;
        }
        records.push_back(std::move(f));
      }

      lab::ServedModel served{spec.name, 1, [predictor](const json& features) {
                                return reply_of(*predictor, predictor->predict_records(features)[0]);
                              }};
      auto wall_ms = [] { return int64_t(0); };  // the log's wall time does not matter here
      auto mono_ms = [] { return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count(); };
      lab::Endpoint endpoint("bench", contract, served, lab::EndpointTimes{wall_ms, mono_ms}, 1);
      for (size_t i = 0; i < 200; ++i) endpoint.predict(json{{"features", records[i]}});  // warm-up

      std::vector<double> p50s, p99s, batch_rates, predict_rates;
      size_t rejected = 0;
      for (int rep = 0; rep < reps; ++rep) {
        std::vector<double> lat;
        lat.reserve(kRequests);
        for (size_t i = 0; i < kRequests; ++i) {
          json request = {{"features", records[i]}};
          auto t0 = Clock::now();
          json reply = endpoint.predict(request);
          lat.push_back(ms_since(t0));
          if (!reply.contains("prediction")) ++rejected;
        }
        p50s.push_back(percentile(lat, 0.50));
        p99s.push_back(percentile(lat, 0.99));

        auto t0 = Clock::now();
        lab::BatchResult b = lab::score_batch(contract, csv, [&](const json& list) {
          json out = predictor->predict_records(list);
          for (auto& o : out) o = reply_of(*predictor, std::move(o));
          return out;
        });
        batch_rates.push_back(double(b.rows) / (ms_since(t0) / 1000));
        rejected += b.rejected;

        t0 = Clock::now();
        json all = predictor->predict_records(records);
        predict_rates.push_back(double(all.size()) / (ms_since(t0) / 1000));
      }
      json out = {{"side", label}, {"model", spec.name}, {"rows", data.rows()}, {"requests", kRequests}, {"reps", reps},
                  {"p50_ms", median(p50s)}, {"p99_ms", median(p99s)}, {"batch_rows_per_s", median(batch_rates)},
                  {"predict_rows_per_s", median(predict_rates)}, {"test_auc", auc}, {"rejected", rejected}};
      std::printf("%s\n", out.dump().c_str());
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lab_serving_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
