#pragma once
// The Room's leaderboard: everyone's runs of the remote experiment, ranked by a chosen metric
// (room.leaderboard), with who made each, paged; "Compare with mine" puts my best local run
// beside the room's best.
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_context.hpp"

namespace lab::app::room {

class LeaderboardView {
 public:
  void draw(AppContext& ctx);

 private:
  void draw_table(const nlohmann::json& board);
  void draw_compare(const nlohmann::json& board);

  std::string metric_;  // "" = the leaderboard's default
  int page_ = 0;
  bool compare_ = false;
  bool asked_ = false;
  double refreshed_at_ = -1;
  std::string error_;
};

}  // namespace lab::app::room
