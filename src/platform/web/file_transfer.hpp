#pragma once
// Browser file transfer for the runs explorer: ui.download saves a file of the in-memory FS
// through a Blob + <a download>; ui.upload opens a file picker, copies the chosen file into
// the FS and imports it with store.import; ui.upload_status reports the outcome.
// Batch scoring: the Serve panel's picker (Module.labPickBatchCsv in pre.js) writes the chosen CSV
// into the in-memory FS and sends ui.serve {batch_file: {path, name}}; files only come in that way.
#include "commands/dispatcher.hpp"

namespace lab::web {

void register_file_transfer_commands(Dispatcher& d);
// Opens the batch-scoring file picker (the page does the rest, see pre.js).
void pick_batch_csv();

}  // namespace lab::web
