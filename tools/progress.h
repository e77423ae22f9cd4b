// Progress of long work on stderr: a bar with count, rate and time left, e.g.
//   [#########.........] 45/100 replications  12.3/s  ETA 4.5 s
// redrawn in place (carriage return) at most every 0.1 s, and ended with a newline when the
// work is done. Drawn only when enabled (show_progress(): stderr is a terminal and not
// --quiet); a disabled bar writes nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace ccsim::cli {

// One line of progress (no carriage return or newline): a bar of `bar_width` cells, "done/total
// unit", the rate per second once measurable, and the time left ("ETA 4.5 s"; minutes and hours
// beyond 90 s and 90 min) once at least one item is done; `note` follows when not empty.
// REQUIRES: done <= total.
std::string progress_line(std::size_t done, std::size_t total, std::string_view unit,
                          double elapsed_s, std::string_view note = {}, int bar_width = 24);

// Sees the counts of every ProgressBar constructed on a thread while it is installed there
// (ObserveProgress): the Python module reports a command's progress and stops it through it.
class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  // Called by ProgressBar::update (enabled or not) with its counts and unit, on the reporting
  // thread, serialised per bar. May throw to stop the work: the exception leaves update(), so
  // only where the bar's caller lets it through (replications and staffing iterations; not
  // the points of a sweep, counted on its worker threads, whose observer must not throw).
  virtual void update(std::size_t done, std::size_t total, std::string_view unit) = 0;
  // Whether the work should stop at its next chance without throwing (a sweep asks before each
  // point; the points under way finish). Thread-safe. Default: false.
  virtual bool stop_requested() const { return false; }
};

// Installs `observer` for the bars constructed on the calling thread during its lifetime.
// REQUIRES: observer outlives those bars.
class ObserveProgress {
 public:
  explicit ObserveProgress(ProgressObserver* observer);
  ObserveProgress(const ObserveProgress&) = delete;
  ObserveProgress& operator=(const ObserveProgress&) = delete;
  ~ObserveProgress();

 private:
  ProgressObserver* previous_;
};

class ProgressBar {
 public:
  // `unit` names what is counted ("replications", "points", "iterations").
  ProgressBar(bool enabled, std::string unit, std::ostream& out);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  // Ends the line if anything was drawn and finish() was not called.
  ~ProgressBar();

  // Records `done` of `total` items. Thread-safe. Redraws when 0.1 s have passed since the last
  // drawing, or when done == total (then the line ends with a newline, once). Ignored once done
  // has reached total, and when `done` is below a count already reported.
  void update(std::size_t done, std::size_t total, std::string_view note = {});
  // Ends the line (newline) if anything was drawn. Thread-safe.
  void finish();
  // The work is complete after `done` items, fewer than the total announced (a search that
  // stopped before its budget): draws the bar once more as finished, "done/done unit ... done in
  // T", with `note`, and ends the line. Nothing when nothing was drawn, nor once complete.
  // Thread-safe.
  void complete(std::size_t done, std::string_view note = {});
  // Whether the observer installed when the bar was made asks the work to stop
  // (ProgressObserver::stop_requested); false without one. Thread-safe.
  bool stop_requested() const { return observer_ != nullptr && observer_->stop_requested(); }

 private:
  void draw(std::size_t done, std::size_t total, std::string_view note);

  const bool enabled_;
  ProgressObserver* const observer_;  // installed on the constructing thread, or null
  const std::string unit_;
  std::ostream& out_;
  std::mutex mutex_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;          // a line is on screen, not yet ended
  bool complete_ = false;       // done reached total
  std::size_t max_done_ = 0;    // highest count reported
  std::size_t last_width_ = 0;  // characters of the line on screen
};

}  // namespace ccsim::cli
