#include "models/scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

namespace ccsim {

const char* channel_name(Channel channel) {
  switch (channel) {
    case Channel::Voice:
      return "voice";
    case Channel::Chat:
      return "chat";
    case Channel::Email:
      return "email";
  }
  return "?";
}

const char* callback_mode_name(CallbackMode mode) {
  switch (mode) {
    case CallbackMode::VirtualHold:
      return "virtual_hold";
    case CallbackMode::Scheduled:
      return "scheduled";
  }
  return "?";
}

const char* agent_choice_name(AgentChoice choice) {
  switch (choice) {
    case AgentChoice::LongestIdle:
      return "longest_idle";
    case AgentChoice::FastestGroup:
      return "fastest_group";
    case AgentChoice::Random:
      return "random";
    case AgentChoice::LeastOccupied:
      return "least_occupied";
  }
  return "?";
}

int Horizon::interval_at(double t_s) const {
  if (!(t_s > 0)) return 0;  // also NaN
  if (days == 1) {
    const double k = std::floor(t_s / interval_s);
    return k >= double(interval_count() - 1) ? interval_count() - 1 : int(k);
  }
  const double d = std::min(std::floor(t_s / kDayS), double(days - 1));
  const double i = std::floor((t_s - d * kDayS) / interval_s);
  return int(d) * intervals + (i >= double(intervals - 1) ? intervals - 1 : int(i));
}

bool Horizon::closed_at(double t_s) const {
  if (days == 1 || !(t_s >= 0)) return false;
  const double d = std::floor(t_s / kDayS);
  return d < double(days - 1) && t_s >= day_close_s(int(d));
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = (long long)yoe + era * 400 + (m <= 2);
}

// y-m-d of a date written "YYYY-MM-DD" (years 0000 to 9999), when it is a real date.
bool parse_date(std::string_view text, long long& y, unsigned& m, unsigned& d) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const auto number = [&](std::size_t at, std::size_t n) {
    long long v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  y = number(0, 4);
  m = unsigned(number(5, 2));
  d = unsigned(number(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr unsigned kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kLength[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

std::optional<long long> date_day_number(std::string_view text) {
  long long y = 0;
  unsigned m = 0, d = 0;
  if (!parse_date(text, y, m, d)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::optional<int> weekday_of_date(std::string_view date) {
  const std::optional<long long> z = date_day_number(date);
  if (!z) return std::nullopt;
  return int(((*z + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (3)
}

bool is_calendar_date(const std::string& text) {
  return date_day_number(text) && text.compare(0, 4, "0000") != 0;
}

std::string add_days(const std::string& date, int days) {
  const std::optional<long long> z = date_day_number(date);
  if (!z) return date;
  long long y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(*z + days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
  return buf;
}

const char* weekday_name(const std::string& date) {
  static constexpr const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const std::optional<int> w = weekday_of_date(date);
  return w ? kNames[*w] : "?";
}

std::string day_date(const Horizon& horizon, int d) {
  return horizon.start_date.empty() ? std::string() : add_days(horizon.start_date, d);
}

std::string interval_label(const Horizon& horizon, int k) {
  const std::string clock =
      clock_label(horizon.start, double(k % horizon.intervals) * horizon.interval_s);
  const int d = horizon.day_of(k);
  if (!horizon.start_date.empty()) {
    return std::string(weekday_name(day_date(horizon, d))) + " " + clock;
  }
  if (horizon.days > 1) return "D" + std::to_string(d + 1) + " " + clock;
  return clock;
}

std::string clock_label(const std::string& start, double offset_s) {
  int h = 0, m = 0;
  if (std::sscanf(start.c_str(), "%d:%d", &h, &m) != 2) h = m = 0;
  if (!std::isfinite(offset_s)) return "--:--";
  // The time of day first (fmod is exact for any finite offset), then rounded to the second.
  double day_s = std::fmod(double(h * 3600 + m * 60) + std::fmod(offset_s, 86400.0), 86400.0);
  if (day_s < 0.0) day_s += 86400.0;
  const long long total = std::llround(day_s) % 86400;
  char buf[16];
  if (total % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", total / 3600, total / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  }
  return buf;
}

double WaitCurve::at(double wait_s) const {
  if (points.empty()) return 0.0;
  if (wait_s <= points.front().first) return points.front().second;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto& [x1, y1] = points[i];
    if (wait_s <= x1) {
      const auto& [x0, y0] = points[i - 1];
      return y0 + (y1 - y0) * (wait_s - x0) / (x1 - x0);
    }
  }
  return points.back().second;
}

const char* wait_predictor_name(WaitPredictor predictor) {
  switch (predictor) {
    case WaitPredictor::QueueLength:
      return "queue_length";
    case WaitPredictor::LastToEnterService:
      return "last_to_enter_service";
    case WaitPredictor::HeadOfLine:
      return "head_of_line";
    case WaitPredictor::QueueLengthAbandonment:
      return "queue_length_with_abandonment";
  }
  return "?";
}

namespace {

// Scheduled agents (before shrinkage) as a step function over [0, horizon end): sorted, first
// entry at 0, consecutive entries differ.
std::vector<StaffChange> scheduled_schedule(const AgentGroup& group, const Horizon& horizon) {
  std::vector<StaffChange> steps;
  auto push = [&steps](double t, int n) {
    if (!steps.empty() && steps.back().agents == n) return;
    if (!steps.empty() && steps.back().time_s == t) {
      steps.back().agents = n;
      if (steps.size() >= 2 && steps[steps.size() - 2].agents == n) steps.pop_back();
      return;
    }
    steps.push_back({t, n});
  };
  switch (group.staff.kind) {
    case Staffing::Kind::Count:
      for (int d = 0; d < horizon.days; ++d) {  // off duty while closed
        push(horizon.day_open_s(d), group.staff.count);
        if (d + 1 < horizon.days) push(horizon.day_close_s(d), 0);
      }
      break;
    case Staffing::Kind::PerInterval:
      for (std::size_t i = 0; i < group.staff.per_interval.size(); ++i) {
        push(horizon.interval_start_s(int(i)), group.staff.per_interval[i]);
        const int d = horizon.day_of(int(i));
        if (int(i) % horizon.intervals == horizon.intervals - 1 && d + 1 < horizon.days) {
          push(horizon.day_close_s(d), 0);
        }
      }
      break;
    case Staffing::Kind::Shifts: {
      std::map<double, int> delta{{0.0, 0}};
      for (const Shift& s : group.staff.shifts) {
        delta[s.start_s] += s.count;
        delta[s.end_s] -= s.count;
      }
      int level = 0;
      for (const auto& [t, d] : delta) {
        level += d;
        if (t >= horizon.end_s()) break;
        push(t, level);
      }
      break;
    }
  }
  if (steps.empty()) steps.push_back({0.0, 0});
  return steps;
}

// The scheduled step function with a step at the start of every interval (the times at which
// the shrinkage may change), in time order.
std::vector<StaffChange> with_interval_starts(const std::vector<StaffChange>& steps,
                                              const Horizon& horizon) {
  std::vector<StaffChange> out;
  std::size_t next = 0;
  int level = 0;
  for (int k = 0; k < horizon.interval_count(); ++k) {
    const double start = horizon.interval_start_s(k);
    for (; next < steps.size() && steps[next].time_s < start; ++next) {
      out.push_back(steps[next]);
      level = steps[next].agents;
    }
    if (next < steps.size() && steps[next].time_s == start) level = steps[next++].agents;
    out.push_back({start, level});
  }
  for (; next < steps.size(); ++next) out.push_back(steps[next]);
  return out;
}

}  // namespace

int net_agents(int scheduled, double shrinkage) {
  return static_cast<int>(std::floor(double(scheduled) * (1.0 - shrinkage) + 0.5 + 1e-9));
}

int scheduled_agents(int net, double shrinkage) {
  if (net <= 0) return 0;
  // Start near the answer, ceil((net − 0.5) ÷ (1 − s)), then settle it on the rule itself.
  int m = std::max(net, static_cast<int>(std::ceil((double(net) - 0.5) / (1.0 - shrinkage))));
  while (m > net && net_agents(m - 1, shrinkage) >= net) --m;
  while (net_agents(m, shrinkage) < net) ++m;
  return m;
}

bool has_input_uncertainty(const Scenario& scenario) {
  return std::any_of(scenario.agent_groups.begin(), scenario.agent_groups.end(),
                     [](const AgentGroup& g) { return g.availability_cv > 0.0; });
}

Scenario without_input_uncertainty(Scenario scenario) {
  for (AgentGroup& g : scenario.agent_groups) g.availability_cv = 0.0;
  return scenario;
}

std::vector<StaffChange> net_staffing_schedule(const AgentGroup& group, const Horizon& horizon) {
  std::vector<StaffChange> net;
  const bool by_interval = !group.shrinkage_by_interval.empty();
  const std::vector<StaffChange> scheduled =
      by_interval ? with_interval_starts(scheduled_schedule(group, horizon), horizon)
                  : scheduled_schedule(group, horizon);
  for (const StaffChange& s : scheduled) {
    const double shrinkage =
        by_interval ? group.shrinkage_in(horizon.interval_at(s.time_s)) : group.shrinkage;
    const int n = net_agents(s.agents, shrinkage);
    if (net.empty() || net.back().agents != n) net.push_back({s.time_s, n});
  }
  return net;
}

void finish_shrinkage(AgentGroup& group) {
  const std::vector<double>& s = group.shrinkage_by_interval;
  if (s.empty()) return;
  const bool all_equal = std::all_of(s.begin(), s.end(), [&s](double x) { return x == s[0]; });
  group.shrinkage = all_equal ? s[0] : std::accumulate(s.begin(), s.end(), 0.0) / double(s.size());
}

void finish_interval_means(Scenario& scenario) {
  for (ContactType& type : scenario.contact_types) {
    type.handle_time.finish_interval_means();
    if (type.wrap_up) type.wrap_up->finish_interval_means();
    if (type.patience) type.patience->finish_interval_means();
  }
  for (AgentGroup& group : scenario.agent_groups) finish_shrinkage(group);
}

bool has_interval_means(const ContactType& type) {
  return !type.handle_time.mean_s_by_interval.empty() ||
         (type.wrap_up && !type.wrap_up->mean_s_by_interval.empty()) ||
         (type.patience && !type.patience->mean_s_by_interval.empty());
}

double agent_seconds(const std::vector<StaffChange>& steps, double lo, double hi) {
  // From the last step at or before lo (the ones before it add nothing) to the first at hi.
  auto first = std::upper_bound(steps.begin(), steps.end(), lo,
                                [](double t, const StaffChange& s) { return t < s.time_s; });
  if (first != steps.begin()) --first;
  double integral = 0.0;
  for (auto k = std::size_t(first - steps.begin()); k < steps.size() && steps[k].time_s < hi; ++k) {
    const double a = std::max(lo, steps[k].time_s);
    const double b = std::min(hi, k + 1 < steps.size() ? steps[k + 1].time_s : hi);
    if (b > a) integral += double(steps[k].agents) * (b - a);
  }
  return integral;
}

double scheduled_agents_in_interval(const AgentGroup& group, const Horizon& horizon, int i) {
  const double lo = horizon.interval_start_s(i), hi = lo + horizon.interval_s;
  return agent_seconds(scheduled_schedule(group, horizon), lo, hi) / horizon.interval_s;
}

double expected_arrivals(const ContactType& type, const Horizon& horizon, int i) {
  const Arrivals& a = type.arrivals;
  const double len = horizon.interval_s;
  switch (a.kind) {
    case Arrivals::Kind::RatePerHour:
      return a.rate_per_hour * len / 3600.0 * a.volume_factor;
    case Arrivals::Kind::PerInterval:
      return std::size_t(i) < a.per_interval.size()
                 ? a.per_interval[std::size_t(i)] * a.volume_factor
                 : 0.0;
    case Arrivals::Kind::Trace: {
      const auto& t = a.trace_times_s;
      const auto lo = std::lower_bound(t.begin(), t.end(), horizon.interval_start_s(i));
      const auto hi = std::lower_bound(t.begin(), t.end(), horizon.interval_end_s(i));
      return double(hi - lo);
    }
  }
  return 0.0;
}

double share_to_agents(const ContactType& type) {
  double share = 1.0;
  if (type.self_service) share *= 1.0 - type.self_service->deflection;
  if (type.chatbot) {
    share *= std::max(0.0, 1.0 - type.chatbot->containment - type.chatbot->abandon_prob);
  }
  return share;
}

double mean_agent_time_s(const ContactType& type, int k) {
  double handle = type.handle_time.mean_in(k);
  if (type.chatbot && type.chatbot->handoff_handle_time) {
    handle = type.chatbot->handoff_handle_time->mean_s;
  }
  return handle + (type.wrap_up ? type.wrap_up->mean_in(k) : 0.0);
}

const Distribution* queue_patience(const ContactType& type) {
  if (type.channel == Channel::Email) return nullptr;
  if (type.chatbot && type.chatbot->handoff_patience) return &*type.chatbot->handoff_patience;
  return type.patience ? &*type.patience : nullptr;
}

}  // namespace ccsim
