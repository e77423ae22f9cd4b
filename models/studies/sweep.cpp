#include "models/studies/sweep.h"

#include <algorithm>
#include <exception>
#include <list>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "models/scenario/run_size.h"
#include "models/scenario/scenario_json.h"
#include "sim/replicate.h"

namespace ccsim {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Whether a value may be set at `ptr` in `document`: an existing location, or a new key of an
// existing object.
bool settable(const json& document, const json::json_pointer& ptr) {
  bool exists = false;
  try {
    exists = document.contains(ptr);
  } catch (const json::exception&) {
    exists = false;
  }
  if (exists) return true;
  const json::json_pointer parent = ptr.parent_pointer();
  bool parent_is_object = false;
  try {
    parent_is_object = document.contains(parent) && document.at(parent).is_object();
  } catch (const json::exception&) {
    parent_is_object = false;
  }
  return parent_is_object;
}

// The location each parameter of `spec` sets in `document`; a parameter that names none adds
// its problem to `errors`.
std::vector<json::json_pointer> parameter_locations(const json& document, const SweepSpec& spec,
                                                    std::vector<std::string>& errors) {
  std::vector<json::json_pointer> pointers;
  for (const auto& p : spec.parameters) {
    try {
      json::json_pointer ptr(p.pointer);
      if (!settable(document, ptr)) {
        errors.push_back("parameter " + p.pointer +
                         ": no such location in the scenario (only an existing value or a new "
                         "key of an existing object can be set)");
        continue;
      }
      pointers.push_back(ptr);
    } catch (const json::exception&) {
      errors.push_back("parameter " + p.pointer + ": not a valid JSON pointer");
    }
  }
  return pointers;
}

// The scenario document of point `i` of `plan`, parsed.
ScenarioParse parse_point(const SweepPlan& plan, std::size_t i) {
  json variant = plan.document;
  for (std::size_t k = 0; k < plan.pointers.size(); ++k) {
    variant[plan.pointers[k]] = plan.points[i][k];
  }
  return parse_scenario(variant, plan.base_dir);
}

// What checking one point found; a point's check needs only the plan's document, base_dir and
// pointers, so points are checked concurrently and their checks added in point order.
struct PointCheck {
  std::vector<std::string> errors;    // the scenario's (not ok), else the replications override's
  std::vector<std::string> warnings;  // kept for point 0 only
  std::vector<std::string> types, groups;
  bool ok = false;
  int replications = 0;
  std::uint64_t seed = 0;
};

// Parses point `i` of `plan` (whose document, base_dir and pointers are set).
PointCheck check_point(const SweepPlan& plan, std::size_t i, std::optional<int> replications,
                       std::optional<std::uint64_t> seed) {
  PointCheck c;
  ScenarioParse parsed = parse_point(plan, i);
  if (i == 0) c.warnings = std::move(parsed.warnings);
  if (!parsed.ok()) {
    c.errors = std::move(parsed.errors);
    return c;
  }
  const Scenario& sc = *parsed.scenario;
  for (const auto& t : sc.contact_types) c.types.push_back(t.name);
  for (const auto& g : sc.agent_groups) c.groups.push_back(g.name);
  if (replications) {
    for (std::string& e : check_replications_override(sc, *replications)) {
      c.errors.push_back(std::move(e));
    }
  }
  c.ok = true;
  c.replications = replications.value_or(sc.simulation.replications);
  c.seed = seed.value_or(sc.simulation.seed);
  return c;
}

// Adds the check of point `i` to `plan`: its errors, each labelled with the point, and point
// 0's warnings; the first point that parses names the contact types and agent groups every
// other must have; a point that parses adds its replications and seed.
void add_point(SweepPlan& plan, const SweepSpec& spec, std::size_t i, PointCheck&& c) {
  const std::string label =
      "point " + std::to_string(i) + " (" + point_label(spec, plan.points[i]) + "): ";
  for (const auto& w : c.warnings) plan.warnings.push_back(w);
  if (!c.ok) {
    for (const auto& e : c.errors) plan.errors.push_back(label + e);
    return;
  }
  if (plan.replications.empty()) {  // the first point that parses
    plan.types = std::move(c.types);
    plan.groups = std::move(c.groups);
  } else if (c.types != plan.types || c.groups != plan.groups) {
    plan.errors.push_back(label +
                          "every point must have the same contact types and agent groups "
                          "(names, in order) as the first");
  }
  for (const auto& e : c.errors) plan.errors.push_back(label + e);  // the override's
  plan.replications.push_back(c.replications);
  plan.seeds.push_back(c.seed);
}

// Checks every point of `plan` on `threads` threads, a block of points at a time (memory stays
// bounded by the block), adding the checks in point order, so the plan, its errors and warnings
// do not depend on the threads. Every bad point is counted, but only the first kShownBadPoints
// are listed: a bad value in a large grid would otherwise print thousands of near-identical
// lines.
void check_points(SweepPlan& plan, const SweepSpec& spec, std::optional<int> replications,
                  std::optional<std::uint64_t> seed, unsigned threads) {
  constexpr std::size_t kShownBadPoints = 20;
  constexpr std::size_t kBlock = 4096;
  std::size_t bad_points = 0;
  for (std::size_t first = 0; first < plan.points.size(); first += kBlock) {
    const std::size_t count = std::min(kBlock, plan.points.size() - first);
    std::vector<PointCheck> checks = sim::replicate<PointCheck>(count, threads, [&](std::size_t k) {
      return check_point(plan, first + k, replications, seed);
    });
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t errors_before = plan.errors.size();
      add_point(plan, spec, first + k, std::move(checks[k]));
      if (plan.errors.size() > errors_before && ++bad_points > kShownBadPoints) {
        plan.errors.resize(errors_before);
      }
    }
  }
  if (bad_points > kShownBadPoints) {
    plan.errors.push_back("... and " + std::to_string(bad_points - kShownBadPoints) +
                          " more points with errors (" + std::to_string(bad_points) + " of " +
                          std::to_string(plan.points.size()) + " points are bad; the first " +
                          std::to_string(kShownBadPoints) + " are listed)");
  }
}

