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
  const std::string interval = number_text(horizon.interval_s);
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const std::string path = where + "[" + std::to_string(i) + "]";
    const nlohmann::json& v = doc[i];
    if (!v.is_object()) {
      out.errors.push_back(path + ": must be an object" + got(v));
      continue;
    }
    ShiftTemplate t;
    bool ok = true;
    for (const auto& [key, value] : v.items()) {
      if (key != "start_s" && key != "length_s" && key != "cost" && key != "name") {
        out.errors.push_back(path + "." + key +
                             ": unknown key (expected start_s, length_s, cost, name)");
        ok = false;
      }
    }
    auto number = [&](const char* key, bool required) -> std::optional<double> {
      if (!v.contains(key)) {
        if (required) {
          out.errors.push_back(path + "." + key + ": is required");
          ok = false;
        }
        return std::nullopt;
      }
      const nlohmann::json& x = v[key];
      if (!x.is_number() || !std::isfinite(x.get<double>())) {
        out.errors.push_back(path + "." + key + ": must be a number" + got(x));
        ok = false;
        return std::nullopt;
      }
      return x.get<double>();
    };
    if (const auto s = number("start_s", true)) {
      t.start_s = *s;
      if (*s < 0.0) {
        out.errors.push_back(path + ".start_s: must be >= 0" + got(v["start_s"]));
        ok = false;
      } else if (!(*s < horizon.end_s())) {
        out.errors.push_back(path + ".start_s: must be < horizon end = " +
                             number_text(horizon.end_s()) + got(v["start_s"]));
        ok = false;
      } else if (!is_multiple(*s, horizon.interval_s)) {
        out.errors.push_back(path + ".start_s: must be on an interval boundary (a multiple of " +
                             interval + " s)" + got(v["start_s"]));
        ok = false;
      }
    }
    if (const auto l = number("length_s", true)) {
      t.length_s = *l;
      if (!(*l > 0.0)) {
        out.errors.push_back(path + ".length_s: must be > 0" + got(v["length_s"]));
        ok = false;
      } else if (*l > kMaxTimeS) {
        out.errors.push_back(path +
                             ".length_s: must be <= 1e9 s (about 31.7 years), so that costs stay "
                             "finite" +
                             got(v["length_s"]));
        ok = false;
      } else if (!is_multiple(*l, horizon.interval_s)) {
        out.errors.push_back(path +
                             ".length_s: must be a whole number of intervals (a multiple "
                             "of " +
                             interval + " s)" + got(v["length_s"]));
        ok = false;
      }
    }
    if (const auto c = number("cost", false)) {
      t.cost = *c;
      if (*c < 0.0) {
        out.errors.push_back(path + ".cost: must be >= 0" + got(v["cost"]));
        ok = false;
      } else if (*c > kMaxShiftCost) {
        out.errors.push_back(path + ".cost: must be <= 1e12, so that a plan's cost stays finite" +
                             got(v["cost"]));
        ok = false;
      }
    }
    if (v.contains("name")) {
      if (v["name"].is_string()) {
        t.name = v["name"].get<std::string>();
      } else {
        out.errors.push_back(path + ".name: must be a string" + got(v["name"]));
        ok = false;
      }
    }
    if (ok) out.templates.push_back(t);
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
  c.first = int(std::lround(shift.start_s / horizon.interval_s));
  c.end = std::min(horizon.intervals,
                   int(std::lround((shift.start_s + shift.length_s) / horizon.interval_s)));
  c.cost = shift.cost_per_agent();
  return c;
}

