#include "core/guide/track.hpp"

#include <set>

#include "core/guide/predicate.hpp"
#include "core/serve/request_text.hpp"

namespace lab::guide {

using nlohmann::json;

size_t Track::step_count() const {
  size_t n = 0;
  for (const auto& p : parts) n += p.steps.size();
  return n;
}

const Step* Track::step(size_t n, size_t* part_index) const {
  if (n == 0) return nullptr;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (n <= parts[i].steps.size()) {
      if (part_index) *part_index = i;
      return &parts[i].steps[n - 1];
    }
    n -= parts[i].steps.size();
  }
  return nullptr;
}

size_t Track::question_count() const {
  size_t n = 0;
  for (const auto& p : parts) n += p.quiz.size();
  return n;
}

const Question* Track::question(const std::string& id, size_t* part_index) const {
  for (size_t i = 0; i < parts.size(); ++i)
    for (const auto& q : parts[i].quiz)
      if (q.id == id) {
        if (part_index) *part_index = i;
        return &q;
      }
  return nullptr;
}

namespace {

constexpr const char* kFormat = "mlops-lab-track/1";

std::string shown(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

// Reads one object's fields, recording each problem with where it is.
class Reader {
 public:
  Reader(const json& obj, std::string where, std::vector<std::string>& errors, std::set<std::string> allowed)
      : obj_(obj), where_(std::move(where)), errors_(errors) {
    if (!obj_.is_object()) {
      error("", "expected an object {...}, got " + shown(obj_));
      return;
    }
    for (const auto& [key, v] : obj_.items())
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error("", "unknown field '" + key + "' (check its spelling; the fields here are " + list + ")");
      }
  }
  bool is_object() const { return obj_.is_object(); }
  void error(const std::string& field, const std::string& what) {
    errors_.push_back(where_ + (field.empty() ? "" : ", field '" + field + "'") + ": " + what);
  }
  std::string text(const char* field, bool required) {
    if (!obj_.is_object() || !obj_.contains(field)) {
      if (required) error(field, "missing; expected text");
      return "";
    }
    const json& v = obj_[field];
    if (!v.is_string() || (required && v.get<std::string>().empty())) {
      error(field, "expected " + std::string(required ? "non-empty " : "") + "text, got " + shown(v));
      return "";
    }
    return v.get<std::string>();
  }
  int whole(const char* field, bool required, int lo, int hi, int fallback) {
    if (!obj_.is_object() || !obj_.contains(field)) {
      if (required) error(field, "missing; expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return fallback;
    }
    const json& v = obj_[field];
    if (!(v.is_number_integer() || v.is_number_unsigned()) || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      error(field, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + shown(v));
      return fallback;
    }
    return int(v.get<int64_t>());
  }
  const json* list(const char* field, bool required) {
    if (!obj_.is_object() || !obj_.contains(field)) {
      if (required) error(field, "missing; expected a list [...]");
      return nullptr;
    }
    const json& v = obj_[field];
    if (!v.is_array()) {
      error(field, "expected a list [...], got " + shown(v));
      return nullptr;
    }
    return &v;
  }
  const json* get(const char* field) const { return obj_.is_object() && obj_.contains(field) ? &obj_[field] : nullptr; }
  const std::string& where() const { return where_; }

 private:
  const json& obj_;
  std::string where_;
  std::vector<std::string>& errors_;
};

const std::set<std::string> kModules = {"data", "explore", "train", "tune", "automl", "runs", "evaluate", "registry", "serve", "monitor"};

bool command_known(const std::string& name, const std::vector<std::string>& needs,
                   const std::function<bool(const std::string&)>& exists) {
  if (exists(name)) return true;
  for (const auto& n : needs)
    if (n == name || (!n.empty() && n.back() == '.' && name.rfind(n, 0) == 0)) return true;
  return false;
}

// A lab command: an object with a "cmd" the lab knows (or the step declares it needs).
void read_command(const json& c, const std::string& field, Reader& r, const std::vector<std::string>& needs,
                  const std::function<bool(const std::string&)>& exists) {
  if (!c.is_object() || !c.contains("cmd") || !c["cmd"].is_string()) {
    r.error(field, "expected a lab command such as {\"cmd\": \"runs.list\"}, got " + shown(c));
    return;
  }
  const std::string name = c["cmd"].get<std::string>();
  if (name.rfind("guide.", 0) == 0) r.error(field, "a track cannot run guide commands ('" + name + "')");
  else if (!command_known(name, needs, exists))
    r.error(field, "unknown command '" + name + "' (send {\"cmd\": \"help\"} for the list; a step for a module still to come lists it in 'needs')");
}

// Placeholders "{{N:/pointer}}" may only name an earlier command of the same list.
void check_placeholders(const json& v, size_t index, const std::string& field, Reader& r) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.rfind("{{", 0) != 0) return;
    size_t colon = s.find(':');
    bool ok = s.size() > 4 && s.compare(s.size() - 2, 2, "}}") == 0 && colon != std::string::npos && colon > 2;
    size_t n = 0;
    if (ok) {
      for (size_t i = 2; i < colon; ++i) {
        if (s[i] < '0' || s[i] > '9') ok = false;
        else n = n * 10 + size_t(s[i] - '0');
      }
      ok = ok && colon - 2 <= 3 && n >= 1 && n <= index;
    }
    if (ok) {
      try {
        json::json_pointer p(s.substr(colon + 1, s.size() - colon - 3));
      } catch (const std::exception&) {
        ok = false;
      }
    }
    if (!ok)
      r.error(field, "the placeholder " + shown(v) + " must be \"{{N:/pointer}}\" with N an earlier command of this list (1 to " +
                         std::to_string(index) + ")");
    return;
  }
  if (v.is_object())
    for (const auto& [k, x] : v.items()) check_placeholders(x, index, field, r);
  if (v.is_array())
    for (const auto& x : v) check_placeholders(x, index, field, r);
}

