"""Cut one capitalised run into the names it holds.

A capitalised run (``names.ORG_RUN``) often holds more than one name, or a
name wrapped in other capitalised words: "Free Press Action Fund Campaigner
Lucia Martínez" is a body, a title and a person; "Yana Calou of
Coworker.org" a person and a body; "Tell Microsoft" an imperative and a
body; "ICE and Border Patrol" two bodies. ``split_run`` returns the pieces
with what the run itself says about their kind; the document decides the rest.
"""
import re
from dataclasses import dataclass

from .lexicon import (
    BODY_NOUNS, CLAUSE_STOP, DATE_WORDS, FEMALE_NAMES, FUNCTION_WORDS, GROUP_WORDS, HONORIFICS, MALE_NAMES,
    NOT_NAMES, ORG_WORDS, PLACE_WORDS, PLACES, ROLE_MODIFIERS, TITLE_LOWER,
)
from .entity_kinds import head_noun, title_word
from .names import HYPHEN_ADJECTIVE, is_demonym, looks_like_org, org_text

FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
# Prepositions and adverbs that open sentences and are missing from the function-word lists
# ("Inside Halvorsen, …", "Now the Agency …": neither is part of a name).
_OPENERS = {"inside", "outside", "throughout", "near", "besides", "atop", "aboard", "alongside", "now",
            "meanwhile", "however", "instead", "indeed", "perhaps", "finally", "today", "tonight",
            "yesterday", "tomorrow", "here", "there", "still", "yet"}
CONNECTORS = {"of", "for", "the", "and", "on", "de", "du", "des", "del", "in", "&"}
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_WORD = re.compile(r"\S+")
_NEXT_LOWER = re.compile(r"\s+([a-z]+)")
_SKIPPED = CONNECTORS | DATE_WORDS | FUNCTION_WORDS | CLAUSE_STOP | _OPENERS
_SMALL = CONNECTORS | {"with", "to", "at", "by", "a"}
_MODIFIERS = (ROLE_MODIFIERS | TITLE_LOWER) - ORG_WORDS


@dataclass
class Piece:
    """A name inside a run: offsets, text, and the run's own hint about its kind."""

    start: int
    end: int
    text: str
    hint: str | None = None      # 'person' | 'organization' | None
    article: int | None = None   # offset of a capitalised "The" printed right before it
    possessive: bool = False     # printed with ’s ("Microsoft’s contract")
    joined: bool = False         # "and" joins it to the next piece of the same run
    kind: str | None = None      # decided by the document: 'person', 'organization', BLOCKED or None
    expands: str | None = None


def words_of(run, base):
    """(start, end, word) of each word of a run starting at offset ``base``."""
    return [(base + m.start(), base + m.end(), m.group()) for m in _WORD.finditer(run)]


def split_run(text, match, evidence):
    """The pieces of an ``ORG_RUN`` match; ``evidence`` (an ``entity_evidence.Evidence``)
    says where sentences start and which capitalised openers are ordinary words here."""
    # "Halvorsen in October 2024", "Max Planck Institute for Astrophysics in Munich": what
    # follows "in" is a date or a place.
    run = org_text(match.group()).split(" in ")[0]
    if " " not in run:
        return _one_word(match.start(), run, evidence)
    pieces = []
    for group in _possessive_groups(words_of(run, match.start())):
        for words in _sentence_groups(group):
            pieces.extend(_group_pieces(text, words, evidence))
    return pieces


def _one_word(start, word, evidence):
    """The common case, a one-word run, without the machinery for longer ones."""
    name = _POSSESSIVE.sub("", word) if len(word) > 2 else word
    low = name.lower().rstrip(".")
    if low in _SKIPPED or low in NOT_NAMES or low in HONORIFICS or evidence.common(name, start):
        return []
    if "-" in name and HYPHEN_ADJECTIVE.fullmatch(name) or _is_title_word(name) and name[0].isupper():
        return []  # "Obama-era"; a bare "Commissioner"
    if low.endswith(("ing", "ed")) and evidence.starts_sentence(start):
        return []
    return [Piece(start, start + len(name), name, possessive=name != word)]


def _possessive_groups(words):
    """"Microsoft’s Redmond": the possessive ends a name; its ’s is not part of it."""
    groups, current = [], []
    for start, end, word in words:
        stripped = _POSSESSIVE.sub("", word) if len(word) > 2 else word
        if stripped != word:
            current.append((start, start + len(stripped), stripped))
            groups.append((current, True))
            current = []
        else:
            current.append((start, end, word))
    if current:
        groups.append((current, False))
    return groups


