"""Dates as people write them, for the values of dates of birth: ``2/8/1935``, ``1985-03-12``,
``12.03.1985``, ``12 March 1985``, ``March 12th, 1985``, ``12-Mar-85``, ``March 1985``, and a
birthday's ``March 12`` (in words, a year may be left out; in numbers, never).

A date of birth is read where a key or a verb says one follows (``birthday: March 12, 1985``,
``she was born on 2/8/1935``), so its words, spaces and commas belong to the value, where a
bare value would end at the first space."""

from __future__ import annotations

import regex

from otel_redact._validators import day_and_month

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_END = r"(?!\w|[/.-]\w)"
"""No letter, digit or further date part glued on: ``2/8/19355``, ``12.03.1985.4`` are no dates."""

_DATE = regex.compile(
    r"(?i:"
    # numbers: day and month in either order, then the year; or the year first (ISO 8601)
    r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?:" + _YEAR + r"|\d\d)"
    r"|" + _YEAR + r"(?P<iso>[/.-])(?P<month>0?[1-9]|1[0-2])(?P=iso)(?:[12]\d|3[01]|0?[1-9])"
    # words: "12 March 1985", "12th of March, 1985", "12-Mar-85", "March 12, 1985", "March 1985",
    # "March 12", "12 March"
    r"|" + _DAY + r"(?:[ -]|\ of\ )" + _MONTH + r"(?:,?[ -](?:" + _YEAR + r"|\d\d(?!\d)))?"
    r"|" + _MONTH + r"\ (?:" + _DAY + r"(?:,?\ " + _YEAR + r")?|" + _YEAR + r"))" + _END
)


def date_end(text: str, start: int) -> int:
    """Where the date written at ``start`` in ``text`` ends, or -1 if none starts there. Numbers
    are read day-month or month-day (``2/8/1935`` is either), so only one of them may pass 12."""
    match = _DATE.match(text, start, start + 40)
    if match is None:
        return -1
    if match["first"] is not None and not day_and_month(int(match["first"]), int(match["second"])):
        return -1
    return match.end()
