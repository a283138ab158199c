#pragma once
// Local artifact locations as MLflow writes and reads them. MLflow writes
// pathlib.Path(abspath).as_uri() ("file:///a%20b/c"; "file:///C:/x" on Windows) and reads any
// URI whose scheme is "file" or empty through local_file_uri_to_path (percent-decoded path;
// a scheme-less relative path is taken relative to the server's working directory).
#include <string>

namespace lab {

// "file://" + the path percent-encoded like Python's pathlib as_uri: letters, digits, "_.-~" and
// "/" stay, every other byte becomes %XX. A Windows drive path "C:\a b" gives "file:///C:/a%20b".
// `absolute_path` must be absolute (see normalize_artifact_root).
std::string local_file_uri(const std::string& absolute_path);
// Just the percent-encoding part, for a path piece appended to such a URI.
std::string uri_path_encode(const std::string& path);

// True if MLflow would read `uri` from the local disk: scheme "file", no scheme, or a Windows
// drive letter ("C:/..."). False for runs:/, mlflow-artifacts:/, s3://, http(s)://, ...
bool is_local_uri(const std::string& uri);

// Checks a user-given folder (where an export's mlruns/ folder will be) and returns it with
// '/' separators and no trailing '/'. Accepts "/home/me/x" and "C:\Users\me\x"; throws
// std::invalid_argument with an example for relative paths, "~", URIs and control characters.
std::string normalize_artifact_root(const std::string& folder);

}  // namespace lab
