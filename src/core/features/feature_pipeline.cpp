#include "core/features/feature_pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/math/det_math.hpp"

namespace lab {

using nlohmann::json;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

void fail(const std::string& msg) { throw std::invalid_argument("feature pipeline: " + msg); }

const char* op_name(int op) {
  static const char* names[] = {"input", "ratio", "product", "difference", "log1p"};
  return names[op];
}

}  // namespace

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

std::vector<std::string> FeaturePipeline::output_sources() const {
  std::vector<std::string> sources;
  for (const auto& f : numeric_) {
    const size_t width = f.edges.empty() || !f.onehot_bins ? 1 : f.edges.size() + 1;
    sources.insert(sources.end(), width, f.name);
  }
  for (const auto& f : categorical_) sources.insert(sources.end(), f.categories.size(), f.name);
  return sources;
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