std::optional<ShiftPlan> plan_shifts(const std::vector<int>& requirement,
                                     const std::vector<ShiftCover>& covers) {
  const int n = int(requirement.size());
  // Feasible iff every interval with a positive requirement is covered by some template.
  std::vector<bool> covered(std::size_t(n), false);
  for (const ShiftCover& c : covers) {
    for (int i = c.first; i < c.end; ++i) covered[std::size_t(i)] = true;
  }
  for (int i = 0; i < n; ++i) {
    if (requirement[std::size_t(i)] > 0 && !covered[std::size_t(i)]) return std::nullopt;
  }

  // Min-cost flow: nodes 0..n (differenced rows), source n+1, sink n+2.
  struct Edge {
    int to, rev;
    long long cap;
    double cost;
  };
  const int source = n + 1, sink = n + 2, nodes = n + 3;
  std::vector<std::vector<Edge>> graph(static_cast<std::size_t>(nodes));
  auto add = [&graph](int u, int v, long long cap, double cost) {
    graph[std::size_t(u)].push_back({v, int(graph[std::size_t(v)].size()), cap, cost});
    graph[std::size_t(v)].push_back({u, int(graph[std::size_t(u)].size()) - 1, 0, -cost});
    return std::pair<int, int>(u, int(graph[std::size_t(u)].size()) - 1);
  };
  long long total = 0;
  for (int i = 0; i <= n; ++i) {
    const long long r = i < n ? requirement[std::size_t(i)] : 0;
    const long long before = i > 0 ? requirement[std::size_t(i - 1)] : 0;
    const long long supply = r - before;
    if (supply > 0) {
      add(source, i, supply, 0.0);
      total += supply;
    } else if (supply < 0) {
      add(i, sink, -supply, 0.0);
    }
  }
  const long long unbounded = std::max<long long>(total, 1);
  std::vector<std::pair<int, int>> template_edge;
  for (const ShiftCover& c : covers)
    template_edge.push_back(add(c.first, c.end, unbounded, c.cost));
  for (int i = 0; i < n; ++i) add(i + 1, i, unbounded, 0.0);

  // Successive shortest paths; every cost is >= 0, so zero potentials start valid.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> potential(static_cast<std::size_t>(nodes), 0.0);
  std::vector<double> dist(static_cast<std::size_t>(nodes));
  std::vector<std::pair<int, int>> prev(static_cast<std::size_t>(nodes));
  long long flow = 0;
  while (flow < total) {
    std::fill(dist.begin(), dist.end(), kInf);
    dist[std::size_t(source)] = 0.0;
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
    heap.push({0.0, source});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d > dist[std::size_t(u)]) continue;
      for (std::size_t e = 0; e < graph[std::size_t(u)].size(); ++e) {
        const Edge& edge = graph[std::size_t(u)][e];
        if (edge.cap <= 0) continue;
        const double reduced =
            std::max(0.0, edge.cost + potential[std::size_t(u)] - potential[std::size_t(edge.to)]);
        if (d + reduced < dist[std::size_t(edge.to)]) {
          dist[std::size_t(edge.to)] = d + reduced;
          prev[std::size_t(edge.to)] = {u, int(e)};
          heap.push({d + reduced, edge.to});
        }
      }
    }
    if (dist[std::size_t(sink)] == kInf) return std::nullopt;  // unreachable when feasible
    for (int v = 0; v < nodes; ++v) {
      if (dist[std::size_t(v)] < kInf) potential[std::size_t(v)] += dist[std::size_t(v)];
    }
    long long push = total - flow;
    for (int v = sink; v != source; v = prev[std::size_t(v)].first) {
      const auto [u, e] = prev[std::size_t(v)];
      push = std::min(push, graph[std::size_t(u)][std::size_t(e)].cap);
    }
    for (int v = sink; v != source; v = prev[std::size_t(v)].first) {
      const auto [u, e] = prev[std::size_t(v)];
      Edge& edge = graph[std::size_t(u)][std::size_t(e)];
      edge.cap -= push;
      graph[std::size_t(v)][std::size_t(edge.rev)].cap += push;
    }
    flow += push;
  }

  ShiftPlan plan;
  plan.coverage.assign(std::size_t(n), 0);
  for (std::size_t j = 0; j < covers.size(); ++j) {
    const auto [u, e] = template_edge[j];
    const long long used = unbounded - graph[std::size_t(u)][std::size_t(e)].cap;
    plan.count.push_back(int(used));
    plan.cost += double(used) * covers[j].cost;
    for (int i = covers[j].first; i < covers[j].end; ++i) {
      plan.coverage[std::size_t(i)] += int(used);
    }
  }
  return plan;
}

}  // namespace ccsim
