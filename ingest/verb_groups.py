"""A clause's main verb group, read from word shapes.

Claims ask of each sentence what its main verb is and does: past or
future, negated, an obligation ("must"), a hedge ("might")? ``main_verb``
reads that from the words alone (auxiliaries, contractions, "-ed" and "-s"
endings, the word before), skipping verbs inside a relative clause of the
subject.
"""
import re
from dataclasses import dataclass

from .clauses import main_clause
from .lexicon import word_set

_AUX_KIND = {
    **dict.fromkeys(word_set("will won't won’t shall 'll ’ll"), "future"),
    **dict.fromkeys(word_set("must should ought shouldn't mustn't shouldn’t"), "obligation"),
    **dict.fromkeys(word_set("can can't cannot could couldn't can’t couldn’t"), "ability"),
    **dict.fromkeys(word_set("may might would wouldn't wouldn’t"), "hedge"),
    **dict.fromkeys(word_set("is are was were am isn't aren't wasn't weren't isn’t aren’t wasn’t weren’t "
                             "'s ’s 're ’re 'm ’m"), "be"),
    **dict.fromkeys(word_set("has have had hasn't haven't hadn't hasn’t haven’t hadn’t 've ’ve"), "have"),
    **dict.fromkeys(word_set("do does did don't doesn't didn't don’t doesn’t didn’t"), "do"),
}
_IRREGULAR_PAST = word_set("""began became brought bought built came chose drove fell felt found gave got
grew held kept knew led left lost made meant met paid put ran said saw sent set sold spent spoke stood
struck took taught told thought understood went won wrote rose sought drew withdrew""")
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ne|un|ught|ung|ept|elt|old|ilt|ent|ound|ade|ook|one)$")
# Articles and possessives: a verb-shaped word after one is an adjective ("the signed letter").
_DETERMINERS = word_set("the a an its their his her our your my every each no any some so-called")
PREPOSITIONS = word_set("of for in on at with by from to into about over under after before during "
                        "through across against between among without within than")
_ADVERBS = word_set("not never also still now since already just only even then")
_PRONOUN_SUBJECTS = word_set("it he she they this that which who there")
# Words that open the object after a plural subject's verb ("The findings land in …").
_OBJECT_STARTS = PREPOSITIONS | word_set("the a an more less most their its our his her them us that no "
                                          "every all some")
WORD = re.compile(r"[A-Za-z][\w’'-]*")


@dataclass
class Verb:
    kind: str        # past present perfect passive progressive be have future obligation ability hedge
    past: bool
    negated: bool
    subject: str     # the clause's first word, lower-cased
    head: str        # the word before the verb group ("brochure" in "the brochure calls")
    lexical: str     # the verb itself, or the word after an auxiliary ("called" in "has called")
    rest: str        # the clause after the verb group


def main_verb(sentence):
    """The first finite verb group of the main clause, read from word shapes; None if none.

    A verb inside a relative clause of the subject ("Companies that support X
    have lost …") is skipped: after "who/that/which" only an auxiliary or a
    verb past the next comma counts.
    """
    if "“" in sentence or '"' in sentence:
        sentence = _QUOTED.sub(lambda m: "_" * len(m.group()), sentence)
    clause = main_clause(sentence)
    tokens = list(WORD.finditer(clause))
    words = [t.group() for t in tokens]
    lows = [word.lower() for word in words]
    relative = False
    for i, word in enumerate(words):
        prev = lows[i - 1] if i else ""
        relative = relative or prev in ("who", "that", "which", "whose", "whom") and i > 1
        aux = _AUX_KIND.get(lows[i]) or _auxiliary(lows[i])
        if aux:
            return _read_aux(aux, words, i, clause[tokens[i].end():])
        if not i or relative and "," not in clause[tokens[i - 1].end():tokens[i].start()]:
            continue  # the first word, or a word inside a relative clause not past a comma
        if prev in _DETERMINERS or prev in PREPOSITIONS or not word[0].islower() or "-" in word:
            continue  # as _simple_verb answers: no verb after an article, or capitalised
        kind = _simple_verb(word, words[i - 1], lows[i - 2] if i > 1 else "",
                            lows[i + 1] if i + 1 < len(words) else "")
        if kind:
            return Verb(kind, kind == "past", prev == "never", lows[0], prev, lows[i],
                        clause[tokens[i].end():])
    return None


def _auxiliary(low):
    """The kind of an auxiliary, modal or contracted one ("it’s", "we’ve"); None otherwise."""
    if low in _AUX_KIND:
        return _AUX_KIND[low]
    contracted = _CONTRACTED.fullmatch(low) if "'" in low or "’" in low else None
    if contracted:
        return _AUX_KIND.get(contracted.group(1), "hedge")  # 'd: would or had, read as a hedge
    return None


def _read_aux(kind, words, i, rest):
    """Refine an auxiliary's kind by the word after it: "is asking", "was formed", "has to"."""
    low = words[i].lower()
    after = [w for w in (w.lower() for w in words[i + 1:i + 5]) if not w.endswith("ly") and w not in _ADVERBS]
    nxt = after[0] if after else ""
    following = " ".join(words[i + 1:i + 3]).lower()
    negated = bool(_NOT_SUFFIX.search(low) or _NOT_AFTER.match(following))
    if kind == "be":
        kind = "progressive" if nxt.endswith("ing") else "passive" if _is_participle(nxt) else "be"
        if nxt in ("expected", "set", "scheduled", "likely", "going") and after[1:2] == ["to"]:
            kind = "future"  # "is expected to vote", "is set to"
    elif kind == "have":
        kind = "obligation" if nxt == "to" else "perfect" if _is_participle(nxt) else "have"
    elif kind == "do":
        kind = "past" if low.startswith("did") else "present"
    past = low.startswith(("was", "were", "had", "did", "could", "would", "might"))
    head = words[i - 1].lower() if i else ""
    return Verb(kind, past, negated, words[0].lower(), head, nxt, rest)


def _is_participle(word):
    return word == "been" or word in _IRREGULAR_PAST or bool(_PARTICIPLE.search(word)) and len(word) > 3


def _simple_verb(word, before, prev2, nxt):
    """'past' / 'present' for a lexical verb after its subject ("ICE was formed", "DTS keeps")."""
    low, prev = word.lower(), before.lower()
    if prev in _DETERMINERS or prev in PREPOSITIONS or not word[0].islower() or "-" in word:
        return None
    if low in _IRREGULAR_PAST or low.endswith("ed") and len(low) > 4 and low not in ("hundred", "indeed"):
        return "past"
    if low.endswith(("ing", "ly", "ed")) or low in PREPOSITIONS or low in _DETERMINERS:
        return None
    if low.endswith("s") and len(low) > 3 and not low.endswith(("ss", "us", "is", "ics", "'s", "’s")):
        singular = prev in _PRONOUN_SUBJECTS or not prev.endswith("s") or before[:1].isupper()
        if prev2 not in PREPOSITIONS and singular:
            return "present"  # "DTS keeps", "It finds"; not "the database of plate scans"
        return None
    # A plural subject's verb before its object: "The findings land in …", "members collectively represent …".
    if (prev.endswith(("s", "ly")) or prev in ("they", "we", "i", "you")) and nxt in _OBJECT_STARTS:
        return "present"
    return None


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_CONTRACTED = re.compile(r"(?:it|that|there|he|she|they|we|you|i|what|who|here)(['’](?:s|re|ve|ll|d|m))")
_NOT_SUFFIX = re.compile(r"n['’]t$|^cannot$")
_NOT_AFTER = re.compile(r"(?:not|never)\b(?! only)")
