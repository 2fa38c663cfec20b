"""What one document says about its names, gathered once per document.

The entity extractor asks, for a candidate name: is this line a headline
(where every word is capitalised and proves nothing)? Is the name inside a
quoted title of a work? Did the document define an acronym ("Immigration and
Customs Enforcement (ICE)")? Is a one-word name written like a body ("at
Microsoft", "Microsoft employees"), like a person ("Mr. Schiff", "Trump
administration") or like a product ("the Sightline software")? Each answer
comes from a pass over the text made once, so extraction stays linear.
"""
import bisect
import re
from collections import Counter

from .lexicon import FUNCTION_WORDS
from .orgs import _BODY_THINGS, _KIND, _ORG_AFTER, _initials_match
from .quotes import _title_case
from .sentences import ABBREVIATIONS, paragraph_spans

# Lower-case nouns after a name that make it a thing someone built, not a body.
PRODUCT_NOUNS = ("software|system|systems|platform|app|application|tool|module|program|programme|"
                 "product|feature|device|browser|database|alert|alerts|camera|cameras|license|"
                 "algorithm|engine|model")
# Patterns read at a name's edges: ``.search`` the text before it, ``.match`` after it.
# The noun must end its phrase: "Azure, a cloud computing service", not "a software engineer".
_PHRASE_END = r"\b(?!\s+(?!(?:that|which|with|for|to|of|by|from|in|on|and|or|used|designed|built)\b)[a-z])"
PRODUCT_AFTER = re.compile(
    rf"(?:(?:\s+[a-z][\w-]*)?\s+(?:{PRODUCT_NOUNS})"
    rf"|,\s+(?:a|an|the|its)\s+(?:[\w’'-]+\s+){{0,3}}(?:{PRODUCT_NOUNS}|service)){_PHRASE_END}")
# Prepositions that put a body, rarely a person, after them ("employees at Microsoft").
BODY_BEFORE = re.compile(r"\b(?:at|joined|joins|join|inside|with|from)\s+(?:the\s+)?$")
_PREMISES = r"offices?|headquarters|campus|stores?|factory|plant|warehouses?"
BODY_AFTER = re.compile(r"(?:" + _ORG_AFTER + r"|(?:’s|'s)\s+(?:own\s+)?(?:" + _BODY_THINGS
                        + r"|contract|contracts|" + _PREMISES + r")\b|\s+(?:" + _PREMISES + r")\b)")
KIND_BEFORE = re.compile(r"\b" + _KIND + r"\s+$")  # "the Latino activist organization Mijente"
# A leader's name before these nouns makes the pair a government ("Trump administration").
LEADER_AFTER = re.compile(r"\s+(?:administration|government|regime|cabinet)\b")
PERSON_AFTER = re.compile(r",\s+who\b|(?:’s|'s)\s+(?:wife|husband|family|son|daughter|mother|father)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout|around|near)\s+$")  # "drivers in Vellmont"
WERE = re.compile(r"\s+(?:have|are|were)\b")
_LINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL_WORDS = FUNCTION_WORDS | {"its", "your", "our", "their"}
_ACRONYM_DEFINED = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
# (?<![\w’'])[‘'](?=[A-Z]) …, the look-behind after the mark so that the scan can skip to marks.
_SINGLE_QUOTED = re.compile(r"[‘'](?<![\w’'][‘'])(?=[A-Z])([^‘’'\n]{2,60})[’'](?![\w’'])")


# Lower-case words and acronyms standing alone. What may not precede the first letter
# is checked after it (a look-behind over both), so that the scan can skip to letters.
_LOWER_WORD = re.compile(r"[a-z](?<![\w’'-][a-z])[a-z’'-]*")       # (?<![\w’'-])[a-z][a-z’'-]*
_ACRONYM = re.compile(r"[A-Z](?<![\w.-][A-Z])[A-Z]{1,5}(?![\w.-])")  # (?<![\w.-])[A-Z]{2,6}(?![\w.-])


