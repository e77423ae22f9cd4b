// Windows: the spans over which the model reports figures (intervals, the horizon, days).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "models/scenario/scenario.h"

namespace ccsim::centre {

// Figures of the windows of a horizon after the warm-up: each interval's (per_interval[i]),
// [warm-up, horizon end] (total) and, with several days, each day's (per_day[d]: from its
// opening to the next day's opening, its closed hours included, the last day to the horizon's
// end; empty with one day).
template <class T>
struct Windows {
  std::vector<T> per_interval, per_day;
  T total{};
};

// The figures of every window of `horizon` after warmup_s, window(lo_s, hi_s) giving those of
// [lo_s, hi_s] (hi_s <= lo_s: an empty window).
template <class Window>
auto by_window(const Horizon& horizon, double warmup_s, const Window& window)
    -> Windows<decltype(window(0.0, 0.0))> {
  Windows<decltype(window(0.0, 0.0))> w;
  for (int i = 0; i < horizon.interval_count(); ++i) {
    w.per_interval.push_back(
        window(std::max(horizon.interval_start_s(i), warmup_s), horizon.interval_end_s(i)));
  }
  w.total = window(warmup_s, horizon.end_s());
  for (int d = 0; d < horizon.days && horizon.days > 1; ++d) {
    const double hi = d + 1 < horizon.days ? horizon.day_open_s(d + 1) : horizon.end_s();
    w.per_day.push_back(window(std::max(horizon.day_open_s(d), warmup_s), hi));
  }
  return w;
}

// The index of the first of the sorted checkpoints_s at or after x_s.
inline std::size_t checkpoint_at(const std::vector<double>& checkpoints_s, double x_s) {
  return std::size_t(std::lower_bound(checkpoints_s.begin(), checkpoints_s.end(), x_s) -
                     checkpoints_s.begin());
}

}  // namespace ccsim::centre
