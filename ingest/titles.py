"""Titles and organizations as a document prints them around a name.

"Free Press Action Fund Campaigner Lucia Martínez" (before the name),
"Scott Roberts, Senior Campaign Director at Color Of Change" and "Steven
Renderos, Campaign Director, Center for Media Justice" (appositives):
these functions split such phrases into (title, org), on short strings.
"""
import functools
import re

from .lexicon import (
    BODY_NOUNS, DATE_WORDS, FUNCTION_WORDS, NOT_NAMES, ORG_WORDS, PLACE_WORDS, ROLE_MODIFIERS,
    TITLE_LOWER, UNNAMED,
)
from .names import (
    ABBREVIATION, ORG_RUN, TOKEN, clean_phrase, is_acronym, is_capitalised, is_demonym, is_person_noun,
    is_role_word, last_org_span, looks_like_org, looks_like_person,
)


def split_pre_title(words):
    """Split the words before a name into (title, org).

    "Free Press Action Fund Campaigner" -> ("Campaigner", "Free Press Action
    Fund"); "White House Press Secretary" -> ("Press Secretary", "White
    House"); "Secretary of State" -> ("Secretary of State", None).
    """
    words = [w for w in words if w]
    heads = [i for i, w in enumerate(words) if is_role_word(w)]
    if not heads:
        if words and all(w.islower() for w in words) and is_person_noun(words[-1]):
            return clean_phrase(" ".join(words)), None  # "longtime resident": how the text describes them
        return None, None
    start = heads[0]
    while start > 0 and _title_modifier(words[start - 1]):
        start -= 1
    while start < heads[0] and start > 0 and words[start - 1].lower() in ("of", "for", "and", "the", "&") \
            and words[start][0].isupper():
        start += 1  # "Department of Health public information officer": "Health" names the body
    org_words = words[:start]
    while org_words and org_words[0].lower().strip(",") in DATE_WORDS:
        org_words.pop(0)  # "On Monday council member X said": a date, not a body
    if org_words and org_words[-1].endswith(("’s", "'s")):
        org_words[-1] = org_words[-1][:-2]
    title = " ".join(words[start:])
    org = " ".join(org_words)
    if org and len(org_words) == 1 and org.lower() in ORG_WORDS:
        org = ""  # "News industry analyst Ken Doctor": a capitalised word, not a body
    if org and all(is_demonym(w) for w in org.split()):
        return clean_phrase(org + " " + title), None
    if org and not is_capitalised(org):
        return clean_phrase(org + " " + title), None
    return clean_phrase(title), clean_phrase(org) if org else None


def split_opening_title(words, text=""):
    """``split_pre_title`` for words that open a sentence.

    The first word of a sentence is capitalised by its place, not because it
    names a body: "Council member Rosa Imani said" is a council member, as
    "said council member Rosa Imani" is. A common word there (one the lexicon
    knows, or one ``text`` also prints in lower case) joins the title when the
    words after it are a title on their own; "Microsoft spokesman" and "State
    Department spokesman" keep their org.
    """
    words = [w for w in words if w]
    title, org = split_pre_title(words)
    if len(words) < 2 or not _common_word(words[0], text):
        return title, org
    rest_title, rest_org = split_pre_title(words[1:])
    if rest_org is None and rest_title == clean_phrase(" ".join(words[1:])):
        return clean_phrase(words[0] + " " + rest_title), None
    return title, org


_COMMON_WORDS = ORG_WORDS | BODY_NOUNS | PLACE_WORDS | ROLE_MODIFIERS | TITLE_LOWER


def _common_word(word, text):
    """Is a capitalised word at a sentence start a common word ("Council", "Longtime")?"""
    if not _CAPITALISED_WORD.fullmatch(word) or is_demonym(word):
        return False  # "NASA", "GateHouse", "U.S.", "Israeli": names and nationalities
    low = word.lower()
    if low in _COMMON_WORDS:
        return True
    # Otherwise the document decides: printed in lower case somewhere ("a longtime
    # resident"), and never capitalised inside a sentence ("at Apple").
    return _printed_lower(text, low) and word not in _capitalised_inside(text)


def _printed_lower(text, low):
    """Is ``low`` (lower-case letters and hyphens) printed as a word of its own: neither a
    word character nor a hyphen on either side? The same as ``low in set(re.findall(
    r"(?<![\\w-])([a-z][a-z-]*)(?![\\w-])", text))``, looking only where ``low`` occurs
    (answers kept for the last text asked about)."""
    global _lower_answers
    asked, answers = _lower_answers
    if asked is not text:
        answers = {}
        _lower_answers = (text, answers)
    if low not in answers:
        found, at = False, text.find(low)
        while at >= 0:
            end = at + len(low)
            if not (at and _word_or_hyphen(text[at - 1])) and not (end < len(text) and _word_or_hyphen(text[end])):
                found = True
                break
            at = text.find(low, at + 1)
        answers[low] = found
    return answers[low]


