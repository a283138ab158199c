// RowParts cuts a pass into consecutive runs of rows: every row once, in order, no part above
// kWorkPerPart row visits (unless one row costs more), parts starting on the asked alignment.
#include <catch2/catch.hpp>

#include "core/models/row_parts.hpp"

using namespace lab;

TEST_CASE("a pass over rows comes in consecutive parts of bounded row visits") {
  struct Case {
    size_t rows, visits, align;
  };
  for (Case c : {Case{1000000, 6, 1}, Case{1000000, 36, 256}, Case{5, 1, 1}, Case{0, 3, 1}, Case{300, kWorkPerPart * 2, 1},
                 Case{100000, 100000, 256}}) {
    INFO(c.rows << " rows, " << c.visits << " visits, align " << c.align);
    RowParts p;
    p.start(c.rows, c.visits, c.align);
    size_t next = 0, parts = 0;
    while (!p.done()) {
      const RowRange r = p.next();
      ++parts;
      CHECK(r.from == next);
      CHECK(r.from % c.align == 0);
      CHECK(r.to > r.from);
      // Bounded, except that a part holds at least one row (or one aligned block).
      CHECK((r.size() * c.visits <= kWorkPerPart || r.size() <= c.align));
      next = r.to;
    }
    CHECK(next == c.rows);
    if (c.visits * c.align <= kWorkPerPart) CHECK(parts == (c.rows + p.rows_per_part() - 1) / p.rows_per_part());
  }
}
