#include "fuzz/pipeline_case.hpp"

#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "commands/dispatcher.hpp"
#include "commands/user_error.hpp"
#include "core/math/rng.hpp"
#include "core/track/clock.hpp"
#include "fuzz/cpu_clock.hpp"

namespace labfuzz {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------- the generated file

struct Shape {
  size_t rows = 0, cols = 0;
  std::string encoding;  // utf-8, utf-8-bom, windows-1252, utf-16le, utf-16be
  std::string damage;    // "" or what was broken on purpose (ragged, unclosed quote, binary, ...)
};

const char* kWords[] = {"alpha", "Beta", "gamma", "caf\xC3\xA9", "na\xC3\xAFve", "\xC3\x9C" "ber", "stra\xC3\x9F" "e",
                        "\xE2\x82\xAC" "uro", "S\xC3\xA3o Paulo", "a,b", "say \"hi\"", "two\nlines", " padded ", "NA",
                        "null", "?", "0", "1", "007", "true", "FALSE", "-", "x", "\xC3\x98re"};
const char* kMissing[] = {"", "NA", "?", "null", "NaN", "n/a", "N/A"};
const char* kNames[] = {"x", "y", "target", "label", "id", "customerID", "Age", "caf\xC3\xA9", "na\xC3\xAFve score",
                        "plan, type", "say \"hi\"", "a b", "\xE2\x82\xAC price", "class", "outcome", "time", "2x", "Z"};

std::string quote_if_needed(const std::string& s, lab::Rng& r) {
  bool needs = s.find_first_of(",\"\r\n") != std::string::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs && !r.bernoulli(0.05)) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// One cell of a column of the given kind.
std::string cell(int kind, size_t row, size_t distinct, lab::Rng& r) {
  switch (kind) {
    case 0: return number_text(r.normal(0, std::pow(10.0, double(int(r.below(13)) - 6))));
    case 1: return std::to_string(r.below(distinct ? distinct : 1));
    case 2: return kWords[r.below(std::min<size_t>(distinct ? distinct : 1, std::size(kWords)))];
    case 3: return "k" + std::to_string(r.below(1000000));  // nearly unique text
    case 4: return "7";                                      // constant
    case 6: {                                                // extreme numbers
      const char* ex[] = {"1e308", "-1e308", "4.9e-324", "0", "-0", "1e-300", "9007199254740993", "1.7976931348623157e308",
                          "123456789012345678901234567890", "-2.5e-310", "3"};
      return ex[r.below(std::size(ex))];
    }
    case 7: return "0" + std::to_string(10 + r.below(90));  // leading-zero codes
    case 8: return r.bernoulli(0.5) ? "true" : "false";
    case 9: return r.bernoulli(0.8) ? std::to_string(r.below(50)) : std::string(kWords[r.below(std::size(kWords))]);
    case 10: return std::to_string(row);                    // a row counter (an id)
    default: return "";
  }
}

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = s[i];
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += size_t(len);
  }
  return out;
}

std::string encode(const std::string& utf8, const std::string& encoding) {
  if (encoding == "utf-8") return utf8;
  if (encoding == "utf-8-bom") return "\xEF\xBB\xBF" + utf8;
  std::string out;
  if (encoding == "windows-1252") {
    for (char32_t c : code_points(utf8)) out += c == 0x20AC ? char(0x80) : c < 0x100 ? char(c) : '?';
    return out;
  }
  const bool le = encoding == "utf-16le";
  out = le ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
  auto unit = [&](char32_t u) {
    char lo = char(u & 0xFF), hi = char(u >> 8);
    if (le) out += lo, out += hi;
    else out += hi, out += lo;
  };
  for (char32_t c : code_points(utf8)) {
    if (c >= 0x10000) unit(0xD800 + ((c - 0x10000) >> 10)), unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    else unit(c);
  }
  return out;
}

