"""Person and organization names: the one normaliser and the name heuristics.

Everything here works on short strings (a name, a noun phrase around a
name); offsets are the caller's business. Entity resolution keys come from
``name_key``/``org_key``/``surname_key`` so the extractor and the store agree.
"""
import functools
import re
import unicodedata

from .lexicon import (
    DATE_WORDS, DEMONYMS, HONORIFICS, NOT_NAMES, ORG_WORDS, PARTICLES, PLACE_WORDS, PLACES,
    ROLE_ABBREVIATIONS, ROLE_HEADS, ROLE_MODIFIERS, SUFFIXES, UNNAMED,
)
# Read through this module by other extractors (kb/families.py, clauses.py).
from .lexicon import FUNCTION_WORDS, TITLE_LOWER  # noqa: F401

# Entries in each cache of a word-level function: an archive's working
# vocabulary, but bounded, so a long import's memory stays flat.
WORD_CACHE_SIZE = 16_384

# A capitalised word; a full stop belongs to it only in initials ("E.",
# "U.S.") and abbreviations ("Jr.", "Sen."), so a run never crosses ". ".
_ABBREVIATIONS = ("Jr", "Sr", "St", "Dr", "Mr", "Mrs", "Ms", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen",
                  "Rep", "Inc", "Co", "Corp", "Ltd", "Mt", "Ft", "Prof", "Rev", "Hon", "Adm", "Cmdr", "Maj", "Pres",
                  "Supt", "Det", "Amb", "Atty")
_ABBREVIATED = r"(?:" + "|".join(_ABBREVIATIONS) + r")\."
_WORD = (rf"(?:[A-ZÀ-ÖØ-Þ]\.(?:[A-Z]\.)*|{_ABBREVIATED}|"
         r"[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\.(?:org|com|net|io)\b)?)")


def _first_word(not_after):
    """``(?<!not_after)`` then ``_WORD``, written capital first: the capital, then the look-
    behind over it and the character before, then the rest of each kind of word (an
    abbreviation's rest once a look-behind has read its capital). The scan of a pattern
    opening on a character class skips to the characters of the class."""
    rests = "|".join(rf"(?<={word[0]}){word[1:]}" for word in _ABBREVIATIONS)
    return (rf"[A-ZÀ-ÖØ-Þ](?<!{not_after}[A-ZÀ-ÖØ-Þ])"
            rf"(?:\.(?:[A-Z]\.)*|(?:{rests})\.|[\w'’\-]*(?:\.(?:org|com|net|io)\b)?)")


_PARTICLE = r"(?:" + "|".join(sorted(PARTICLES)) + r")"
# A capitalised run: words, initials and name particles ("Mary E. Lovely").
# (?<![\w\-’'.])(?:_WORD)(?:[ \u00a0]+(?:_PARTICLE[ \u00a0]+)*(?:_WORD))*
CAPITAL_RUN = re.compile(
    _first_word(r"[\w\-’'.]") + rf"(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)*(?:{_WORD}))*"
)
# Organization names keep small lower-case words ("Fight for the Future").
# (?<![\w\-’'])(?:_WORD)(?:…)*: the first word as in CAPITAL_RUN.
ORG_RUN = re.compile(
    _first_word(r"[\w\-’']") + rf"(?:(?:[ \u00a0]+(?:of|for|the|and|on|de|du|des|del|in)"
    rf"(?=(?:[ \u00a0]+(?:of|for|the|and))*[ \u00a0]+[A-ZÀ-ÖØ-Þ&]))*[ \u00a0]+(?:{_WORD}|&))*"
    r"(?:[ \u00a0]+\d{1,4}\b(?![.,]\d))?"  # "Amalgamated Rideshare Drivers Local 88"
)


_last_org_runs = (None, [])


def org_runs(text):
    """``list(ORG_RUN.finditer(text))``, kept for the last text asked about (the quote,
    claim and entity extractors all read the runs of the same document)."""
    global _last_org_runs
    last = _last_org_runs
    if last[0] is not text:
        last = (text, list(ORG_RUN.finditer(text)))
        _last_org_runs = last
    return last[1]


