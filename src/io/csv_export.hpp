#pragma once
// CSV export of a Table: the inverse of parse_csv (core/data/csv_parser.hpp). Numbers are written
// as the shortest text that reads back to the same double (as io/number_text.hpp, but whole
// numbers without ".0"), so export -> import is exact; missing
// values are empty fields; text is quoted when it holds the delimiter, a quote, a line break,
// surrounding spaces, or could be read back as a missing marker (e.g. a category called "NA").
#include <string>

#include "core/data/table.hpp"

namespace lab {

std::string write_csv(const Table& t, char delimiter = ',');

}  // namespace lab
