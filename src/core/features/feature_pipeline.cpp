#include "core/features/feature_pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {

using nlohmann::json;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

void fail(const std::string& msg) { throw std::invalid_argument("feature pipeline: " + msg); }

std::string get_str(const json& j, const char* key, const std::string& fallback, const char* where) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_string()) fail(std::string("'") + where + "." + key + "' must be a string, got " + j[key].dump());
  return j[key].get<std::string>();
}

void only_keys(const json& j, std::initializer_list<const char*> keys, const char* where) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool ok = false;
    for (const char* k : keys) ok = ok || it.key() == k;
    if (!ok) {
      std::string list;
      for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
      fail(std::string("unknown field '") + it.key() + "' in " + where + "; known fields: " + list);
    }
  }
}

// Mean and standard deviation of values near the double limit (1e308: the plain sums overflow to
// inf and the scaled column would be NaN): computed on values divided by the largest magnitude.
// The deviation is capped at the largest double so scaling stays finite.
void standardize_extreme(const std::vector<double>& v, double& mean, double& sd) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  double s = 0;
  for (double x : v) s += x / m;
  const double mean_scaled = s / double(v.size());
  double ss = 0;
  for (double x : v) ss += (x / m - mean_scaled) * (x / m - mean_scaled);
  mean = mean_scaled * m;
  const double sd_scaled = std::sqrt(ss / double(v.size()));
  sd = sd_scaled > std::numeric_limits<double>::max() / m ? std::numeric_limits<double>::max() : sd_scaled * m;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double most_frequent_of(std::vector<double> v) {  // ties: the smallest value (as scikit-learn)
  std::sort(v.begin(), v.end());
  double best = v[0];
  size_t best_n = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    if (j - i > best_n) best_n = j - i, best = v[i];
    i = j;
  }
  return best;
}

// numpy.percentile's default linear interpolation on sorted values.
double quantile_sorted(const std::vector<double>& s, double q) {
  double pos = q * double(s.size() - 1);
  size_t lo = size_t(std::floor(pos));
  if (lo + 1 >= s.size()) return s.back();
  double frac = pos - double(lo);
  return s[lo] + (s[lo + 1] - s[lo]) * frac;
}

const char* op_name(int op) {
  static const char* names[] = {"input", "ratio", "product", "difference", "log1p"};
  return names[op];
}

}  // namespace

