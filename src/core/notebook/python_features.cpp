#include "core/notebook/python_features.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/notebook/python_literal.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string field(const json& j, const char* k, const std::string& fallback) {
  return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : fallback;
}

// The pandas expression of one derived feature; undefined results are missing, as in the lab.
std::string derived_expression(const json& d) {
  const std::string op = field(d, "op", ""), a = "df[" + py::str(field(d, "a", "")) + "]",
                    b = "df[" + py::str(field(d, "b", "")) + "]";
  if (op == "ratio") return a + " / " + b + ".where(" + b + " != 0)";
  if (op == "product") return a + " * " + b;
  if (op == "difference") return a + " - " + b;
  if (op == "log1p") return "np.log1p(" + a + ".where(" + a + " > -1))";
  throw std::invalid_argument("derived feature '" + field(d, "name", "") + "': unknown op '" + op + "'");
}

std::string imputer(const std::string& strategy) { return "SimpleImputer(strategy=" + py::str(strategy) + ")"; }

}  // namespace

PythonFeatures python_features(const json& spec_in, const std::vector<std::string>& numeric_in,
                               const std::vector<std::string>& categorical) {
  const json spec = spec_in.is_object() ? spec_in : json::object();
  PythonFeatures f;
  f.imports = {"from sklearn.compose import ColumnTransformer", "from sklearn.pipeline import Pipeline"};
  auto need = [&](const std::string& line) {
    if (std::find(f.imports.begin(), f.imports.end(), line) == f.imports.end()) f.imports.push_back(line);
  };

  // Derived numbers join the numeric inputs, after them (the lab's output order).
  std::vector<std::string> numeric = numeric_in;
  for (const auto& d : spec.value("derived", json::array())) {
    const std::string name = field(d, "name", "");
    f.derive_code += "df[" + py::str(name) + "] = " + derived_expression(d) + "\n";
    f.derived_names.push_back(name);
    numeric.push_back(name);
  }
  if (!f.derived_names.empty())
    f.steps.push_back("New columns computed from two others (a ratio, a product, a difference or log(1 + x)); a "
                      "result that is undefined, such as a division by zero, counts as missing.");

  const json impute = spec.value("impute", json::object());
  const std::string num_imp = field(impute, "numeric", "median"), cat_imp = field(impute, "categorical", "most_frequent");
  const std::string scale = field(spec, "scale", "standard");
  std::map<std::string, json> bins;
  for (const auto& b : spec.value("bins", json::array())) bins[field(b, "column", "")] = b;

  std::string parts;
  auto numeric_steps = [&](bool binned, const json& b) {
    std::vector<std::string> steps;
    if (num_imp != "none") steps.push_back("(\"impute\", " + imputer(num_imp) + ")");
    if (binned) {
      const std::string enc = field(b, "encode", "onehot") == "ordinal" ? "ordinal" : "onehot-dense";
      steps.push_back("(\"bin\", KBinsDiscretizer(n_bins=" + py::integer(b.value("n_bins", 5)) + ", encode=" +
                      py::str(enc) + ", strategy=\"quantile\"))");
    } else if (scale == "standard") {
      steps.push_back("(\"scale\", StandardScaler())");
    }
    if (steps.empty()) return std::string("\"passthrough\"");
    std::string s = "Pipeline([";
    for (size_t i = 0; i < steps.size(); ++i) s += (i ? ", " : "") + steps[i];
    return s + "])";
  };
  if (num_imp != "none") need("from sklearn.impute import SimpleImputer");
  if (scale == "standard") need("from sklearn.preprocessing import StandardScaler");

  std::vector<std::string> plain;
  for (const auto& n : numeric)
    if (!bins.count(n)) plain.push_back(n);
  f.transformer_code = "NUMBERS = " + py::strings(plain) + "\n";
  if (!plain.empty()) parts += "        (\"numbers\", " + numeric_steps(false, json()) + ", NUMBERS),\n";
  for (const auto& n : numeric)
    if (bins.count(n)) {
      need("from sklearn.preprocessing import KBinsDiscretizer");
      parts += "        (" + py::str("bins " + n) + ", " + numeric_steps(true, bins[n]) + ", [" + py::str(n) + "]),\n";
    }
  f.transformer_code += "CATEGORIES = " + py::strings(categorical) + "\n";
  if (!categorical.empty()) {
    need("from sklearn.preprocessing import OneHotEncoder");
    std::string steps;
    if (cat_imp == "most_frequent") {
      need("from sklearn.impute import SimpleImputer");
      steps = "(\"impute\", " + imputer("most_frequent") + "), (\"one_hot\", OneHotEncoder(handle_unknown=\"ignore\"))";
    } else {
      // No imputation: the lab gives a missing category all zeros. Listing the categories seen in
      // training makes a missing value an unknown one, which handle_unknown="ignore" zeroes too.
      steps = "(\"one_hot\", OneHotEncoder(handle_unknown=\"ignore\", categories=[sorted(df.loc[training_rows, c]"
              ".dropna().unique()) for c in CATEGORIES]))";
    }
    parts += "        (\"categories\", Pipeline([" + steps + "]), CATEGORIES),\n";
  }
  // Dense output, as the lab's matrix: every estimator below takes it.
  f.transformer_code += "INPUTS = NUMBERS + " + py::strings([&] {
                          std::vector<std::string> b;
                          for (const auto& n : numeric)
                            if (bins.count(n)) b.push_back(n);
                          return b;
                        }()) + " + CATEGORIES\n";
  f.transformer_code += "features = ColumnTransformer([\n" + parts + "    ], sparse_threshold=0.0)\n";

  if (num_imp != "none")
    f.steps.push_back("Missing numbers are filled with the " + std::string(num_imp == "most_frequent" ? "most frequent value" : num_imp) +
                      " of the training rows (SimpleImputer).");
  else
    f.steps.push_back("Missing numbers stay missing (the lab's imputation is off).");
  if (!bins.empty())
    f.steps.push_back("Binned columns are cut at quantiles of the training rows (KBinsDiscretizer, strategy "
                      "\"quantile\") and are not scaled.");
  if (scale == "standard")
    f.steps.push_back("Numbers are standardised to mean 0 and standard deviation 1 over the training rows "
                      "(StandardScaler; a constant column is left unscaled, as in the lab).");
  if (!categorical.empty())
    f.steps.push_back(std::string("Each category becomes its own 0/1 column (OneHotEncoder); a category never seen in "
                                  "training gives all zeros, as in the lab") +
                      (cat_imp == "most_frequent" ? "; a missing category is first filled with the most frequent one."
                                                  : "; a missing category gives all zeros too."));
  return f;
}

}  // namespace lab
