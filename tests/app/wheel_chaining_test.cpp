// The wheel over a pane that has reached its end scrolls the module around it
// (src/app/wheel_chaining.*): a window taller than the screen holding a scrolling child, as
// the Tune module holds its leaderboard table.
#include <catch2/catch.hpp>

#include "app/wheel_chaining.hpp"
#include "headless_ui.hpp"
#include "imgui_internal.h"

namespace {

struct Scrolls {
  float outer = 0, inner = 0;
};

// One frame of: a 400x300 window with 40 lines, a 120 px child of 30 lines among them.
Scrolls draw_frame(float wheel) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(400, 300);
  io.DeltaTime = 1.0f / 60.0f;
  io.MouseWheel = wheel;
  lab::app::pass_wheel_on_at_scroll_end();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("module", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove);
  Scrolls s;
  s.outer = ImGui::GetScrollY();
  ImGui::TextUnformatted("above the pane");
  ImGui::BeginChild("pane", ImVec2(0, 120), true);
  for (int i = 0; i < 30; ++i) ImGui::Text("pane line %d", i);
  s.inner = ImGui::GetScrollY();
  ImGui::EndChild();
  for (int i = 0; i < 40; ++i) ImGui::Text("module line %d", i);
  ImGui::End();
  ImGui::Render();
  return s;
}

}  // namespace

TEST_CASE("the wheel scrolls the pane under the mouse, then the module once the pane is at its end", "[app][wheel]") {
  labtest::HeadlessUi ui("wheel_chaining", 1);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(100, 80);  // over the pane
  draw_frame(0);
  draw_frame(0);
  Scrolls s = draw_frame(0);
  REQUIRE(s.outer == 0);
  REQUIRE(s.inner == 0);

  // Down: the pane scrolls first and the module stays where it is.
  draw_frame(-1);
  s = draw_frame(0);
  CHECK(s.inner > 0);
  CHECK(s.outer == 0);

  // Down until the pane is at its end; from there the module scrolls.
  float inner_end = -1;
  for (int i = 0; i < 40 && s.outer == 0; ++i) {
    inner_end = s.inner;
    draw_frame(-1);
    s = draw_frame(0);
  }
  CHECK(s.outer > 0);
  CHECK(s.inner == Approx(inner_end));
  const float outer_after_one = s.outer;
  draw_frame(-1);
  s = draw_frame(0);
  CHECK(s.outer > outer_after_one);

  // Back up with the mouse where it is: the wheel stays on the module while it turns (ImGui's
  // lock), and the module goes back to its top.
  for (int i = 0; i < 40 && s.outer > 0; ++i) {
    draw_frame(1);
    s = draw_frame(0);
  }
  CHECK(s.outer == 0);
}

TEST_CASE("a pane that can still scroll keeps the wheel", "[app][wheel]") {
  labtest::HeadlessUi ui("wheel_chaining_keep", 1);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(100, 80);
  draw_frame(0);
  draw_frame(0);
  // Up at the top of both: nothing moves, and nothing breaks.
  draw_frame(1);
  Scrolls s = draw_frame(0);
  CHECK(s.outer == 0);
  CHECK(s.inner == 0);
  // The wheel over the module outside the pane scrolls the module as ImGui always did.
  io.MousePos = ImVec2(100, 250);
  draw_frame(0);
  draw_frame(-1);
  s = draw_frame(0);
  CHECK(s.outer > 0);
  CHECK(s.inner == 0);
}
