#include "core/serve/batch_scoring.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/data/csv_parser.hpp"

namespace lab {

using nlohmann::json;

namespace {
std::string megabytes(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1024.0 * 1024.0));
  return buf;
}

bool ends_with_csv(const std::string& name) {
  if (name.size() < 4) return false;
  std::string ext = name.substr(name.size() - 4);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string q = "\"";
  for (char ch : text) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

// A cell as the contract wants it: numbers for numeric fields (text that reads as a number is
// accepted, so one odd cell does not turn a whole column into text), text for categories.
json cell_value(const Column& col, size_t row, const FieldContract& f) {
  double v = col.values[row];
  if (std::isnan(v)) return nullptr;
  if (f.type == ColumnType::Numeric) {
    if (col.type == ColumnType::Numeric) return v;
    const std::string& text = col.categories[size_t(v)];
    char* end = nullptr;
    double x = std::strtod(text.c_str(), &end);
    if (!text.empty() && end && *end == '\0' && std::isfinite(x)) return x;
    return text;  // validation reports it as the wrong type, with the text itself
  }
  if (col.type == ColumnType::Categorical) return col.categories[size_t(v)];
  char buf[40];  // e.g. a 0/1 category the file spelled as numbers: "0", "1"
  std::snprintf(buf, sizeof buf, v == std::floor(v) && std::fabs(v) < 1e15 ? "%.0f" : "%.10g", v);
  return std::string(buf);
}

std::string number_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v.get<double>());
    return buf;
  }
  return v.is_null() ? "" : v.dump();
}
}  // namespace

std::string batch_file_problem(const std::string& filename, size_t bytes, const BatchLimits& limits) {
  if (!ends_with_csv(filename))
    return "'" + filename + "' is not a .csv file. Batch scoring reads a CSV with a header row naming the model's fields "
           "(see the contract); export your table as CSV first.";
  if (bytes == 0) return "'" + filename + "' is empty. It needs a header row and at least one data row.";
  if (bytes > limits.max_bytes)
    return "'" + filename + "' is " + megabytes(bytes) + "; batch scoring in the tab takes files up to " +
           megabytes(limits.max_bytes) + ". Split it into smaller files or score a sample.";
  return "";
}

BatchResult score_batch(const InferenceContract& contract, const std::string& csv_text, const BatchScorer& score,
                        const BatchLimits& limits) {
  if (csv_text.size() > limits.max_bytes) throw std::invalid_argument(batch_file_problem("file.csv", csv_text.size(), limits));
  CsvOptions opt;
  opt.max_bytes = limits.max_bytes;
  Table t = parse_csv(csv_text, opt);
  if (t.rows() > limits.max_rows)
    throw std::invalid_argument("the file has " + std::to_string(t.rows()) + " rows; batch scoring in the tab takes up to " +
                                std::to_string(limits.max_rows) + ". Split it into smaller files.");

  // Each contract field's column in the file (nullptr: absent). Required ones must be there.
  std::vector<const Column*> source;
  std::string missing;
  for (const auto& f : contract.fields) {
    source.push_back(t.find(f.name));
    if (!source.back() && f.required) missing += (missing.empty() ? "" : ", ") + f.name;
  }
  if (!missing.empty()) {
    std::string header;
    for (const auto& c : t.columns) header += (header.empty() ? "" : ", ") + c.name;
    throw std::invalid_argument("the file lacks column(s) the model needs: " + missing + ". Its header has: " + header +
                                ". Add the missing columns (names must match the contract exactly, including case).");
  }

  BatchResult r;
  r.rows = t.rows();
  r.results = json::array();
  json valid = json::array();
  std::vector<size_t> valid_rows;
  for (size_t row = 0; row < t.rows(); ++row) {
    json features = json::object();
    for (size_t i = 0; i < contract.fields.size(); ++i)
      features[contract.fields[i].name] = source[i] ? cell_value(*source[i], row, contract.fields[i]) : json(nullptr);
    ValidationResult v = validate_request(contract, features);
    if (v.ok()) {
      valid.push_back(std::move(v.features));
      valid_rows.push_back(row);
      r.results.push_back(nullptr);  // filled after scoring
      continue;
    }
    std::string msg;
    json errors = json::array();
    for (const auto& e : v.errors) {
      msg += (msg.empty() ? "" : " ") + e.message;
      errors.push_back({{"field", e.field}, {"kind", e.kind}, {"message", e.message}});
      r.errors.push_back({row + 2, e.field, e.kind, e.message});
    }
    r.results.push_back({{"row", row + 2}, {"error", msg}, {"errors", errors}});
  }

  json replies;
  std::string failure;
  if (!valid.empty()) {
    try {
      replies = score(valid);
      if (!replies.is_array() || replies.size() != valid.size()) failure = "the model returned the wrong number of predictions";
    } catch (const std::exception& e) {
      failure = std::string("the model failed: ") + e.what();
    }
  }
  for (size_t i = 0; i < valid_rows.size(); ++i) {
    size_t row = valid_rows[i];
    if (!failure.empty()) {
      r.results[row] = {{"row", row + 2}, {"error", failure}, {"errors", json::array({{{"field", ""}, {"kind", "model_failed"}, {"message", failure}}})}};
      r.errors.push_back({row + 2, "", "model_failed", failure});
      continue;
    }
    json out = replies[i];
    out["row"] = row + 2;
    r.results[row] = std::move(out);
  }
  for (const auto& o : r.results) (o.contains("error") ? r.rejected : r.scored) += 1;

  std::string csv;
  for (const auto& c : t.columns) csv += csv_cell(c.name) + ",";
  csv += "prediction,confidence,error\n";
  for (size_t row = 0; row < t.rows(); ++row) {
    for (size_t c = 0; c < t.cols(); ++c) csv += csv_cell(t.cell_text(row, c)) + ",";
    const json& o = r.results[row];
    if (o.contains("prediction")) csv += csv_cell(number_text(o["prediction"]));
    csv += ",";
    if (o.contains("confidence")) csv += number_text(o["confidence"]);
    csv += ",";
    if (o.contains("error")) csv += csv_cell(o["error"].get<std::string>());
    csv += "\n";
  }
  r.csv = std::move(csv);
  return r;
}

json BatchResult::to_json() const {
  json errs = json::array();
  for (const auto& e : errors) errs.push_back({{"row", e.row}, {"field", e.field}, {"kind", e.kind}, {"message", e.message}});
  return {{"rows", rows}, {"scored", scored}, {"rejected", rejected}, {"results", results}, {"errors", errs}, {"csv", csv}};
}

}  // namespace lab
