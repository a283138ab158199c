#pragma once
// Browser file transfer for the runs explorer: ui.download saves a file of the in-memory FS
// through a Blob + <a download>; ui.upload opens a file picker, copies the chosen file into
// the FS and imports it with store.import; ui.upload_status reports the outcome.
#include "commands/dispatcher.hpp"

namespace lab::web {

void register_file_transfer_commands(Dispatcher& d);

}  // namespace lab::web
