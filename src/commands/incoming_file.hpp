#pragma once
// Files that come in from outside the lab (the browser's file picker or a dropped file, written
// by the page into the in-memory file system; a path on the CLI) arrive as a path in a command.
// This reads one, refusing a missing or oversized file with a message that says what to do.
#include <cstddef>
#include <string>

namespace lab {

// The file's size in bytes; throws std::invalid_argument when there is no such file.
size_t incoming_file_size(const std::string& path);
// The file's bytes; throws std::invalid_argument when it is missing or larger than max_bytes.
std::string read_incoming_file(const std::string& path, size_t max_bytes);

}  // namespace lab