def _sentence_groups(group):
    """"U.S. Since then": a full stop then a sentence opener ends the run."""
    words, possessive = group
    parts, current = [], []
    for word in words:
        if current and current[-1][2].endswith(".") and word[2].lower() in NOT_NAMES:
            parts.append(current)
            current = []
        current.append(word)
    parts.append(current)
    return [(part, possessive and i == len(parts) - 1) for i, part in enumerate(parts)]


def _group_pieces(text, group, evidence):
    """Pieces of one possessive-free stretch: each "and" side trimmed and split on its own."""
    words, possessive = group
    segments = _and_segments(words)
    pieces = []
    for index, segment in enumerate(segments):
        segment, hint, article = _trim_front(text, segment, evidence)
        segment = _trim_back(segment)
        if not segment:
            continue
        found = []
        for part, part_hint in _split_title(segment, article is not None):
            for sub, sub_hint in _split_of(part, evidence):
                start, end = sub[0][0], sub[-1][1]
                found.append(Piece(start, end, text[start:end], sub_hint or part_hint or hint))
        if found:
            found[0].article = article if found[0].start == segment[0][0] else None
            found[-1].joined = index < len(segments) - 1 and found[-1].end == segment[-1][1]
        pieces.extend(found)
    if pieces:
        pieces[-1].possessive = possessive and pieces[-1].end == words[-1][1]
    return pieces


def _and_segments(words):
    """"ICE and Border Patrol", "President Trump and President Zelenskyy": each side of an
    "and" is read alone; the document rejoins "Immigration and Customs Enforcement"."""
    segments, current = [], []
    for word in words:
        if word[2] == "and" and current:
            segments.append(current)
            current = []
        else:
            current.append(word)
    return segments + [current] if current else segments


def _trim_front(text, words, evidence):
    """Drop sentence openers, honorifics, articles and modifiers; remember what they said."""
    hint, article = None, None
    while words:
        start, _, word = words[0]
        low = word.lower().rstrip(".")
        rest = len(words) > 1  # " ".join(the words after it) is not empty
        if word in ("The", "the") and len(words) > 1:
            article = start if word == "The" else None
        elif low in HONORIFICS and len(words) > 1:
            hint = "person"  # "Dr. Ines Kowalczyk", "the Reverend Samuel Achterberg"
        elif low in _SKIPPED:
            pass  # "According", "About", "Inside"
        elif "-" in word and HYPHEN_ADJECTIVE.fullmatch(word) or (
                rest and is_demonym(word) and not _org_word_last(words)):
            pass  # "Sacramento-based McClatchy", "Afghan Taliban"
        elif low in NOT_NAMES or evidence.common(word, start) or evidence.starts_sentence(start) and (
                len(words) > 2 and words[1][2] == "the" or low.endswith(("ing", "ed"))):  # "… the …"
            # "Tell Microsoft", "Cancel the DTS contract", "Staying on the Moon", "Ousted WeWork"
            # lose their first word; "Demand Progress", "Drop the Dragnet coalition" and
            # "Fight for the Future," are a body's whole name.
            if rest and (_one_body_word_after(words) or _phrase_name(text, words)):
                break
        else:
            break
        words = words[1:]
    return words, hint, article


def _org_word_last(words):
    return words[-1][2].lower().rstrip(".,") in ORG_WORDS


def _one_body_word_after(words):
    """"Demand Progress", "Demand Progress and Sum of Us": opener plus one body word."""
    return words[1][2].lower().rstrip(".,") in ORG_WORDS and (len(words) == 2 or words[2][2].islower())


def _phrase_name(text, words):
    """"Drop the Dragnet coalition", "Fight for the Future,": a verb phrase used as a name,
    followed by a body noun or standing as a noun, not by its object's noun ("the DTS contract")."""
    if words[1][2] not in ("the", "for", "of"):
        return False
    following = _NEXT_LOWER.match(text, words[-1][1])
    return bool(following and following.group(1) in BODY_NOUNS) or head_noun(text, words[-1][1])


def _trim_back(words):
    """"Halvorsen Analytics Employees": the people of a body are not the body; "Route 14",
    "Committee Tuesday": a number or a date names no one, "Local 88" keeps its number."""
    while len(words) > 1:
        low = words[-1][2].lower()
        number = low.isdigit() and words[-2][2].lower() not in ORG_WORDS
        if (number or low in DATE_WORDS) and len(words) == 2:
            return []  # "Black Friday", "Type 1", "Phase 2": a date or a model, not a name
        if not (low in GROUP_WORDS or low in CONNECTORS or low in DATE_WORDS or number):
            break
        words = words[:-1]
    return words


