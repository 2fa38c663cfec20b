"""Numbers that are not figures: dates, times, phone numbers, addresses, URLs,
identifiers, footnote markers, scores and numbers inside names.

``blocked_spans`` marks whole regions no figure may start in; the ``is_*``
predicates judge one numeral in its context.
"""
import bisect
import re

from .dates import MONTHS
from .numbers import CARDINAL_WORDS

SP = r"[^\S\n]"  # a space that does not cross a line: figures never span lines
# A letter and a hyphen just before a number ("COVID-19", "Take-Two"): part of a name.
LETTER_HYPHEN_END = re.compile(r"[A-Za-z][-–]$")
# Capitalized only: "may 5" is a verb, "May 5" a date.
_MONTH = r"(?:%s)\.?" % "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_CARDINALS = "|".join(CARDINAL_WORDS)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![,.]?\d)"  # not the "1" of "Monday 1,200 jobs"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"

# Regions that carry digits without stating a quantity.
_BLOCKS = [
    r"\b(?:https?://|www\.)\S+",                                # URLs
    r"\b(?:pic\.twitter\.com|t\.co|bit\.ly)/\S+",
    # e-mail and bare domains; each starts a token, so a long dotted run is scanned once
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"(?<![\w@])@\w+|(?<![\w&])#\w+",                             # handles, hashtags
    r"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|uk|info)\b(?:/\S*)?",
    r"\bdoi:?\s*\S+|\b10\.\d{4,}/\S+|\bISBN[\s:-]*[\d-]{10,}",
    # phone numbers: (206) 555-1234, 978-852-6457, +44 20 7946 0958
    r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b",
    r"\+\d{1,3}(?:[\s.-]?\d{2,4}){2,4}\b",
    # times of day: 6:38 p.m., 10 a.m., 0100 GMT
    r"\b\d{1,2}(?::\d{2}){1,2}(?:%s?[ap]\.?m\b\.?)?" % SP,
    r"\b\d{1,2}%s?[ap]\.m\.|\b\d{1,2}%s?[ap]m\b" % (SP, SP),
    r"\b\d{3,4}%s(?:GMT|UTC|[ECMP][SD]?T|BST|CET)\b" % SP,
    # dates: July 26, 2018 / Nov. 19 / 26 July 2018 / July 2018 / 7/26/2018 / 2018-07-26
    r"\b%s%s+%s(?:,?%s+\d{4})?\b" % (_MONTH, SP, _DAY, SP),
    r"\b%s(?:%sof)?%s+%s(?:,?%s+\d{4})?\b" % (_DAY, SP, SP, _MONTH, SP),
    r"\b%s,?%s+\d{4}\b" % (_MONTH, SP),
    r"\b%s,?%s+%s\b" % (_WEEKDAY, SP, _DAY),
    r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b",
    # ordinals, decades, fiscal years and quarters: 50th, 1980s, '90s, FY2020-22, Q2
    r"\b\d+(?:st|nd|rd|th)\b|\b\d{4}['’]?s\b|['’]\d0s\b|\b(?:FY|Q)\d+(?:-\d+)?\b",
    # street addresses and ZIP codes
    r"\b\d+%s+(?:[A-Z][a-z]+%s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|"
    r"Blvd\.|Lane|Ln\.|Drive|Dr\.|Way|Place|Court|Ct\.|Plaza|Parkway|Highway)" % (SP, SP),
    r"\b[A-Z]{2}%s\d{5}(?:-\d{4})?\b" % SP,
    # section, bill and other reference numbers; "No. 3", "§ 230", "H.R. 1"
    r"(?i:\b(?:section|sec\.|article|chapter|clause|paragraph|page|pp?\.|bill|"
    r"no\.|nos\.|number|room|suite|apt\.|flight|route|highway|interstate|exit|gate|"
    r"platform|channel|episode|season|week|round|stage|level|phase|grade|district|"
    r"ward|precinct|volume|vol\.|issue|item|model|version|type|group|class|category|"
    r"tier|zone|h\.r\.)%s*\d[\d.-]*)" % SP,
    r"§+%s*\d[\d.]*" % SP,
    # scores and identifier chains: 6-4, 7-6 (5), 978-3-319-09575-2
    r"\b\d+(?:[-–]\d+){2,}\b",
    r"\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+",                                 # footnote markers
    r"\(\d{1,3}(?:%s*[,–-]%s*\d{1,3})*\)" % (SP, SP),              # citations: (4, 5)
    r"\b\d+:\d+\b",                                              # ratios: 16:9
    r"\b\d+/\d+\b",                                              # 24/7, 1/2
]
_BLOCK = re.compile("|".join("(?:%s)" % block for block in _BLOCKS))
_LIST_MARKER = re.compile(r"^%s*\d{1,2}[.)](?=%s)" % (SP, SP), re.M)
# A digit stuck to the end of a word or sentence is a footnote: "abuses.1", "claim,2".
_FOOTNOTE = re.compile(r"(?<=[a-z][.,;:!?”\"’)])\d{1,2}(?=\s|$)")

