"""Dates of time expressions: the shortcuts taken around dateparser give its answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateparser.date import DateDataParser

from kg.extract.events.when import WEEKDAYS, _parse, _weekday_before


def _dateparser(text: str, base: date, parsers: list[str] | None = None) -> date | None:
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": [],
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
    }
    if parsers:
        settings["PARSERS"] = parsers
    found = DateDataParser(languages=["en"], settings=settings).get_date_data(text).date_obj
    return found.date() if found else None


@pytest.mark.parametrize("word", WEEKDAYS)
def test_a_weekday_is_what_dateparser_says_on_any_day(word: str) -> None:
    # 16 days from a year's end into the next, every day of the week twice
    for n in range(16):
        base = date(2016, 12, 24) + timedelta(days=n)
        expected = _dateparser(word, base)
        assert expected is not None and expected < base
        assert _weekday_before(word, base) == expected, (word, base)


@pytest.mark.parametrize(
    "text", ["30 March 2017", "March 30", "March 2017", "March", "Dec. 5", "December 5 2016"]
)
def test_calendar_dates_read_by_the_absolute_parser_alone_are_the_same(text: str) -> None:
    for base in (date(2017, 1, 3), date(2017, 4, 2), date(2016, 12, 31)):
        assert _parse(text, base, absolute=True) == _dateparser(text, base), (text, base)
