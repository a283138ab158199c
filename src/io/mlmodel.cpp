#include "io/mlmodel.hpp"

#include <cstdio>

namespace lab {

using nlohmann::json;

namespace {

// Howard Hinnant's days -> civil date.
void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = int(int64_t(yoe) + era * 400 + (m <= 2));
}

// A YAML scalar: strings single-quoted (always valid, whatever they hold), the rest as JSON.
std::string scalar(const json& v) {
  if (!v.is_string()) return v.is_null() ? "null" : v.dump();
  std::string out = "'";
  for (char c : v.get_ref<const std::string&>()) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Block-style YAML of a JSON object (nlohmann keeps object keys sorted, as safe_dump sorts them).
void emit(const json& obj, int indent, std::string& out) {
  const std::string pad(size_t(indent), ' ');
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const json& v = it.value();
    out += pad + it.key() + ":";
    if (v.is_object() && !v.empty()) {
      out += "\n";
      emit(v, indent + 2, out);
    } else if (v.is_array() && !v.empty()) {
      out += "\n";
      for (const json& item : v) out += pad + "- " + scalar(item) + "\n";
    } else if (v.is_object() || v.is_array()) {
      out += v.is_object() ? " {}\n" : " []\n";
    } else {
      out += " " + scalar(v) + "\n";
    }
  }
}

}  // namespace

std::string utc_time_text(int64_t ms) {
  int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  int64_t in_day = ms - days * 86400000;
  int y;
  unsigned mo, d;
  civil_from_days(days, y, mo, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%06d", y, mo, d, int(in_day / 3600000),
                int(in_day / 60000 % 60), int(in_day / 1000 % 60), int(in_day % 1000) * 1000);
  return buf;
}

json signature_inputs(const InferenceContract& c) {
  json cols = json::array();
  for (const auto& f : c.fields) {
    // Whole-number fields are "long", as MLflow infers for an integer column.
    const char* type = f.type == ColumnType::Categorical ? "string" : f.integer ? "long" : "double";
    cols.push_back({{"type", type}, {"name", f.name}, {"required", f.required}});
  }
  return cols;
}

json signature_outputs(Task task, const std::vector<std::string>& classes) {
  if (task == Task::Regression) return json::array({{{"type", "double"}, {"name", "prediction"}, {"required", true}}});
  json out = json::array({{{"type", "string"}, {"name", "prediction"}, {"required", true}}});
  if (task == Task::Binary) {
    out.push_back({{"type", "double"}, {"name", "probability"}, {"required", true}});
  } else {
    json props = json::object();
    for (const auto& c : classes) props[c] = {{"type", "double"}, {"required", true}};
    out.push_back({{"type", "object"}, {"properties", props}, {"name", "probabilities"}, {"required", true}});
  }
  return out;
}

json input_example_json(const InferenceContract& c) {
  const json features = c.example_request().at("features");
  json columns = json::array(), row = json::array();
  for (const auto& f : c.fields) {
    columns.push_back(f.name);
    row.push_back(features.value(f.name, json()));
  }
  return {{"columns", columns}, {"data", json::array({row})}};
}

json mlmodel_dict(const LoggedModel& m) {
  json flavor = {{"format", "mlops-lab-model/1"}, {"data", "model.json"},   {"contract", "contract.json"},
                 {"algo", m.algo},                {"task", to_string(m.task)}, {"target", m.target},
                 {"lab_version", m.lab_version}};
  if (m.task != Task::Regression) flavor["classes"] = m.classes;
  return {{"artifact_path", m.artifact_path},
          {"flavors", {{kLabFlavor, flavor}}},
          {"model_uuid", m.model_uuid},
          {"run_id", m.run_id},
          {"utc_time_created", utc_time_text(m.created_ms)},
          // MLflow keeps the schemas as JSON strings inside the YAML (Signature.to_dict).
          {"signature", {{"inputs", signature_inputs(m.contract).dump()},
                         {"outputs", signature_outputs(m.task, m.classes).dump()},
                         {"params", nullptr}}},
          {"saved_input_example_info", {{"artifact_path", kInputExampleFile}, {"type", "dataframe"}, {"pandas_orient", "split"}}}};
}

std::string mlmodel_yaml(const LoggedModel& m) {
  std::string out;
  emit(mlmodel_dict(m), 0, out);
  return out;
}

}  // namespace lab