std::string generate(uint64_t seed, std::string* target_name, Shape* shape) {
  lab::Rng r(seed * 0x9E3779B97F4A7C15ull + 1);
  const size_t row_choices[] = {1, 2, 3, 5, 12, 40, 150, 600, 2500};
  size_t rows = row_choices[r.below(std::size(row_choices))];
  size_t cols = 1 + r.below(8);
  if (r.bernoulli(0.06)) cols = 40 + r.below(260), rows = std::min<size_t>(rows, 120);  // wide
  if (r.bernoulli(0.04)) rows = 8000 + r.below(12000), cols = std::min<size_t>(cols, 4);  // tall
  std::vector<int> kinds(cols);
  std::vector<size_t> distinct(cols);
  std::vector<double> missing(cols);
  std::vector<std::string> names(cols);
  for (size_t c = 0; c < cols; ++c) {
    kinds[c] = int(r.below(11));
    if (kinds[c] == 5) kinds[c] = r.bernoulli(0.3) ? 5 : 0;
    distinct[c] = 1 + r.below(r.bernoulli(0.2) ? 60 : 6);
    const double miss[] = {0, 0, 0, 0.1, 0.5, 0.95};
    missing[c] = kinds[c] == 5 ? 1.0 : miss[r.below(std::size(miss))];
    names[c] = r.bernoulli(0.7) ? std::string(kNames[r.below(std::size(kNames))]) + std::to_string(c)
                                : std::string(kNames[r.below(std::size(kNames))]);
  }
  // The target: one of the columns, as binary, many classes, numbers or text.
  const size_t t = r.below(cols);
  const int target_kinds[] = {1, 1, 2, 0, 9, 4, 1};
  kinds[t] = target_kinds[r.below(std::size(target_kinds))];
  if (kinds[t] == 1 && r.bernoulli(0.3)) distinct[t] = 50;  // 50 whole numbers: regression by rule
  if (kinds[t] == 1 && r.bernoulli(0.4)) distinct[t] = 2;
  missing[t] = r.bernoulli(0.7) ? 0.0 : (r.bernoulli(0.8) ? 0.1 : 0.9);
  if (r.bernoulli(0.5)) names[t] = "target";
  *target_name = names[t];

  const char* eols[] = {"\n", "\r\n", "\r"};
  const std::string eol = r.bernoulli(0.8) ? "\n" : eols[r.below(3)];
  std::string text;
  for (size_t c = 0; c < cols; ++c) text += (c ? "," : "") + quote_if_needed(names[c], r);
  text += eol;
  for (size_t i = 0; i < rows; ++i) {
    for (size_t c = 0; c < cols; ++c) {
      if (c) text += ',';
      if (r.uniform() < missing[c]) text += kMissing[r.below(std::size(kMissing))];
      else text += quote_if_needed(cell(kinds[c], i, distinct[c], r), r);
    }
    if (i + 1 < rows || r.bernoulli(0.8)) text += eol;
  }
  shape->rows = rows;
  shape->cols = cols;
  // Damage a few files on purpose: the importer must refuse them with a located message.
  const double d = r.uniform();
  if (d < 0.03) text += "1,2" + std::string(cols, ',') + eol, shape->damage = "ragged";
  else if (d < 0.05) text += "\"unclosed", shape->damage = "unclosed quote";
  else if (d < 0.06) text = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) + text, shape->damage = "png";
  else if (d < 0.07) text.insert(text.size() / 2, std::string("\0\x01\x02", 3)), shape->damage = "nul bytes";
  else if (d < 0.08) text = text.substr(0, r.below(text.size() + 1)), shape->damage = "truncated";
  else if (d < 0.09) text = "", shape->damage = "empty";
  const char* encodings[] = {"utf-8", "utf-8", "utf-8", "utf-8", "utf-8-bom", "windows-1252", "windows-1252", "utf-16le", "utf-16be"};
  shape->encoding = encodings[r.below(std::size(encodings))];
  return encode(text, shape->encoding);
}

// ---------------------------------------------------------------- the checks

struct Checker {
  CaseResult& result;
  void finding(const std::string& what) { result.findings.push_back(what); }

  // Every reply: an object with a boolean ok; an error is a sentence of the lab's; strict UTF-8.
  json check(const std::string& step, const json& reply) {
    if (!reply.is_object() || !reply.contains("ok") || !reply["ok"].is_boolean()) {
      finding(step + ": reply without a boolean ok");
      return reply;
    }
    try {
      (void)reply.dump(-1, ' ', false, json::error_handler_t::strict);
    } catch (const std::exception& e) {
      finding(step + ": reply is not valid UTF-8");
    }
    if (!reply["ok"].get<bool>()) {
      if (!reply.contains("error") || !reply["error"].is_string()) finding(step + ": failure without an error message");
      else {
        const std::string msg = reply["error"];
        if (lab::looks_internal(msg) || msg.find("internal error") != std::string::npos)
          finding(step + ": internal text reached the user: " + msg.substr(0, 200));
        result.last_error = step + ": " + msg.substr(0, 160);
      }
    }
    return reply;
  }
};

