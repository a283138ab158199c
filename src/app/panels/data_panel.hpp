#pragma once
#include <string>

#include "app/panels/panel.hpp"
#include "core/data/schema.hpp"

namespace lab::app {

class DataPanel : public Panel {
 public:
  const char* title() const override { return "Data"; }
  const char* subtitle() const override { return "generate, import, check"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_source(AppContext& ctx);
  void draw_quality(AppContext& ctx);
  void draw_schema(AppContext& ctx);
  void draw_role_combo(AppContext& ctx, const ColumnSchema& c);
  void draw_schema_row(AppContext& ctx, const ColumnSchema& c);
  void draw_preview(AppContext& ctx);
  void draw_task(AppContext& ctx);
  int dataset_ = 0;
  // The task and why, recomputed only when the dataset version or the task choice changes.
  std::string task_key_, task_text_, task_error_, task_choice_error_;
  int rows_ = 5000;
  int seed_ = 42;
  std::string error_;
};

}  // namespace lab::app
