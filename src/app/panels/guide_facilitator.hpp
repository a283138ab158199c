#pragma once
// The Guide's facilitator view, under the track's steps: the agenda with each part's planned
// against spent time, a pace indicator, the knowledge-check answers given in this browser, and
// "prepare the room" (pre-run chosen parts with "Do it for me"). Reads guide.agenda; acts through
// guide.prepare.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/app_context.hpp"

namespace lab::app {

class FacilitatorView {
 public:
  void draw(AppContext& ctx);

 private:
  void draw_agenda(const nlohmann::json& a);
  void draw_answers(const nlohmann::json& a);
  void draw_prepare(AppContext& ctx, const nlohmann::json& a);
  nlohmann::json agenda_;
  double fetched_at_ = -1e9;
  uint64_t fetched_store_ = 0;
  std::string track_;
  std::vector<char> chosen_;  // parts ticked for "prepare the room"
  std::string message_;
  bool failed_ = false;
};

}  // namespace lab::app