std::vector<std::string> string_list(Reader& r, const char* field) {
  std::vector<std::string> out;
  if (const json* l = r.list(field, false))
    for (const auto& x : *l) {
      if (x.is_string() && !x.get<std::string>().empty()) out.push_back(x.get<std::string>());
      else r.error(field, "expected a list of non-empty texts, found " + shown(x));
    }
  return out;
}

Step read_step(const json& j, const std::string& where, size_t number, std::vector<std::string>& errors,
               const std::function<bool(const std::string&)>& exists) {
  Reader r(j, where, errors,
           {"id", "title", "what", "why", "module", "check", "hint", "hint_after_seconds", "do_it", "needs", "coming_soon"});
  Step s;
  if (!r.is_object()) return s;
  s.id = r.text("id", false);
  if (s.id.empty()) s.id = "step-" + std::to_string(number);
  s.title = r.text("title", true);
  s.what = r.text("what", true);
  s.why = r.text("why", false);
  s.module = r.text("module", true);
  if (!s.module.empty() && !kModules.count(s.module))
    r.error("module", "unknown module '" + s.module + "'; one of data, explore, train, tune, automl, runs, evaluate, registry, serve, monitor");
  s.hint = r.text("hint", false);
  s.hint_after_seconds = r.whole("hint_after_seconds", false, 0, 3600, 60);
  s.needs = string_list(r, "needs");
  s.coming_soon = r.text("coming_soon", false);
  if (!s.needs.empty() && s.coming_soon.empty())
    r.error("coming_soon", "a step with 'needs' says what is coming while the lab lacks it, e.g. \"AutoML is coming soon\"");
  if (const json* c = r.get("check")) {
    Reader cr(*c, where, errors, {"command", "expect", "says"});
    if (cr.is_object()) {
      if (const json* cmd = cr.get("command")) read_command(*cmd, "check.command", r, s.needs, exists), s.check.command = *cmd;
      else r.error("check.command", "missing; expected the lab command whose reply shows the step done");
      if (const json* e = cr.get("expect")) {
        std::vector<std::string> problems;
        validate_predicate(*e, "check.expect", problems);
        for (const auto& p : problems) errors.push_back(where + ", field '" + p.substr(0, p.find(':')) + "'" + p.substr(p.find(':')));
        s.check.expect = *e;
      } else {
        r.error("check.expect", "missing; expected a predicate on the reply, e.g. {\"path\": \"/rows\", \"at_least\": 1}");
      }
      s.check.says = cr.text("says", true);
    } else {
      r.error("check", "expected {command, expect, says}");
    }
  } else {
    r.error("check", "missing; a step is done only when its check passes: {command, expect, says}");
  }
  if (const json* l = r.list("do_it", true)) {
    if (l->empty()) r.error("do_it", "expected at least one command that performs the step");
    for (size_t i = 0; i < l->size(); ++i) {
      const std::string field = "do_it[" + std::to_string(i + 1) + "]";
      read_command((*l)[i], field, r, s.needs, exists);
      check_placeholders((*l)[i], i, field, r);
      s.do_it.push_back((*l)[i]);
    }
  }
  return s;
}