FeaturePipeline FeaturePipeline::fit(const Table& t, const std::vector<size_t>& rows,
                                     const std::vector<std::string>& inputs, const json& spec_in) {
  json spec = spec_in.is_null() ? json::object() : spec_in;
  if (!spec.is_object()) fail("the spec must be a JSON object, got " + spec.dump());
  only_keys(spec, {"drop", "derived", "impute", "scale", "bins", "one_hot"}, "the spec");
  if (rows.empty()) fail("no training rows to fit on");

  FeaturePipeline p;
  p.spec_ = spec;
  std::vector<std::string> drop;
  if (spec.contains("drop")) {
    if (!spec["drop"].is_array()) fail("'drop' must be a list of column names");
    for (const auto& d : spec["drop"]) {
      if (!d.is_string()) fail("'drop' must list column names as strings, got " + d.dump());
      if (std::find(inputs.begin(), inputs.end(), d.get<std::string>()) == inputs.end())
        fail("'drop' names '" + d.get<std::string>() + "', which is not a feature column");
      drop.push_back(d.get<std::string>());
    }
  }
  std::vector<const Column*> cols;
  for (const auto& name : inputs) {
    if (std::find(drop.begin(), drop.end(), name) != drop.end()) continue;
    const Column* c = t.find(name);
    if (!c) fail("the input column '" + name + "' is not in the data");
    cols.push_back(c);
    p.inputs_.push_back({name, c->type});
    p.input_names_.push_back(name);
  }

  // Imputation strategies.
  json imp = spec.value("impute", json::object());
  if (!imp.is_object()) fail("'impute' must be an object like {\"numeric\": \"median\"}");
  only_keys(imp, {"numeric", "categorical"}, "'impute'");
  std::string num_imp = get_str(imp, "numeric", "median", "impute");
  std::string cat_imp = get_str(imp, "categorical", "most_frequent", "impute");
  if (num_imp != "mean" && num_imp != "median" && num_imp != "most_frequent" && num_imp != "none")
    fail("'impute.numeric' must be mean, median, most_frequent or none, got '" + num_imp + "'");
  if (cat_imp != "most_frequent" && cat_imp != "none")
    fail("'impute.categorical' must be most_frequent or none, got '" + cat_imp + "'");
  std::string scale = spec.contains("scale") ? get_str(spec, "scale", "standard", "spec") : "standard";
  if (scale != "standard" && scale != "none") fail("'scale' must be standard or none, got '" + scale + "'");
  if (spec.contains("one_hot")) {
    const json& oh = spec["one_hot"];
    if (!oh.is_object()) fail("'one_hot' must be an object like {\"unknown\": \"ignore\"}");
    only_keys(oh, {"unknown"}, "'one_hot'");
    if (get_str(oh, "unknown", "ignore", "one_hot") != "ignore")
      fail("'one_hot.unknown' supports only \"ignore\" (an unseen category becomes all zeros)");
  }

  // Categorical inputs: the categories seen in the training rows, in the table's (sorted) order.
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i]->type != ColumnType::Categorical) continue;
    std::vector<size_t> counts(cols[i]->categories.size(), 0);
    for (size_t r : rows) {
      double v = cols[i]->values[r];
      if (!std::isnan(v)) ++counts[size_t(v)];
    }
    CategoricalFeature f;
    f.name = cols[i]->name;
    f.input = i;
    size_t best = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
      if (!counts[k]) continue;
      if (cat_imp == "most_frequent" && (f.impute < 0 || counts[k] > best)) best = counts[k], f.impute = double(f.categories.size());
      f.categories.push_back(cols[i]->categories[k]);
    }
    p.categorical_.push_back(std::move(f));
  }

  // Numeric features: the numeric inputs, then the derived ones.
  auto input_index = [&](const std::string& name, const char* role) -> size_t {
    for (size_t i = 0; i < p.inputs_.size(); ++i)
      if (p.inputs_[i].name == name) {
        if (p.inputs_[i].type != ColumnType::Numeric)
          fail(std::string("derived features need numeric columns; '") + name + "' (" + role + ") is categorical");
        return i;
      }
    fail(std::string("derived feature refers to '") + name + "' (" + role + "), which is not an input column");
    return 0;
  };
  for (size_t i = 0; i < cols.size(); ++i)
    if (cols[i]->type == ColumnType::Numeric) {
      NumericFeature f;
      f.name = cols[i]->name;
      f.a = i;
      p.numeric_.push_back(f);
    }
  if (spec.contains("derived")) {
    if (!spec["derived"].is_array()) fail("'derived' must be a list of {name, op, a, b}");
    for (const auto& d : spec["derived"]) {
      if (!d.is_object()) fail("each 'derived' entry must be an object like {\"name\", \"op\", \"a\", \"b\"}");
      only_keys(d, {"name", "op", "a", "b"}, "a 'derived' entry");
      NumericFeature f;
      f.name = get_str(d, "name", "", "derived");
      std::string op = get_str(d, "op", "", "derived");
      if (f.name.empty()) fail("each derived feature needs a \"name\"");
      if (t.find(f.name) || std::any_of(p.numeric_.begin(), p.numeric_.end(), [&](const NumericFeature& g) { return g.name == f.name; }))
        fail("derived feature name '" + f.name + "' is already used; choose another name");
      if (op == "ratio") f.op = Op::Ratio;
      else if (op == "product") f.op = Op::Product;
      else if (op == "difference") f.op = Op::Difference;
      else if (op == "log1p") f.op = Op::Log1p;
      else fail("derived feature '" + f.name + "': op must be ratio, product, difference or log1p, got '" + op + "'");
      f.a = input_index(get_str(d, "a", "", "derived"), "a");
      if (f.op != Op::Log1p) f.b = input_index(get_str(d, "b", "", "derived"), "b");
      p.numeric_.push_back(f);
    }
  }

  // Raw training values, then the fitted statistics of each numeric feature.
  Raw raw(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i]->type != ColumnType::Numeric) continue;
    raw[i].reserve(rows.size());
    for (size_t r : rows) raw[i].push_back(cols[i]->values[r]);
  }
  std::map<std::string, json> bins;
  if (spec.contains("bins")) {
    if (!spec["bins"].is_array()) fail("'bins' must be a list of {column, n_bins, encode}");
    for (const auto& b : spec["bins"]) {
      if (!b.is_object()) fail("each 'bins' entry must be an object like {\"column\": \"age\", \"n_bins\": 5}");
      only_keys(b, {"column", "n_bins", "encode"}, "a 'bins' entry");
      bins[get_str(b, "column", "", "bins")] = b;
    }
  }
  for (auto& f : p.numeric_) {
    std::vector<double> v(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      double a = raw[f.a][r], b = f.op == Op::Input || f.op == Op::Log1p ? 0.0 : raw[f.b][r];
      switch (f.op) {
        case Op::Input: v[r] = a; break;
        case Op::Ratio: v[r] = b == 0 ? kNaN : a / b; break;
        case Op::Product: v[r] = a * b; break;
        case Op::Difference: v[r] = a - b; break;
        case Op::Log1p: v[r] = a <= -1 ? kNaN : det::log(1.0 + a); break;
      }
      if (std::isinf(v[r])) v[r] = kNaN;  // a derived value that overflowed counts as missing
    }
    std::vector<double> present;
    for (double x : v)
      if (!std::isnan(x)) present.push_back(x);
    if (num_imp == "none") f.impute = kNaN;
    else if (present.empty()) f.impute = 0.0;
    else if (num_imp == "median") f.impute = median_of(present);
    else if (num_imp == "most_frequent") f.impute = most_frequent_of(present);
    else {
      double s = 0;
      for (double x : present) s += x;
      f.impute = s / double(present.size());
      if (!std::isfinite(f.impute)) {
        double sd = 0;
        standardize_extreme(present, f.impute, sd);
      }
    }
    if (!std::isnan(f.impute))
      for (double& x : v)
        if (std::isnan(x)) x = f.impute;
    std::vector<double> filled;
    for (double x : v)
      if (!std::isnan(x)) filled.push_back(x);
    auto bin = bins.find(f.name);
    if (bin != bins.end()) {
      const json& b = bin->second;
      if (!b.contains("n_bins") || !b["n_bins"].is_number_integer() || b["n_bins"].get<int64_t>() < 2 ||
          b["n_bins"].get<int64_t>() > 100)
        fail("'bins' for '" + f.name + "' needs n_bins, a whole number from 2 to 100");
      std::string enc = get_str(b, "encode", "onehot", "bins");
      if (enc != "onehot" && enc != "ordinal") fail("'bins.encode' must be onehot or ordinal, got '" + enc + "'");
      f.onehot_bins = enc == "onehot";
      int64_t nb = b["n_bins"].get<int64_t>();
      std::sort(filled.begin(), filled.end());
      for (int64_t k = 1; k < nb && !filled.empty(); ++k) {
        double e = quantile_sorted(filled, double(k) / double(nb));
        if (f.edges.empty() || e > f.edges.back()) f.edges.push_back(e);
      }
      if (f.edges.empty()) f.edges.push_back(filled.empty() ? 0.0 : filled.front());  // a constant column: 2 bins
      bins.erase(bin);
      continue;
    }
    if (scale == "standard" && !filled.empty()) {
      double s = 0;
      for (double x : filled) s += x;
      f.mean = s / double(filled.size());
      double ss = 0;
      for (double x : filled) ss += (x - f.mean) * (x - f.mean);
      double sd = std::sqrt(ss / double(filled.size()));
      if (!std::isfinite(f.mean) || !std::isfinite(sd)) standardize_extreme(filled, f.mean, sd);
      f.scale = sd > 0 ? sd : 1.0;
      f.scaled = true;
    }
  }
  if (!bins.empty()) fail("'bins' names '" + bins.begin()->first + "', which is not a numeric feature");
  p.build_output_names();
  if (p.output_names_.empty()) fail("no features left to train on; keep at least one column");
  return p;
}