def normalise_name(name):
    """Casefold, keep accents, drop apostrophes and full stops, other punctuation to spaces."""
    text = unicodedata.normalize("NFC", name or "").casefold()
    text = _APOSTROPHES_AND_STOPS.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def name_key(name):
    """Key of a person or group name: normalised, no leading article or honorific."""
    # "NASA’s Science Mission Directorate" and "NASA Science Mission Directorate" agree.
    words = normalise_name(_POSSESSIVE_S.sub("", name or "")).split()
    while words and words[0] in _LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def org_key(name):
    """Key of an organization name: as ``name_key``, without legal-form suffixes."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in {"inc", "llc", "ltd", "corp", "co", "plc"}:
        words = words[:-1]
    return " ".join(words)


def surname_key(name):
    """Key of the last word of a person's name, skipping Jr./Sr./III."""
    words = [w for w in name_key(name).split() if w not in SUFFIXES]
    return words[-1] if words else ""


_ABBREVIATED_ORG = {"inc", "jr", "sr", "co", "corp", "ltd"}
_KEPT_STOPS = ROLE_ABBREVIATIONS | _ABBREVIATED_ORG
_LEADING_WORDS = {"the", "a", "an"} | HONORIFICS
_TITLE_MODIFIERS = ROLE_MODIFIERS | TITLE_LOWER
_ONE_PERSON = ROLE_HEADS | UNNAMED


def clean_phrase(text):
    """A title or org as printed: trimmed of spaces, articles and edge punctuation
    ("Rep." and "Inc." keep their full stop)."""
    text = _SPACES.sub(" ", text or "").strip(" ,;:–—-()[]\"'“”‘’")
    text = _LEADING_DETERMINER.sub("", text)
    last = text.split()[-1].rstrip(".").lower() if text.split() else ""
    kept = _TRAILING_INITIAL.search(text) or last in _KEPT_STOPS
    if text.endswith(".") and not kept:
        text = text[:-1]
    return text or None


def is_capitalised(word):
    """Does the word start with a capital letter?"""
    return bool(word) and word[0].isupper()


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def is_role_word(word):
    """"Campaigner", "Sen.", "singer-guitarists": a word a role title ends on."""
    low = (word or "").lower().strip(".,")
    if low in ROLE_ABBREVIATIONS:
        return True
    for form in (low, low.split("-")[-1]):
        if form in ROLE_HEADS or form.endswith("s") and form[:-1] in ROLE_HEADS:
            return True
        # "microbiologist", "physician", "photographer": professions by their ending.
        if len(form) >= 7 and form.endswith(_PROFESSION_ENDINGS) and form not in _NOT_PROFESSIONS:
            return True
    return False


def role_phrase_width(words):
    """How many leading ``words`` form a lower-case role phrase right before a
    capitalised word, or 0: "council member Rosa Imani", "committee chair X",
    "state Sen. X", "longtime resident X" (2, 2, 1, 2).

    US news prints a role in lower case before the name it describes: lower-case
    modifiers, then a head from the role lexicon (or a person noun such as
    "resident"), or modifiers of an abbreviated title that follows ("state Sen.").
    A plural head ("members X and Y") describes no one person.
    """
    width = next((i for i, w in enumerate(words[:6]) if w[:1].isupper()), 0)
    lower = [w.lower() for w in words[:width]]
    if not lower or any(not _LOWER_CASE_WORD.fullmatch(w) or w in FUNCTION_WORDS for w in lower):
        return 0
    head = lower[-1]
    if is_person_noun(head):
        return width
    # "state Sen.", "former state Rep.": modifiers of the title that follows.
    if is_role_word(words[width]) and all(w in _TITLE_MODIFIERS for w in lower):
        return width
    return 0


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def is_person_noun(word):
    """"member", "chair", "resident": one person's role or description (not "members")."""
    low = (word or "").lower().strip(".,")
    if low.endswith("s") and (low[:-1] in _ONE_PERSON or low.split("-")[-1][:-1] in ROLE_HEADS):
        return False
    return is_role_word(low) or low in UNNAMED


