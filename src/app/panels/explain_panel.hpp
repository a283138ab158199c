#pragma once
// The Explain module: for a finished run, which features the model leans on (permutation
// importance on the held-out rows), one held-out row taken apart feature by feature (a waterfall
// from the average answer to this row's answer), a what-if editor whose every change asks
// for a new explanation (explain.whatif), so the answer and the bars move as the value does, and
// partial dependence with ICE for one feature (explain.pdp). Models with no exact explanation
// (SVM, k-nearest neighbours, naive Bayes) get LIME's waterfall.
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "app/panels/panel.hpp"

namespace lab::app {

class ExplainPanel : public Panel {
 public:
  const char* title() const override { return "Explain"; }
  const char* subtitle() const override { return "why this prediction"; }
  void draw(AppContext& ctx) override;
  void attach(AppContext& ctx) override;  // registers ui.explain (tests read the panel's state)

 private:
  void refresh_explanation(AppContext& ctx);
  void draw_prediction(AppContext& ctx);
  void draw_what_if(float width);
  void draw_waterfall();
  void draw_importance(AppContext& ctx);
  void draw_lime(AppContext& ctx);
  void draw_pdp(AppContext& ctx);

  std::string run_id_;
  std::set<std::string> seen_runs_;  // a run finished since the last frame is shown at once
  int row_ = 0;
  nlohmann::json overrides_ = nlohmann::json::object();  // what-if: field -> the participant's value
  nlohmann::json explanation_;                           // the last explain.whatif reply
  std::string explained_key_;                            // run|row|overrides it answers
  nlohmann::json lime_;                                  // LIME for explained_key_, once asked for
  std::string lime_key_, lime_error_;
  nlohmann::json importance_;                            // the last explain.importance reply
  std::string importance_run_;
  std::string error_, importance_error_;
  std::string pdp_feature_;                              // partial dependence: the column shown
  nlohmann::json pdp_;                                   // the last explain.pdp reply
  std::string pdp_key_, pdp_error_;                      // run|feature it answers
};

}  // namespace lab::app
