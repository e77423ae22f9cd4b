#include "models/scenario/distribution_json.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "models/scenario/scenario_json.h"

namespace ccsim {

namespace reading {

namespace {

constexpr int kMaxErlangPhases = 1000;  // sampling an Erlang draws k uniforms

const DistKind kDistKinds[] = {
    DistKind::Exponential, DistKind::Deterministic, DistKind::Uniform,
    DistKind::Lognormal,   DistKind::Gamma,         DistKind::Erlang,
    DistKind::Weibull,     DistKind::Empirical,     DistKind::PiecewiseHazard};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (DistKind kind : kDistKinds) names.push_back(dist_name(kind));
  return names;
}

// The kind `dist` names, when it is a string naming one.
std::optional<DistKind> named_kind(const json* dist, const std::vector<std::string>& names) {
  if (!dist || !dist->is_string()) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), dist->get<std::string>());
  if (it == names.end()) return std::nullopt;
  return kDistKinds[it - names.begin()];
}

// Reports every parameter of some distribution given in `v` that is not one of `kind`'s.
void check_parameters_of(Checker& in, const json& v, const std::string& path, DistKind kind) {
  const std::vector<std::string>& own = distribution_parameters().at(dist_name(kind));
  const std::vector<std::string>& all = scenario_keys().at("distribution");
  for (const auto& [key, value] : v.items()) {
    if (key == "dist" || std::find(all.begin(), all.end(), key) == all.end()) continue;
    if (std::find(own.begin(), own.end(), key) == own.end()) {
      in.error(member(path, key),
               std::string("not a parameter of the ") + dist_name(kind) + " distribution");
    }
  }
}

// The parameters of one distribution `v` at `path`, each required.
struct Parameters {
  Checker& in;
  const json& v;
  const std::string& path;
  std::optional<MeanList> mean_list;
  // The per-interval means read by mean(), when mean_s is a valid list.
  mutable std::vector<double> means{};

  // The parameter `key`; "is required" when absent.
  const json* given(const char* key) const {
    const json* p = find(v, key);
    if (!p) in.error(member(path, key), "is required");
    return p;
  }
  // The parameter `key`, > 0.
  std::optional<double> positive(const char* key) const {
    const json* p = given(key);
    return p ? in.number(*p, member(path, key), Range::above(0)) : std::nullopt;
  }
  // mean_s: a number > 0, or (where mean_list allows it) a list of one per interval, each
  // > 0, kept in `means`; then the first mean stands for them until the distribution is
  // finished.
  std::optional<double> mean() const {
    const json* m = find(v, "mean_s");
    if (!m || !m->is_array()) return positive("mean_s");
    const std::string mean_path = member(path, "mean_s");
    if (!mean_list) {
      in.error(mean_path,
               "must be a number (a list of one mean per interval is allowed only in a contact "
               "type's handle_time, wrap_up and patience)",
               *m);
      return std::nullopt;
    }
    std::vector<double> read;
    in.per_interval(
        *m, mean_path, mean_list->horizon,
        [this](const json& entry, const std::string& entry_path) {
          return in.number(entry, entry_path, Range::above(0));
        },
        read);
    const bool complete =
        !m->empty() && read.size() == m->size() &&
        (!mean_list->horizon || m->size() == std::size_t(mean_list->horizon->interval_count()));
    if (!complete) return std::nullopt;
    means = std::move(read);
    return means.front();
  }
};

// min_s >= 0; max_s >= min_s and > 0.
std::optional<Distribution> read_uniform(const Parameters& p) {
  const json* min_json = p.given("min_s");
  const json* max_json = p.given("max_s");
  std::optional<double> min, max;
  if (min_json) min = p.in.number(*min_json, member(p.path, "min_s"), Range::at_least(0));
  if (max_json) {
    const std::string max_path = member(p.path, "max_s");
    max = p.in.number(*max_json, max_path);
    if (max && min && *max < *min) {
      p.in.error(max_path, "must be >= min_s = " + number_text(*min), *max_json);
      max.reset();
    } else if (max && !(*max > 0)) {
      p.in.error(max_path, "must be > 0", *max_json);
      max.reset();
    }
  }
  if (min && max) return Distribution::uniform(*min, *max);
  return std::nullopt;
}

