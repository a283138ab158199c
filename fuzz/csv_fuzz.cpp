// libFuzzer target for the CSV importer. Any input must either parse or throw
// std::invalid_argument (never crash, hang or trip the sanitizers), and whatever parses must
// survive export -> import unchanged (same content hash, so every value bit-identical).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/data/csv_parser.hpp"
#include "io/csv_export.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lab::CsvOptions opt;
  opt.max_cells = 20000;  // keep each input cheap
  lab::Table t;
  try {
    t = lab::parse_csv(text, opt);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  std::string again = lab::write_csv(t);
  lab::Table back = lab::parse_csv(again, opt);  // must not throw: we wrote it ourselves
  if (lab::content_hash(back) != lab::content_hash(t)) {
    std::fprintf(stderr, "round trip changed the table; exported text:\n%s\n", again.c_str());
    std::abort();
  }
  return 0;
}
