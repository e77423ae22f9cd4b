// Counts in messages.
#include "models/io/plural.h"

#include <gtest/gtest.h>

namespace {

using ccsim::text::plural;

TEST(Plural, OneIsSingularAndEveryOtherCountPlural) {
  EXPECT_EQ(plural(1, "agent group"), "1 agent group");
  EXPECT_EQ(plural(0, "agent group"), "0 agent groups");
  EXPECT_EQ(plural(2, "malformed row"), "2 malformed rows");
  EXPECT_EQ(plural(1, "entry", "entries"), "1 entry");
  EXPECT_EQ(plural(3, "entry", "entries"), "3 entries");
}

}  // namespace
