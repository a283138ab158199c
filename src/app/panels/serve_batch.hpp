#pragma once
// The Serve panel's batch-scoring section: pick a CSV, score it on the deployed endpoint
// (serve.batch), show rows scored/rejected and every row's errors, and download the result CSV.
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_context.hpp"

namespace lab::app {

class ServeBatch {
 public:
  // `deployed`: whether `endpoint` answers; the picker is offered only then.
  void draw(AppContext& ctx, const std::string& endpoint, bool deployed);
  // Takes a file the platform delivered and scores it (also called by ui.serve).
  void take_picked_file(AppContext& ctx, const std::string& endpoint);
  // The result CSV to the browser's downloads; false when there is nothing to download.
  bool download(AppContext& ctx);
  nlohmann::json state() const;  // for ui.serve: file, summary, errors, error

 private:
  void draw_errors_table();
  std::string file_, error_;
  nlohmann::json result_;  // serve.batch's reply, without the per-row results
};

}  // namespace lab::app
