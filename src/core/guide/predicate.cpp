#include "core/guide/predicate.hpp"

#include <set>

namespace lab::guide {

using nlohmann::json;

namespace {

const char* const kTests[] = {"equals", "not_equals", "at_least", "at_most", "exists", "contains", "count"};

std::string shown(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

bool valid_pointer(const json& v) {
  if (!v.is_string()) return false;
  try {
    json::json_pointer p(v.get<std::string>());
    (void)p;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The value at a pointer, or nullptr when the reply has nothing there.
const json* at(const json& doc, const std::string& pointer) {
  try {
    json::json_pointer p(pointer);
    if (!doc.contains(p)) return nullptr;
    return &doc.at(p);
  } catch (const std::exception&) {
    return nullptr;
  }
}

void validate_count(const json& c, const std::string& where, std::vector<std::string>& errors) {
  if (!c.is_object()) {
    errors.push_back(where + ": expected an object like {\"at_least\": 2}, got " + shown(c));
    return;
  }
  int bounds = 0;
  for (const auto& [key, v] : c.items()) {
    if (key == "where") validate_predicate(v, where + ".where", errors);
    else if (key == "distinct") {
      if (!valid_pointer(v)) errors.push_back(where + ".distinct: expected a JSON pointer such as \"/params/max_depth\", got " + shown(v));
    } else if (key == "at_least" || key == "at_most" || key == "equals") {
      ++bounds;
      if (!v.is_number_integer() && !v.is_number_unsigned())
        errors.push_back(where + "." + key + ": expected a whole number, got " + shown(v));
    } else {
      errors.push_back(where + ": unknown field '" + key + "'; a count takes where, distinct, at_least, at_most, equals");
    }
  }
  if (bounds == 0) errors.push_back(where + ": give at least one of at_least, at_most, equals");
}

Verdict fail(std::string detail) { return {false, std::move(detail)}; }

Verdict evaluate_count(const json& c, const json& value, const std::string& path) {
  if (!value.is_array() && !value.is_object())
    return fail(path + " is " + shown(value) + ", not a list to count");
  size_t n = 0;
  std::set<std::string> distinct;
  const bool by_distinct = c.contains("distinct");
  for (const auto& element : value) {
    if (c.contains("where") && !evaluate_predicate(c["where"], element).pass) continue;
    if (by_distinct) {
      const json* d = at(element, c["distinct"].get<std::string>());
      if (d) distinct.insert(d->dump());
    } else {
      ++n;
    }
  }
  if (by_distinct) n = distinct.size();
  const std::string what = by_distinct ? " distinct " + c["distinct"].get<std::string>() + " value" : " matching item";
  const std::string found = path + ": " + std::to_string(n) + what + (n == 1 ? "" : "s");
  if (c.contains("at_least") && n < c["at_least"].get<size_t>()) return fail(found + ", need at least " + c["at_least"].dump());
  if (c.contains("at_most") && n > c["at_most"].get<size_t>()) return fail(found + ", need at most " + c["at_most"].dump());
  if (c.contains("equals") && n != c["equals"].get<size_t>()) return fail(found + ", need exactly " + c["equals"].dump());
  return {true, found};
}

}  // namespace

void validate_predicate(const json& p, const std::string& where, std::vector<std::string>& errors) {
  if (!p.is_object()) {
    errors.push_back(where + ": expected a predicate object such as {\"path\": \"/rows\", \"at_least\": 1}, got " + shown(p));
    return;
  }
  if (p.contains("all") || p.contains("any")) {
    const char* key = p.contains("all") ? "all" : "any";
    if (p.size() != 1) errors.push_back(where + ": '" + key + "' stands alone; put the other tests inside its list");
    const json& list = p[key];
    if (!list.is_array() || list.empty()) {
      errors.push_back(where + "." + key + ": expected a non-empty list of predicates, got " + shown(list));
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) validate_predicate(list[i], where + "." + key + "[" + std::to_string(i) + "]", errors);
    return;
  }
  if (p.contains("not")) {
    if (p.size() != 1) errors.push_back(where + ": 'not' stands alone; put the other tests inside it");
    validate_predicate(p["not"], where + ".not", errors);
    return;
  }
  if (!p.contains("path")) {
    errors.push_back(where + ": expected 'path' (a JSON pointer into the reply) or 'all', 'any', 'not'");
    return;
  }
  if (!valid_pointer(p["path"]))
    errors.push_back(where + ".path: expected a JSON pointer such as \"/runs\" or \"\" (the whole reply), got " + shown(p["path"]));
  int tests = 0;
  for (const auto& [key, v] : p.items()) {
    if (key == "path") continue;
    bool known = false;
    for (const char* t : kTests) known = known || key == t;
    if (!known) {
      errors.push_back(where + ": unknown field '" + key + "'; a test is one of equals, not_equals, at_least, at_most, exists, contains, count");
      continue;
    }
    ++tests;
    if ((key == "at_least" || key == "at_most") && !v.is_number())
      errors.push_back(where + "." + key + ": expected a number, got " + shown(v));
    if (key == "exists" && !v.is_boolean()) errors.push_back(where + ".exists: expected true or false, got " + shown(v));
    if (key == "count") validate_count(v, where + ".count", errors);
  }
  if (tests == 0) errors.push_back(where + ": give one test beside 'path' (equals, at_least, exists, count, ...)");
  if (tests > 1) errors.push_back(where + ": one test per predicate; combine several with {\"all\": [...]}");
}

Verdict evaluate_predicate(const json& p, const json& reply) {
  if (p.contains("all")) {
    for (const auto& q : p["all"]) {
      Verdict v = evaluate_predicate(q, reply);
      if (!v.pass) return v;
    }
    return {true, ""};
  }
  if (p.contains("any")) {
    std::string details;
    for (const auto& q : p["any"]) {
      Verdict v = evaluate_predicate(q, reply);
      if (v.pass) return v;
      details += (details.empty() ? "" : "; or ") + v.detail;
    }
    return fail(details);
  }
  if (p.contains("not")) {
    Verdict v = evaluate_predicate(p["not"], reply);
    return {!v.pass, v.pass ? "not expected: " + v.detail : ""};
  }
  const std::string path = p.value("path", "");
  const std::string shown_path = path.empty() ? "the reply" : path;
  const json* value = at(reply, path);
  if (p.contains("exists")) {
    const bool want = p["exists"].get<bool>();
    if ((value != nullptr) == want) return {true, ""};
    return fail(shown_path + (want ? " is missing" : " is present"));
  }
  if (!value) return fail(shown_path + " is missing");
  if (p.contains("equals")) {
    if (*value == p["equals"]) return {true, ""};
    return fail(shown_path + " is " + shown(*value) + ", expected " + shown(p["equals"]));
  }
  if (p.contains("not_equals")) {
    if (*value != p["not_equals"]) return {true, ""};
    return fail(shown_path + " is " + shown(*value));
  }
  if (p.contains("at_least") || p.contains("at_most")) {
    if (!value->is_number()) return fail(shown_path + " is " + shown(*value) + ", not a number");
    const double v = value->get<double>();
    if (p.contains("at_least") && !(v >= p["at_least"].get<double>()))
      return fail(shown_path + " is " + shown(*value) + ", need at least " + shown(p["at_least"]));
    if (p.contains("at_most") && !(v <= p["at_most"].get<double>()))
      return fail(shown_path + " is " + shown(*value) + ", need at most " + shown(p["at_most"]));
    return {true, ""};
  }
  if (p.contains("contains")) {
    const json& want = p["contains"];
    if (value->is_string() && want.is_string() && value->get<std::string>().find(want.get<std::string>()) != std::string::npos)
      return {true, ""};
    if (value->is_array())
      for (const auto& e : *value)
        if (e == want) return {true, ""};
    return fail(shown_path + " does not contain " + shown(want));
  }
  if (p.contains("count")) return evaluate_count(p["count"], *value, shown_path);
  return fail("the predicate has no test");
}

}  // namespace lab::guide
