"""Tidy pandas DataFrames from the dict of ``ccsim.run`` (or ``ccsim run --format json``)."""

from typing import Any, Dict, List, Mapping, NamedTuple, Optional

_KEYS = ("index", "start_s", "start", "day", "date", "intervals", "scheduled")


class Frames(NamedTuple):
    """The figures of one run, one DataFrame per table. Every KPI is a float column of means
    (NaN where undefined) followed by ``KPI_ci95``, the 95% CI half-width; in a paired
    comparison (``vs``) each KPI gives ``KPI_base``, ``KPI_variant`` and ``KPI_difference``,
    each with its ``_ci95``.

    totals:          one row per contact type (and ``all``): ``contact_type``, KPIs.
    intervals:       one row per interval and contact type: ``interval`` (0-based over the
                     horizon), ``day`` and ``date`` (datetime64) when the run carries them,
                     ``start`` (clock label "08:00"), ``start_s``, ``contact_type``, KPIs.
    groups:          one row per agent group: ``agent_group``, KPIs.
    group_intervals: one row per interval and group: ``interval``, [``day``, ``date``],
                     ``start``, ``start_s``, ``agent_group``, KPIs, ``scheduled`` (when given).
    targets:         one row per target check, the columns of the result's ``targets``
                     (``met`` True/False/None, ``verdict``); empty without targets.
    days:            with several days: one row per day and contact type (``day``, ``date``,
                     ``contact_type``, KPIs); else empty.
    """

    totals: Any
    intervals: Any
    groups: Any
    group_intervals: Any
    targets: Any
    days: Any


def _is_estimate(value: Any) -> bool:
    return isinstance(value, Mapping) and "mean" in value and "ci95" in value


def _is_kpi(value: Any) -> bool:
    return value is None or _is_estimate(value) or (
        isinstance(value, Mapping) and "difference" in value)


def _put(row: Dict[str, Any], name: str, value: Any) -> None:
    """KPI `name` into `row`: mean and _ci95 (NaN when undefined), per side when paired."""
    nan = float("nan")
    if isinstance(value, Mapping) and "difference" in value:
        for side in ("base", "variant", "difference"):
            _put(row, f"{name}_{side}", value.get(side))
        return
    row[name] = float(value["mean"]) if value is not None else nan
    row[name + "_ci95"] = float(value["ci95"]) if value is not None else nan


def _kpis(row: Dict[str, Any], scope: Mapping[str, Any]) -> Dict[str, Any]:
    for name, value in scope.items():
        if name not in _KEYS and _is_kpi(value):
            _put(row, name, value)
    return row


def _where(item: Mapping[str, Any], starts: List[float],
           labels: List[Optional[str]]) -> Dict[str, Any]:
    """The interval columns of a row of `item` (a result's interval or group interval)."""
    i = int(item["index"])
    row: Dict[str, Any] = {"interval": i}
    if "day" in item:
        row["day"] = int(item["day"])
    if "date" in item:
        row["date"] = item["date"]
    row["start"] = item.get("start", labels[i] if i < len(labels) else None)
    row["start_s"] = item.get("start_s", starts[i] if i < len(starts) else None)
    return row


def _frame(pd: Any, rows: List[Dict[str, Any]]) -> Any:
    df = pd.DataFrame(rows)
    if "date" in df.columns:
        df["date"] = pd.to_datetime(df["date"])
    return df


def frames(result: Mapping[str, Any]) -> Frames:
    """`result` (the dict of ccsim.run) as tidy DataFrames; see Frames. Needs pandas."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - pandas is a test dependency
        raise ImportError("ccsim.frames needs pandas (Debian: python3-pandas)") from e
    intervals = result.get("intervals", [])
    starts = [item.get("start_s") for item in intervals]
    labels = [item.get("start") for item in intervals]
    types = list(result.get("totals", {}).keys())

    totals = [_kpis({"contact_type": t}, result["totals"][t]) for t in types]
    per_interval = []
    for item in intervals:
        for t in types:
            if t in item:
                per_interval.append(_kpis({**_where(item, starts, labels), "contact_type": t},
                                          item[t] or {}))
    groups, group_intervals = [], []
    for g, scope in result.get("agent_groups", {}).items():
        groups.append(_kpis({"agent_group": g}, scope))
        for item in scope.get("intervals", []):
            row = _kpis({**_where({**intervals[int(item["index"])], **item}
                                  if int(item["index"]) < len(intervals) else item,
                                  starts, labels), "agent_group": g}, item)
            if "scheduled" in item:
                row["scheduled"] = item["scheduled"]
            group_intervals.append(row)
    days = []
    for day in result.get("days", []):
        for t, scope in day.get("totals", {}).items():
            head = {"day": int(day["day"])}
            if "date" in day:
                head["date"] = day["date"]
            days.append(_kpis({**head, "contact_type": t}, scope or {}))
    return Frames(totals=_frame(pd, totals), intervals=_frame(pd, per_interval),
                  groups=_frame(pd, groups), group_intervals=_frame(pd, group_intervals),
                  targets=_frame(pd, list(result.get("targets", []))), days=_frame(pd, days))