void FeaturePipeline::build_output_names() {
  output_names_.clear();
  for (const auto& f : numeric_) {
    if (f.edges.empty() || !f.onehot_bins) output_names_.push_back(f.name);
    else
      for (size_t b = 0; b <= f.edges.size(); ++b) output_names_.push_back(f.name + "#bin" + std::to_string(b));
  }
  for (const auto& f : categorical_)
    for (const auto& c : f.categories) output_names_.push_back(f.name + "=" + c);
}

DenseMatrix FeaturePipeline::apply(const Raw& raw, size_t n) const {
  DenseMatrix X(n, output_names_.size());
  size_t off = 0;
  for (const auto& f : numeric_) {
    const size_t width = f.edges.empty() || !f.onehot_bins ? 1 : f.edges.size() + 1;
    for (size_t r = 0; r < n; ++r) {
      double a = raw[f.a][r], b = f.op == Op::Input || f.op == Op::Log1p ? 0.0 : raw[f.b][r], v = a;
      switch (f.op) {
        case Op::Input: break;
        case Op::Ratio: v = b == 0 ? kNaN : a / b; break;
        case Op::Product: v = a * b; break;
        case Op::Difference: v = a - b; break;
        case Op::Log1p: v = a <= -1 ? kNaN : det::log(1.0 + a); break;
      }
      if (std::isinf(v)) v = kNaN;  // as in fit: an overflowed derived value is missing
      if (std::isnan(v)) v = f.impute;
      if (!f.edges.empty()) {
        if (std::isnan(v)) continue;  // no imputation: all bins zero
        size_t bin = size_t(std::upper_bound(f.edges.begin(), f.edges.end(), v) - f.edges.begin());
        if (f.onehot_bins) X.at(r, off + bin) = 1.0;
        else X.at(r, off) = double(bin);
      } else {
        double z = f.scaled ? (v - f.mean) / f.scale : v;
        if (f.scaled && !std::isfinite(z)) z = v / f.scale - f.mean / f.scale;  // v - mean overflowed (|v| near 1e308)
        X.at(r, off) = z;
      }
    }
    off += width;
  }
  for (const auto& f : categorical_) {
    for (size_t r = 0; r < n; ++r) {
      double slot = raw[f.input][r];
      if (std::isnan(slot)) slot = f.impute;
      if (slot >= 0) X.at(r, off + size_t(slot)) = 1.0;  // unknown (-1) or no imputation: all zeros
    }
    off += f.categories.size();
  }
  return X;
}

