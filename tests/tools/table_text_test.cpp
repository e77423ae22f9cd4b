// Numbers and aligned tables as commands write them (tools/table_text.h).
#include "tools/table_text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ccsim::cli {
namespace {

TEST(TableText, NumbersHaveFixedDecimalsInTablesAndFullPrecisionInCsv) {
  EXPECT_EQ(format_number(12.06, 1), "12.1");
  EXPECT_EQ(format_number(0.8126, 3), "0.813");
  EXPECT_EQ(csv_number(0.1), "0.10000000000000001");
  EXPECT_EQ(csv_number(3.0), "3");
}

TEST(TableText, CellIsMeanWithHalfWidthOrDashWhenUndefined) {
  sim::Estimate e;
  e.mean = 0.5;
  e.ci95 = 0.01;
  e.n = 20;
  EXPECT_EQ(cell(e, 3), "0.500 ± 0.010");
  e.ci95 = 0.0;
  e.n = 1;  // one replication: no spread, still an estimate
  EXPECT_EQ(cell(e, 3), "0.500 ± 0.000");
  e.n = 0;  // exact (the transient model): no replications
  EXPECT_EQ(cell(e, 3), "0.500");
  EXPECT_EQ(cell(std::nullopt, 3), "-");
  EXPECT_EQ(decimals_for("service_level"), 3);
  EXPECT_EQ(decimals_for("asa_s"), 1);
}

TEST(TableText, TableAlignsLabelColumnsLeftAndNumbersRight) {
  const std::vector<std::vector<std::string>> rows{
      {"name", "kind", "n"}, {"ab", "x", "10"}, {"c±", "long", "7"}};
  std::ostringstream one;
  print_table(one, rows);
  EXPECT_EQ(one.str(),
            "name  kind   n\n"
            "--------------\n"
            "ab       x  10\n"
            "c±    long   7\n");
  std::ostringstream two;
  print_table(two, rows, 2);
  EXPECT_EQ(two.str(),
            "name  kind   n\n"
            "--------------\n"
            "ab    x     10\n"
            "c±    long   7\n");
}

}  // namespace
}  // namespace ccsim::cli
