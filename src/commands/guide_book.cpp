#include "commands/guide_book.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "commands/dispatcher.hpp"
#include "commands/session.hpp"
#include "core/guide/predicate.hpp"
#include "io/text_file.hpp"

namespace lab {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {
// Time away from the lab (a closed laptop) does not count as time spent: gaps are capped.
constexpr int64_t kMaxGapMs = 120 * 1000;

std::string lower_trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  std::string out = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string step_label(const guide::Track& t, size_t n) {
  const guide::Step* s = t.step(n);
  return "step " + std::to_string(n) + (s ? " (" + s->title + ")" : "");
}
}  // namespace

GuideBook::GuideBook(Dispatcher& d, Session& s) : d_(d), s_(s), folder_(s.store().root().string() + "-guide") {}

std::function<bool(const std::string&)> GuideBook::command_exists() const {
  return [&d = d_](const std::string& n) { return d.has(n); };
}

void GuideBook::ensure_ready() {
  if (ready_) return;
  ready_ = true;
  const auto exists = command_exists();
  for (const auto& [file, text] : bundled_track_files()) {
    guide::TrackParse p = guide::parse_track(text, file, exists);
    // The tests parse every bundled track; a broken one is left out rather than breaking the lab.
    if (p.ok()) tracks_.push_back({std::move(p.track), "built-in"});
  }
  // The picker lists the shortest workshop first: the natural place to start.
  std::stable_sort(tracks_.begin(), tracks_.end(), [](const Loaded& a, const Loaded& b) { return a.track.minutes < b.track.minutes; });
  load_saved();
}

void GuideBook::load_saved() {
  std::error_code ec;
  if (fs::exists(folder_ / "progress.json", ec)) {
    try {
      progress_ = json::parse(read_text_file(folder_ / "progress.json"));
    } catch (const std::exception&) {
      progress_ = json::object();  // unreadable progress starts over rather than blocking the guide
    }
  }
  if (!progress_.is_object()) progress_ = json::object();
  if (!progress_.contains("tracks") || !progress_["tracks"].is_object()) progress_["tracks"] = json::object();
  if (fs::is_directory(folder_ / "tracks", ec))
    for (const auto& e : fs::directory_iterator(folder_ / "tracks", ec)) {
      try {
        guide::TrackParse p = guide::parse_track(read_text_file(e.path()), e.path().filename().string(), command_exists());
        if (p.ok() && !find(p.track.id)) tracks_.push_back({std::move(p.track), "loaded"});
      } catch (const std::exception&) {
      }
    }
  if (progress_.contains("active") && progress_["active"].is_string() && !find(progress_["active"].get<std::string>()))
    progress_["active"] = nullptr;
}

void GuideBook::save() {
  write_text_file(folder_ / "progress.json", progress_.dump(1));
  saved_time_ms_ = s_.store().now_ms();
  // Tells the platform to flush (IndexedDB in the browser), as a store write does. It also marks
  // the run cache stale, which is why progress is saved on changes and time only every minute.
  // (A Session::note_write() without the cache side effect would be the cleaner hook.)
  s_.store().notify_external_change();
}

const GuideBook::Loaded* GuideBook::find(const std::string& id) const {
  for (const auto& t : tracks_)
    if (t.track.id == id) return &t;
  return nullptr;
}

const GuideBook::Loaded& GuideBook::active() const {
  const Loaded* t = progress_.contains("active") && progress_["active"].is_string() ? find(progress_["active"].get<std::string>()) : nullptr;
  if (!t) throw std::invalid_argument("no track is started; pick one with guide.start {track} (guide.tracks lists them)");
  return *t;
}

json& GuideBook::progress_of(const std::string& id) {
  json& p = progress_["tracks"][id];
  if (!p.is_object()) p = json::object();
  const int64_t now = s_.store().now_ms();
  if (!p.contains("step")) p["step"] = 1;
  if (!p.contains("step_since_ms")) p["step_since_ms"] = now;
  if (!p.contains("done")) p["done"] = json::object();
  if (!p.contains("answers")) p["answers"] = json::object();
  if (!p.contains("time_ms")) p["time_ms"] = 0;
  if (!p.contains("part_ms")) p["part_ms"] = json::object();
  if (!p.contains("started_ms")) p["started_ms"] = now;
  if (!p.contains("last_ms")) p["last_ms"] = now;
  return p;
}

size_t GuideBook::current_step() const {
  const auto& t = active().track;
  const json& tracks = progress_["tracks"];
  const size_t n = tracks.contains(t.id) ? tracks[t.id].value("step", size_t(1)) : 1;
  return std::clamp<size_t>(n, 1, t.step_count());
}

bool GuideBook::available(const guide::Step& s) const { return guide::step_available(s, d_.names()); }

void GuideBook::tick() {
  if (!progress_.contains("active") || !progress_["active"].is_string() || !find(progress_["active"].get<std::string>())) return;
  const auto& t = active().track;
  json& p = progress_of(t.id);
  const int64_t now = s_.store().now_ms(), gap = now - p["last_ms"].get<int64_t>();
  p["last_ms"] = now;
  if (gap <= 0) return;
  const int64_t add = std::min(gap, kMaxGapMs);
  size_t part = 0;
  t.step(current_step(), &part);
  p["time_ms"] = p["time_ms"].get<int64_t>() + add;
  json& part_ms = p["part_ms"][std::to_string(part + 1)];
  part_ms = (part_ms.is_number() ? part_ms.get<int64_t>() : 0) + add;
  if (now - saved_time_ms_ > 60000) save();  // time is saved now and then, not on every tick
}

json GuideBook::tracks() {
  ensure_ready();
  json out = json::array();
  for (const auto& t : tracks_) {
    json brief = {{"id", t.track.id}, {"title", t.track.title}, {"summary", t.track.summary}, {"workshop", t.track.workshop},
                  {"minutes", t.track.minutes}, {"steps", t.track.step_count()}, {"source", t.source}};
    const json& p = progress_["tracks"].contains(t.track.id) ? progress_["tracks"][t.track.id] : json::object();
    brief["steps_done"] = p.contains("done") ? p["done"].size() : 0;
    out.push_back(brief);
  }
  return json{{"tracks", out}, {"active", progress_.value("active", json(nullptr))}};
}

json GuideBook::start(const std::string& id) {
  ensure_ready();
  if (!find(id)) {
    std::string ids;
    for (const auto& t : tracks_) ids += (ids.empty() ? "" : ", ") + t.track.id;
    throw std::invalid_argument("no track '" + id + "'; the tracks are: " + ids);
  }
  tick();
  progress_["active"] = id;
  progress_of(id)["last_ms"] = s_.store().now_ms();
  save();
  return status();
}

json GuideBook::where() {
  ensure_ready();
  if (!progress_.contains("active") || !progress_["active"].is_string() || !find(progress_["active"].get<std::string>()))
    return json{{"track", nullptr}};
  return json{{"track", active().track.id}, {"step", current_step()}};
}

json GuideBook::go(size_t n) {
  ensure_ready();
  const auto& t = active().track;
  if (n < 1 || n > t.step_count())
    throw std::invalid_argument("field 'step' must be from 1 to " + std::to_string(t.step_count()) + ", got " + std::to_string(n));
  tick();
  json& p = progress_of(t.id);
  if (p["step"] != n) {
    p["step"] = n;
    p["step_since_ms"] = s_.store().now_ms();
  }
  save();
  return status();
}

std::string GuideBook::step_key(const guide::Track& t, size_t n) const { return t.step(n)->id; }

json GuideBook::check(size_t n) {
  ensure_ready();
  const auto& t = active().track;
  if (n == 0) n = current_step();
  const guide::Step* s = t.step(n);
  if (!s) throw std::invalid_argument("field 'step' must be from 1 to " + std::to_string(t.step_count()));
  tick();
  json out = {{"step", n}, {"says", s->check.says}};
  if (!available(*s)) {
    out["pass"] = false;
    out["coming_soon"] = true;
    out["detail"] = s->coming_soon;
    return out;
  }
  json reply = d_.handle(s->check.command);
  guide::Verdict v;
  if (!reply.value("ok", false)) v = {false, reply.value("error", std::string("the check's command failed"))};
  else v = guide::evaluate_predicate(s->check.expect, reply);
  last_ = {t.id, s->id, v.pass, v.detail};
  json& p = progress_of(t.id);
  const bool newly = v.pass && !p["done"].contains(s->id);
  if (newly) {
    p["done"][s->id] = s_.store().now_ms();
    save();
  }
  out["pass"] = v.pass;
  out["detail"] = v.detail;
  out["done"] = p["done"].contains(s->id);
  out["newly_done"] = newly;
  return out;
}

json GuideBook::do_step(size_t n) {
  ensure_ready();
  const auto& t = active().track;
  if (n == 0) n = current_step();
  const guide::Step* s = t.step(n);
  if (!s) throw std::invalid_argument("field 'step' must be from 1 to " + std::to_string(t.step_count()));
  if (!available(*s)) throw std::invalid_argument(step_label(t, n) + " cannot run yet: " + s->coming_soon);
  std::vector<json> replies;
  json ran = json::array();
  for (size_t i = 0; i < s->do_it.size(); ++i) {
    json command;
    try {
      command = guide::fill_placeholders(s->do_it[i], replies);
    } catch (const std::exception& e) {
      return json{{"ok", false}, {"ran", ran}, {"error", "\"Do it for me\" stopped at " + step_label(t, n) + ", command " + std::to_string(i + 1) + ": " + e.what()}};
    }
    json reply = d_.handle(command);
    const bool ok = reply.value("ok", false);
    ran.push_back({{"cmd", command.value("cmd", "")}, {"ok", ok}});
    if (!ok)
      return json{{"ok", false}, {"ran", ran},
                  {"error", "\"Do it for me\" stopped at " + step_label(t, n) + ": " + command.value("cmd", "") + " said: " +
                                reply.value("error", std::string("it failed"))}};
    replies.push_back(std::move(reply));
  }
  json out = check(n);
  out["ran"] = ran;
  return out;
}

json GuideBook::answer(const std::string& qid, const json& given) {
  ensure_ready();
  const auto& t = active().track;
  const guide::Question* q = t.question(qid);
  if (!q) throw std::invalid_argument("the track '" + t.id + "' has no question '" + qid + "'");
  tick();
  json a = {{"at_ms", s_.store().now_ms()}};
  if (!q->choices.empty()) {
    size_t index = 0;
    if (given.is_number_integer() || given.is_number_unsigned()) index = given.get<size_t>();
    else if (given.is_string())
      for (size_t i = 0; i < q->choices.size(); ++i)
        if (lower_trimmed(q->choices[i].text) == lower_trimmed(given.get<std::string>())) index = i + 1;
    if (index < 1 || index > q->choices.size())
      throw std::invalid_argument("field 'choice' must be a choice number from 1 to " + std::to_string(q->choices.size()) + " or its text");
    const auto& c = q->choices[index - 1];
    a["choice"] = index;
    a["given"] = c.text;
    a["correct"] = c.correct;
  } else {
    if (!given.is_string() || lower_trimmed(given.get<std::string>()).empty())
      throw std::invalid_argument("field 'text' must be your answer in a few words");
    const std::string text = lower_trimmed(given.get<std::string>());
    bool correct = false;
    for (const auto& acc : q->accepts) correct = correct || text.find(lower_trimmed(acc)) != std::string::npos;
    a["given"] = given.get<std::string>();
    a["correct"] = correct;
  }
  progress_of(t.id)["answers"][qid] = a;
  save();
  return quiz_json(t, *q);
}

json GuideBook::reset(const std::string& id) {
  ensure_ready();
  if (!find(id)) throw std::invalid_argument("no track '" + id + "'");
  progress_["tracks"].erase(id);
  if (last_.track == id) last_ = {};
  save();
  return tracks();
}

json GuideBook::load_track(const std::string& text, const std::string& file_name) {
  ensure_ready();
  guide::TrackParse p = guide::parse_track(text, file_name, command_exists());
  if (p.ok()) {
    const Loaded* same = find(p.track.id);
    if (same && same->source == "built-in")
      p.errors.push_back(file_name + ", field 'id': \"" + p.track.id + "\" is a built-in track's id; give yours another id");
  }
  if (!p.ok()) {
    load_errors_ = p.errors;
    load_file_ = file_name;
    json errors = p.errors;
    std::string message = file_name + " is not a valid track: " + p.errors.front();
    if (p.errors.size() > 1) message += " (and " + std::to_string(p.errors.size() - 1) + " more)";
    return json{{"ok", false}, {"error", message}, {"errors", errors}};
  }
  load_errors_.clear();
  load_file_ = file_name;
  const std::string id = p.track.id;
  tracks_.erase(std::remove_if(tracks_.begin(), tracks_.end(), [&](const Loaded& t) { return t.track.id == id; }), tracks_.end());
  tracks_.push_back({std::move(p.track), "loaded"});
  write_text_file(folder_ / "tracks" / (id + ".json"), text);  // kept for the next visit
  start(id);
  return json{{"track", id}, {"title", find(id)->track.title}, {"steps", find(id)->track.step_count()}};
}

json GuideBook::quiz_json(const guide::Track& t, const guide::Question& q) const {
  json choices = json::array();
  for (const auto& c : q.choices) choices.push_back(c.text);
  json j = {{"id", q.id}, {"prompt", q.prompt}, {"kind", q.choices.empty() ? "short" : "choice"}, {"choices", choices}};
  const json& answers = progress_["tracks"].contains(t.id) ? progress_["tracks"][t.id].value("answers", json::object()) : json::object();
  if (answers.contains(q.id)) {
    const json& a = answers[q.id];
    json shown = {{"given", a.value("given", "")}, {"correct", a.value("correct", false)}};
    if (!q.choices.empty()) {
      const size_t i = a.value("choice", size_t(0));
      if (i >= 1 && i <= q.choices.size()) shown["explanation"] = q.choices[i - 1].why;
      std::string right;
      for (const auto& c : q.choices)
        if (c.correct) right += (right.empty() ? "" : " / ") + c.text;
      shown["right_answer"] = right;
      if (!a.value("correct", false))
        for (const auto& c : q.choices)
          if (c.correct) { shown["right_explanation"] = c.why; break; }
    } else {
      shown["explanation"] = q.explain;
    }
    j["answer"] = shown;
  }
  return j;
}

json GuideBook::step_json(const guide::Track& t, size_t n) const {
  size_t part = 0;
  const guide::Step* s = t.step(n, &part);
  const json& p = progress_["tracks"].contains(t.id) ? progress_["tracks"][t.id] : json::object();
  const int64_t since = p.value("step_since_ms", s_.store().now_ms());
  json j = {{"n", n},
            {"id", s->id},
            {"title", s->title},
            {"what", s->what},
            {"why", s->why},
            {"module", s->module},
            {"says", s->check.says},
            {"hint", s->hint},
            {"hint_after_seconds", s->hint_after_seconds},
            {"seconds_on_step", double(s_.store().now_ms() - since) / 1000.0},
            {"done", p.contains("done") && p["done"].contains(s->id)},
            {"available", available(*s)},
            {"coming_soon", s->coming_soon},
            {"part", part + 1},
            {"part_title", t.parts[part].title}};
  if (last_.track == t.id && last_.step_id == s->id) j["last_check"] = {{"pass", last_.pass}, {"detail", last_.detail}};
  return j;
}

json GuideBook::progress_json(const guide::Track& t) const {
  const json& p = progress_["tracks"].contains(t.id) ? progress_["tracks"][t.id] : json::object();
  size_t done = 0, total = 0, coming = 0, answered = 0, correct = 0;
  for (size_t n = 1; n <= t.step_count(); ++n) {
    const guide::Step* s = t.step(n);
    if (!available(*s)) { ++coming; continue; }
    ++total;
    if (p.contains("done") && p["done"].contains(s->id)) ++done;
  }
  if (p.contains("answers"))
    for (const auto& [id, a] : p["answers"].items()) {
      if (!t.question(id)) continue;
      ++answered;
      if (a.value("correct", false)) ++correct;
    }
  json part_ms = json::array();
  for (size_t i = 0; i < t.parts.size(); ++i) {
    const json& pm = p.contains("part_ms") ? p["part_ms"] : json::object();
    part_ms.push_back(pm.contains(std::to_string(i + 1)) ? pm[std::to_string(i + 1)] : json(0));
  }
  return {{"steps_done", done},  {"steps_total", total},     {"steps_coming", coming},
          {"questions", t.question_count()}, {"answered", answered}, {"correct", correct},
          {"time_ms", p.value("time_ms", 0)}, {"part_ms", part_ms}, {"finished", total > 0 && done == total}};
}

json GuideBook::track_json(const Loaded& l) const {
  const auto& t = l.track;
  const json& p = progress_["tracks"].contains(t.id) ? progress_["tracks"][t.id] : json::object();
  json parts = json::array();
  size_t n = 0;
  for (const auto& part : t.parts) {
    json steps = json::array();
    for (const auto& s : part.steps) {
      ++n;
      steps.push_back({{"n", n}, {"id", s.id}, {"title", s.title}, {"module", s.module},
                       {"done", p.contains("done") && p["done"].contains(s.id)}, {"available", available(s)}});
    }
    json quiz = json::array();
    for (const auto& q : part.quiz) quiz.push_back(quiz_json(t, q));
    parts.push_back({{"title", part.title}, {"minutes", part.minutes}, {"steps", steps}, {"quiz", quiz}});
  }
  return {{"id", t.id}, {"title", t.title}, {"summary", t.summary}, {"workshop", t.workshop}, {"minutes", t.minutes},
          {"source", l.source}, {"parts", parts}};
}

json GuideBook::status() {
  ensure_ready();
  tick();
  json out = {{"active", nullptr}};
  if (!load_errors_.empty()) out["load_errors"] = load_errors_;
  if (!load_file_.empty()) out["load_file"] = load_file_;
  if (!progress_.contains("active") || !progress_["active"].is_string() || !find(progress_["active"].get<std::string>())) return out;
  const Loaded& l = active();
  progress_of(l.track.id);
  out["active"] = l.track.id;
  out["track"] = track_json(l);
  out["step"] = step_json(l.track, current_step());
  out["progress"] = progress_json(l.track);
  return out;
}

namespace {
// Within two minutes or a tenth of the planned time counts as on time: a room is never exact.
json pace_json(int64_t elapsed_ms, int64_t expected_ms, int64_t planned_ms, size_t done) {
  const int64_t diff = elapsed_ms - expected_ms;
  const int64_t slack = std::max<int64_t>(120000, planned_ms / 10);
  std::string state = done == 0 && elapsed_ms < 60000 ? "not started" : diff > slack ? "behind" : diff < -slack ? "ahead" : "on time";
  const int64_t minutes = (std::abs(diff) + 30000) / 60000;
  std::string says = state == "behind"  ? "behind by " + std::to_string(minutes) + " min"
                     : state == "ahead" ? "ahead by " + std::to_string(minutes) + " min"
                                        : state;
  return json{{"state", state}, {"says", says}, {"elapsed_ms", elapsed_ms}, {"expected_ms", expected_ms}, {"diff_ms", diff}};
}
}  // namespace

json GuideBook::agenda(const std::string& track_id) {
  ensure_ready();
  tick();
  const Loaded* l = track_id.empty() ? nullptr : find(track_id);
  if (!track_id.empty() && !l) throw std::invalid_argument("no track '" + track_id + "'; guide.tracks lists them");
  if (!l) l = &active();
  const guide::Track& t = l->track;
  const json& p = progress_["tracks"].contains(t.id) ? progress_["tracks"][t.id] : json::object();
  const json none = json::object();
  const json& done = p.contains("done") ? p["done"] : none;
  const json& answers = p.contains("answers") ? p["answers"] : none;
  const json& part_ms = p.contains("part_ms") ? p["part_ms"] : none;
  json parts = json::array();
  int64_t planned_total_ms = 0;
  size_t done_total = 0, step_n = 0;
  struct Share {
    int64_t planned_ms;
    size_t steps, done;
  };
  std::vector<Share> shares;
  for (size_t i = 0; i < t.parts.size(); ++i) {
    const guide::Part& part = t.parts[i];
    size_t steps = 0, steps_done = 0, coming = 0;
    for (const auto& s : part.steps) {
      ++step_n;
      if (!available(s)) { ++coming; continue; }
      ++steps;
      if (done.contains(s.id)) ++steps_done;
    }
    const int64_t planned_ms = int64_t(part.minutes) * 60000;
    planned_total_ms += planned_ms;
    shares.push_back({planned_ms, steps, steps_done});
    done_total += steps_done;
    json quiz = json::array();
    for (const auto& q : part.quiz) {
      json a = {{"question", q.id}, {"prompt", q.prompt}, {"answered", answers.contains(q.id)}};
      if (answers.contains(q.id)) {
        a["given"] = answers[q.id].value("given", std::string());
        a["correct"] = answers[q.id].value("correct", false);
      }
      quiz.push_back(a);
    }
    const std::string key = std::to_string(i + 1);
    parts.push_back({{"part", i + 1}, {"title", part.title}, {"planned_min", part.minutes},
                     {"elapsed_ms", part_ms.contains(key) && part_ms[key].is_number() ? part_ms[key].get<int64_t>() : 0},
                     {"steps", steps}, {"steps_done", steps_done}, {"steps_coming", coming}, {"quiz", quiz},
                     {"first_step", step_n - part.steps.size() + 1}});
  }
  // The planned time of the work done: each part's share by its steps done; a part without steps
  // (an introduction, a break) counts once the room has done a step of a later part.
  int64_t expected_ms = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].steps > 0) {
      expected_ms += shares[i].planned_ms * int64_t(shares[i].done) / int64_t(shares[i].steps);
      continue;
    }
    for (size_t j = i + 1; j < shares.size(); ++j)
      if (shares[j].done > 0) { expected_ms += shares[i].planned_ms; break; }
  }
  const int64_t elapsed = p.value("time_ms", int64_t(0));
  return json{{"track", t.id},
              {"title", t.title},
              {"planned_min", t.minutes > 0 ? int64_t(t.minutes) : planned_total_ms / 60000},
              {"elapsed_ms", elapsed},
              {"parts", parts},
              {"pace", pace_json(elapsed, expected_ms, planned_total_ms, done_total)}};
}