DenseMatrix FeaturePipeline::transform(const Table& t, const std::vector<size_t>& rows) const {
  Raw raw(inputs_.size());
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const Column* c = t.find(inputs_[i].name);
    if (!c) throw std::invalid_argument("the data has no column '" + inputs_[i].name + "', which the model needs");
    if (c->type != inputs_[i].type)
      throw std::invalid_argument("column '" + c->name + "' is " + to_string(c->type) + " but the model was trained on " +
                                  to_string(inputs_[i].type) + " values");
    raw[i].reserve(rows.size());
    if (c->type == ColumnType::Numeric) {
      for (size_t r : rows) raw[i].push_back(c->values[r]);
      continue;
    }
    // Table category code -> fitted slot (or -1 for a category unseen in training).
    const CategoricalFeature* f = nullptr;
    for (const auto& g : categorical_)
      if (g.input == i) f = &g;
    std::vector<double> slot(c->categories.size(), -1.0);
    for (size_t k = 0; k < c->categories.size(); ++k)
      for (size_t s = 0; s < f->categories.size(); ++s)
        if (f->categories[s] == c->categories[k]) slot[k] = double(s);
    for (size_t r : rows) {
      double v = c->values[r];
      raw[i].push_back(std::isnan(v) ? kNaN : slot[size_t(v)]);
    }
  }
  return apply(raw, rows.size());
}

DenseMatrix FeaturePipeline::transform_records(const json& records) const {
  const json* list = &records;
  json wrapped;
  if (records.is_object()) {
    wrapped = json::array({records});
    list = &wrapped;
  } else if (!records.is_array()) {
    throw std::invalid_argument("records must be a JSON object or a list of objects, got " + records.dump().substr(0, 80));
  }
  const size_t n = list->size();
  Raw raw(inputs_.size(), std::vector<double>(n, kNaN));
  for (size_t r = 0; r < n; ++r) {
    const json& rec = (*list)[r];
    if (!rec.is_object())
      throw std::invalid_argument("record " + std::to_string(r) + " must be a JSON object of column: value");
    for (size_t i = 0; i < inputs_.size(); ++i) {
      auto it = rec.find(inputs_[i].name);
      if (it == rec.end() || it->is_null()) continue;  // missing: imputed
      const std::string where = "record " + std::to_string(r) + ", field '" + inputs_[i].name + "'";
      if (inputs_[i].type == ColumnType::Numeric) {
        if (!it->is_number()) throw std::invalid_argument(where + ": expected a number, got " + it->dump());
        raw[i][r] = it->get<double>();
        continue;
      }
      if (!it->is_string()) throw std::invalid_argument(where + ": expected text (a category), got " + it->dump());
      const std::string s = it->get<std::string>();
      for (const auto& f : categorical_)
        if (f.input == i) {
          raw[i][r] = -1.0;
          for (size_t k = 0; k < f.categories.size(); ++k)
            if (f.categories[k] == s) raw[i][r] = double(k);
        }
    }
  }
  return apply(raw, n);
}