Question read_question(const json& j, const std::string& where, size_t number, std::vector<std::string>& errors) {
  Reader r(j, where, errors, {"id", "prompt", "choices", "accepts", "explain"});
  Question q;
  if (!r.is_object()) return q;
  q.id = r.text("id", false);
  if (q.id.empty()) q.id = "q" + std::to_string(number);
  q.prompt = r.text("prompt", true);
  q.explain = r.text("explain", false);
  const json* choices = r.list("choices", false);
  q.accepts = string_list(r, "accepts");
  if (!choices && q.accepts.empty()) r.error("choices", "missing; a question has 'choices' or short-answer 'accepts'");
  if (choices && !q.accepts.empty()) r.error("accepts", "a question has either 'choices' or 'accepts', not both");
  if (!q.accepts.empty() && q.explain.empty()) r.error("explain", "missing; a short answer is explained after it is given");
  if (choices) {
    if (choices->size() < 2) r.error("choices", "expected at least two choices");
    int correct = 0;
    for (size_t i = 0; i < choices->size(); ++i) {
      Reader cr((*choices)[i], where + ", choice " + std::to_string(i + 1), errors, {"text", "correct", "why"});
      Choice c;
      if (!cr.is_object()) continue;
      c.text = cr.text("text", true);
      c.why = cr.text("why", true);
      if (const json* k = cr.get("correct")) {
        if (k->is_boolean()) c.correct = k->get<bool>();
        else cr.error("correct", "expected true or false, got " + shown(*k));
      }
      correct += c.correct ? 1 : 0;
      q.choices.push_back(c);
    }
    if (correct == 0 && choices->size() >= 2) r.error("choices", "no choice is marked \"correct\": true");
  }
  return q;
}

}  // namespace