json GuideBook::prepare(const std::vector<size_t>& parts) {
  ensure_ready();
  const guide::Track& t = active().track;
  if (parts.empty()) throw std::invalid_argument("field 'parts' is required: the part numbers to prepare, e.g. [5]");
  for (size_t part : parts)
    if (part < 1 || part > t.parts.size())
      throw std::invalid_argument("part " + std::to_string(part) + " does not exist; " + t.title + " has parts 1 to " +
                                  std::to_string(t.parts.size()));
  json ran = json::array();
  for (size_t n = 1; n <= t.step_count(); ++n) {
    size_t part = 0;
    const guide::Step* s = t.step(n, &part);
    if (std::find(parts.begin(), parts.end(), part + 1) == parts.end() || !available(*s)) continue;
    const json& p = progress_of(t.id);
    if (p.contains("done") && p["done"].contains(s->id)) continue;
    json r = do_step(n);
    const bool ok = r.value("ok", true) && r.value("pass", true);
    ran.push_back({{"step", n}, {"title", s->title}, {"ok", ok}});
    if (!ok)
      throw std::invalid_argument("preparing stopped at step " + std::to_string(n) + " (" + s->title + "): " +
                                  r.value("error", r.value("detail", std::string("its check did not pass"))));
  }
  return json{{"prepared", ran}, {"agenda", agenda("")}};
}

}  // namespace lab
