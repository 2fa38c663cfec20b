"""Document type and metadata read from plain text alone.

Works on the decoded text *before* cleaning: the sign-up notice and the
end mark that cleaning drops still say who published a page and what it is.
"""
import re
from dataclasses import dataclass

from .dates import find_date

DOC_TYPES = ("petition", "press_release", "article", "letter", "other")

# How many leading lines count as the document's header.
HEADER_LINES = 6

PRESS_RELEASE_CUES = re.compile(
    r"(?im)^\s*(?:for immediate release|press release|news release|for release)\b"
)
CONTACT_LINE = re.compile(r"(?im)^\s*(?:media |press )?contacts?\s*:\s*(?P<contact>\S.*)$")
END_MARK_LINE = re.compile(r"(?m)^\s*(?:#\s*#\s*#|-\s*30\s*-)\s*$")
PETITION_CUES = re.compile(
    r"(?im)\bsign (?:the|our|this) petition\b|^\s*petition to\b|\badd your name\b|\bsign now\b"
)
TELL_LINE = re.compile(r"(?m)^\s*Tell (?P<target>[A-Z][^\n]{1,80}?) to (?P<demand>[^\n]{3,160}?)[.!]?\s*$")
PETITION_TO = re.compile(r"(?im)^\s*petition to (?P<target>[^\n:]{3,160}):")
SALUTATION = re.compile(r"(?m)^\s*(?:To|Dear) (?P<target>[^\n:,]{3,120})[:,]\s*$")
BYLINE = re.compile(r"(?m)^\s*By (?P<byline>[A-Z][\w.'’-]+(?:[ ,]+(?:and )?[A-Z][\w.'’-]+){1,8})\s*$")
# "The Larkspur Ledger — March 3, 2025": an outlet and the date on one line.
OUTLET_DATELINE = re.compile(r"^\s*(?P<outlet>[A-Z][\w.&'’ ]{2,60}?)\s*[—–|,-]\s*(?P<date>[^\n]{6,30})$")
# A letter's closing signature: "— 84 Halvorsen employees", "Sincerely, The Board".
SIGNATURE = re.compile(r"(?m)^\s*(?:[—–-]\s*|(?:signed|sincerely|respectfully),\s*)(?:\d[\d,]*\s+)?(?P<who>[A-Z][^\n]{2,80}?)\s*$")
SIGNUP = re.compile(r"(?i)\bupdates from (?P<orgs>[A-Z][^.\n]{2,120}?)[.\n]")
EMAIL_DOMAIN = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+)\.[a-z]{2,}")
# Capitalised words with the small words organization names keep in lower case.
ORG_NAME = re.compile(r"[A-Z][\w.&'’-]*(?:\s+(?:(?:for|the|of|and|on|in|to)\s+)*[A-Z][\w.&'’-]*)*")


@dataclass
class Metadata:
    doc_type: str = "other"
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    byline: str | None = None
    contact: str | None = None
    target: str | None = None
    demand: str | None = None


def detect_metadata(text):
    """Metadata for a decoded plain-text document."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    meta = Metadata(doc_type=detect_doc_type(text, lines))
    contact = CONTACT_LINE.search("\n".join(lines[:HEADER_LINES]))
    meta.contact = contact.group("contact").strip() if contact else None
    meta.byline = _first_group(BYLINE, "\n".join(lines[:HEADER_LINES]), "byline")
    meta.published = _published(lines)
    meta.publisher = _publisher(text, lines, meta)
    meta.target, meta.demand = _target_and_demand(text)
    meta.title = _title(lines, meta)
    return meta


def detect_doc_type(text, lines):
    """petition | press_release | article | letter | other, from textual cues."""
    head = "\n".join(lines[:HEADER_LINES])
    if PRESS_RELEASE_CUES.search(head) or (CONTACT_LINE.search(head) and END_MARK_LINE.search(text)):
        return "press_release"
    if PETITION_CUES.search(text) or (TELL_LINE.search(text) and SALUTATION.search(head)):
        return "petition"
    if any(SALUTATION.match(line) for line in lines[:HEADER_LINES]) or re.search(
        r"(?i)\bopen letter\b", lines[0] if lines else ""
    ):
        return "letter"
    prose = [line for line in lines if len(line) > 80 and line[-1:] in ".”\"'’"]
    return "article" if len(prose) >= 3 else "other"


def _published(lines):
    for line in lines[:HEADER_LINES]:
        if len(line) > 90:
            continue
        found = find_date(line)
        if found:
            return found[0]
    return None


def _publisher(text, lines, meta):
    if meta.contact:
        domain = EMAIL_DOMAIN.search(meta.contact)
        name = domain and _name_for_domain(text, domain.group("domain"))
        if name:
            return name
    signup = SIGNUP.search(text)
    if signup:
        names = [n.strip() for n in re.split(r",\s*|\s+and\s+", signup.group("orgs")) if n.strip()]
        # "updates from Free Press and Free Press Action Fund": the most
        # specific name is the one that runs the petition.
        return max(names, key=len)
    if lines and meta.doc_type == "petition" and _looks_like_org_line(lines[0]):
        return lines[0]
    if meta.doc_type == "letter":
        signatures = list(SIGNATURE.finditer(text))
        if signatures:
            return signatures[-1].group("who")
    for line in lines[:HEADER_LINES]:
        match = OUTLET_DATELINE.match(line)
        if match and find_date(match.group("date")):
            return match.group("outlet").strip()
    return None


def _name_for_domain(text, domain):
    """The organization name in the text whose letters spell the e-mail domain."""
    wanted = re.sub(r"[^a-z0-9]", "", domain.lower())
    for match in ORG_NAME.finditer(text):
        words = match.group().split()
        # The domain may spell only part of a longer capitalised run.
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                if re.sub(r"[^a-z0-9]", "", "".join(words[i:j]).lower()) == wanted:
                    return " ".join(words[i:j])
    return None


def _looks_like_org_line(line):
    words = line.split()
    return 1 <= len(words) <= 6 and line[-1] not in ".!?:" and all(w[0].isupper() or w in {"for", "the", "of", "and"} for w in words)


def _target_and_demand(text):
    target = _first_group(PETITION_TO, text, "target")
    tell = TELL_LINE.search(text)
    demand = tell.group("demand").strip().rstrip("!.") if tell else None
    if target is None:
        salutation = SALUTATION.search(text)
        target = salutation.group("target").strip() if salutation else None
    if target is None and tell:
        target = tell.group("target").strip()
    return target, demand


def _title(lines, meta):
    if meta.doc_type == "petition":
        tell = TELL_LINE.search("\n".join(lines))
        if tell:
            return tell.group(0).strip()
    for line in lines:
        if _is_header_line(line, meta):
            continue
        return line if len(line) <= 250 else None
    return None


def _is_header_line(line, meta):
    return bool(
        PRESS_RELEASE_CUES.match(line)
        or CONTACT_LINE.match(line)
        or BYLINE.match(line)
        or SALUTATION.match(line)
        or (meta.publisher and line == meta.publisher)
        or (OUTLET_DATELINE.match(line) and find_date(line))
    )


def _first_group(pattern, text, group):
    match = pattern.search(text)
    return match.group(group).strip() if match else None
