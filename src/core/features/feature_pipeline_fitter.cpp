#include "core/features/feature_pipeline_fitter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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

// The median by selection, not a full sort (a million values: a few ms instead of tens): the
// middle value, or for an even count the mean of the two middle ones, exactly as the sorted
// values give them. Reorders v. A zero median is +0 whichever signed zero was picked, so the
// result does not depend on how the library orders -0 and +0 (they compare equal).
double median_of(std::vector<double>& v) {
  const size_t n = v.size(), mid = n / 2;
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
  const double hi = v[mid];
  double m = hi;
  if (n % 2 == 0) m = 0.5 * (*std::max_element(v.begin(), v.begin() + std::ptrdiff_t(mid)) + hi);
  return m == 0 ? 0.0 : m;
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

}  // namespace

FeaturePipeline FeaturePipeline::fit(const Table& t, const std::vector<size_t>& rows,
                                     const std::vector<std::string>& inputs, const json& spec) {
  FeaturePipelineFitter fitter(t, rows, inputs, spec);
  while (!fitter.done()) fitter.fit_next();
  return fitter.finish();
}

FeaturePipelineFitter::FeaturePipelineFitter(const Table& t, const std::vector<size_t>& rows,
                                             const std::vector<std::string>& inputs, const json& spec_in)
    : rows_(rows) {
  using Op = FeaturePipeline::Op;
  json spec = spec_in.is_null() ? json::object() : spec_in;
  if (!spec.is_object()) fail("the spec must be a JSON object, got " + spec.dump());
  only_keys(spec, {"drop", "derived", "impute", "scale", "bins", "one_hot"}, "the spec");
  if (rows.empty()) fail("no training rows to fit on");

  FeaturePipeline& p = p_;
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
  for (const auto& name : inputs) {
    if (std::find(drop.begin(), drop.end(), name) != drop.end()) continue;
    const Column* c = t.find(name);
    if (!c) fail("the input column '" + name + "' is not in the data");
    if (c->type == ColumnType::Categorical) categorical_inputs_.push_back(cols_.size());
    cols_.push_back(c);
    p.inputs_.push_back({name, c->type});
    p.input_names_.push_back(name);
  }

  // Imputation strategies.
  json imp = spec.value("impute", json::object());
  if (!imp.is_object()) fail("'impute' must be an object like {\"numeric\": \"median\"}");
  only_keys(imp, {"numeric", "categorical"}, "'impute'");
  num_imp_ = get_str(imp, "numeric", "median", "impute");
  cat_imp_ = get_str(imp, "categorical", "most_frequent", "impute");
  if (num_imp_ != "mean" && num_imp_ != "median" && num_imp_ != "most_frequent" && num_imp_ != "none")
    fail("'impute.numeric' must be mean, median, most_frequent or none, got '" + num_imp_ + "'");
  if (cat_imp_ != "most_frequent" && cat_imp_ != "none")
    fail("'impute.categorical' must be most_frequent or none, got '" + cat_imp_ + "'");
  scale_ = spec.contains("scale") ? get_str(spec, "scale", "standard", "spec") : "standard";
  if (scale_ != "standard" && scale_ != "none") fail("'scale' must be standard or none, got '" + scale_ + "'");
  if (spec.contains("one_hot")) {
    const json& oh = spec["one_hot"];
    if (!oh.is_object()) fail("'one_hot' must be an object like {\"unknown\": \"ignore\"}");
    only_keys(oh, {"unknown"}, "'one_hot'");
    if (get_str(oh, "unknown", "ignore", "one_hot") != "ignore")
      fail("'one_hot.unknown' supports only \"ignore\" (an unseen category becomes all zeros)");
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
  for (size_t i = 0; i < cols_.size(); ++i)
    if (cols_[i]->type == ColumnType::Numeric) {
      FeaturePipeline::NumericFeature f;
      f.name = cols_[i]->name;
      f.a = i;
      p.numeric_.push_back(f);
    }
  if (spec.contains("derived")) {
    if (!spec["derived"].is_array()) fail("'derived' must be a list of {name, op, a, b}");
    for (const auto& d : spec["derived"]) {
      if (!d.is_object()) fail("each 'derived' entry must be an object like {\"name\", \"op\", \"a\", \"b\"}");
      only_keys(d, {"name", "op", "a", "b"}, "a 'derived' entry");
      FeaturePipeline::NumericFeature f;
      f.name = get_str(d, "name", "", "derived");
      std::string op = get_str(d, "op", "", "derived");
      if (f.name.empty()) fail("each derived feature needs a \"name\"");
      if (t.find(f.name) ||
          std::any_of(p.numeric_.begin(), p.numeric_.end(), [&](const FeaturePipeline::NumericFeature& g) { return g.name == f.name; }))
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

  // Bins: checked now, in feature order, so a bad entry fails before any column is fitted.
  if (spec.contains("bins")) {
    if (!spec["bins"].is_array()) fail("'bins' must be a list of {column, n_bins, encode}");
    for (const auto& b : spec["bins"]) {
      if (!b.is_object()) fail("each 'bins' entry must be an object like {\"column\": \"age\", \"n_bins\": 5}");
      only_keys(b, {"column", "n_bins", "encode"}, "a 'bins' entry");
      bins_[get_str(b, "column", "", "bins")] = b;
    }
  }
  size_t binned = 0;
  for (const auto& f : p.numeric_) {
    auto bin = bins_.find(f.name);
    if (bin == bins_.end()) continue;
    const json& b = bin->second;
    if (!b.contains("n_bins") || !b["n_bins"].is_number_integer() || b["n_bins"].get<int64_t>() < 2 ||
        b["n_bins"].get<int64_t>() > 100)
      fail("'bins' for '" + f.name + "' needs n_bins, a whole number from 2 to 100");
    std::string enc = get_str(b, "encode", "onehot", "bins");
    if (enc != "onehot" && enc != "ordinal") fail("'bins.encode' must be onehot or ordinal, got '" + enc + "'");
    ++binned;
  }
  if (binned < bins_.size())
    for (const auto& entry : bins_) {
      const std::string& name = entry.first;  // (clang 14 cannot capture a structured binding)
      if (std::none_of(p.numeric_.begin(), p.numeric_.end(), [&](const FeaturePipeline::NumericFeature& f) { return f.name == name; }))
        fail("'bins' names '" + name + "', which is not a numeric feature");
    }
}

std::string FeaturePipelineFitter::fit_next() {
  if (done()) throw std::logic_error("the feature pipeline is already fitted");
  const size_t k = next_++;
  if (k < categorical_inputs_.size()) {
    fit_categorical(categorical_inputs_[k]);
    return cols_[categorical_inputs_[k]]->name;
  }
  FeaturePipeline::NumericFeature& f = p_.numeric_[k - categorical_inputs_.size()];
  if (!fit_numeric_part(f)) --next_;  // more parts of this feature to come
  else work_.reset();
  return f.name;
}

// A categorical input: the categories seen in the training rows, in the table's (sorted) order.
void FeaturePipelineFitter::fit_categorical(size_t input) {
  const Column& col = *cols_[input];
  std::vector<size_t> counts(col.categories.size(), 0);
  for (size_t r : rows_) {
    double v = col.values[r];
    if (!std::isnan(v)) ++counts[size_t(v)];
  }
  FeaturePipeline::CategoricalFeature f;
  f.name = col.name;
  f.input = input;
  size_t best = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    if (!counts[k]) continue;
    if (cat_imp_ == "most_frequent" && (f.impute < 0 || counts[k] > best)) best = counts[k], f.impute = double(f.categories.size());
    f.categories.push_back(col.categories[k]);
  }
  p_.categorical_.push_back(std::move(f));
}

// A numeric feature's training values (derived ones computed), then its imputation value, and
// its bin edges or its standardization; a run of rows per part where a pass reads every row.
bool FeaturePipelineFitter::fit_numeric_part(FeaturePipeline::NumericFeature& f) {
  using Op = FeaturePipeline::Op;
  constexpr size_t kVisitsPerGatheredRow = 16;  // the split's shuffled rows: a cache miss each
  const size_t n = rows_.size();
  if (!work_) {
    work_.emplace();
    work_->v.resize(n);
    work_->rows.start(n, kVisitsPerGatheredRow);
  }
  NumericWork& w = *work_;
  std::vector<double>& v = w.v;
  // The values the bins and the scale are fitted on: every row once imputed, else the present
  // ones (in row order either way: the sums run in the same order as always).
  auto filled = [&]() -> std::vector<double>& { return std::isnan(f.impute) ? w.present : v; };
  for (size_t spent = 0; spent < kWorkPerPart;) {
    switch (w.stage) {
      case Stage::Gather: {
        const bool binary = f.op != Op::Input && f.op != Op::Log1p;
        const std::vector<double>& A = cols_[f.a]->values;
        const std::vector<double>& B = cols_[binary ? f.b : f.a]->values;
        const RowRange range = w.rows.next(kWorkPerPart - spent);
        for (size_t r = range.from; r < range.to; ++r) {
          const size_t row = rows_[r];
          double a = A[row], b = binary ? B[row] : 0.0;
          switch (f.op) {
            case Op::Input: v[r] = a; break;
            case Op::Ratio: v[r] = b == 0 ? kNaN : a / b; break;
            case Op::Product: v[r] = a * b; break;
            case Op::Difference: v[r] = a - b; break;
            case Op::Log1p: v[r] = a <= -1 ? kNaN : det::log(1.0 + a); break;
          }
          if (std::isinf(v[r])) v[r] = kNaN;  // a derived value that overflowed counts as missing
        }
        spent += w.rows.visits(range);
        if (w.rows.done()) {
          w.present.reserve(n);
          w.rows.start(n, 2);
          w.stage = Stage::Present;
        }
        break;
      }
      case Stage::Present: {
        const RowRange range = w.rows.next(kWorkPerPart - spent);
        for (size_t r = range.from; r < range.to; ++r)
          if (!std::isnan(v[r])) w.present.push_back(v[r]);
        spent += w.rows.visits(range);
        if (w.rows.done()) w.stage = Stage::Impute;
        break;
      }
      case Stage::Impute: {  // whole: a median is a selection over every present value
        std::vector<double>& present = w.present;
        if (num_imp_ == "none") f.impute = kNaN;
        else if (present.empty()) f.impute = 0.0;
        else if (num_imp_ == "median") f.impute = median_of(present);
        else if (num_imp_ == "most_frequent") f.impute = most_frequent_of(present);
        else {
          double s = 0;
          for (double x : present) s += x;
          f.impute = s / double(present.size());
          if (!std::isfinite(f.impute)) {
            double sd = 0;
            standardize_extreme(present, f.impute, sd);
          }
        }
        spent += 8 * present.size();
        w.stage = std::isnan(f.impute) ? Stage::Fit : Stage::Fill;
        w.rows.start(n, 1);
        break;
      }
      case Stage::Fill: {
        const RowRange range = w.rows.next(kWorkPerPart - spent);
        for (size_t r = range.from; r < range.to; ++r)
          if (std::isnan(v[r])) v[r] = f.impute;
        spent += w.rows.visits(range);
        if (w.rows.done()) w.stage = Stage::Fit;
        break;
      }
      case Stage::Fit: {
        std::vector<double>& values = filled();
        auto bin = bins_.find(f.name);
        if (bin != bins_.end()) {  // whole: the quantiles need the values sorted
          const json& b = bin->second;
          f.onehot_bins = get_str(b, "encode", "onehot", "bins") == "onehot";
          const int64_t nb = b["n_bins"].get<int64_t>();
          std::sort(values.begin(), values.end());
          for (int64_t k = 1; k < nb && !values.empty(); ++k) {
            double e = quantile_sorted(values, double(k) / double(nb));
            if (f.edges.empty() || e > f.edges.back()) f.edges.push_back(e);
          }
          if (f.edges.empty()) f.edges.push_back(values.empty() ? 0.0 : values.front());  // a constant column: 2 bins
          return true;
        }
        if (scale_ != "standard" || values.empty()) return true;
        w.sum = 0;
        w.rows.start(values.size(), 1);
        w.stage = Stage::Mean;
        break;
      }
      case Stage::Mean: {
        const std::vector<double>& values = filled();
        const RowRange range = w.rows.next(kWorkPerPart - spent);
        for (size_t i = range.from; i < range.to; ++i) w.sum += values[i];
        spent += w.rows.visits(range);
        if (!w.rows.done()) break;
        f.mean = w.sum / double(values.size());
        w.sum = 0;
        w.rows.start(values.size(), 2);
        w.stage = Stage::Spread;
        break;
      }
      case Stage::Spread: {
        std::vector<double>& values = filled();
        const RowRange range = w.rows.next(kWorkPerPart - spent);
        for (size_t i = range.from; i < range.to; ++i) w.sum += (values[i] - f.mean) * (values[i] - f.mean);
        spent += w.rows.visits(range);
        if (!w.rows.done()) break;
        double sd = std::sqrt(w.sum / double(values.size()));
        if (!std::isfinite(f.mean) || !std::isfinite(sd)) standardize_extreme(values, f.mean, sd);
        f.scale = sd > 0 ? sd : 1.0;
        f.scaled = true;
        return true;
      }
    }
  }
  return false;
}

FeaturePipeline FeaturePipelineFitter::finish() {
  if (!done()) throw std::logic_error("the feature pipeline is not fitted yet");
  p_.build_output_names();
  if (p_.output_names_.empty()) fail("no features left to train on; keep at least one column");
  return std::move(p_);
}

}  // namespace lab