TrackParse parse_track(const std::string& text, const std::string& file_name,
                       const std::function<bool(const std::string&)>& command_exists) {
  TrackParse out;
  auto& errors = out.errors;
  ParsedRequestText parsed = parse_request_text(text);
  if (!parsed.ok()) {
    errors.push_back(file_name + ", line " + std::to_string(parsed.line) + ", column " + std::to_string(parsed.column) +
                     ": not valid JSON: " + parsed.error);
    return out;
  }
  Reader top(parsed.value, file_name, errors, {"format", "id", "title", "summary", "workshop", "minutes", "parts"});
  if (!top.is_object()) return out;
  const std::string format = top.text("format", true);
  if (!format.empty() && format != kFormat) top.error("format", "expected \"" + std::string(kFormat) + "\", got \"" + format + "\"");
  Track& t = out.track;
  t.id = top.text("id", true);
  for (char c : t.id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      top.error("id", "use letters, digits, '-' and '_' only (it names the track in links and saved progress), got \"" + t.id + "\"");
      break;
    }
  t.title = top.text("title", true);
  t.summary = top.text("summary", false);
  t.workshop = top.text("workshop", false);
  t.minutes = top.whole("minutes", true, 1, 24 * 60, 0);
  const json* parts = top.list("parts", true);
  if (parts && parts->empty()) top.error("parts", "expected at least one part");
  std::set<std::string> step_ids, question_ids;
  size_t step_number = 0, question_number = 0;
  int part_minutes = 0;
  if (parts)
    for (size_t pi = 0; pi < parts->size(); ++pi) {
      const json& pj = (*parts)[pi];
      std::string part_where = file_name + ", part " + std::to_string(pi + 1);
      if (pj.is_object() && pj.contains("title") && pj["title"].is_string()) part_where += " (\"" + pj["title"].get<std::string>() + "\")";
      Reader pr(pj, part_where, errors, {"title", "minutes", "steps", "quiz"});
      if (!pr.is_object()) continue;
      Part part;
      part.title = pr.text("title", true);
      part.minutes = pr.whole("minutes", true, 0, 24 * 60, 0);
      part_minutes += part.minutes;
      if (const json* steps = pr.list("steps", true))
        for (const auto& sj : *steps) {
          ++step_number;
          std::string where = file_name + ", step " + std::to_string(step_number);
          if (sj.is_object() && sj.contains("title") && sj["title"].is_string()) where += " (\"" + sj["title"].get<std::string>() + "\")";
          Step s = read_step(sj, where, step_number, errors, command_exists);
          if (!step_ids.insert(s.id).second) errors.push_back(where + ", field 'id': \"" + s.id + "\" is used by an earlier step");
          part.steps.push_back(std::move(s));
        }
      if (const json* quiz = pr.list("quiz", false))
        for (const auto& qj : *quiz) {
          ++question_number;
          Question q = read_question(qj, part_where + ", question " + std::to_string(part.quiz.size() + 1), question_number, errors);
          if (!question_ids.insert(q.id).second)
            errors.push_back(part_where + ", question " + std::to_string(part.quiz.size() + 1) + ", field 'id': \"" + q.id + "\" is used twice");
          part.quiz.push_back(std::move(q));
        }
      t.parts.push_back(std::move(part));
    }
  if (parts && !parts->empty() && step_number == 0) top.error("parts", "no part has a step");
  if (t.minutes > 0 && part_minutes > 0 && part_minutes != t.minutes)
    top.error("minutes", "the parts add up to " + std::to_string(part_minutes) + " minutes but the track says " + std::to_string(t.minutes));
  if (errors.size() > 25) {
    const size_t more = errors.size() - 25;
    errors.resize(25);
    errors.push_back("... and " + std::to_string(more) + " more problems");
  }
  return out;
}

bool step_available(const Step& s, const std::vector<std::string>& names) {
  for (const auto& need : s.needs) {
    bool found = false;
    for (const auto& n : names)
      if (n == need || (need.back() == '.' && n.rfind(need, 0) == 0)) { found = true; break; }
    if (!found) return false;
  }
  return true;
}

json fill_placeholders(const json& command, const std::vector<json>& replies) {
  if (command.is_string()) {
    const std::string s = command.get<std::string>();
    if (s.size() < 6 || s.rfind("{{", 0) != 0 || s.compare(s.size() - 2, 2, "}}") != 0) return command;
    const size_t colon = s.find(':');
    if (colon == std::string::npos) return command;
    size_t n = 0;
    for (size_t i = 2; i < colon; ++i) {
      if (s[i] < '0' || s[i] > '9' || i > 5) return command;
      n = n * 10 + size_t(s[i] - '0');
    }
    if (n < 1 || n > replies.size())
      throw std::invalid_argument("the placeholder " + s + " names command " + std::to_string(n) + ", which has not run");
    json::json_pointer p(s.substr(colon + 1, s.size() - colon - 3));
    if (!replies[n - 1].contains(p))
      throw std::invalid_argument("the reply of command " + std::to_string(n) + " has nothing at " + p.to_string());
    return replies[n - 1].at(p);
  }
  if (command.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : command.items()) out[k] = fill_placeholders(v, replies);
    return out;
  }
  if (command.is_array()) {
    json out = json::array();
    for (const auto& v : command) out.push_back(fill_placeholders(v, replies));
    return out;
  }
  return command;
}

}  // namespace lab::guide