// values_s: a non-empty list of values >= 0, at least one > 0.
std::optional<Distribution> read_empirical(const Parameters& p) {
  const json* values_json = p.given("values_s");
  if (!values_json) return std::nullopt;
  const std::string values_path = member(p.path, "values_s");
  if (!p.in.expect_non_empty_array(*values_json, values_path)) return std::nullopt;
  std::vector<double> values;
  bool ok = true;
  for (std::size_t i = 0; i < values_json->size(); ++i) {
    const auto x = p.in.number((*values_json)[i], element(values_path, i), Range::at_least(0));
    if (x) values.push_back(*x);
    ok &= x.has_value();
  }
  if (!ok) return std::nullopt;
  if (std::none_of(values.begin(), values.end(), [](double x) { return x > 0; })) {
    p.in.error(values_path, "must have at least one value > 0", *values_json);
    return std::nullopt;
  }
  return Distribution::empirical(std::move(values));
}

// The list `key` of numbers at least `range`; nullopt (reported) when absent or any entry bad.
std::optional<std::vector<double>> number_list(const Parameters& p, const char* key,
                                               const Range& range) {
  const json* list = p.given(key);
  if (!list) return std::nullopt;
  const std::string path = member(p.path, key);
  if (!p.in.expect_non_empty_array(*list, path)) return std::nullopt;
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto x = p.in.number((*list)[i], element(path, i), range);
    if (x) out.push_back(*x);
    ok &= x.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

// breakpoints_s: non-empty, each > 0 and > the one before; hazard_per_s: one entry more, each
// >= 0, the last > 0.
std::optional<Distribution> read_piecewise_hazard(const Parameters& p) {
  auto breakpoints = number_list(p, "breakpoints_s", Range::above(0));
  auto hazards = number_list(p, "hazard_per_s", Range::at_least(0));
  bool ok = breakpoints && hazards;
  const std::string b_path = member(p.path, "breakpoints_s");
  for (std::size_t i = 1; breakpoints && i < breakpoints->size(); ++i) {
    if ((*breakpoints)[i] > (*breakpoints)[i - 1]) continue;
    p.in.error(element(b_path, i),
               "must be > breakpoints_s[" + std::to_string(i - 1) +
                   "] = " + number_text((*breakpoints)[i - 1]),
               p.v.at("breakpoints_s")[i]);
    ok = false;
  }
  const std::string h_path = member(p.path, "hazard_per_s");
  if (breakpoints && hazards && hazards->size() != breakpoints->size() + 1) {
    p.in.error(h_path,
               "must have one entry more than breakpoints_s (" +
                   std::to_string(breakpoints->size() + 1) + ")",
               p.v.at("hazard_per_s"));
    ok = false;
  } else if (hazards && !(hazards->back() > 0)) {
    p.in.error(element(h_path, hazards->size() - 1), "must be > 0 (the last piece is open-ended)",
               p.v.at("hazard_per_s").back());
    ok = false;
  }
  if (!ok) return std::nullopt;
  return Distribution::piecewise_hazard(std::move(*breakpoints), std::move(*hazards));
}

// The distribution of `kind` from its parameters.
std::optional<Distribution> read_parameters(const Parameters& p, DistKind kind) {
  switch (kind) {
    case DistKind::Exponential:
    case DistKind::Deterministic: {
      const auto mean = p.mean();
      if (!mean) return std::nullopt;
      return kind == DistKind::Exponential ? Distribution::exponential(*mean)
                                           : Distribution::deterministic(*mean);
    }
    case DistKind::Uniform:
      return read_uniform(p);
    case DistKind::Lognormal:
    case DistKind::Gamma: {
      const auto mean = p.mean();
      const auto cv = p.positive("cv");
      if (!mean || !cv) return std::nullopt;
      return kind == DistKind::Lognormal ? Distribution::lognormal(*mean, *cv)
                                         : Distribution::gamma(*mean, *cv);
    }
    case DistKind::Erlang: {
      const auto mean = p.mean();
      const json* k_json = p.given("k");
      std::optional<long long> k;
      if (k_json) k = p.in.integer(*k_json, member(p.path, "k"), 1, kMaxErlangPhases);
      if (!mean || !k) return std::nullopt;
      return Distribution::erlang(*mean, static_cast<int>(*k));
    }
    case DistKind::Weibull: {
      const auto mean = p.mean();
      const auto shape = p.positive("shape");
      if (!mean || !shape) return std::nullopt;
      return Distribution::weibull(*mean, *shape);
    }
    case DistKind::Empirical:
      return read_empirical(p);
    case DistKind::PiecewiseHazard:
      return read_piecewise_hazard(p);
  }
  return std::nullopt;
}

// Whether the sampler's derived parameters, the mean and the cv are finite (and the scale
// parameters positive), so that sampling gives the distribution asked for.
bool numerically_sane(const Distribution& d) {
  if (!std::isfinite(d.mean_s) || !(d.mean_s > 0)) return false;
  if (!std::isfinite(d.p1) || !std::isfinite(d.p2) || !std::isfinite(d.exact_cv())) return false;
  switch (d.kind) {
    case DistKind::Gamma:
      return d.p1 > 0 && d.p2 > 0;
    case DistKind::Erlang:
    case DistKind::Weibull:
      return d.p1 > 0;
    default:
      return true;
  }
}

// With per-interval means: each interval's distribution numerically sane (reported at the
// mean's entry), then the distribution finished. Returns whether it is sane.
bool finish_means(Checker& in, const json& v, const std::string& path, std::vector<double> means,
                  Distribution& d) {
  bool sane = true;
  const std::string mean_path = member(path, "mean_s");
  for (std::size_t i = 0; i < means.size(); ++i) {
    if (!numerically_sane(d.with_mean(means[i]))) {
      in.error(element(mean_path, i), "parameters out of numerical range", v.at("mean_s")[i]);
      sane = false;
    }
  }
  d.mean_s_by_interval = std::move(means);
  d.finish_interval_means();
  return sane;
}

}  // namespace

