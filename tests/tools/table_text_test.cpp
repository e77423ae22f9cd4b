// Numbers and aligned tables as commands write them (tools/table_text.h).
#include "tools/table_text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ccsim::cli {
namespace {

TEST(TableText, NumbersHaveFixedDecimalsInTables) {
  EXPECT_EQ(format_number(12.06, 1), "12.1");
  EXPECT_EQ(format_number(0.8126, 3), "0.813");
}

TEST(TableText, CsvFiguresHaveTheDecimalsShownInTables) {
  EXPECT_EQ(csv_number(2492.1499999999996, decimals_for("offered")), "2492.1");
  EXPECT_EQ(csv_number(2492.1499999999996, 2), "2492.15");
  EXPECT_EQ(csv_number(0.81345, decimals_for("service_level")), "0.813");
  EXPECT_EQ(csv_number(-0.00004, 3), "0.000");  // no "-0.000"
  EXPECT_EQ(csv_number(-0.4, 1), "-0.4");
}

TEST(TableText, CsvExactQuantitiesAreTheShortestTextThatReadsBack) {
  EXPECT_EQ(csv_number(0.1), "0.1");
  EXPECT_EQ(csv_number(3.0), "3");
  EXPECT_EQ(csv_number(1800.0), "1800");
  EXPECT_EQ(csv_number(1e300), "1e+300");
  const double third = 1.0 / 3.0;
  EXPECT_EQ(std::stod(csv_number(third)), third);
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