json small_params(const std::string& algo, lab::Rng& r) {
  if (algo == "logistic_regression") return {{"max_iter", 1 + r.below(30)}, {"C", std::pow(10.0, r.uniform(-3, 3))}};
  if (algo == "ridge_regression") return {{"alpha", r.bernoulli(0.3) ? 0.0 : std::pow(10.0, r.uniform(-3, 3))}};
  if (algo == "knn") return {{"n_neighbors", 1 + r.below(9)}, {"weights", r.bernoulli(0.5) ? "uniform" : "distance"}};
  if (algo == "gaussian_nb") return {{"var_smoothing", std::pow(10.0, r.uniform(-12, 0))}};
  if (algo == "svm")
    return {{"kernel", r.bernoulli(0.5) ? "linear" : "rbf"}, {"C", std::pow(10.0, r.uniform(-2, 3))}, {"max_iter", 50 + r.below(2000)}};
  if (algo == "decision_tree") return {{"max_depth", r.below(12)}, {"min_samples_leaf", 1 + r.below(5)}};
  if (algo == "random_forest") return {{"n_estimators", 1 + r.below(8)}, {"max_depth", r.below(10)}};
  if (algo == "hist_gbdt")
    return {{"n_estimators", 1 + r.below(15)}, {"max_depth", r.below(7)}, {"early_stopping_rounds", r.bernoulli(0.3) ? 3 : 0}};
  return json::object();
}

// Requests a participant or a broken client might send, built from the contract's example.
std::vector<json> requests_from(const json& example, lab::Rng& r) {
  std::vector<json> out;
  out.push_back(example);
  json broken = example;
  if (broken.is_object() && broken.contains("features") && broken["features"].is_object()) {
    json& f = broken["features"];
    for (auto it = f.begin(); it != f.end(); ++it) {
      const double p = r.uniform();
      if (p < 0.2) *it = "caf\xC3\xA9";
      else if (p < 0.35) *it = nullptr;
      else if (p < 0.5) *it = 1e308;
      else if (p < 0.6) *it = json::array({1, 2});
      else if (p < 0.7) *it = -0.0;
    }
    f["unknown_field"] = 3;
    out.push_back(broken);
    json missing = example;
    if (!missing["features"].empty()) missing["features"].erase(missing["features"].begin());
    out.push_back(missing);
  }
  out.push_back(json::array());
  out.push_back("text");
  out.push_back({{"features", json::array({example})}});
  return out;
}

std::string shape_text(const Shape& s) {
  return std::to_string(s.rows) + "x" + std::to_string(s.cols) + " " + s.encoding + (s.damage.empty() ? "" : " " + s.damage);
}

}  // namespace

const std::vector<std::string>& families() {
  static const std::vector<std::string> all = {"linear", "neighbours", "bayes", "svm", "trees", "boosting"};
  return all;
}

std::vector<std::string> family_algos(const std::string& family) {
  if (family == "linear") return {"logistic_regression", "ridge_regression"};
  if (family == "neighbours") return {"knn"};
  if (family == "bayes") return {"gaussian_nb"};
  if (family == "svm") return {"svm"};
  if (family == "trees") return {"decision_tree", "random_forest"};
  if (family == "boosting") return {"hist_gbdt"};
  if (family == "all")
    return {"logistic_regression", "ridge_regression", "knn", "gaussian_nb", "svm", "decision_tree", "random_forest", "hist_gbdt"};
  throw std::invalid_argument("unknown family '" + family + "'; use linear, neighbours, bayes, svm, trees, boosting or all");
}

std::string generate_csv_bytes(uint64_t seed, std::string* target_name, std::string* shape) {
  Shape s;
  std::string bytes = generate(seed, target_name, &s);
  *shape = shape_text(s);
  return bytes;
}

