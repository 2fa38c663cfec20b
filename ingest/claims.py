"""Claims: the checkable sentences of a document, and who makes them.

A claim states a figure, an event, or who did what; opinions, appeals and
calls to action are not. The flow: cut the text into units (the writer's
sentences, and the sentences inside full quotes: ``claim_units``), read
each unit's main verb group from word shapes (``verb_groups``), drop
appeals (``_is_appeal``) and statements with nothing checkable to hold on
to (``_is_unfounded``), then name who the document says makes the claim
(``claim_sources``).
Pure regex and word lists: no parser, so the rules read shapes ("X said
that …", "we demand …") rather than trees, and err on the side of a claim.
"""
import os
import re
from dataclasses import dataclass, field

from .claim_sources import ASSERTING_VERBS, LABEL_VERBS, ClaimSources
from .claim_units import CLOSE_MARKS, Within, trim, units
from .clauses import LEAD_WORDS
from .dates import MONTHS
from .lexicon import DOC_NOUNS, word_alternation, word_set
from .verb_groups import PREPOSITIONS, WORD, Verb, main_verb

_DEBUG = os.environ.get("CAMPAIGN_KB_DEBUG") == "1"


@dataclass
class Claim:
    """One checkable sentence or clause; ``text[start:end] == claim.text``."""

    start: int
    end: int
    text: str
    attributed_to: str | None
    figure_offsets: list = field(default_factory=list)


# Main verbs of requests and first-person opinions.
_DIRECTIVE = word_set("asking urging calling demanding recommends recommended recommend advises advised ask "
                      "urge demand want hope need wish")
_OPINION = word_set("think believe feel guess suppose hope want")
_ASKING = _DIRECTIVE | _OPINION
_FUTURE = re.compile(r"\b(?:will|would|won['’]t|shall)\b|['’]ll\b")
# First words of commands ("Sign the petition", "Tell Microsoft …").
_IMPERATIVES = word_set("""sign tell join click read see learn watch share donate help stop drop end cancel
delete commit publish adopt please imagine demand call ask urge visit follow contact email write support
thank take make keep send add meet get give let act stand honor honour protect""")
# Words that carry a judgement rather than a checkable fact.
_EVALUATIVE = word_set("""cruel inhumane inhuman disastrous horrific horrible terrible awful shameful
disgraceful outrageous unacceptable immoral unethical evil toxic despicable brutal heinous egregious
appalling complicit hypocrisy hypocritical ironic moral morally courage despair misery racket great good
bad best worst better ridiculous absurd unjust injustice wrong""")
_EVALUATIVE_TEXT = re.compile(word_alternation(_EVALUATIVE))  # searched in lower case
# Sentence openers that are no verb even when an object-like word follows.
_NOT_COMMANDS = LEAD_WORDS | PREPOSITIONS | word_set("and but so yet or around about nearly almost roughly "
                                                     "some only just more less most over up "
                                                     "this that these those there here what when where why how "
                                                     "one each every all both")
_MONTH = "(?:%s)" % "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_CALENDAR = re.compile(r"\b(?:%s\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?|"
                       r"(?:Mon|Tues|Wednes|Thurs|"
                       r"Fri|Satur|Sun)day|(?:in|since|by|until|from|of)\s+(?:19|20)\d\d)\b" % _MONTH)
_RELATIVE_TIME = re.compile(r"\b(?:(?:last|this|next|earlier this|later this)\s+"
                            r"(?:week|month|year|fall|spring|summer|winter|quarter)|today|yesterday)\b")


