#pragma once
// A guided workshop track, read from a file (assets/tracks/*.json; the format is docs/tracks.md).
// Parts hold steps and knowledge checks; a step says what to do and why, which module to open,
// how the lab's real state shows it done (a command and a predicate on its reply), a hint, and the
// commands that do it for a stuck participant.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab::guide {

struct Check {
  nlohmann::json command;  // a lab command, e.g. {"cmd": "runs.list"}
  nlohmann::json expect;   // a predicate on its reply (core/guide/predicate.hpp)
  std::string says;        // what passing means, in words: "two finished forest runs differ in n_estimators"
};

struct Step {
  std::string id;      // stable across edits of the file; progress is kept by it
  std::string title, what, why;
  std::string module;  // the module to open: data, explore, train, runs, evaluate, registry, serve
  Check check;
  std::string hint;
  int hint_after_seconds = 60;
  // "Do it for me": commands run in order; a string "{{N:/pointer}}" is replaced by the value at
  // that pointer in the reply of the Nth command of this list (from 1).
  std::vector<nlohmann::json> do_it;
  // Commands (or prefixes ending in '.') the step needs; while the lab has none of one, the step
  // is shown as coming soon and skipped.
  std::vector<std::string> needs;
  std::string coming_soon;  // shown instead of the step while it cannot run
};

struct Choice {
  std::string text;
  bool correct = false;
  std::string why;  // why this answer is right or wrong
};

struct Question {
  std::string id, prompt;
  std::vector<Choice> choices;       // a choice question...
  std::vector<std::string> accepts;  // ...or a short answer: accepted words/phrases (case-insensitive)
  std::string explain;               // shown after any short answer
};

struct Part {
  std::string title;
  int minutes = 0;  // planned time, from the workshop's agenda
  std::vector<Step> steps;
  std::vector<Question> quiz;  // knowledge check after the part
};

struct Track {
  std::string id, title, summary, workshop;
  int minutes = 0;
  std::vector<Part> parts;
  size_t step_count() const;
  // Step n (from 1) across all parts, with the index of its part.
  const Step* step(size_t n, size_t* part_index = nullptr) const;
  size_t question_count() const;
  const Question* question(const std::string& id, size_t* part_index = nullptr) const;
};

struct TrackParse {
  Track track;
  std::vector<std::string> errors;  // each located: "file, step 3 ("Train"), field 'check': what was expected"
  bool ok() const { return errors.empty(); }
};

// Reads a track file's text. command_exists tells which commands the lab has (a check or a
// "do it" naming an unknown command is an error, unless the step declares it in `needs`).
TrackParse parse_track(const std::string& text, const std::string& file_name,
                       const std::function<bool(const std::string&)>& command_exists);

// Whether the lab has what a step needs (each entry a command name, or a prefix ending in '.').
bool step_available(const Step& s, const std::vector<std::string>& command_names);

// "{{N:/pointer}}" substitution for a "do it" command, given the replies so far.
nlohmann::json fill_placeholders(const nlohmann::json& command, const std::vector<nlohmann::json>& replies);

}  // namespace lab::guide
