#include "models/kpi/targets.h"

namespace ccsim {

Verdict judge(const sim::Estimate& e, double target, TargetSense sense) {
  if (e.n == 1) return Verdict::NotDistinguishable;
  const double half = e.n == 0 ? 0.0 : e.ci95;
  const double lo = e.mean - half, hi = e.mean + half;
  if (sense == TargetSense::AtLeast) {
    if (lo >= target) return Verdict::Met;
    return hi < target ? Verdict::Missed : Verdict::NotDistinguishable;
  }
  if (hi <= target) return Verdict::Met;
  return lo > target ? Verdict::Missed : Verdict::NotDistinguishable;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Met:
      return "met";
    case Verdict::Missed:
      return "missed";
    case Verdict::NotDistinguishable:
      return "not_distinguishable";
  }
  return "?";
}

}  // namespace ccsim
