#include "app/panels/room_panel.hpp"

#include "imgui.h"

namespace lab::app {

void RoomPanel::draw(AppContext& ctx) {
  sync_.draw(ctx);
  ImGui::Spacing();
  ImGui::Separator();
  board_.draw(ctx);
}

}  // namespace lab::app
