#pragma once
// Turning the bytes of a file a participant brings into UTF-8 text, and keeping every string the
// lab emits valid UTF-8.
//
// The rule (shown to participants as a note when it is not plain UTF-8):
//  - UTF-8, with or without a byte-order mark: read as is;
//  - UTF-16 little or big endian with a byte-order mark (what "Unicode text" in Excel saves):
//    converted to UTF-8;
//  - anything else is read as Windows-1252, the Western European code page spreadsheet programs
//    on Windows write (a superset of Latin-1 for printable text: é, ü, €), with a note such as
//    "read as Windows-1252; 3 characters converted";
//  - binary files are refused with what they look like (a PNG image, a ZIP archive or Excel
//    workbook, a PDF, ...): reading them as text would import garbage, e.g. a PNG as 1x1.
#include <cstddef>
#include <string>
#include <string_view>

namespace lab {

struct DecodedText {
  std::string text;      // valid UTF-8, without a byte-order mark
  std::string encoding;  // "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE" or "Windows-1252"
  size_t converted = 0;  // characters that were not ASCII in a non-UTF-8 file
  // "" for UTF-8; otherwise what the participant should know, e.g.
  // "read as Windows-1252; 3 characters converted".
  std::string note;
};

// Throws std::invalid_argument for binary content, naming what the file looks like.
DecodedText decode_text_file(std::string_view bytes);

// What a binary file looks like ("a PNG image", "a ZIP archive (or an Excel .xlsx workbook)",
// ...), or "" when the bytes can be text.
std::string binary_file_kind(std::string_view bytes);

bool is_valid_utf8(std::string_view s);
// s itself when valid UTF-8; otherwise every byte that is not part of a valid UTF-8 sequence is
// read as Windows-1252. For strings from outside (file names, command-line arguments, messages)
// on their way into JSON.
std::string to_valid_utf8(std::string_view s);

}  // namespace lab
