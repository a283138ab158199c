// Paths of a store walk relative to its base, from the names alone (io/path_inside.hpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "io/path_inside.hpp"
#include "io/text_file.hpp"
#include "support/temp_store.hpp"

namespace fs = std::filesystem;

TEST_CASE("path_inside gives a walked entry's path under its base, nested folders with '/'", "[io][path]") {
  const fs::path base = labtest::fresh_store("path_inside") / "metrics";
  lab::write_text_file(base / "loss", "1 0.5 0\n");
  lab::write_text_file(base / "group" / "auc", "1 0.9 0\n");
  std::set<std::string> seen;
  for (const auto& e : fs::recursive_directory_iterator(base))
    if (e.is_regular_file()) seen.insert(lab::path_inside(e.path(), base));
  CHECK(seen == std::set<std::string>{"group/auc", "loss"});
  // A base spelled differently from the entry (a dot folder) still gives the right answer.
  CHECK(lab::path_inside(base / "group" / "auc", base / ".") == "group/auc");
  CHECK(lab::path_inside(base / "loss", base.parent_path() / "metrics" / ".." / "metrics") == "loss");
}
