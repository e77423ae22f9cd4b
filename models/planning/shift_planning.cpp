#include "models/planning/shift_planning.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <queue>

#include "models/io/input_file.h"

namespace ccsim {

namespace {

// Largest cost per agent of a template: a plan of up to 10^6 agents per interval over every
// interval then costs far below the largest double.
constexpr double kMaxShiftCost = 1e12;

std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

std::string got(const nlohmann::json& v) {
  if (v.is_number()) return " (got " + number_text(v.get<double>()) + ")";
  return " (got " + v.dump() + ")";
}

// Whether x is a whole multiple of `unit` (to a relative 1e-9).
bool is_multiple(double x, double unit) {
  const double q = x / unit;
  return std::fabs(q - std::round(q)) <= 1e-9 * std::max(1.0, std::fabs(q));
}

// One template being read: its path for messages, and whether it is valid so far.
struct TemplateReading {
  const nlohmann::json& v;
  const std::string& path;
  std::vector<std::string>& errors;
  bool ok = true;

  // Adds "PATH.KEY: WHAT".
  void problem(const std::string& key, const std::string& what) {
    errors.push_back(path + "." + key + ": " + what);
    ok = false;
  }

  // The number at `key`; nullopt when it is absent (a problem if `required`) or not a finite
  // number (a problem).
  std::optional<double> number(const char* key, bool required) {
    if (!v.contains(key)) {
      if (required) problem(key, "is required");
      return std::nullopt;
    }
    const nlohmann::json& x = v[key];
    if (!x.is_number() || !std::isfinite(x.get<double>())) {
      problem(key, "must be a number" + got(x));
      return std::nullopt;
    }
    return x.get<double>();
  }
};

void read_start(TemplateReading& r, const Horizon& horizon, ShiftTemplate& t) {
  const auto s = r.number("start_s", true);
  if (!s) return;
  t.start_s = *s;
  const std::string value = got(r.v["start_s"]);
  if (*s < 0.0) {
    r.problem("start_s", "must be >= 0" + value);
  } else if (!(*s < horizon.end_s())) {
    r.problem("start_s", "must be < horizon end = " + number_text(horizon.end_s()) + value);
  } else if (horizon.days == 1 && !is_multiple(*s, horizon.interval_s)) {
    r.problem("start_s", "must be on an interval boundary (a multiple of " +
                             number_text(horizon.interval_s) + " s)" + value);
  } else if (horizon.days > 1 &&
             (horizon.closed_at(*s) ||
              !is_multiple(*s - horizon.day_open_s(horizon.day_of(horizon.interval_at(*s))),
                           horizon.interval_s))) {
    r.problem("start_s", "must be the start of an interval of an open day (a day's opening, " +
                             number_text(Horizon::kDayS) + " s × day, plus a multiple of " +
                             number_text(horizon.interval_s) + " s)" + value);
  }
}

void read_length(TemplateReading& r, const Horizon& horizon, ShiftTemplate& t) {
  const auto l = r.number("length_s", true);
  if (!l) return;
  t.length_s = *l;
  const std::string value = got(r.v["length_s"]);
  if (!(*l > 0.0)) {
    r.problem("length_s", "must be > 0" + value);
  } else if (*l > kMaxTimeS) {
    r.problem("length_s", "must be <= 1e9 s (about 31.7 years), so that costs stay finite" + value);
  } else if (!is_multiple(*l, horizon.interval_s)) {
    r.problem("length_s", "must be a whole number of intervals (a multiple of " +
                              number_text(horizon.interval_s) + " s)" + value);
  }
}

void read_cost(TemplateReading& r, ShiftTemplate& t) {
  const auto c = r.number("cost", false);
  if (!c) return;
  t.cost = *c;
  if (*c < 0.0) {
    r.problem("cost", "must be >= 0" + got(r.v["cost"]));
  } else if (*c > kMaxShiftCost) {
    r.problem("cost", "must be <= 1e12, so that a plan's cost stays finite" + got(r.v["cost"]));
  }
}

// The template `v` at `path`, or nullopt after adding its problems to `errors`.
std::optional<ShiftTemplate> read_template(const nlohmann::json& v, const std::string& path,
                                           const Horizon& horizon,
                                           std::vector<std::string>& errors) {
  if (!v.is_object()) {
    errors.push_back(path + ": must be an object" + got(v));
    return std::nullopt;
  }
  TemplateReading r{v, path, errors};
  for (const auto& [key, value] : v.items()) {
    if (key != "start_s" && key != "length_s" && key != "cost" && key != "name") {
      r.problem(key, "unknown key (expected start_s, length_s, cost, name)");
    }
  }
  ShiftTemplate t;
  read_start(r, horizon, t);
  read_length(r, horizon, t);
  read_cost(r, t);
  if (v.contains("name")) {
    if (v["name"].is_string()) {
      t.name = v["name"].get<std::string>();
    } else {
      r.problem("name", "must be a string" + got(v["name"]));
    }
  }
  if (!r.ok) return std::nullopt;
  return t;
}

// A flow network solved for the least-cost flow by successive shortest paths (Dijkstra with
// potentials). REQUIRES: every arc cost >= 0, so that zero potentials start valid.
class FlowNetwork {
 public:
  using Arc = std::pair<int, int>;  // (node, index of the arc in its list)