_lower_answers = (None, {})


def _word_or_hyphen(char):
    return char.isalnum() or char in "_-"


@functools.lru_cache(maxsize=8)
def _capitalised_inside(text):
    """Capitalised words printed inside a sentence ("at Apple") in ``text``."""
    return frozenset(_CAPITALISED_INSIDE.findall(text))




def _title_modifier(word):
    low = word.lower()
    if low in {"the", "a", "an", "and", "of"}:
        return False
    return (not is_capitalised(word)) or low in ROLE_MODIFIERS or is_demonym(word)


# A preposition that introduces the speaker's organization; a few lower-case
# words may describe the body first ("at tech market research firm IDC").
_ORG_PREP = re.compile(r"\b(at|with|of|for|in|from|on)\s+(?:the\s+)?"
                       r"(?:(?!(?:at|with|of|for|in|from|on|to|the|and)\b)[a-z][\w-]*\s+){0,4}"
                       r"(?=[A-ZÀ-ÖØ-Þ0-9])")


def parse_descriptor(text):
    """(title, org) from an appositive such as "a campaigner at Demand Progress".

    Comma-separated parts: the first with a role gives the title and any
    "at/with/of Org"; a later part that is only a capitalised name gives the
    org when none was found ("Campaign Director, Center for Media Justice").
    """
    parts = [p.strip() for p in _COMMA.split(text or "") if p.strip()]
    title = org = None
    for part in parts:
        if _AND_NAME.match(part):
            break  # "..., and Tim Morrison, ...": the next item of a list
        part = _LEADING_AND_OR_WHO_IS.sub("", part)
        if title is None and _has_role(part):
            title, org_here = _title_and_org(part)
            org = org or org_here
        elif org is None and title is not None and _is_name_only(part):
            if looks_like_org(part) or not looks_like_person(part):
                org = clean_phrase(part)
    if title is None and parts:
        party = _PARTY_DESCRIPTOR.match(parts[0])
        if party:
            return clean_phrase(party.group(1)), None  # "a Democrat from New York"
        org = org or _org_from_clause(parts[0])
    return title, org


def _has_role(part):
    if _RELATIVE_PRONOUN.match(part):
        return False  # "who chairs the committee": a clause, not a title
    first = _PREPOSITION_OR_RELATIVE.split(part)[0]
    last = part.split()[-1] if part.split() else ""
    # "Washington State Department of Health public information officer" ends on its role.
    return any(is_role_word(w.strip(".,")) for w in first.split()) or last.islower() and is_role_word(last)


def _is_name_only(part):
    return bool(ORG_RUN.fullmatch(part.strip())) and not _has_role(part)


def _title_and_org(part):
    """Split "senior fellow at the Kohelet Policy Forum in Israel" at the org preposition."""
    part = _CLAUSE_AFTER_ORG.split(part, maxsplit=1)[0]  # "aide to Vice President Pence on Trump's call"
    words = part.split()
    if len(words) > 2 and words[0][0].isupper() and not is_role_word(words[0]) and words[-1].islower():
        title, org = split_pre_title(words)  # "Washington State Department of Health public information officer"
        if title and org:
            return title, org
    matches = list(_ORG_PREP.finditer(part))
    # "at"/"with" name the employer even after "of Programs"; "in" only a body ("in NASA’s …").
    chosen = [m for m in matches if m.group(1) in ("at", "with")] or [
        m for m in matches if m.group(1) in ("of", "for", "on", "from")
        or m.group(1) == "in" and _body_named(part[m.end():])
    ]
    if not chosen:
        return _title_without_prep(part)
    match = chosen[-1] if chosen[0].group(1) in ("at", "with") else chosen[0]
    org = last_org_span(part[match.end():])
    if org is None:
        return clean_phrase(part), None
    title = clean_phrase(part[: match.start()])
    return title, org


def _title_without_prep(part):
    """A descriptor with no "at/of Org": "a teacher in Leeds", "the institute's research
    director", "a senior organizer at the group", "a Halvorsen engineer"."""
    part = _IN_PLACE_END.sub("", part)  # a place is no employer
    body = _ROLE_AT_THE_BODY.match(part)
    if body and _has_role(body.group(1)):
        return clean_phrase(body.group(1)), "the " + body.group(2)  # resolved by the caller
    owner = _OWNERS_ROLE.match(part)
    if owner and is_role_word(owner.group(2).split()[-1]):
        org = owner.group(1) if owner.group(1)[0].isupper() else "the " + owner.group(1)
        return clean_phrase(owner.group(2)), org
    words = clean_phrase(part).split() if clean_phrase(part) else []
    if len(words) > 1 and words[0][0].isupper() and not is_role_word(words[0]):
        title, org = split_pre_title(words)
        if title and org:
            return title, org
    title = clean_phrase(part)
    return title, _embedded_org(title)


