"""Publication dates as ISO 8601, when the form the page gives can be read unambiguously."""

from __future__ import annotations

import functools
import re

_ISO = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}


# "March 5, 2024", "5 March 2024", "Tue, 5 Mar 2024" (English month names only: others
# are kept as given).
# Compiled on first use, not at import (as _metadata's byline pattern), like the slashed
# form: only dates that are not ISO 8601 (one page in twenty) read them. The cache holds
# one value that depends on nothing.
@functools.cache
def _other_forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The slashed, month-first and day-first forms."""
    return (
        re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})"),
        re.compile(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
        re.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b"),
    )


def _date(year: int, month: int, day: int) -> str | None:
    import datetime  # imported on first use: it adds to the import time of boilerstrip

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: str) -> str:
    """``value`` as ISO 8601 (a date, or a date and time with its offset when given), or
    unchanged when its form is not one read here (or names no valid date)."""
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match is not None:
        year, month, day, hour, minute, second, zone = match.groups()
        date = _date(int(year), int(month), int(day))
        if date is None:
            return value
        if hour is None:
            return date
        if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
            return value
        zone = "" if zone is None else "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
        return f"{date}T{hour}:{minute}:{second or '00'}{zone}"
    slashed, month_first, day_first = _other_forms()
    match = slashed.fullmatch(text)
    if match is not None:
        return _date(*map(int, match.groups())) or value
    if "," in text and ":" in text:  # RFC 2822, as in HTTP headers and RSS
        import email.utils  # imported here: the email package costs 20 ms to import

        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return parsed.isoformat()
    for pattern, order in ((month_first, (2, 0, 1)), (day_first, (2, 1, 0))):
        match = pattern.fullmatch(text) or pattern.search(text) if len(text) < 40 else None
        if match is not None:
            parts = match.groups()
            year, month_name, day = parts[order[0]], parts[order[1]], parts[order[2]]
            month = _MONTHS.get(month_name.lower())
            if month is not None:
                return _date(int(year), month, int(day)) or value
    return value


# A date written out in a line of text: "July 21, 2012", "Nov. 6, 2012", "12th November
# 2012", "Fri, 6 Mar 2026", "2012-07-23", "31/12/2007", "06/02/05", "12.12.2025". English
# month names only, as above. Compiled on first use (datelines are read on pages that
# declare no type only).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


@functools.cache
def _date_in_text() -> re.Pattern[str]:
    return re.compile(
        rf"(?i)\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+(?:19|20)\d\d\b"
        r"|\b(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?\b"
        r"|\b\d\d?[/.]\d\d?[/.](?:19|20)?\d\d\b"
    )


def holds_date(text: str) -> bool:
    """Whether ``text`` holds a calendar date in one of the forms above (a year with a
    month name and a day, or three numbers)."""
    return _date_in_text().search(text) is not None