  explicit FlowNetwork(int nodes)
      : graph_(std::size_t(nodes)),
        potential_(std::size_t(nodes), 0.0),
        dist_(std::size_t(nodes)),
        prev_(std::size_t(nodes)) {}

  Arc add(int u, int v, long long cap, double cost) {
    graph_[std::size_t(u)].push_back({v, int(graph_[std::size_t(v)].size()), cap, cost});
    graph_[std::size_t(v)].push_back({u, int(graph_[std::size_t(u)].size()) - 1, 0, -cost});
    return Arc(u, int(graph_[std::size_t(u)].size()) - 1);
  }

  // The capacity left on `arc`.
  long long capacity(Arc arc) const {
    return graph_[std::size_t(arc.first)][std::size_t(arc.second)].cap;
  }

  // Sends `total` units from `source` to `sink` at least cost; false if the sink cannot be
  // reached before they are all sent.
  bool send(int source, int sink, long long total) {
    for (long long flow = 0; flow < total;) {
      if (!shortest_paths(source, sink)) return false;
      flow += augment(source, sink, total - flow);
    }
    return true;
  }

 private:
  struct Edge {
    int to, rev;
    long long cap;
    double cost;
  };

  // Dijkstra on the reduced costs from `source`; updates the potentials. False when `sink` is
  // unreachable.
  bool shortest_paths(int source, int sink) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    std::fill(dist_.begin(), dist_.end(), kInf);
    dist_[std::size_t(source)] = 0.0;
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
    heap.push({0.0, source});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d > dist_[std::size_t(u)]) continue;
      for (std::size_t e = 0; e < graph_[std::size_t(u)].size(); ++e) {
        const Edge& edge = graph_[std::size_t(u)][e];
        if (edge.cap <= 0) continue;
        const double reduced = std::max(
            0.0, edge.cost + potential_[std::size_t(u)] - potential_[std::size_t(edge.to)]);
        if (d + reduced < dist_[std::size_t(edge.to)]) {
          dist_[std::size_t(edge.to)] = d + reduced;
          prev_[std::size_t(edge.to)] = {u, int(e)};
          heap.push({d + reduced, edge.to});
        }
      }
    }
    if (dist_[std::size_t(sink)] == kInf) return false;
    for (std::size_t v = 0; v < dist_.size(); ++v) {
      if (dist_[v] < kInf) potential_[v] += dist_[v];
    }
    return true;
  }

  // Pushes up to `limit` units along the shortest path to `sink`; returns how many.
  long long augment(int source, int sink, long long limit) {
    long long push = limit;
    for (int v = sink; v != source; v = prev_[std::size_t(v)].first) {
      const auto [u, e] = prev_[std::size_t(v)];
      push = std::min(push, graph_[std::size_t(u)][std::size_t(e)].cap);
    }
    for (int v = sink; v != source; v = prev_[std::size_t(v)].first) {
      const auto [u, e] = prev_[std::size_t(v)];
      Edge& edge = graph_[std::size_t(u)][std::size_t(e)];
      edge.cap -= push;
      graph_[std::size_t(v)][std::size_t(edge.rev)].cap += push;
    }
    return push;
  }

  std::vector<std::vector<Edge>> graph_;
  std::vector<double> potential_;
  std::vector<double> dist_;
  std::vector<Arc> prev_;
};