// The points being run and their replications: hands out (point, replication) pairs to the
// worker threads, the replications of points already started first, and summarises a point
// when its last replication finishes.
class PointRunner {
 public:
  using NextPoint = std::function<std::optional<std::size_t>()>;
  using OnDone = std::function<void(std::size_t, const Results&)>;

  PointRunner(const SweepPlan& plan, const NextPoint& next_point, const OnDone& on_done)
      : plan_(plan), next_point_(next_point), on_done_(on_done) {}

  // One worker thread: runs replications until none is left or one has failed. Catches every
  // exception (rethrow_error rethrows the first).
  void work() {
    for (;;) {
      Active* a = nullptr;
      std::size_t r = 0;
      if (!take(a, r) || !run_replication(*a, r)) return;
    }
  }

  void rethrow_error() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct Active {
    std::size_t point = 0;
    std::size_t next_rep = 0, done = 0, count = 0;
    std::vector<ReplicationKpis> reps;
    Scenario scenario;
  };

  // The next replication to run, `r` of point `a`: one of a point already started, else
  // replication 0 of a new point. False when there is none, or after a failure.
  bool take(Active*& a, std::size_t& r) {
    std::optional<std::size_t> taken;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (error_) return false;
      for (Active& x : active_) {
        if (x.next_rep < x.count) {
          a = &x;
          break;
        }
      }
      if (a) {
        r = a->next_rep++;
        return true;
      }
      if (exhausted_) return false;
      try {
        taken = next_point_();
      } catch (...) {
        error_ = std::current_exception();
        return false;
      }
      if (!taken) {
        exhausted_ = true;
        return false;
      }
    }
    return start(*taken, a, r);
  }

  // Parses the scenario of `point` outside the lock, then publishes the point with replication
  // 0 taken by this thread.
  bool start(std::size_t point, Active*& a, std::size_t& r) {
    Active fresh;
    fresh.point = point;
    fresh.count = std::size_t(plan_.replications[point]);
    fresh.reps.resize(fresh.count);
    try {
      fresh.scenario = plan_.scenario(point);
    } catch (...) {
      fail();
      return false;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    active_.push_back(std::move(fresh));
    a = &active_.back();
    r = a->next_rep++;
    return true;
  }

  bool run_replication(Active& a, std::size_t r) {
    try {
      ReplicationKpis k =
          replication_kpis(simulate_replication(a.scenario, plan_.seeds[a.point], r));
      bool finished = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        a.reps[r] = std::move(k);
        finished = ++a.done == a.count;
      }
      if (finished) finish(a);
    } catch (...) {
      fail();
      return false;
    }
    return true;
  }

  void finish(Active& a) {
    const Results results = summarise(a.scenario, a.reps, plan_.seeds[a.point]);
    {
      std::lock_guard<std::mutex> lock(done_mutex_);
      on_done_(a.point, results);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    active_.remove_if([&](const Active& x) { return &x == &a; });
  }

  // Keeps the exception being handled, unless one is kept already. REQUIRES: inside a handler.
  void fail() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::current_exception();
  }

  const SweepPlan& plan_;
  const NextPoint& next_point_;
  const OnDone& on_done_;
  std::mutex mutex_, done_mutex_;
  std::list<Active> active_;  // points with replications not yet finished; stable addresses
  bool exhausted_ = false;
  std::exception_ptr error_;
};

}  // namespace

SweepPlan plan_sweep(const json& document, const fs::path& base_dir, const SweepSpec& spec,
                     std::optional<int> replications, std::optional<std::uint64_t> seed,
                     unsigned threads) {
  SweepPlan plan;
  std::string error;
  plan.points = sweep_points(spec, error);
  if (!error.empty()) {
    plan.errors.push_back(error);
    return plan;
  }
  std::vector<json::json_pointer> pointers = parameter_locations(document, spec, plan.errors);
  if (!plan.errors.empty()) return plan;
  plan.document = document;
  plan.base_dir = base_dir;
  plan.pointers = std::move(pointers);
  check_points(plan, spec, replications, seed, threads);
  if (!plan.errors.empty()) {
    plan.replications.clear();
    plan.seeds.clear();
    plan.document = json();
    plan.base_dir.clear();
    plan.pointers.clear();
  }
  return plan;
}

Scenario SweepPlan::scenario(std::size_t i) const {
  ScenarioParse parsed = parse_point(*this, i);
  if (!parsed.ok()) {
    throw std::runtime_error("point " + std::to_string(i) +
                             " no longer parses (did a file it names change?): " +
                             (parsed.errors.empty() ? std::string("?") : parsed.errors.front()));
  }
  return std::move(*parsed.scenario);
}

void run_sweep_points(const SweepPlan& plan, unsigned threads,
                      const std::function<std::optional<std::size_t>()>& next_point,
                      const std::function<void(std::size_t, const Results&)>& on_done) {
  PointRunner runner(plan, next_point, on_done);
  sim::run_workers(threads, [&] { runner.work(); });
  runner.rethrow_error();
}

}  // namespace ccsim
