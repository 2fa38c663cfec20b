"""Dates as documents print them, read into ISO form."""
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Only forms that carry a year: a date without one is an event, not a dateline.
DATE_PATTERN = re.compile(
    r"(?i)\b(?:"
    + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    + r"|(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2") + r",?\s+(?P<year2>(?:19|20)\d\d)"
    + r"|(?P<year3>(?:19|20)\d\d)-(?P<month3>\d\d)-(?P<day3>\d\d)"
    + r")\b"
)


def find_date(text):
    """The first full date in ``text`` as ``(iso, start, end)``, or None."""
    for match in DATE_PATTERN.finditer(text):
        iso = _iso(match)
        if iso:
            return iso, match.start(), match.end()
    return None


def parse_date(value):
    """ISO date for a user-given or printed date string; None when it is not one."""
    found = find_date(value.strip())
    return found[0] if found else None


def _iso(match):
    groups = match.groupdict()
    if groups["year"]:
        year, month, day = groups["year"], MONTHS[groups["month"].lower()], groups["day"]
    elif groups["year2"]:
        year, month, day = groups["year2"], MONTHS[groups["month2"].lower()], groups["day2"]
    else:
        year, month, day = groups["year3"], groups["month3"], groups["day3"]
    year, month, day = int(year), int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
