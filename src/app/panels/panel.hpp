#pragma once
#include <string>

#include "app/app_context.hpp"

namespace lab::app {

// One workshop module's screen. Holds only UI state (form fields, selection).
class Panel {
 public:
  virtual ~Panel() = default;
  virtual const char* title() const = 0;     // "Data"
  virtual const char* subtitle() const = 0;  // one line under the title in the navigation
  virtual void draw(AppContext& ctx) = 0;
  // Called once when the app starts, before any frame: a panel registers its ui.* commands
  // here so they work before it is first drawn. The context outlives the panel's use of it.
  virtual void attach(AppContext& ctx) { (void)ctx; }
  // What the module shows beyond itself, for deep links (app/route.hpp): the Runs module's one
  // selected run id; "" for most modules.
  virtual std::string route_detail() const { return ""; }
};

}  // namespace lab::app
