#pragma once
// Each learner parameter declared once and bound to a typed field of the learner's params
// struct (XGBoost's DMLC_DECLARE_FIELD pattern): the declaration gives name, type, default,
// range, log scale and help (the ParamSpec that drives the panel's widgets, validation, tuning
// and the run's logged params) and the field it is read into and written back from.
//
//   struct KnnParams { int n_neighbors = 5; std::string weights = "uniform"; };
//   static const ParamTable<KnnParams> table = ParamTable<KnnParams>()
//       .integer("n_neighbors", &KnnParams::n_neighbors, 5, 1, 200, "How many ...", true)
//       .choice("weights", &KnnParams::weights, "uniform", {"uniform", "distance"}, "uniform: ...");
//   KnnParams p = table.read(resolve_params(table.specs(), given));   // typed, validated
//   nlohmann::json logged = table.write(p);                           // the model's "params"
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/models/param_spec.hpp"

namespace lab {

template <class P>
class ParamTable {
 public:
  ParamTable& real(const char* name, double P::*field, double def, double lo, double hi, const char* help,
                   bool log_scale = false) {
    return bind({name, ParamSpec::Kind::Float, def, "", lo, hi, log_scale, {}, help, ""},
                [field](P& p, const nlohmann::json& v) { p.*field = v.get<double>(); },
                [field](const P& p) { return nlohmann::json(p.*field); });
  }
  template <class Int>
  ParamTable& integer(const char* name, Int P::*field, Int def, double lo, double hi, const char* help,
                      bool log_scale = false) {
    return bind({name, ParamSpec::Kind::Int, double(def), "", lo, hi, log_scale, {}, help, ""},
                [field](P& p, const nlohmann::json& v) { p.*field = v.get<Int>(); },
                [field](const P& p) { return nlohmann::json(p.*field); });
  }
  ParamTable& choice(const char* name, std::string P::*field, const char* def, std::vector<std::string> choices,
                     const char* help) {
    return bind({name, ParamSpec::Kind::Choice, 0, def, 0, 0, false, std::move(choices), help, ""},
                [field](P& p, const nlohmann::json& v) { p.*field = v.get<std::string>(); },
                [field](const P& p) { return nlohmann::json(p.*field); });
  }
  // Parameters shared by several learners (the tree split settings): declared once in a table of
  // their own struct S, bound here to the member of P that holds an S.
  template <class S>
  ParamTable& include(S P::*member, const ParamTable<S>& shared) {
    for (size_t i = 0; i < shared.specs_.size(); ++i) {
      auto set = shared.set_[i];
      auto get = shared.get_[i];
      bind(shared.specs_[i], [member, set](P& p, const nlohmann::json& v) { set(p.*member, v); },
           [member, get](const P& p) { return get(p.*member); });
    }
    return *this;
  }
  // Replaces the help of an included parameter where this learner needs its own words.
  ParamTable& help(const char* name, const char* text) {
    for (auto& s : specs_)
      if (s.name == name) s.help = text;
    return *this;
  }

  // Declares what the value 0 of a number parameter stands for (a rule, not a number), in the
  // few words the Train panel shows in place of the number.
  ParamTable& zero_means(const char* name, const char* text) {
    for (auto& s : specs_)
      if (s.name == name) s.zero_means = text;
    return *this;
  }

  // Declares that a parameter has an effect only while the choice `param` is `value`.
  ParamTable& only_when(const char* name, const char* param, const char* value) {
    for (auto& s : specs_)
      if (s.name == name) s.only_when_param = param, s.only_when_value = value;
    return *this;
  }

  // Marks a number parameter as tuned by default over lo..hi (within its declared range).
  ParamTable& tune(const char* name, double lo, double hi) {
    for (auto& s : specs_)
      if (s.name == name) s.tuned = true, s.tune_min = lo, s.tune_max = hi;
    return *this;
  }
  // Marks a choice parameter as tuned by default over all its choices.
  ParamTable& tune(const char* name) {
    for (auto& s : specs_)
      if (s.name == name) s.tuned = true;
    return *this;
  }

  const std::vector<ParamSpec>& specs() const { return specs_; }

  // Fields from params already resolved by resolve_params(); a name absent (a model saved before
  // the parameter existed) takes its declared default.
  P read(const nlohmann::json& resolved) const {
    P p;
    for (size_t i = 0; i < specs_.size(); ++i) {
      const ParamSpec& s = specs_[i];
      if (resolved.contains(s.name)) set_[i](p, resolved.at(s.name));
      else if (s.kind == ParamSpec::Kind::Choice) set_[i](p, nlohmann::json(s.default_choice));
      else if (s.kind == ParamSpec::Kind::Int) set_[i](p, nlohmann::json(int64_t(s.default_number)));
      else set_[i](p, nlohmann::json(s.default_number));
    }
    return p;
  }
  nlohmann::json write(const P& p) const {
    nlohmann::json j = nlohmann::json::object();
    for (size_t i = 0; i < specs_.size(); ++i) j[specs_[i].name] = get_[i](p);
    return j;
  }

 private:
  template <class>
  friend class ParamTable;
  ParamTable& bind(ParamSpec spec, std::function<void(P&, const nlohmann::json&)> set,
                   std::function<nlohmann::json(const P&)> get) {
    specs_.push_back(std::move(spec));
    set_.push_back(std::move(set));
    get_.push_back(std::move(get));
    return *this;
  }
  std::vector<ParamSpec> specs_;
  std::vector<std::function<void(P&, const nlohmann::json&)>> set_;
  std::vector<std::function<nlohmann::json(const P&)>> get_;
};

}  // namespace lab