CaseResult run_pipeline_case(uint64_t seed, const std::string& family, double limit, const std::string& store_root) {
  // The limit is on CPU time, so a busy machine does not turn slow cases into "hangs".
  const double start = cpu_seconds();
  auto elapsed = [&] { return cpu_seconds() - start; };
  CaseResult result;
  result.seed = seed;
  Checker check{result};
  lab::Rng r(seed ^ 0xC0FFEEull);

  std::string target;
  Shape shape;
  const std::string bytes = generate(seed, &target, &shape);
  result.shape = shape_text(shape);
  std::filesystem::remove_all(store_root);
  std::filesystem::create_directories(store_root);
  const std::string csv_path = store_root + "/case.csv";
  {
    std::ofstream f(csv_path, std::ios::binary);
    f.write(bytes.data(), std::streamsize(bytes.size()));
  }

  lab::FixedClock clock;
  lab::Session session(store_root + "/mlruns", clock, seed);
  lab::Dispatcher d(session);
  const bool verbose = std::getenv("LAB_FUZZ_VERBOSE") != nullptr;
  auto run = [&](const std::string& step, const json& cmd) {
    if (verbose) std::fprintf(stderr, "  %.2f s: %s %s\n", elapsed(), step.c_str(), cmd.dump().substr(0, 160).c_str());
    return check.check(step, d.handle(cmd));
  };

  // The tab's limits: refuse what would not fit in a browser heap, announce what the estimate
  // calls long (such a run is cancelled at once: the participant was told). A run the estimate
  // calls short must then finish within the case limit, or it is a hang.
  run("limits", {{"cmd", "train.set_limits"}, {"memory_mb", 1500}, {"warn_seconds", limit / 4}});
  json imported = run("import", {{"cmd", "data.import_csv"}, {"path", csv_path}, {"name", "case.csv"},
                                 {"target", r.bernoulli(0.7) ? target : std::string()}});
  if (!imported.value("ok", false)) {
    result.seconds = elapsed();
    return result;
  }
  // What a participant clicks before training: roles, the task, the checklist, a preview.
  const json cols = run("schema", {{"cmd", "data.schema"}})["columns"];
  if (cols.is_array() && !cols.empty()) {
    auto pick = [&] { return cols[r.below(cols.size())]["name"].get<std::string>(); };
    if (r.bernoulli(0.25)) {
      const char* roles[] = {"id", "ignore", "feature", "time", "target"};
      run("set_role", {{"cmd", "data.set_role"}, {"column", pick()}, {"role", roles[r.below(5)]}});
    }
    if (r.bernoulli(0.15) || !imported.contains("target") || imported["target"].is_null())
      run("set_target", {{"cmd", "data.set_target"}, {"column", pick()}});
  }
  if (r.bernoulli(0.3)) {
    const char* tasks[] = {"auto", "binary", "multiclass", "regression"};
    run("set_task", {{"cmd", "data.set_task"}, {"task", tasks[r.below(4)]}});
  }
  run("quality", {{"cmd", "data.quality"}});
  run("preview", {{"cmd", "data.preview"}, {"limit", 5}});
  run("kfold", {{"cmd", "data.kfold"}, {"k", 2 + r.below(4)}});

  const std::vector<std::string> algos = family_algos(family);
  result.algo = algos[r.below(algos.size())];
  json started = run("train.start", {{"cmd", "train.start"}, {"algo", result.algo}, {"params", small_params(result.algo, r)},
                                     {"test_fraction", r.uniform(0.1, 0.5)}, {"seed", r.below(1000)}});
  if (!started.value("ok", false)) {
    result.refused_memory = started.value("error", std::string()).find("this run would need") != std::string::npos;
    result.seconds = elapsed();
    return result;
  }
  json status = started;
  if (started.contains("warning")) {
    result.announced_long = true;
    run("train.cancel", {{"cmd", "train.cancel"}});
    result.seconds = elapsed();
    return result;
  }
  while (status.value("state", "") == "running") {
    if (elapsed() > limit) {
      result.timed_out = true;
      run("train.cancel", {{"cmd", "train.cancel"}});
      result.findings.push_back("training ran past the case limit of " + number_text(limit) + " s; the estimate was " +
                                started["estimate"].value("summary", std::string("missing")));
      break;
    }
    status = run("train.step", {{"cmd", "train.step"}, {"max_steps", 1}});
    if (!status.value("ok", false) && status.value("state", "") != "failed") break;
  }
  const std::string state = status.value("state", "");
  if (state == "failed") {
    // A failed run must end FAILED in the store with its reason.
    json got = run("runs.get", {{"cmd", "runs.get"}, {"run_id", status.value("run_id", "")}});
    const std::string dumped = got.dump(-1, ' ', false, json::error_handler_t::replace);
    if (dumped.find("FAILED") == std::string::npos) check.finding("a failed run is not FAILED in the store");
    if (dumped.find("lab.error") == std::string::npos) check.finding("a failed run has no lab.error tag");
  }
  if (state != "done") {
    result.seconds = elapsed();
    return result;
  }
  // Register, deploy and serve a few requests.
  json reg = run("register", {{"cmd", "registry.register"}, {"model", "fuzz-model"}, {"run_id", status["run_id"]}});
  if (reg.value("ok", false)) {
    run("alias", {{"cmd", "registry.set_alias"}, {"model", "fuzz-model"}, {"alias", "champion"}, {"version", reg["version"]}});
    json dep = run("deploy", {{"cmd", "serve.deploy"}, {"endpoint", "fuzz-api"}, {"model", "fuzz-model"}});
    if (dep.value("ok", false)) {
      json contract = run("contract", {{"cmd", "serve.contract"}, {"endpoint", "fuzz-api"}});
      const json example = contract.contains("example") ? contract["example"] : json::object();
      bool any_ok = false;
      for (const json& req : requests_from(example, r)) {
        json p = run("predict", {{"cmd", "serve.predict"}, {"endpoint", "fuzz-api"}, {"request", req}});
        if (p.value("ok", false) && p["response"].is_object() && !p["response"].contains("status")) any_ok = true;
      }
      if (!any_ok) check.finding("the contract's own example request was not served");
      result.trained = true;
    }
  }
  result.seconds = elapsed();
  if (result.seconds > limit && !result.timed_out) {
    result.timed_out = true;
    result.findings.push_back("the case ran past its limit of " + number_text(limit) + " s");
  }
  return result;
}

}  // namespace labfuzz