class Evidence:
    """Per-document facts the entity extractor consults by offset or by word."""

    def __init__(self, text, spans):
        self.text = text
        self.lower = set(_LOWER_WORD.findall(text))
        self.body, self.person, self.product, self.place = Counter(), Counter(), Counter(), Counter()
        self.acronym_uses = Counter(_ACRONYM.findall(text))
        self.titles = self._title_ranges(spans)
        self._title_starts = [start for start, _ in self.titles]
        self.headlines = [(a, b) for a, b in paragraph_spans(text) if _is_headline(text[a:b])]
        self._headline_starts = [start for start, _ in self.headlines]
        self.acronyms = self._acronyms()

    # ---- how one-word names are written, document-wide ------------------
    def count(self, pieces):
        """Count, for each one-word name, the mentions written like a body, a person or a
        product; a word's kind then holds for all its mentions in the document."""
        text = self.text
        for piece in pieces:
            if " " in piece.text:
                continue
            word, before = piece.text, text[max(0, piece.start - 40):piece.start]
            after = BODY_AFTER.match(text, piece.end)
            # "Signatures were collected": a sentence opener before "were" is no body.
            after = after and not (WERE.match(after.group()) and self.starts_sentence(piece.start))
            # "with Immigration and Customs Enforcement": the preposition is the whole name's.
            # "with Vellmont's Department…": the preposition governs what Vellmont owns.
            governed = BODY_BEFORE.search(before) and not piece.joined and not piece.possessive
            self.body[word] += bool(governed or after
                                    or KIND_BEFORE.search(before))
            self.person[word] += bool(PERSON_AFTER.match(text, piece.end) or LEADER_AFTER.match(text, piece.end))
            self.product[word] += bool(PRODUCT_AFTER.match(text, piece.end))
            self.place[word] += bool(_PLACE_BEFORE.search(before))

    def _title_ranges(self, spans):
        """(open, close) of quoted titles of works ("Plates, Patterns and Probable Cause",
        'Safe Streets'): capitalised words there name a work, not a body or a person."""
        ranges = [(s.open, s.close) for s in spans if _title_case(self.text[s.start:s.end])]
        ranges += [(m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(self.text)
                   if _title_case(m.group(1)) and len(m.group(1).split()) <= 6]
        return sorted(ranges)

    def _acronyms(self):
        """{acronym: (start, end)} of the full name printed before "(ACRONYM)"."""
        found = {}
        for match in _ACRONYM_DEFINED.finditer(self.text):
            acronym = match.group(1)
            if acronym in found:
                continue
            span = _defined_name(self.text, match.start(), acronym)
            if span:
                found[acronym] = span
        return found

    # ---- questions by offset -------------------------------------------
    def in_title(self, offset):
        """Is ``offset`` inside a quoted title of a work?"""
        index = bisect.bisect_right(self._title_starts, offset) - 1
        return index >= 0 and offset < self.titles[index][1]

    def headline(self, offset):
        """Is ``offset`` on a headline line, where capitals prove nothing?"""
        index = bisect.bisect_right(self._headline_starts, offset) - 1
        return index >= 0 and offset < self.headlines[index][1]

    def starts_sentence(self, offset):
        """Is the word at ``offset`` the first of a sentence, a line, a label ("Contact: X") or
        a dateline ("LARKSPUR — The …")? Not after an abbreviation ("with U.S. Immigration")."""
        before = self.text[max(0, offset - 12):offset].rstrip(" \t\u00a0“‘\"'([")
        if not before or before[-1] in "\n!?:”—–":
            return True
        if before[-1] != ".":
            return False
        word = before.split()[-1][:-1].lstrip("\"'“‘(").lower() if before.split() else ""
        return not (word in ABBREVIATIONS or len(word) == 1 or "." in word)

    def common(self, word, offset):
        """A capitalised sentence opener the document also prints in lower case ("Inside")."""
        return word.lower() in self.lower and self.starts_sentence(offset)


def _is_headline(line):
    """Title Case lines ("Tell Microsoft to End Its Contract With ICE") and one- or two-word
    lines ("Related Content"): their capitals prove nothing about names."""
    if line.rstrip().endswith((".", "?", "!")) and line.count(" ") > 1:
        return False  # a sentence
    words = 0
    content = False
    for match in _LINE_WORD.finditer(line):
        word = match.group()
        words += 1
        if word.lower() not in _SMALL_WORDS:
            if not word[0].isupper():
                return False  # a content word in lower case: prose, not a headline
            content = True
    return content and (words >= 3 or len(line.split()) <= 2)


def _defined_name(text, paren, acronym):
    """(start, end) of the capitalised words before "(ACR)" whose initials give ACR:
    "Immigration, Customs, and Enforcement (ICE)", "Vellmont Department of Transit Safety (DTS)"
    -> "Department of Transit Safety"."""
    line_start = text.rfind("\n", 0, paren) + 1
    words = []
    for match in reversed(list(_COMMA_FREE_WORD.finditer(text[max(line_start, paren - 160):paren]))):
        word = match.group()
        if not word[0].isupper() and word.lower() not in ("and", "of", "for", "the", "on", "&"):
            break
        start = max(line_start, paren - 160) + match.start()
        words.insert(0, (start, start + len(word), word))
    for first in range(len(words)):
        caps = [w for _, _, w in words[first:] if w[0].isupper()]
        if not caps or not words[first][2][0].isupper():
            continue
        initials = "".join(w[0] for w in caps)
        # "Bureau of Prisons (BOP)", "Department of the Interior (DOI)": small words may count.
        every = "".join(w[0] for _, _, w in words[first:]).upper()
        most = "".join(w[0] for _, _, w in words[first:] if w not in ("the", "and", "&")).upper()
        # Exact initials; a leading nationality may stay out of them ("U.S. Immigration…").
        if acronym in (initials, every, most) or initials[1:] == acronym and _initials_match(caps, acronym):
            start = words[first + 1][0] if caps[0].endswith(("’s", "'s")) else words[first][0]
            return start, words[-1][1]  # "NASA’s Volatiles … Rover (VIPER)": not the owner
    return None


# Patterns of the functions above, compiled once.
_COMMA_FREE_WORD = re.compile(r"[^\s,]+")
