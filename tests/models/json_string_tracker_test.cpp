// JsonStringTracker: which characters of JSON text stand outside its strings.
#include <gtest/gtest.h>

#include <string>

#include "models/io/text.h"

namespace ccsim {
namespace {

// The characters of `json` the tracker says are outside strings, in order.
std::string outside_of(const std::string& json) {
  text::JsonStringTracker strings;
  std::string out;
  for (char c : json) {
    if (strings.outside(c)) out += c;
  }
  return out;
}

TEST(JsonStringTracker, QuotesAndWhatTheyEncloseAreInside) {
  EXPECT_EQ(outside_of(R"([1,"a,[b",2])"), "[1,,2]");
}

TEST(JsonStringTracker, AnEscapedQuoteDoesNotEndTheString) {
  EXPECT_EQ(outside_of(R"({"k\"]":[0]})"), "{:[0]}");
}

TEST(JsonStringTracker, AnEscapedBackslashDoesNotEscapeTheClosingQuote) {
  EXPECT_EQ(outside_of(R"(["\\",{}])"), "[,{}]");
}

}  // namespace
}  // namespace ccsim