# Lower-cased words that may stand capitalized before a number without naming
# something: sentence openers and qualifiers ("Around 15", "With 300 staff").
_NOT_NAMES = {
    "a", "about", "above", "across", "after", "against", "all", "almost", "along",
    "among", "an", "and", "another", "approximately", "around", "as", "at", "before",
    "below", "between", "but", "by", "close", "during", "each", "estimated", "even",
    "every", "exactly", "fewer", "for", "from", "fully", "given", "here", "if", "in",
    "including", "into", "just", "last", "least", "less", "like", "maybe", "more",
    "most", "nearly", "next", "nor", "of", "on", "once", "only", "or", "over", "past",
    "perhaps", "precisely", "roughly", "since", "so", "some", "still", "than", "that",
    "the", "then", "there", "these", "those", "through", "to", "totaling", "totalling",
    "under", "until", "up", "upwards", "when", "where", "while", "with", "within",
    "without", "yet",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


def blocked_spans(text):
    """Sorted, disjoint (start, end) regions in which no figure may start."""
    digits = digit_starts(text)
    spans = [match.span() for match in matches_at(_BLOCK, text, _block_starts(text, digits))]
    spans += [match.span() for match in _LIST_MARKER.finditer(text)]
    spans += [match.span() for match in matches_at(_FOOTNOTE, text, digits)]  # a digit after a stop
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---- scanning only where a match may start -----------------------------------
# A big alternation of patterns is tried at every position of the text; most
# positions cannot start any of its matches. ``matches_at`` tries only the
# positions a caller lists, which must include every position a match can start at.
def matches_at(pattern, text, starts):
    """``list(pattern.finditer(text))`` for a pattern whose matches are never empty,
    trying only the sorted positions ``starts`` (all positions a match may start at)."""
    found, cursor = [], 0
    for start in starts:
        if start < cursor:
            continue
        match = pattern.match(text, start)
        if match:
            found.append(match)
            cursor = match.end()
    return found


_DIGIT_RUN = re.compile(r"\d+")
_last_digits = (None, [])


def digit_starts(text):
    """Where each run of digits starts, in order (kept for the last text asked about)."""
    global _last_digits
    last = _last_digits
    if last[0] is not text:
        last = (text, [match.start() for match in _DIGIT_RUN.finditer(text)])
        _last_digits = last
    return last[1]


def is_space(char):
    """Is ``char`` matched by ``SP`` (a space that is no line break)?"""
    return char.isspace() and char != "\n"


def is_word_char(char):
    """Is ``char`` matched by ``\\w``?"""
    return char.isalnum() or char == "_"


def _run_start(text, end, chars):
    """Where the run of ``chars`` characters (or word characters) ending at ``end`` starts."""
    start = end
    while start > 0 and (text[start - 1] in chars or is_word_char(text[start - 1])):
        start -= 1
    return start


# The section/page/bill words of ``_BLOCKS`` (matched before a number).
_REFERENCE_WORD = re.compile(
    r"(?i:section|sec\.|article|chapter|clause|paragraph|page|pp?\.|bill|"
    r"no\.|nos\.|number|room|suite|apt\.|flight|route|highway|interstate|exit|gate|"
    r"platform|channel|episode|season|week|round|stage|level|phase|grade|district|"
    r"ward|precinct|volume|vol\.|issue|item|model|version|type|group|class|category|"
    r"tier|zone|h\.r\.)")
_REFERENCE_BEFORE = re.compile(r"\b" + _REFERENCE_WORD.pattern + r"\Z")
_WORD_BEFORE = re.compile(r"\w+\Z")
_TLD = re.compile(r"\.(?:com|org|net|gov|edu|io|co|uk|info)\b")
# Every branch opens on a literal character, so that the scan skips to those characters.
_MARKS = re.compile(r"@|#|§|¹|²|³|⁴|⁵|⁶|⁷|⁸|⁹|⁰|doi|ISBN|https?://|www\.|pic\.twitter\.com/|t\.co/|bit\.ly/")


def _block_starts(text, digits):
    """Every position a ``_BLOCK`` match may start at, sorted. Each pattern of
    ``_BLOCKS`` starts on a digit, on a mark right before one ("(", "+", "[", "’",
    "FY", "Q", a ZIP's state), on a word that ends just before a number (a month,
    a weekday, "section"), on one of ``_MARKS``, or on the address an "@" or a
    top-level domain ends."""
    starts = set()
    for digit in digits:
        starts.add(digit)
        before = text[digit - 1:digit]
        if before and before in "(+[’'Q":
            starts.add(digit - 1)
        if text[digit - 2:digit] == "FY":
            starts.add(digit - 2)
        if digit >= 3:
            starts.add(digit - 3)  # "WA 98101"
        # "section 5", "No. 3", "Jan. 5", "Tuesday, 12", "July 2018": a word ends before it.
        end = digit
        while end > 0 and text[end - 1].isspace() and text[end - 1] != "\n":
            end -= 1
        # A reference word starts a word and is at most 10 long; two cannot end together.
        reference = _REFERENCE_BEFORE.search(text, max(0, end - 10), end)
        if reference:
            starts.add(reference.start())
        if end < digit:
            word_end = end - (text[end - 1:end] == ",")
            word_end -= text[word_end - 1:word_end] == "."
            word = _WORD_BEFORE.search(text, max(0, word_end - 12), word_end)  # a month or weekday is shorter
            if word:
                starts.add(word.start())
    for match in _MARKS.finditer(text):
        starts.add(match.start())
        if match.group() == "@":  # an e-mail address ends its name here
            start = _run_start(text, match.start(), ".+-")
            if start < match.start():
                starts.add(start)
    for match in _TLD.finditer(text):  # a domain name ends here
        starts.add(_run_start(text, match.start(), ".-"))
    return sorted(starts)


def in_spans(spans, start, end):
    """Does [start, end) overlap any of the sorted, disjoint ``spans``?"""
    index = bisect.bisect_left(spans, (end,)) - 1
    return index >= 0 and spans[index][1] > start


def is_inside_name(text, start, end):
    """Is the numeral at ``text[start:end]`` part of a name or identifier?

    "TNG50", "Take-Two", "3D", "Sportback 50", "Destiny 2", "Week 13": glued
    to letters, or right after a capitalized word that is not a sentence
    opener. The caller checks glued unit suffixes ("5kg") before calling.
    """
    before = text[max(0, start - 2):start]
    if before[-1:].isalnum() or LETTER_HYPHEN_END.search(before):
        return True
    if end < len(text) and text[end].isalpha():
        return True
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40):start])
    if not previous:
        return False
    word = previous.group(1)
    if word.endswith(("'s", "’s")) or _DOTTED_INITIALS.fullmatch(word):
        return False  # "WeWork’s 12,000 employees", "in the U.S. 3,000 people"
    if _COUNT_WORD.match(word):
        return True  # "roughly 400 737 Max jets": a model number after a count
    # Capitalized or camel-case words name things: "Sportback 50", "iPhone 11".
    named = word[0].isupper() or any(c.isupper() for c in word[1:])
    return named and word.lower().rstrip(".") not in _NOT_NAMES


