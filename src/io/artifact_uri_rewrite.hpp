#pragma once
// Points the artifact locations inside an mlruns/ archive at the folder where it will be
// unpacked, so `mlflow ui --backend-store-uri <folder>` finds every run's artifacts.
//
// Why this is needed: MLflow's FileStore reads a run's `artifact_uri` from its meta.yaml as it
// is, and the server lists and serves artifacts through get_artifact_repository(artifact_uri)
// (a file:// or scheme-less URI -> LocalArtifactRepository -> local_file_uri_to_path). Nothing
// resolves it against the store folder, so the browser's file:///lab/mlruns/... finds nothing
// on the user's disk. An experiment's `artifact_location` is used for runs created later.
// A registry version's `source` is "runs:/<run>/model" in the lab, resolved through the run's
// artifact_uri, so it needs no change; a local source/storage_location would.
#include <string>
#include <vector>

#include "io/tar_archive.hpp"

namespace lab {

// For entries named "mlruns/...": rewrites, where the value is a local URI (file:// or no scheme),
//   <exp>/meta.yaml and .trash/<exp>/meta.yaml           artifact_location -> file://<root>/<exp>
//   <exp>/<run>/meta.yaml and .trash/<exp>/<run>/...     artifact_uri -> file://<root>/<exp>/<run>/artifacts
//   models/<name>/version-<n>/meta.yaml                  source, storage_location pointing into the
//                                                        version's run: .../<exp>/<run>/artifacts/<p>
//                                                        -> file://<root>/<exp>/<run>/artifacts/<p>
// Runs of deleted experiments keep the active path, as MLflow does (restoring moves them back).
// Only the value's line changes; every other byte stays. `mlruns_folder` is checked with
// normalize_artifact_root (throws std::invalid_argument). Returns the number of files changed.
size_t rewrite_artifact_uris(std::vector<tar::Entry>& entries, const std::string& mlruns_folder);

}  // namespace lab