_PROFESSION_ENDINGS = ("ologist", "ologists", "ician", "icians", "ographer", "ographers", "ist", "ists")
_NOT_PROFESSIONS = {"persist", "consist", "insist", "resist", "assist", "checklist", "playlist",
                    "wishlist", "shortlist", "waitlist", "blacklist", "whitelist", "amidst"}


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def is_demonym(word):
    """"Israeli", "US": a nationality that stays inside a title."""
    word = word.rstrip(",")
    # "US" is a country, "Us" in "Sum of Us" is not.
    if len(word.replace(".", "")) <= 2:
        return word.isupper() and word.lower() in DEMONYMS
    return word.lower() in DEMONYMS


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def looks_like_org(name):
    """Does a capitalised run read as an organization rather than a person?"""
    words = (name or "").replace("’s", "").replace("'s", "").split()
    if not words:
        return False
    last = words[-1].lower().rstrip(".,")
    if last in ORG_WORDS or any(w.lower().rstrip(".,") in ORG_WORDS for w in words[1:]):
        return True
    if "." in name and _DOMAIN.search(name) or "&" in name:
        return True
    lowered = [w.lower() for w in words]
    if any(w in {"of", "for", "and", "the"} for w in lowered[1:]):
        return True
    # An acronym ("NASA", "ICE", "IDC") is a body; one-letter words are initials.
    return len(words) == 1 and len(words[0]) > 1 and words[0].replace(".", "").isupper()


_DOMAIN = re.compile(r"\.(?:org|com|net|io)\b", re.I)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def looks_like_person(name):
    """Two to five capitalised words, no organization or role word: a person's name."""
    words = (name or "").split()
    if not 1 <= len(words) <= 5 or looks_like_org(name) or words[-1] in PLACES:
        return False
    if any(is_role_word(w) and w[0].isupper() and i < len(words) - 1 for i, w in enumerate(words)):
        return False
    return all(is_capitalised(w) or w.lower() in PARTICLES for w in words)


def org_of(text):
    """The organization of text that opens "of (the) Name" ("… of the Brookings
    Institution said"), or None."""
    return last_org_span(_LEADING_OF.sub("", text)) if OF_NAME.match(text) else None


def last_org_span(text):
    """The organization name in a phrase after "at"/"of": its last capitalised run.

    "the right-wing Kohelet Policy Forum" -> "Kohelet Policy Forum"; "the
    Latino activist organization Mijente" -> "Mijente".
    """
    text = _ORG_PHRASE_END.split(text, maxsplit=1)[0]
    runs = [m for m in ORG_RUN.finditer(text) if not _only_hyphen_adjective(m.group())]
    if not runs or runs[-1].group() in PLACES:
        return None  # "Martin Taylor of Aberdeenshire": a place is no organization
    return clean_phrase(drop_possessive(org_text(runs[-1].group())))


def org_text(run):
    """An ORG_RUN without a trailing date or place: "Halvorsen Analytics on Tuesday"."""
    words = run.split()
    for i in range(1, len(words) - 1):
        date = words[i] in ("on", "in", "of", "for") and words[i + 1].lower().rstrip(".") in DATE_WORDS
        if date or words[i] == "in" and words[i + 1] in PLACES:  # ("University of Florida" stays)
            return " ".join(words[:i])
    return run


def _only_hyphen_adjective(run):
    # "London-based", "Spokane-area": capitalised but not a name.
    return bool(HYPHEN_ADJECTIVE.fullmatch(run))


def drop_possessive(name):
    """"Halvorsen’s" -> "Halvorsen", "Halvorsen Analytics'" -> "Halvorsen Analytics"."""
    return _TRAILING_POSSESSIVE.sub("", name)


# ---- a name inside a capitalised run ---------------------------------------
# Abbreviations and initials that end in a full stop without ending a sentence.
ABBREVIATION = r"(?:[A-Z]\.)+|(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Prof|Rev|Amb|Atty)\."


