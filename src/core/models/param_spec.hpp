#pragma once
// One declaration per learner parameter. It drives the training panel's widgets, validation
// of user input, tuning search spaces, and what is logged as run params.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab {

struct ParamSpec {
  enum class Kind { Float, Int, Choice };
  std::string name;
  Kind kind = Kind::Float;
  double default_number = 0;
  std::string default_choice;
  double min = 0, max = 0;  // inclusive, Float/Int
  bool log_scale = false;
  std::vector<std::string> choices;
  std::string help;
  // Float/Int: what 0 stands for when it is a rule rather than a number (SVM's gamma 0 is
  // scikit-learn's "scale"); the Train panel shows it in place of "0.000". Empty: 0 is a number.
  std::string zero_means;
  // Tuning: whether a search explores this parameter by default, and over which part of its
  // declared range (a sensible default space: C over 1e-3..1e3, not the 1e-4..1e4 a value may
  // take). Choice parameters explore every choice. A participant may narrow, widen (within
  // min..max) or fix any parameter, tuned by default or not (core/tune/search_space.hpp).
  bool tuned = false;
  double tune_min = 0, tune_max = 0;
  // A parameter that matters only for one value of a choice (SVM's gamma only with kernel rbf):
  // the leaderboard leaves it out and the Train panel greys it out elsewhere. Empty: always.
  std::string only_when_param = "", only_when_value = "";
};

// Whether `spec` has an effect given the other values in `params` (its only_when choice).
bool param_applies(const ParamSpec& spec, const nlohmann::json& params);

// Fills defaults and checks every given value against its spec. Throws std::invalid_argument
// naming the parameter, what was expected and what came.
nlohmann::json resolve_params(const std::vector<ParamSpec>& specs, const nlohmann::json& given);

nlohmann::json to_json(const ParamSpec& s);

}  // namespace lab
