#pragma once
// Export the store (or chosen experiments) as one tar archive of the mlruns/ tree, and import
// such an archive back. Import checks everything first and writes nothing if it would change
// or contradict what is already stored, so no user action loses data.
#include <string>
#include <vector>

#include "io/file_store.hpp"

namespace lab {

// experiment_ids empty = the whole store (including .trash). Entries are sorted and carry one
// mtime, so the same store gives the same bytes.
std::string export_store(const FileStore& store, const std::vector<std::string>& experiment_ids, int64_t mtime_ms);

struct ImportReport {
  size_t files_written = 0, files_unchanged = 0, experiments = 0, runs = 0;
};
// Throws std::invalid_argument naming the problem (not an mlruns archive, unsafe path,
// conflicting file, experiment name taken by another id).
ImportReport import_store(FileStore& store, const std::string& archive);

}  // namespace lab
