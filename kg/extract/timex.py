"""Time expressions resolved against the publication date.

"January 22" -> that day (in the year that keeps it on or before publication),
"Wednesday" -> the last Wednesday on or before publication, "overnight into
January 23" -> the evening it started (January 22), "yesterday", "earlier this
week" (week precision), "December 2016" (month precision)."""

from __future__ import annotations

import datetime as dt
import re

from kg.records import Precision, TimeExpr

__all__ = ["resolve_time"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}})\s+({_MONTH_RE})\.?|({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b(?:,?\s+(\d{{4}}))?"
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_BARE_MONTH = re.compile(
    r"^(?:(?:in|since|during|early|late|mid|last|earlier|early in|late in)\s+)*("
    + "|".join(m for m in _MONTHS if len(m) > 3 or m == "may")
    + r")$"
)
_CLOCK = re.compile(r"\b(\d{1,2}:\d{2})\b")


def resolve_time(text: str, published: dt.date | None) -> TimeExpr | None:
    """Resolve one time expression; None when it names no time we can place."""
    low = text.lower()
    clock = _clock(low)
    overnight = "overnight into" in low or ("night of" in low and "into" in low)
    day = _absolute_day(low, published)
    if day is not None:
        if overnight:
            day -= dt.timedelta(days=1)
        return TimeExpr(Precision.DAY, day, day, day, clock, text)
    if published is None:
        return TimeExpr(Precision.UNKNOWN, clock=clock, text=text) if clock else None
    rel = _relative_day(low, published)
    if rel is not None:
        return TimeExpr(Precision.DAY, rel, rel, rel, clock, text)
    week = _week(low, published)
    if week is not None:
        return TimeExpr(Precision.WEEK, None, week[0], week[1], clock, text)
    month = _month(low, published)
    if month is not None:
        return TimeExpr(Precision.MONTH, None, month[0], month[1], clock, text)
    return TimeExpr(Precision.UNKNOWN, clock=clock, text=text) if clock else None


def _clock(low: str) -> str | None:
    m = _CLOCK.search(low)
    return m.group(1) if m else None


def _absolute_day(low: str, published: dt.date | None) -> dt.date | None:
    m = _ISO.search(low)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DAY_MONTH.search(low)
    if not m:
        return None
    day = int(m.group(1) or m.group(4))
    month = _MONTHS[m.group(2) or m.group(3)]
    if m.group(5):
        return _safe_date(int(m.group(5)), month, day)
    if published is None:
        return None
    found = _safe_date(published.year, month, day)
    if found is not None and found > published + dt.timedelta(days=1):
        found = _safe_date(published.year - 1, month, day)
    return found


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _relative_day(low: str, published: dt.date) -> dt.date | None:
    if "day before yesterday" in low:
        return published - dt.timedelta(days=2)
    if "yesterday" in low or "last night" in low or low.strip() in ("overnight", "overnight on"):
        return published - dt.timedelta(days=1)
    if re.search(r"\b(today|this morning|this evening|tonight)\b", low):
        return published
    m = _WEEKDAY.search(low)
    if m:
        back = (published.weekday() - _WEEKDAYS[m.group(1)]) % 7
        if "last " + m.group(1) in low and back == 0:
            back = 7
        return published - dt.timedelta(days=back)
    return None


def _week(low: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    monday = published - dt.timedelta(days=published.weekday())
    if re.search(
        r"\b(earlier|early) (in|this) the week\b|\bearlier this week\b"
        r"|\bthis week\b|\bearlier in the week\b",
        low,
    ):
        return monday, published
    if "last week" in low or "past week" in low:
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    return None


def _month(low: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    m = _MONTH_YEAR.search(low)
    if m:
        return _month_bounds(int(m.group(2)), _MONTHS[m.group(1)])
    if "last month" in low:
        first = published.replace(day=1) - dt.timedelta(days=1)
        return _month_bounds(first.year, first.month)
    if "this month" in low or "earlier this month" in low:
        return _month_bounds(published.year, published.month)
    m = _BARE_MONTH.search(low)
    if m:  # "in October": the last October on or before publication
        month = _MONTHS[m.group(1)]
        year = published.year if month <= published.month else published.year - 1
        return _month_bounds(year, month)
    return None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)
