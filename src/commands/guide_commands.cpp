#include <memory>

#include "commands/command_areas.hpp"
#include "commands/guide_book.hpp"
#include "commands/incoming_file.hpp"
#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

namespace {
size_t step_arg(const json& a) {
  int64_t n = args::integer(a, "step", 0);
  if (n < 0) throw std::invalid_argument("field 'step' must be a step number from 1 (or 0 for the current step)");
  return size_t(n);
}
// A track file is a few kilobytes; a megabyte is plenty and keeps a wrong file from filling memory.
constexpr size_t kMaxTrackBytes = 1024 * 1024;
}  // namespace

void register_guide_commands(Dispatcher& d, Session& s) {
  auto book = std::make_shared<GuideBook>(d, s);
  d.add("guide.tracks", "the guided workshop tracks: id, title, minutes, steps, steps done; and the active one",
        [book](const json&) { return book->tracks(); });
  d.add("guide.start", "start (or resume) a track: {track}", [book](const json& a) { return book->start(args::required_str(a, "track")); });
  d.add("guide.status", "the active track: its parts, the current step, knowledge checks and progress (steps, answers, time)",
        [book](const json&) { return book->status(); });
  d.add("guide.agenda", "the facilitator's view: each part's planned vs elapsed time, steps, answers, the pace: {track?}",
        [book](const json& a) { return book->agenda(a.value("track", std::string())); });
  d.add("guide.prepare", "\"prepare the room\": do every step of the chosen parts of the active track: {parts: [part numbers]}",
        [book](const json& a) {
          std::vector<size_t> parts;
          if (a.contains("parts")) {
            if (!a["parts"].is_array()) throw std::invalid_argument("field 'parts' must be a list of part numbers, e.g. [5]");
            for (const auto& n : a["parts"]) {
              if (!n.is_number_integer() || n.get<int64_t>() < 1)
                throw std::invalid_argument("field 'parts' must hold part numbers from 1, e.g. [5]");
              parts.push_back(n.get<size_t>());
            }
          }
          return book->prepare(parts);
        });
  d.add("guide.where", "the active track and its current step, cheaply (the address bar's #/guide/<track>/<step>)",
        [book](const json&) { return book->where(); });
  d.add("guide.go", "show another step of the active track: {step}", [book](const json& a) {
    size_t n = step_arg(a);
    if (n == 0) throw std::invalid_argument("field 'step' is required: a step number from 1");
    return book->go(n);
  });
  d.add("guide.check", "evaluate a step's check on the lab's state: {step?: the current one}; a pass marks the step done",
        [book](const json& a) { return book->check(step_arg(a)); });
  d.add("guide.do_step", "\"Do it for me\": run a step's commands, then its check: {step?: the current one}",
        [book](const json& a) { return book->do_step(step_arg(a)); });
  d.add("guide.answer", "answer a knowledge check: {question, choice: number from 1 or the choice's text} or {question, text}",
        [book](const json& a) {
          const std::string q = args::required_str(a, "question");
          if (a.contains("choice")) return book->answer(q, a["choice"]);
          if (a.contains("text")) return book->answer(q, a["text"]);
          throw std::invalid_argument("field 'choice' (a number from 1) or 'text' (a short answer) is required");
        });
  d.add("guide.reset", "forget a track's progress (steps, answers, time): {track, confirm: true}", [book](const json& a) {
    const std::string id = args::required_str(a, "track");
    if (!a.contains("confirm") || a["confirm"] != true)
      throw std::invalid_argument("resetting forgets every step, answer and minute of '" + id + "'; send confirm: true to go ahead");
    return book->reset(id);
  });
  d.add("guide.load_track",
        "load a facilitator's track file: {path (a file the page wrote) | text, name}; a malformed file gets every problem "
        "with its place (file, step, field)",
        [book](const json& a) {
          if (a.contains("path")) {
            const std::string path = args::required_str(a, "path");
            std::string name = args::str(a, "name", path.substr(path.find_last_of('/') + 1));
            return book->load_track(read_incoming_file(path, kMaxTrackBytes), name);
          }
          if (!a.contains("text")) throw std::invalid_argument("field 'text' (the track file's content) or 'path' is required");
          return book->load_track(args::required_str(a, "text"), args::str(a, "name", "track.json"));
        });
}

}  // namespace lab
