#include "tools/progress.h"

#include <algorithm>
#include <cmath>

#include "tools/table_text.h"

namespace ccsim::cli {

namespace {

std::string duration_text(double s) {
  if (s < 90.0) return format_number(s, 1) + " s";
  if (s < 90.0 * 60.0) return format_number(s / 60.0, 1) + " min";
  return format_number(s / 3600.0, 1) + " h";
}

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, std::string_view unit,
                          double elapsed_s, std::string_view note, int bar_width) {
  const double fraction = total == 0 ? 1.0 : double(done) / double(total);
  const int filled = std::clamp(int(std::floor(fraction * bar_width)), 0, bar_width);
  std::string line = "[" + std::string(std::size_t(filled), '#') +
                     std::string(std::size_t(bar_width - filled), '.') + "] " +
                     std::to_string(done) + "/" + std::to_string(total);
  if (!unit.empty()) line += " " + std::string(unit);
  if (done > 0 && elapsed_s > 0.0) {
    const double rate = double(done) / elapsed_s;
    line += "  " + format_number(rate, rate < 10.0 ? 2 : 1) + "/s";
    if (done < total) line += "  ETA " + duration_text(double(total - done) / rate);
  }
  if (done == total) line += "  done in " + duration_text(elapsed_s);
  if (!note.empty()) line += "  " + std::string(note);
  return line;
}

namespace {
thread_local ProgressObserver* installed_observer = nullptr;
}  // namespace

ObserveProgress::ObserveProgress(ProgressObserver* observer) : previous_(installed_observer) {
  installed_observer = observer;
}

ObserveProgress::~ObserveProgress() {
  installed_observer = previous_;
}

ProgressBar::ProgressBar(bool enabled, std::string unit, std::ostream& out)
    : enabled_(enabled),
      observer_(installed_observer),
      unit_(std::move(unit)),
      out_(out),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(std::size_t done, std::size_t total, std::string_view note) {
  if (observer_) {
    std::lock_guard<std::mutex> lock(mutex_);
    observer_->update(done, total, unit_);
  }
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  // Callers on several threads may report counts out of order: keep the highest.
  if (complete_ || done < max_done_) return;
  max_done_ = done;
  const auto now = std::chrono::steady_clock::now();
  const bool complete = done >= total;
  if (!complete && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(std::min(done, total), total, note);
  if (complete) {
    complete_ = true;
    out_ << '\n' << std::flush;
    drawn_ = false;
    last_width_ = 0;
  }
}

void ProgressBar::finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!drawn_) return;
  out_ << '\n' << std::flush;
  drawn_ = false;
  last_width_ = 0;
}

void ProgressBar::complete(std::size_t done, std::string_view note) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!drawn_ || complete_) return;
  draw(done, done, note);
  complete_ = true;
  out_ << '\n' << std::flush;
  drawn_ = false;
  last_width_ = 0;
}

void ProgressBar::draw(std::size_t done, std::size_t total, std::string_view note) {
  const double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = progress_line(done, total, unit_, elapsed_s, note);
  const std::size_t width = line.size();
  // Blank what is left of a longer earlier line.
  if (width < last_width_) line += std::string(last_width_ - width, ' ');
  out_ << '\r' << line << std::flush;
  last_width_ = width;
  drawn_ = true;
}

}  // namespace ccsim::cli
