"""Figure families: figures from all sources that measure the same thing.

A figure's measure is the kind of quantity ("signatures", "employees",
"USD") and a cue from the words nearest it ("letter", "petition",
"contract"). Figures of two sources share a family only when the sources
share a main actor (one of the names each mentions most). Within that:
running tallies (signatures, letter signers, membership) stay one family
while their values grow; money joins values within ``MONEY_TOLERANCE``;
other counts join values within a factor of ``COUNT_RATIO``. A new figure is
compared only with families of its own unit class (an indexed lookup), so
assignment is incremental.
"""
import math
import re
from collections import Counter
from functools import lru_cache

from ingest.dates import MONTHS
from ingest.lexicon import ORG_WORDS
from ingest.names import CAPITAL_RUN, FUNCTION_WORDS
from ingest.stages import timed

from .sql import insert_row

# Count nouns that name the same kind of thing.
UNIT_CLASSES = {
    "signatures": "signatures", "signers": "signatures", "signatories": "signatures",
    "employees": "employees", "workers": "employees", "staff": "employees", "staffers": "employees",
    "people": "people", "persons": "people", "individuals": "people", "supporters": "people",
    "members": "members", "organizations": "organizations", "groups": "organizations",
}
# Words that say what a count or amount is about. The cue nearest the figure
# wins: "employees who signed an open letter" is about the letter, and the
# signatures of "7 million people have collected 300k signatures" are not
# the people's.
CUES = (
    ("letter", re.compile(r"(?i)\bletters?\b")),
    ("petition", re.compile(r"(?i)\bsignatures?\b|\bsigners?\b|\bsignatories\b|\bpetitions?\b")),
    ("membership", re.compile(r"(?i)\brepresent(?:s|ed|ing)?\b|\bmembers(?:hip)?\b")),
    ("contract", re.compile(r"(?i)\bcontracts?\b|\bdeals?\b|\bagreements?\b|\b(?:agreed|paid|pay|pays) to\b|\bworth\b")),
)
# "have signed" without saying what: a petition unless a letter is named.
SIGN_VERB = re.compile(r"(?i)\bsign(?:ed|ing|s)?\b")
# Tallies that move over time: one family whatever the value.
TALLY_CUES = {"letter", "petition", "membership"}
TALLY_CLASSES = {"signatures", "employees", "people", "members", "organizations"}
# "$19.4 million" and "nearly $20 million" are one contract; "$300,000" is not.
MONEY_TOLERANCE = 0.15
# 30–40 cameras and later 46 cameras are one count; 2,500 children and a
# father's two are not.
COUNT_RATIO = 2.0
CURRENCY = re.compile(r"^[A-Z]{3}$")
# How many of a document's most-mentioned names stand for its campaign.
ANCHORS = 5
# Capitalised words that are never a campaign's actor.
NOT_ANCHORS = set(MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# What may stand between a sentence's end and its first word.
SENTENCE_OPENERS = " \t\u00a0\"“”‘’'([—–-"
# Sentence-initial words that a capital letter does not make a name.
LEADING_WORDS = FUNCTION_WORDS | {"on", "in", "at", "of", "it", "this", "these", "those", "we", "i"}


def document_anchors(text, count=ANCHORS):
    """The names a document mentions most: the campaign's main actors.

    A single capitalised word seen only where a sentence opens ("According",
    "Opponents") is not taken for a name unless it is part of a longer one
    ("Halvorsen said." after "Halvorsen Analytics"): every source would share
    it, and families would join across campaigns.
    """
    counts, printed, names, name_words = Counter(), {}, set(), set()
    for match in CAPITAL_RUN.finditer(text):
        words = match.group().split()
        leading = 0
        while words and words[0].lower() in LEADING_WORDS:
            words, leading = words[1:], leading + 1
        name = re.sub(r"[’']s$", "", " ".join(words)).rstrip(".,")
        key = name.casefold()
        if len(name) > 2 and key not in NOT_ANCHORS:
            counts[key] += 1
            printed.setdefault(key, name)
            if len(words) > 1 or leading or not _opens_sentence(text, match.start()):
                names.add(key)
            if len(words) > 1:
                name_words.update(key.split())
    names |= name_words
    return [printed[key] for key, _ in counts.most_common() if key in names][:count]


def _opens_sentence(text, start):
    """Whether the word at ``start`` is the first of a sentence, a line or a quotation."""
    index = start
    while index and text[index - 1] in SENTENCE_OPENERS:
        index -= 1
    return index == 0 or text[index - 1] in ".!?:;\n"


def anchor_words(anchors):
    """The distinctive words of anchor names: "Halvorsen" meets "Halvorsen Analytics"."""
    return {
        word
        for anchor in anchors
        for word in re.findall(r"\w+", anchor.casefold())
        if len(word) > 2 and word not in FUNCTION_WORDS and word not in ORG_WORDS
    }


def figure_windows(text, figures):
    """(before, figure, after): the text of each figure's sentence that speaks of it.

    Bounded by the neighbouring figures, and before the figure only back to
    the nearest clause break.
    """
    windows = []
    for index, figure in enumerate(figures):
        start, end = figure.sentence_start, figure.sentence_end
        if index and figures[index - 1].end > start:
            start = figures[index - 1].end
        if index + 1 < len(figures) and figures[index + 1].start < end:
            end = figures[index + 1].start
        before = re.split(r"[,;:—–(]|\band\b", text[start:figure.start])[-1]
        windows.append((before, figure.text, text[figure.end:end]))
    return windows


def measure(figure, window, doc_type=None):
    """(unit class, cue) for a figure read in its window."""
    unit = figure["unit"] or ""
    cue = _nearest_cue(window)
    if CURRENCY.match(unit):
        return unit, "contract" if cue == "contract" else ""
    unit_class = UNIT_CLASSES.get(unit, unit)
    if cue == "contract":
        cue = ""  # a count near a contract is not the contract's
    if not cue and unit_class in TALLY_CLASSES:
        if doc_type == "letter":
            cue = "letter"  # a letter's own count of signers
        elif SIGN_VERB.search(window[2]):
            cue = "petition"
    if unit_class == "people" and cue == "petition":
        unit_class = "signatures"
    return unit_class, cue


def _nearest_cue(window):
    before, own, after = window
    found = []
    for name, pattern in CUES:
        if pattern.search(own):
            found.append((0, name))
        for match in pattern.finditer(after):
            found.append((match.start() + 1, name))
        for match in pattern.finditer(before):
            found.append((len(before) - match.end() + 1, name))
    return min(found)[1] if found else ""


def document_measures(figures, windows, doc_type=None):
    """measure() for each figure (a dict) of one document.

    The same number counted twice in one document is the same count ("More
    than 100,000 sign petition" … "More than 100,000 people"), so a figure
    without a tally cue borrows its twin's measure.
    """
    measures = [measure(figure, window, doc_type) for figure, window in zip(figures, windows)]
    tallies = {}
    for figure, measured in zip(figures, measures):
        if measured[1] in TALLY_CUES:
            tallies.setdefault(_twin_key(figure), measured)
    return [
        measured if measured[1] in TALLY_CUES else tallies.get(_twin_key(figure), measured)
        for figure, measured in zip(figures, measures)
    ]


def _twin_key(figure):
    unit_class = UNIT_CLASSES.get(figure["unit"], figure["unit"])
    return figure["value"], "signatures" if unit_class == "people" else unit_class


@lru_cache(maxsize=16)
def _sorted_anchor_words(anchors):
    # Every figure of a document has the document's anchors: worked out once.
    return sorted(anchor_words(anchors))


@timed("resolve")
def assign_family(db, figure, measured, anchors):
    """The family of a figure about to be stored, created when new."""
    unit_class, cue = measured
    words = _sorted_anchor_words(tuple(anchors))
    family_id = family_cue = None
    if not figure["vague"] and words:
        family_id, family_cue = _matching_family(db, figure["value"], measured, words) or (None, None)
    if family_id is None:
        family_cue = cue
        family_id = insert_row(
            db,
            "figure_families",
            {"key": unit_class, "cue": cue, "label": _label(anchors, measured), "unit": figure["unit"]},
        )
    remember_family_keys(db, family_id, words, family_keys(figure, unit_class, family_cue))
    return family_id


def family_keys(figure, unit_class, family_cue):
    """What a family is found by through one of its figures: the band of its
    value and, for a running tally, the tally's cue."""
    keys = []
    bucket = value_bucket(figure["value"], unit_class)
    if not figure["vague"] and bucket is not None:
        keys.append(f"v{bucket}")
    if family_cue in TALLY_CUES:
        keys.append(f"c:{family_cue}")
    return keys


def value_bucket(value, unit_class):
    """The band of values ``value`` falls in. A value's join window
    (``_value_window``) is exactly one band wide on each side, so every value
    it admits lies in the same band or a neighbouring one."""
    if value is None or value <= 0:
        return None
    return math.floor(math.log(value) / _band_width(unit_class))


def _band_width(unit_class):
    if CURRENCY.match(unit_class):
        return -math.log(1 - MONEY_TOLERANCE)
    return math.log(COUNT_RATIO)


def remember_family_keys(db, family_id, words, keys):
    """Index a family under each anchor word of the figure's source, with each key."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO family_words (family_id, word, bucket) VALUES (?, ?, ?)",
        [(family_id, word, key) for word in words for key in keys],
    )


def _matching_family(db, value, measured, words):
    """(id, cue) of the oldest family of this unit class that shares an anchor
    word and fits the value, or None.

    The candidates come from one index range per (word, band): a source's
    anchor word together with the band of a value it stated (or the tally it
    counts), so the cost follows how many families share both, not how many
    families exist. The exact window is then checked on the figures index.
    """
    unit_class, cue = measured
    tally = cue in TALLY_CUES and unit_class in TALLY_CLASSES
    low, high = _value_window(value, unit_class)
    bucket = value_bucket(value, unit_class)
    keys = [] if bucket is None else [f"v{bucket - 1}", f"v{bucket}", f"v{bucket + 1}"]
    if tally:
        keys.append(f"c:{cue}")
    if not keys:
        return None
    rows = db.execute(
        f"""SELECT ff.id, ff.cue FROM figure_families ff
            WHERE ff.id IN (SELECT family_id FROM family_words
                            WHERE word IN ({", ".join("?" * len(words))}) AND bucket IN ({", ".join("?" * len(keys))}))
              AND ff.key = ?
              AND ((? AND ff.cue = ?) OR EXISTS (
                   SELECT 1 FROM figures f WHERE f.family_id = ff.id AND f.vague = 0
                   AND f.value BETWEEN ? AND ?))
            ORDER BY ff.id""",
        [*words, *keys, unit_class, tally, cue, low, high],
    )
    for family_id, family_cue in rows:
        if _cues_agree(measured, family_cue or "", tally):
            return family_id, family_cue
    return None


def _value_window(value, unit_class):
    """The values a family may already hold for this one to join it."""
    if CURRENCY.match(unit_class):
        # An amount nobody called a contract may still be the contract's value.
        return value * (1 - MONEY_TOLERANCE), value / (1 - MONEY_TOLERANCE)
    if value <= 0:
        return 1, 0  # an empty window: zero or less joins nothing
    return value / COUNT_RATIO, value * COUNT_RATIO


def _cues_agree(measured, family_cue, tally):
    unit_class, cue = measured
    if CURRENCY.match(unit_class):
        return cue == family_cue or not cue or not family_cue
    if tally and cue == family_cue:
        return True
    return not (cue and family_cue and cue != family_cue)


def _label(anchors, measured):
    unit_class, cue = measured
    if CURRENCY.match(unit_class):
        what = f"{cue or 'amount'} value ({unit_class})"
    else:
        what = " ".join(part for part in (cue, unit_class) if part)
    return f"{what} · {anchors[0]}" if anchors else what
