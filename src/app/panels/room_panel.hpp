#pragma once
// The Room module: sync my runs to the facilitator's MLflow and see everyone's runs ranked.
#include "app/panels/panel.hpp"
#include "app/panels/room/leaderboard_view.hpp"
#include "app/panels/room/sync_section.hpp"

namespace lab::app {

class RoomPanel : public Panel {
 public:
  const char* title() const override { return "Room"; }
  const char* subtitle() const override { return "sync, leaderboard"; }
  void draw(AppContext& ctx) override;

 private:
  room::SyncSection sync_;
  room::LeaderboardView board_;
};

}  // namespace lab::app