std::optional<Distribution> read_distribution(Checker& in, const json& v, const std::string& path,
                                              std::optional<MeanList> mean_list) {
  if (!in.expect_object(v, path)) return std::nullopt;
  in.check_keys(v, path, "distribution");

  const std::vector<std::string> names = kind_names();
  const json* dist = find(v, "dist");
  const std::optional<DistKind> kind = named_kind(dist, names);
  if (kind) check_parameters_of(in, v, path, *kind);
  if (!dist) {
    in.error(member(path, "dist"), "is required");
    return std::nullopt;
  }
  if (!kind) {
    in.one_of(*dist, member(path, "dist"), names);
    return std::nullopt;
  }
  const Parameters parameters{in, v, path, mean_list};
  std::optional<Distribution> d = read_parameters(parameters, *kind);
  if (d && !parameters.means.empty()) {
    if (!finish_means(in, v, path, std::move(parameters.means), *d)) return std::nullopt;
  }
  if (d && !numerically_sane(*d)) {
    in.error(path, "parameters out of numerical range", v);
    return std::nullopt;
  }
  return d;
}

std::optional<Distribution> required_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key,
                                                  std::optional<MeanList> mean_list) {
  if (const json* d = find(object, key)) {
    return read_distribution(in, *d, member(path, key), mean_list);
  }
  in.error(member(path, key), "is required");
  return std::nullopt;
}

std::optional<Distribution> optional_distribution(Checker& in, const json& object,
                                                  const std::string& path, const char* key,
                                                  std::optional<MeanList> mean_list) {
  if (const json* d = find(object, key)) {
    return read_distribution(in, *d, member(path, key), mean_list);
  }
  return std::nullopt;
}

}  // namespace reading

const std::map<std::string, std::vector<std::string>>& distribution_parameters() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {dist_name(DistKind::Exponential), {"mean_s"}},
      {dist_name(DistKind::Deterministic), {"mean_s"}},
      {dist_name(DistKind::Uniform), {"min_s", "max_s"}},
      {dist_name(DistKind::Lognormal), {"mean_s", "cv"}},
      {dist_name(DistKind::Gamma), {"mean_s", "cv"}},
      {dist_name(DistKind::Erlang), {"mean_s", "k"}},
      {dist_name(DistKind::Weibull), {"mean_s", "shape"}},
      {dist_name(DistKind::Empirical), {"values_s"}},
      {dist_name(DistKind::PiecewiseHazard), {"breakpoints_s", "hazard_per_s"}},
  };
  return table;
}

}  // namespace ccsim