def opens_sentence(text, start):
    """Does ``start`` begin a sentence, a line or a quotation that opens one?"""
    before = text[max(0, start - 40):start].rstrip("“\"‘'([ \t")
    return not before or bool(_SENTENCE_BREAK_END.search(before))


def is_quoted_name(text, start, end):
    """"Three Amigos", “two systems”: a number opening a short quoted term."""
    if text[start - 1:start] not in ("\"", "“", "‘", "'"):
        return False
    return _QUOTED_TERM_END.match(text, end) is not None


_QUOTED_TERM_END = re.compile(r"[^\n\"”’.!?]{0,30}[\"”’]")


def is_score_or_chain(text, start, end):
    """Is the numeral one side of "6-4", "2-1" or an identifier chain?"""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return bool(_DIGIT_DASH.match(before) or _DASH_DIGIT.match(after))


def is_year(text, start, end):
    """A bare four-digit number between 1500 and 2099 reads as a year."""
    literal = text[start:end]
    return bool(_YEAR.fullmatch(literal))


def in_parentheses(text, start, end):
    """"(5)" after a tennis set or a list item is a marker, not a figure."""
    return text[start - 1:start] == "(" and text[end:end + 1] == ")"


def in_condition(text, sentence_start, start):
    """Is the figure inside an if-clause?

    "If thousands more employees stand together": a vague count in a
    hypothetical states nothing checkable. The clause runs back to the
    previous comma, colon, semicolon, dash or bracket.
    """
    clause = _CLAUSE_MARK.split(text[max(sentence_start, start - 200):start])[-1]
    return _IF_OR_UNLESS.search(clause) is not None


# Patterns of the functions above, compiled once.
_PREVIOUS_WORD = re.compile(r"([A-Za-z0-9][\w.'’&-]*)%s+$" % SP)
_COUNT_WORD = re.compile(r"\d|(?:%s)$" % _CARDINALS, re.I)
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_SENTENCE_BREAK_END = re.compile(r"(?:[\n.!?:;—–]|^)[\"”’)\]]*\s*$")
_DIGIT_DASH = re.compile(r"\d[-–]")
_DASH_DIGIT = re.compile(r"[-–]\d")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_CLAUSE_MARK = re.compile(r"[,;:—–()]")
_IF_OR_UNLESS = re.compile(r"\b(?:if|unless)\b", re.I)