json FeaturePipeline::to_json() const {
  json inputs = json::array(), numeric = json::array(), categorical = json::array();
  for (const auto& in : inputs_) inputs.push_back({{"name", in.name}, {"type", to_string(in.type)}});
  for (const auto& f : numeric_) {
    json j = {{"name", f.name}, {"op", op_name(int(f.op))}, {"a", f.a}, {"edges", f.edges}};
    if (f.op != Op::Input && f.op != Op::Log1p) j["b"] = f.b;
    j["impute"] = std::isnan(f.impute) ? json(nullptr) : json(f.impute);
    if (!f.edges.empty()) j["encode"] = f.onehot_bins ? "onehot" : "ordinal";
    if (f.scaled) j["mean"] = f.mean, j["scale"] = f.scale;
    numeric.push_back(j);
  }
  for (const auto& f : categorical_)
    categorical.push_back({{"name", f.name}, {"input", f.input}, {"categories", f.categories}, {"impute", f.impute}});
  return {{"inputs", inputs}, {"numeric", numeric}, {"categorical", categorical}, {"outputs", output_names_},
          {"spec", spec_}};
}

FeaturePipeline FeaturePipeline::from_json(const json& j) {
  try {
    FeaturePipeline p;
    for (const auto& in : j.at("inputs")) {
      std::string type = in.at("type").get<std::string>();
      if (type != "numeric" && type != "categorical") fail("unknown input type '" + type + "'");
      p.inputs_.push_back({in.at("name").get<std::string>(), type == "numeric" ? ColumnType::Numeric : ColumnType::Categorical});
      p.input_names_.push_back(p.inputs_.back().name);
    }
    auto check_input = [&](size_t i, ColumnType want) {
      if (i >= p.inputs_.size() || p.inputs_[i].type != want) fail("a feature refers to a missing or mistyped input");
    };
    for (const auto& f : j.at("numeric")) {
      NumericFeature nf;
      nf.name = f.at("name").get<std::string>();
      std::string op = f.at("op").get<std::string>();
      int k = 0;
      while (k < 5 && op != op_name(k)) ++k;
      if (k == 5) fail("unknown op '" + op + "'");
      nf.op = Op(k);
      nf.a = f.at("a").get<size_t>();
      check_input(nf.a, ColumnType::Numeric);
      if (nf.op != Op::Input && nf.op != Op::Log1p) {
        nf.b = f.at("b").get<size_t>();
        check_input(nf.b, ColumnType::Numeric);
      }
      nf.impute = f.at("impute").is_null() ? kNaN : f.at("impute").get<double>();
      nf.edges = f.at("edges").get<std::vector<double>>();
      nf.onehot_bins = f.value("encode", std::string("onehot")) == "onehot";
      if (f.contains("mean")) {
        nf.scaled = true;
        nf.mean = f.at("mean").get<double>();
        nf.scale = f.at("scale").get<double>();
        if (!(nf.scale > 0)) fail("a scale must be positive");
      }
      p.numeric_.push_back(nf);
    }
    for (const auto& f : j.at("categorical")) {
      CategoricalFeature cf;
      cf.name = f.at("name").get<std::string>();
      cf.input = f.at("input").get<size_t>();
      check_input(cf.input, ColumnType::Categorical);
      cf.categories = f.at("categories").get<std::vector<std::string>>();
      cf.impute = f.at("impute").get<double>();
      if (cf.impute >= double(cf.categories.size())) fail("an imputed category is out of range");
      p.categorical_.push_back(cf);
    }
    p.spec_ = j.value("spec", json::object());
    p.build_output_names();
    return p;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("feature pipeline: the saved pipeline is malformed (") + e.what() + ")");
  }
}

}  // namespace lab
