#pragma once
// Deep links and the browser's history (app/route.hpp names the places): nav.open takes the
// page to a place (a pasted link, back/forward), nav.poll tells the platform when the participant
// moved somewhere else so it can put the new place in the address bar. The platform only calls
// these commands; the place itself is the shell's state (the module shown, the run selected in
// Runs) and the guide's (the active track and step).
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_context.hpp"
#include "app/route.hpp"

namespace lab::app {

class Shell;

class Navigator {
 public:
  explicit Navigator(Shell& shell) : shell_(shell) {}
  void attach(AppContext& ctx);  // registers nav.open, nav.poll, nav.where
  // Why the last link could not be opened (shown above the module until dismissed).
  const std::string& problem() const { return problem_; }
  void dismiss_problem() { problem_.clear(); }

 private:
  nlohmann::json open(AppContext& ctx, const std::string& hash);
  nlohmann::json poll(AppContext& ctx);
  Route module_place() const;            // the module shown (and the run, in Runs)
  Route guide_place(AppContext& ctx) const;  // the active track's step, or None
  void remember_current(AppContext& ctx);
  Shell& shell_;
  bool started_ = false;
  Route module_seen_, guide_seen_;  // the places last put in (or taken from) the address bar
  std::string problem_;
};

}  // namespace lab::app
