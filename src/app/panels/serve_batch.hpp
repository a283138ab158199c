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
  // Scores a file the page wrote into the lab's file system (ui.serve's batch_file).
  void score_file(AppContext& ctx, const std::string& endpoint, const std::string& path, const std::string& name);
  // Shows why a chosen file was refused before it was read (ui.serve's batch_refused).
  void refuse_file(const std::string& name, const std::string& problem);
  // The result CSV to the browser's downloads; false when there is nothing to download.
  bool download(AppContext& ctx);
  nlohmann::json state() const;  // for ui.serve: file, summary, errors, error

 private:
  void draw_errors_table();
  std::string file_, error_;
  nlohmann::json result_;  // serve.batch's reply, without the per-row results
};

}  // namespace lab::app
