"""Time expressions resolved against the publication date."""

import datetime as dt

import pytest

from kg.extract.timex import resolve_time
from kg.records import Precision

PUB = dt.date(2020, 1, 24)  # a Friday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("January 22", dt.date(2020, 1, 22)),
        ("22 January", dt.date(2020, 1, 22)),
        ("overnight into January 23", dt.date(2020, 1, 22)),
        ("Wednesday", dt.date(2020, 1, 22)),
        ("Friday", dt.date(2020, 1, 24)),
        ("yesterday", dt.date(2020, 1, 23)),
        ("December 30", dt.date(2019, 12, 30)),  # before publication: last year
        ("2019-11-05", dt.date(2019, 11, 5)),
    ],
)
def test_day_precision(text, day):
    t = resolve_time(text, PUB)
    assert t is not None
    assert t.precision is Precision.DAY
    assert t.date == day


def test_week_and_month_precision():
    week = resolve_time("earlier in the week", PUB)
    assert week is not None
    assert week.precision is Precision.WEEK
    assert week.date is None
    assert (week.earliest, week.latest) == (dt.date(2020, 1, 20), PUB)
    month = resolve_time("December 2016", PUB)
    assert month is not None
    assert month.precision is Precision.MONTH
    assert (month.earliest, month.latest) == (dt.date(2016, 12, 1), dt.date(2016, 12, 31))


def test_clock_time_kept():
    t = resolve_time("at around 21:00", PUB)
    assert t is not None
    assert t.clock == "21:00"
    assert t.precision is Precision.UNKNOWN


def test_no_time():
    assert resolve_time("the first time", PUB) is None