def _join(words):
    return " ".join(w for _, _, w in words)


def _split_title(words, article=False):
    """"Microsoft CEO Satya Nadella" -> (Microsoft, org), (Satya Nadella, person);
    "Executive Director of Presente.org" -> (Presente.org, org); "Senior Organizer" -> nothing."""
    # Singular roles only: "Joint Chiefs of Staff", "Kansas City Chiefs" are bodies.
    roles = [i for i, (_, _, w) in enumerate(words) if w[0].isupper() and title_word(w) and not w.endswith("s")]
    if not roles or roles[-1] == len(words) - 1 and (article or len(words) > 1 and (
            looks_like_org(_join(words)) or _title_cased(words) or words[0][2].lower() in FIRST_NAMES)):
        # "Center for Media Justice", "Jobs With Justice", "The Hollywood Reporter": the role
        # word names the body; "Howard Dean": a surname.
        return _split_body_person(words)
    head = roles[-1]
    first = head
    while first > 0 and (_is_title_word(words[first - 1][2]) or words[first - 1][2].lower() in ROLE_MODIFIERS
                         or is_demonym(words[first - 1][2])):  # "White House Press Secretary"
        first -= 1
    before, after = words[:first], words[head + 1:]
    parts = []
    if before and not _is_title_word(before[0][2]):
        parts.append((before, "organization"))  # "Free Press Action Fund Campaigner"; not "Chief Strategy"
    if after and after[0][2].lower() in CONNECTORS:
        while after and after[0][2].lower() in CONNECTORS:
            after = after[1:]
        parts.extend((part, hint or "organization") for part, hint in _split_body_person(after))
    elif after and not any(w[2].lower() in ORG_WORDS for w in after):
        parts.append((after, "person"))  # a titled name
    elif after:
        return [(words, None)]  # "Justice Department": the role word was part of a body
    return parts


def _split_body_person(words):
    """"European Union Gordon Sondland", "State Mike Pompeo": a body (or place) run into a
    person's name that starts with a common first name; "Carrie Ann Inaba" stays one."""
    for i in range(1, len(words) - 1):
        body = any(w.lower() in ORG_WORDS or w.lower() in PLACE_WORDS or w.isupper() for _, _, w in words[:i])
        if body and words[i][2].lower() in FIRST_NAMES and _person_like(words[i:]):
            return [(words[:i], None), (words[i:], "person")]
    return [(words, None)]


def _title_cased(words):
    """"Jobs With Justice", "Color Of Change": a capitalised small word inside a name."""
    return any(w[2].lower() in _SMALL for w in words[1:-1])


def _is_title_word(word):
    low = word.lower().rstrip(".,")
    return title_word(word) or low in _MODIFIERS


def _split_of(words, evidence):
    """"Yana Calou of Coworker.org": a person then the body they belong to; "Brian Batko of
    the Pittsburgh Post-Gazette", "Russia of Crimea" are two names too; "Bank of America",
    "Department of Transit Safety" stay whole. "Leaders of Microsoft" is Microsoft. Words the
    document also prints in lower case make no person ("Monthly Notices of the Royal…")."""
    for i in range(1, len(words) - 1):
        if words[i][2] != "of":
            continue
        left, right = words[:i], words[i + 1:]
        while len(right) > 1 and right[0][2] == "the":
            right = right[1:]
        if _person_like(left):
            body = looks_like_org(_join(right)) or _dotted(right)
            named = left[0][2].lower() in FIRST_NAMES or not any(w.lower() in evidence.lower for _, _, w in left)
            return [(left, "person" if body and named else None), (right, "organization" if body else None)]
        if len(left) == 1 and left[0][2].lower() in GROUP_WORDS:
            return _split_of(right, evidence)
        if _join(left) in PLACES:
            return [(left, None), (right, None)]
    return [(words, None)]


def _dotted(words):
    return len(words) == 1 and "." in words[0][2]


def _person_like(words):
    """Two or three plain capitalised words: "Tomasz Brennan", not "Bank" or "Department"."""
    return 2 <= len(words) <= 3 and not any(
        w[2].lower() in ORG_WORDS or w[2].lower() in CONNECTORS or w[2].isupper() or w[2] in PLACES
        for w in words)
