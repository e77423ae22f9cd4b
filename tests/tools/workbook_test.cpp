#include "tools/workbook.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "tests/cli/run_ccsim.h"
#include "tests/tools/workbook_reader.h"

namespace ccsim::cli {
namespace {

using test::read_workbook;
using test::sheet_of;

Sheet sample_sheet() {
  return {"intervals",
          {{"contact_type", ColumnKind::Text},
           {"interval", ColumnKind::Integer},
           {"start", ColumnKind::Clock},
           {"service_level", ColumnKind::Percent, 1},
           {"asa_s", ColumnKind::Number, 1},
           {"talk", ColumnKind::Duration},
           {"date", ColumnKind::Date}},
          {{std::string("billing"), 0.0, 30600.0, 0.8125, 12.25, 3725.0, 20794.0},
           {std::string("billing"), 1.0, 32400.0, Cell(), 7.0, 60.0, 20795.0}}};
}

std::filesystem::path write_sample(const std::vector<Sheet>& sheets, const std::string& test) {
  const auto dir = test::temp_dir(test);
  const std::string bytes = workbook_bytes(sheets);
  std::ofstream(dir / "book.xlsx", std::ios::binary) << bytes;
  return dir / "book.xlsx";
}

TEST(Workbook, IsAZipFileOfSheetsInTheOrderGiven) {
  const std::string bytes = workbook_bytes({sample_sheet(), {"totals", {{"x"}}, {}}});
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));  // an .xlsx is a zip archive
  const auto book = read_workbook(write_sample({sample_sheet(), {"totals", {{"x"}}, {}}}, "wb1"));
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  ASSERT_FALSE(book->contains("error")) << book->dump();
  ASSERT_EQ(book->at("sheets").size(), 2u);
  EXPECT_EQ(book->at("sheets")[0]["name"], "intervals");
  EXPECT_EQ(book->at("sheets")[1]["name"], "totals");
}

TEST(Workbook, StoresNumbersAsNumbersWithTheirColumnsFormats) {
  const auto book = read_workbook(write_sample({sample_sheet()}, "wb2"));
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  const nlohmann::json s = sheet_of(*book, "intervals");
  ASSERT_FALSE(s.is_null()) << book->dump();
  EXPECT_EQ(s["values"][0],
            nlohmann::json::parse(
                R"(["contact_type","interval","start","service_level","asa_s","talk","date"])"));
  EXPECT_EQ(s["values"][1][0], "billing");
  EXPECT_EQ(s["values"][1][1], 0);
  EXPECT_DOUBLE_EQ(s["values"][1][3].get<double>(), 0.8125);  // the share, not 81.3 or text
  EXPECT_EQ(s["formats"][1][3], "0.0%");
  EXPECT_DOUBLE_EQ(s["values"][1][4].get<double>(), 12.25);
  EXPECT_EQ(s["formats"][1][4], "0.0");
  EXPECT_EQ(s["formats"][1][1], "0");
  EXPECT_NEAR(s["values"][1][2].get<double>(), 30600.0, 1e-3);  // 08:30 as a time of day
  EXPECT_EQ(s["formats"][1][2], "hh:mm");
  EXPECT_NEAR(s["values"][1][5].get<double>(), 3725.0, 1e-3);  // 1:02:05
  EXPECT_EQ(s["formats"][1][5], "[h]:mm:ss");
  // 2026-12-07, 20794 days after 1970-01-01: Excel's day 46363 (read back as seconds).
  EXPECT_NEAR(s["values"][1][6].get<double>(), 46363.0 * 86400, 1e-3);
  EXPECT_EQ(s["formats"][1][6], "yyyy-mm-dd");
  EXPECT_TRUE(s["values"][2][3].is_null());  // an undefined figure is an empty cell
}

TEST(Workbook, FreezesTheBoldHeaderRowAndFiltersEveryColumn) {
  const auto book = read_workbook(write_sample({sample_sheet()}, "wb3"));
  if (!book) GTEST_SKIP() << "python3-openpyxl not installed";
  const nlohmann::json s = sheet_of(*book, "intervals");
  EXPECT_EQ(s["frozen"], "A2");
  EXPECT_EQ(s["autofilter"], "A1:G3");
  EXPECT_EQ(s["bold"], nlohmann::json::parse("[true,true,true,true,true,true,true]"));
}

TEST(Workbook, RefusesARowOfTheWrongLength) {
  Sheet s = sample_sheet();
  s.rows[1].pop_back();
  try {
    workbook_bytes({s});
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "sheet intervals: row 2 has 6 cells for 7 columns");
  }
}

TEST(WorkbookSheetName, ReplacesForbiddenCharactersAndCutsTo31) {
  EXPECT_EQ(sheet_name("a/b:c*d?e[f]g\\h", {}), "a_b_c_d_e_f_g_h");
  EXPECT_EQ(sheet_name(std::string(40, 'x'), {}), std::string(31, 'x'));
  EXPECT_EQ(sheet_name("'quoted'", {}), "_quoted_");
}

TEST(WorkbookSheetName, NumbersANameAlreadyTakenIgnoringCase) {
  EXPECT_EQ(sheet_name("Totals", {"totals"}), "Totals (2)");
  EXPECT_EQ(sheet_name("totals", {"totals", "TOTALS (2)"}), "totals (3)");
  EXPECT_EQ(sheet_name(std::string(31, 'y'), {std::string(31, 'y')}),
            std::string(27, 'y') + " (2)");
}

}  // namespace
}  // namespace ccsim::cli
