#pragma once
// Browser file transfer for the runs explorer: ui.download saves a file of the in-memory FS
// through a Blob + <a download>; ui.upload opens a file picker, copies the chosen file into
// the FS and imports it with store.import; ui.upload_status reports the outcome.
// Batch scoring: the Serve panel's picker (Module.labPickBatchCsv in pre.js) hands the chosen CSV
// to AppContext::batch_file; the panel then issues serve.batch with it.
#include "app/app_context.hpp"
#include "commands/dispatcher.hpp"

namespace lab::web {

void register_file_transfer_commands(Dispatcher& d);
// Gives ctx its batch-file picker; the picked file lands in ctx.batch_file.
void attach_batch_file_picker(app::AppContext& ctx);

}  // namespace lab::web