def name_part(run, text, run_start):
    """The person-name tail of a capitalised run and its offset in the run.

    "White House Press Secretary Stephanie Grisham" -> "Stephanie Grisham";
    "Secretary of State Mike Pompeo" drops "State" after "Secretary of";
    "Ken Doctor" keeps "Doctor": a run's last word is always part of the name.
    """
    words = run.split()
    keep = len(words)
    for i in range(len(words) - 1, -1, -1):
        word = words[i].rstrip(",")
        low = word.lower().rstrip(".")
        last = i == len(words) - 1
        if last and (word in PLACES or low in PLACE_WORDS):
            return "", 0  # "New York", "Hong Kong": a place, not a person
        initial = len(word) == 2 and word[1] == "." and "A" <= word[0] <= "Z"  # "E."
        if not initial and (low in NOT_NAMES or low in HONORIFICS):
            break
        if not last and (is_role_word(word) or low in ORG_WORDS or is_acronym(word)):
            break
        keep = i
    while keep < len(words) - 1 and is_demonym(words[keep]):
        keep += 1  # "Afghan Taliban", "Israeli Benjamin Netanyahu": a nationality starts no name
    if keep == 0 and len(words) > 2:
        role_of = _ROLE_OF.search(text[max(0, run_start - 30):run_start])
        if role_of and is_role_word(role_of.group(1)):
            keep = 1  # "Secretary of State Mike Pompeo", "ambassador to Britain Liu Xiaming"
    if keep >= len(words):
        return "", 0
    offset = 0
    if keep or run[:1].isspace():
        for index, match in enumerate(_NOT_SPACES.finditer(run)):  # where words[keep] starts in run
            if index == keep:
                offset = match.start()
                break
    return " ".join(words[keep:]), offset


_ROLE_OF = re.compile(r"(\w+)\s+(?:of|to|for)\s+$")
_NOT_SPACES = re.compile(r"\S+")


def is_acronym(word):
    """"NASA", "DL": capitals only, no full stops."""
    return len(word) > 1 and word.isupper() and "." not in word


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def surname(name):
    """The last word of a person's name, skipping Jr./Sr./III and honorifics."""
    words = [w for w in strip_honorific(name).split() if w.lower().rstrip(".") not in SUFFIXES]
    return words[-1] if words else ""


def strip_article(name):
    """"The Doobie Brothers" -> "Doobie Brothers"."""
    if not name.startswith(("The", "the")):
        return name
    return _ARTICLE.sub("", name)


_ARTICLE = re.compile(r"^(?:The|the)\s+")


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # a pure function of a word: asked again and again
def strip_honorific(name):
    """"Mr. Trump" -> "Trump", "Dr. Owen Dempsey" -> "Owen Dempsey"."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


# "London-based", "Obama-era", "O’Neill-backed": a capitalised word made an adjective.
HYPHEN_ADJECTIVE = re.compile(r"[A-Z][\w’']*-[a-z][\w-]*")
# Capitals only, two to six: "ICE", "ACLU".
ACRONYM = re.compile(r"[A-Z]{2,6}")
# " of (the) Name" after a person's name: the body they belong to.
OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
# A phrase's tokens: a word with the punctuation that can sit inside a name
# (Dr., AT&T, O’Neill, Smith-Jones), or one punctuation mark.
TOKEN = re.compile(r"[\w.’'&-]+|[^\w\s]")

# Patterns of the functions above, compiled once.
_LEADING_OF = re.compile(r"^\s+of\s+(?:the\s+)?")
_APOSTROPHES_AND_STOPS = re.compile(r"['’‘.`]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_POSSESSIVE_S = re.compile(r"['’]s\b")
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)
_TRAILING_INITIAL = re.compile(r"\b[A-Z]\.$")
_SPACES = re.compile(r"\s+")
_LOWER_CASE_WORD = re.compile(r"[a-z][\w’'-]*")
_ORG_PHRASE_END = re.compile(r",|;|\s(?:who|which|that|where|when|in|and(?=\s+[a-z]))\s|(?<![A-Z])\.\s")
# "Halvorsen’s"; "Halvorsen Analytics’" (a plural's apostrophe follows its s).
_TRAILING_POSSESSIVE = re.compile(r"(?:’s|'s|(?<=s)[’'])$")
