# The UI font cut down to the characters the lab draws (src/app/glyph_ranges.inc), with fontTools'
# pyftsubset (Debian package fonttools). ImGui rasterises outlines with stb_truetype, which reads
# no hinting, kerning or layout tables, so dropping them changes no pixel
# (tests/app/font_subset_test.cpp compares the atlases). 760 KB -> 24 KB in the page's download.
# Sets LAB_UI_FONT_SUBSET to the generated file.
find_program(LAB_PYFTSUBSET pyftsubset REQUIRED)
file(STRINGS ${CMAKE_SOURCE_DIR}/src/app/glyph_ranges.inc LAB_GLYPH_LINES REGEX "^0x")
set(LAB_UNICODES "")
foreach(line IN LISTS LAB_GLYPH_LINES)
  string(REGEX MATCH "^0x([0-9A-Fa-f]+), *0x([0-9A-Fa-f]+)" _ "${line}")
  list(APPEND LAB_UNICODES "U+${CMAKE_MATCH_1}-${CMAKE_MATCH_2}")
endforeach()
list(APPEND LAB_UNICODES "U+FFFD")  # ImGui's fallback glyph for anything else
list(JOIN LAB_UNICODES "," LAB_UNICODES)
set(LAB_UI_FONT_SUBSET ${CMAKE_BINARY_DIR}/fonts/DejaVuSans-lab.ttf)
add_custom_command(OUTPUT ${LAB_UI_FONT_SUBSET}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/fonts
  COMMAND ${LAB_PYFTSUBSET} ${LAB_FONT} --unicodes=${LAB_UNICODES} --no-hinting --layout-features= --drop-tables+=FFTM
          --output-file=${LAB_UI_FONT_SUBSET}
  DEPENDS ${CMAKE_SOURCE_DIR}/src/app/glyph_ranges.inc ${LAB_FONT}
  COMMENT "Cutting the UI font down to the lab's characters")
add_custom_target(lab_ui_font DEPENDS ${LAB_UI_FONT_SUBSET})
