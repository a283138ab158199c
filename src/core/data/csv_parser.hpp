#pragma once
// CSV import as a pure function on the file's text (RFC 4180 plus what real files do).
//
// Accepted: a header row; "," (or another) delimiter; fields in double quotes with embedded
// delimiters, newlines and doubled quotes (""); CRLF, LF or CR line ends; a UTF-8 byte-order mark;
// blank lines (skipped); spaces around unquoted fields (trimmed).
//
// Missing values: an empty field or, unquoted, one of NA, N/A, NaN, null, ? (any letter case).
// A quoted "NA" is the text NA, so exported categories named like a missing marker survive.
//
// Column types (the rule participants see in the schema view):
//  - numeric when every non-missing value is a plain decimal number (sign, digits, point,
//    exponent: no hex, no thousands separators). Integer columns with few distinct values such
//    as 0/1 flags or 1..5 ratings stay numeric; the task detection decides later whether an
//    integer target is a class label.
//  - categorical otherwise. One exception marks "obviously codes": integers written with a
//    leading zero (zip codes "02139", product codes "007") make the column categorical, because
//    reading them as numbers would lose the zeros and invent an order.
//  Categories are sorted by their UTF-8 bytes so their codes do not depend on row order.
//
// Errors throw std::invalid_argument naming the line (1 = header), the column and the problem,
// and say how to fix it: empty file, no data rows, empty or duplicate header names, ragged rows,
// an unterminated quote, text after a closing quote, infinite numbers, size over the limit.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/data/table.hpp"

namespace lab {

struct CsvOptions {
  char delimiter = ',';
  size_t max_bytes = 200u * 1024u * 1024u;  // 200 MB
  size_t max_cells = 5'000'000;             // rows x columns, header excluded
};

Table parse_csv(std::string_view text, const CsvOptions& opt = {});

// True for the unquoted spellings of a missing value listed above (the empty string included).
bool is_missing_token(std::string_view field);

}  // namespace lab