def _body_named(text):
    """Does the text after "in" open on a body ("NASA’s science mission directorate")?"""
    first = text.split()[0] if text.split() else ""
    return is_acronym(first.replace("’s", "").replace("'s", "")) or first.endswith(("’s", "'s")) or bool(
        last_org_span(text) and looks_like_org(last_org_span(text)))


def _embedded_org(title):
    """"former National Security Council official": the org sits inside the title."""
    if not title:
        return None
    runs = [m.group() for m in ORG_RUN.finditer(title) if m.start() > 0]
    runs = [r for r in runs if len(r.split()) > 1 and looks_like_org(r)]
    return runs[0] if runs else None


def _org_from_clause(part):
    """"who launched the petition at SumOfUs" names an org without a role."""
    match = _AT_NAME.search(part)
    return last_org_span(match.group(1)) if match else None


def describes(text):
    """Does an appositive describe ("a campaigner at X", "who ...") rather than go on with the story?"""
    words = text.split(",")[0].split()
    if not words:
        return False
    if _DESCRIBING_WORD.fullmatch(words[0]):
        return True
    return any(is_role_word(w.strip(".")) for w in words[:10])


def cut_clause(text):
    """Stop an appositive where the sentence moves on ("..., said in a statement")."""
    return _APPOSITIVE_END.split(text)[0]


def title_words_before(text, start):
    """The role words right before a name: "Taliban spokesman", "Sum of Us organizer"."""
    chunk = text[max(0, start - 80):start].split("\n")[-1]
    words = []
    for token in reversed(TOKEN.findall(chunk)):
        if not _WORD_START.match(token) or len(words) >= 7:
            break
        if token.endswith(".") and not _ABBREVIATED.fullmatch(token):
            break  # the sentence before ended here
        low = token.lower().rstrip(".")
        if token[0].isupper():
            if low in NOT_NAMES:
                break
        elif low in ("of", "to") and words and words[0][0].isupper():
            pass
        elif low in FUNCTION_WORDS or not (
                is_role_word(token) and not token.endswith("s") or low in TITLE_LOWER
                or not words and low in UNNAMED  # "longtime resident Rosa Imani"
                or words and words[0].islower() and is_person_noun(words[0])
                or words and low in ROLE_MODIFIERS and is_role_word(words[0])):  # "state Sen."
            break  # "industry analyst" is a title; "to kill Rep.", "for judges" are not
        words.insert(0, token)
    while words and words[0].lower() in ("of", "to"):
        words.pop(0)
    return words


# Patterns of the functions above, compiled once.
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z][a-z-]*")
_CAPITALISED_INSIDE = re.compile(r"[a-z,]\s+([A-Z][a-z][a-z-]*)(?![\w-])")
_AND_NAME = re.compile(r"and\s+[A-ZÀ-ÖØ-Þ]")
_LEADING_AND_OR_WHO_IS = re.compile(r"^(?:and|who is|who was)\s+")
_PARTY_DESCRIPTOR = re.compile(r"(?:a|an)\s+((?:Democrat|Republican|Independent)(?:\s+from\s+.+)?)$")
_COMMA = re.compile(r",\s*")
_RELATIVE_PRONOUN = re.compile(r"(?:who|which|that)\b")
_PREPOSITION_OR_RELATIVE = re.compile(r"\s(?:at|with|of|for|in|from|on|to|who|which|that)\s")
_CLAUSE_AFTER_ORG = re.compile(r"\s(?:who|which|that|where)\s|\s+on\s+(?=[A-Z][\w’']*(?:’s|'s)\s|the\s|a\s)")
_IN_PLACE_END = re.compile(r"\s+in\s+[A-Z][\w-]*(?:,?\s+[A-Z][\w-]*)*$")
_ROLE_AT_THE_BODY = re.compile(r"(.+?)\s+(?:at|with|of|for)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(\w+)$")
_OWNERS_ROLE = re.compile(r"(?:the\s+)?([\w&.-]+(?:\s+[A-Z][\w&.-]*)*)(?:’s|'s)\s+(.+?)(?:\s+and\s+.*)?$")
_AT_NAME = re.compile(r"\b(?:at|with|for)\s+(?:the\s+)?([A-ZÀ-ÖØ-Þ].*)")
_DESCRIBING_WORD = re.compile(r"(?:a|an|the|who|one|its|their|his|her|\d[\w-]*)")
_APPOSITIVE_END = re.compile(r"\s(?:said|says|told|tells|added|wrote|explained|noted)\b|\s\(|;|:")
_WORD_START = re.compile(r"\w")
_ABBREVIATED = re.compile(ABBREVIATION)
