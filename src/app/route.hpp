#pragma once
// Deep links: the page's URL hash names a place in the lab, so a link pasted into a fresh tab
// (or the browser's back and forward) opens the same place.
//   #/train              a module, by its title in lower case
//   #/runs/<run id>      the Runs module with that run selected
//   #/guide/<track>/<n>  step n of a guided track (#/guide/<track> resumes where it was left)
// No ImGui here: parsing and writing are plain and tested natively (tests/app/route_test.cpp).
#include <cstddef>
#include <string>

namespace lab::app {

struct Route {
  enum class Kind { None, Module, Run, GuideStep };
  Kind kind = Kind::None;
  std::string module;  // Module: lower-case title
  std::string run_id;  // Run
  std::string track;   // GuideStep
  size_t step = 0;     // GuideStep: from 1; 0 = where the track was left
  bool operator==(const Route&) const = default;
};

// "#/runs/abc" (the leading '#' and '/' optional) -> Route. An empty hash is Kind::None.
// Throws std::invalid_argument saying what a link looks like when the text is not one.
Route parse_route(const std::string& hash);
// Route -> "#/runs/abc"; "" for Kind::None.
std::string route_text(const Route& r);

}  // namespace lab::app