// Whether every interval with a positive requirement is covered by some template.
bool coverable(const std::vector<int>& requirement, const std::vector<ShiftCover>& covers) {
  std::vector<bool> covered(requirement.size(), false);
  for (const ShiftCover& c : covers) {
    for (int i = c.first; i < c.end; ++i) covered[std::size_t(i)] = true;
  }
  for (std::size_t i = 0; i < requirement.size(); ++i) {
    if (requirement[i] > 0 && !covered[i]) return false;
  }
  return true;
}

}  // namespace

ShiftTemplatesParse parse_shift_templates(const nlohmann::json& doc, const Horizon& horizon,
                                          const std::string& where) {
  ShiftTemplatesParse out;
  if (!doc.is_array()) {
    out.errors.push_back(where + ": must be an array of shift templates" + got(doc));
    return out;
  }
  if (doc.empty()) {
    out.errors.push_back(where + ": must list at least one shift template");
    return out;
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const std::string path = where + "[" + std::to_string(i) + "]";
    if (auto t = read_template(doc[i], path, horizon, out.errors)) out.templates.push_back(*t);
  }
  if (!out.errors.empty()) out.templates.clear();
  return out;
}

ShiftTemplatesParse load_shift_templates(const std::filesystem::path& file,
                                         const Horizon& horizon) {
  ShiftTemplatesParse out;
  std::string text;
  if (auto problem = read_input_file(file, text)) {
    out.errors.push_back(*problem);
    return out;
  }
  JsonParse<nlohmann::json> doc = parse_json_text<nlohmann::json>(text, file.string());
  if (!doc.document) {
    out.errors.push_back(doc.error);
    return out;
  }
  return parse_shift_templates(*doc.document, horizon, file.string());
}

ShiftCover shift_cover(const ShiftTemplate& shift, const Horizon& horizon) {
  ShiftCover c;
  if (horizon.days == 1) {
    c.first = int(std::lround(shift.start_s / horizon.interval_s));
    c.end = std::min(horizon.intervals,
                     int(std::lround((shift.start_s + shift.length_s) / horizon.interval_s)));
  } else {  // within its day: the centre is closed after the day's last interval
    c.first = horizon.interval_at(shift.start_s);
    const int day_end = (horizon.day_of(c.first) + 1) * horizon.intervals;
    const double length = std::lround(shift.length_s / horizon.interval_s);
    c.end = int(std::min(double(day_end), double(c.first) + length));
  }
  c.cost = shift.cost_per_agent();
  return c;
}

std::optional<ShiftPlan> plan_shifts(const std::vector<int>& requirement,
                                     const std::vector<ShiftCover>& covers) {
  if (!coverable(requirement, covers)) return std::nullopt;
  // Min-cost flow: nodes 0..n (differenced rows), source n+1, sink n+2.
  const int n = int(requirement.size());
  const int source = n + 1, sink = n + 2;
  FlowNetwork network(n + 3);
  long long total = 0;
  for (int i = 0; i <= n; ++i) {
    const long long r = i < n ? requirement[std::size_t(i)] : 0;
    const long long before = i > 0 ? requirement[std::size_t(i - 1)] : 0;
    const long long supply = r - before;
    if (supply > 0) {
      network.add(source, i, supply, 0.0);
      total += supply;
    } else if (supply < 0) {
      network.add(i, sink, -supply, 0.0);
    }
  }
  const long long unbounded = std::max<long long>(total, 1);
  std::vector<FlowNetwork::Arc> template_arc;
  for (const ShiftCover& c : covers)
    template_arc.push_back(network.add(c.first, c.end, unbounded, c.cost));
  for (int i = 0; i < n; ++i) network.add(i + 1, i, unbounded, 0.0);
  if (!network.send(source, sink, total)) return std::nullopt;  // unreachable when coverable

  ShiftPlan plan;
  plan.coverage.assign(std::size_t(n), 0);
  for (std::size_t j = 0; j < covers.size(); ++j) {
    const long long used = unbounded - network.capacity(template_arc[j]);
    plan.count.push_back(int(used));
    plan.cost += double(used) * covers[j].cost;
    for (int i = covers[j].first; i < covers[j].end; ++i) {
      plan.coverage[std::size_t(i)] += int(used);
    }
  }
  return plan;
}

}  // namespace ccsim
