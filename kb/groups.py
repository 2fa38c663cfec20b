"""Quote groups: the same words from the same speaker, carried by several sources.

A group's id is the id of its first quote. A new quote is compared only with
the quotes of its own speaker (an indexed lookup), so grouping stays
incremental.
"""
import re
from functools import lru_cache

from rapidfuzz import fuzz

from ingest.stages import timed

# Above this rapidfuzz ratio two quotes of one speaker are the same words...
GROUP_THRESHOLD = 90
# ...unless they differ in a negation or a number, which fuzzy scores ignore
# ("will not stop" and "will stop" score 100 with partial matching).
NEGATIONS = {"not", "no", "never", "nor", "none", "nothing", "neither", "cannot", "without"}


@timed("resolve")
def quote_group(db, speaker_id, organization_id, text):
    """The group of a quote about to be stored: the group of the first earlier
    quote by the same speaker (or organization) carrying the same words, or
    None for a quote that starts its own group."""
    owner = ("speaker_id", speaker_id) if speaker_id else ("organization_id", organization_id)
    if not owner[1]:
        return None
    candidates = db.execute(
        f"SELECT coalesce(quote_group_id, id), text FROM quotes WHERE {owner[0]} = ? ORDER BY id", [owner[1]]
    )
    for other_group, other_text in candidates:
        if same_words(text, other_text):
            return other_group
    return None


def same_words(a, b):
    """Do two quotes carry the same words (allowing punctuation and excerpting)?"""
    a_text, b_text = word_text(a), word_text(b)
    if not a_text or not b_text:
        return False
    shorter, longer = sorted((a_text, b_text), key=len)
    # An excerpt of a longer quote carries the same words when it is long
    # enough to mean something on its own; word for word, so no negation or
    # number can differ inside it.
    if shorter == longer or (shorter.count(" ") >= 3 and f" {shorter} " in f" {longer} "):
        return True
    # The fuzzy score first: it is one C call, and most pairs fail it.
    return fuzz.ratio(a_text, b_text) >= GROUP_THRESHOLD and markers(a_text) == markers(b_text)


# A speaker's earlier quotes are read again for each new quote of theirs;
# their words are remembered rather than parsed each time.
@lru_cache(maxsize=200_000)
def word_text(text):
    """A quote's words, lower case, one space apart ("don't" -> "do not")."""
    return " ".join(re.findall(r"[\w']+", text.casefold().replace("’", "'").replace("n't", " not")))


def markers(word_text):
    """The negations and numbers in a quote, which must agree for a match."""
    return sorted(w for w in word_text.split() if w in NEGATIONS or any(c.isdigit() for c in w))
