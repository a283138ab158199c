#pragma once
// Export the store (or chosen experiments) as one tar archive of the mlruns/ tree, and import
// such an archive back. Import checks everything first and writes nothing if it would change
// or contradict what is already stored, so no user action loses data.
#include <string>
#include <vector>

#include "io/file_store.hpp"

namespace lab {

// experiment_ids empty = the whole store (including .trash). Entries are sorted and carry one
// mtime, so the same store gives the same bytes. artifact_root empty: every byte as stored;
// otherwise the folder the archive's mlruns/ will be unpacked to, and the artifact locations
// are rewritten to it (see artifact_uri_rewrite.hpp; `uris_rewritten` counts the files changed).
std::string export_store(const FileStore& store, const std::vector<std::string>& experiment_ids, int64_t mtime_ms,
                         const std::string& artifact_root = "", size_t* uris_rewritten = nullptr);

struct ImportReport {
  size_t files_written = 0, files_unchanged = 0, experiments = 0, runs = 0, uris_rewritten = 0;
};
// Throws std::invalid_argument naming the problem (not an mlruns archive, unsafe path,
// conflicting file, experiment name taken by another id). artifact_root empty: files land as
// archived; otherwise artifact locations are rewritten to it first (usually store.root(), so
// the imported runs' artifacts are found where they now are), and conflicts are judged on
// the rewritten files.
ImportReport import_store(FileStore& store, const std::string& archive, const std::string& artifact_root = "");

}  // namespace lab