def extract_claims(text, quotes=(), figures=()):
    """Checkable sentences of ``text`` as Claims in document order; never raises.

    Pass the document's ``extract_quotes(text)`` and ``extract_figures(text)``:
    sentences inside a full quote become claims of its speaker, and figures
    anchor claims and fill ``figure_offsets``. Example: "Acme signed a $2
    million contract in 2020." -> one Claim, attributed_to None.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _extract(text, list(quotes or ()), list(figures or ()))
    except Exception:  # noqa: BLE001 - one odd document must not stop an import
        if _DEBUG:
            raise
        return []


def _extract(text, quotes, figures):
    sources = ClaimSources(text)
    claims = []
    within = Within(figures)
    for unit in units(text, quotes):
        start, end, note = trim(text, unit)
        inside = [(f.start, f.end) for f in within.inside(start, end)]
        # Words inside quotation marks are someone's: they neither make nor break the writer's sentence.
        plain = text[start:end] if unit.quoted else sources.masked[start:end]
        if end - start < 12 or not _is_claim(text[start:end], plain, unit, bool(inside)):
            continue
        who = unit.speaker if unit.quoted else sources.attribute(start, end, note)
        claims.append(Claim(start, end, text[start:end], who, inside))
    return claims


def _is_claim(sentence, plain, unit, has_figure):
    """Is this unit checkable? Rejections first, then an anchor where one is needed."""
    if _fewer_words(sentence, 4) or sentence.startswith("["):
        return False  # fragments, and editorial notes in brackets
    verb = main_verb(plain)
    first = WORD.search(plain)
    if verb is None and unit.headline and first:
        # Headlines drop auxiliaries and agree loosely ("5,000 sign petition"): read them as present.
        verb = Verb("present", False, False, first.group().lower(), "", "", plain)
    if verb is None:
        return False
    dated = bool(_CALENDAR.search(sentence))
    anchored = has_figure or dated or bool(_RELATIVE_TIME.search(sentence))
    if _is_appeal(sentence, verb, has_figure) or _is_unfounded(plain, verb, has_figure, dated, anchored):
        return False
    if unit.headline:
        # "Activists push to end …" is a topic; "100,000 sign petition" a fact.
        return has_figure and not _fewer_words(sentence, 5)
    if unit.quoted:
        # Speech is mostly opinion: keep its figures, dated events, and what a named actor did.
        event = verb.kind in ("past", "perfect", "progressive", "passive")
        return has_figure or dated or event and (unit.proper_subject or verb.past and anchored)
    return True


def _fewer_words(sentence, count):
    """``len(WORD.findall(sentence)) < count``, reading no further than needed."""
    for found, _ in enumerate(WORD.finditer(sentence), 1):
        if found >= count:
            return False
    return True


def _is_appeal(sentence, verb, has_figure):
    """Questions, commands, obligations and first/second-person appeals."""
    opener = WORD.search(sentence).group().lower()
    if sentence.rstrip(CLOSE_MARKS + "’'").endswith("?") or _is_command(sentence, opener) or opener == "if":
        return True
    if _may_hold(sentence, ("time", "up to us")) and _TIME_TO.search(sentence):
        return True
    person = _CONTRACTION_TAIL.sub("", verb.subject)  # "you’ve" -> "you"
    addressed = _ADDRESSED.match(sentence)
    if verb.kind == "obligation" or person in ("you", "your") or addressed:
        return True  # "You must …", "When you live here …": the reader is addressed
    if person in ("i", "we"):
        asks = any(w.lower() in _ASKING for w in WORD.findall(sentence))
        # "We demand …", "I’m calling on you …"; "We were told …" reports an event.
        return asks or verb.kind == "future" or not (verb.past or has_figure)
    if verb.lexical in _DIRECTIVE and not has_figure:
        return True  # "The coalition is asking Halvorsen to …"
    return sentence.rstrip().endswith(":") and not has_figure  # a lead-in to a list


def _is_command(sentence, opener):
    """"Sign the petition", "Save $31 if …", "Get it at …": a bare verb opening on its object."""
    if opener in _IMPERATIVES:
        return True
    shape = _COMMAND.match(sentence)
    return bool(shape) and opener not in _NOT_COMMANDS and not opener.endswith(("s", "ed", "ing", "ly"))


def _is_unfounded(plain, verb, has_figure, dated, anchored):
    """Predictions, labels and judgements with nothing checkable to hold on to."""
    if verb.lexical in LABEL_VERBS and verb.kind != "passive" and verb.head not in DOC_NOUNS:
        return True  # "Okafor called the program “a dragnet”": a label, unless a document's
    if verb.lexical in ASSERTING_VERBS and not has_figure and _FUTURE.search(verb.rest):
        return True  # "Okafor said the petition would be delivered next month"
    if verb.kind == "future":
        return not (has_figure or dated)
    if anchored:
        return verb.kind == "ability" and not has_figure
    if verb.kind == "ability" or verb.negated and not verb.past or verb.subject == "there":
        return True
    named = _NAME_NOT_I.search(_before_relative(verb.rest))  # a name in the complement, not "I"
    if verb.kind in ("be", "have") and (_evaluative(verb.rest) or not named):
        return True  # "The policy was cruel", "Feld is one of the few …"
    return _evaluative(plain) and not _SPACE_CAPITAL.search(plain)


def _before_relative(text):
    return _RELATIVE.split(text, maxsplit=1)[0]


def _evaluative(text):
    if not _EVALUATIVE_TEXT.search(text.lower()):
        return False  # no judgement word even inside another: none among the words
    return any(word.lower() in _EVALUATIVE for word in WORD.findall(text))


def _may_hold(text, phrases):
    """Might a case-blind pattern find one of these lower-case ASCII phrases in ``text``?
    False only when none is in ``text.lower()``: a letter that IGNORECASE reads as an
    ASCII letter lower-cases to it, but for "ı", "ſ" and "İ", which answer True."""
    if "ı" in text or "ſ" in text or "İ" in text:
        return True
    low = text.lower()
    return any(phrase in low for phrase in phrases)


_TIME_TO = re.compile(r"\b(?:it|it['’]s|it is|now is)\s+(?:high\s+)?time\b|\bup to us\b", re.I)
_CONTRACTION_TAIL = re.compile(r"['’].*$")
_ADDRESSED = re.compile(r"\W*(?:\w+\s+)?you\b", re.I)
_COMMAND = re.compile(r"\W*[A-Z][a-z]+\s+(?:(?:the|a|an|your|our|my|it|them|us|up|this|these|some|any|all)\b"
                      r"|\$|\d)")
_NAME_NOT_I = re.compile(r"\b(?!I\b)[A-Z]")
_SPACE_CAPITAL = re.compile(r"\s[A-Z]")
_RELATIVE = re.compile(r"\b(?:who|which|that|whose|where)\b")
