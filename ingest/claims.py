"""Claims: the checkable sentences of a document, and who makes them.

A claim states a figure, an event, or who did what; opinions, appeals and
calls to action are not. The flow: cut the text into units (the writer's
sentences, and the sentences inside full quotes), read each unit's main
verb group from word shapes (``_main_verb``), drop appeals (``_is_appeal``)
and statements with nothing checkable to hold on to (``_is_unfounded``),
then name who the document says makes the claim (``claim_sources``).
Pure regex and word lists: no parser, so the rules read shapes ("X said
that …", "we demand …") rather than trees, and err on the side of a claim.
"""
import bisect
import os
import re
from dataclasses import dataclass, field

from .claim_sources import ASSERTING_VERBS, LABEL_VERBS, ClaimSources
from .clauses import LEAD_WORDS, OPEN_MARKS, main_clause
from .dates import MONTHS
from .lexicon import DOC_NOUNS, word_alternation
from .sentences import mask, paragraph_spans, sentence_spans

_DEBUG = os.environ.get("CAMPAIGN_KB_DEBUG") == "1"


@dataclass
class Claim:
    """One checkable sentence or clause; ``text[start:end] == claim.text``."""

    start: int
    end: int
    text: str
    attributed_to: str | None
    figure_offsets: list = field(default_factory=list)


@dataclass
class _Unit:
    start: int
    end: int
    speaker: str | None = None    # the quote's speaker for a sentence inside a quote
    quoted: bool = False
    headline: bool = False        # a whole line without closing punctuation
    proper_subject: bool = False  # opens on a name the text also prints mid-sentence


def _words(text):
    return set(text.split())


# Main verbs of requests and first-person opinions.
_DIRECTIVE = _words("asking urging calling demanding recommends recommended recommend advises advised ask "
                    "urge demand want hope need wish")
_OPINION = _words("think believe feel guess suppose hope want")
_ASKING = _DIRECTIVE | _OPINION
_FUTURE = re.compile(r"\b(?:will|would|won['’]t|shall)\b|['’]ll\b")
# First words of commands ("Sign the petition", "Tell Microsoft …").
_IMPERATIVES = _words("""sign tell join click read see learn watch share donate help stop drop end cancel
delete commit publish adopt please imagine demand call ask urge visit follow contact email write support
thank take make keep send add meet get give let act stand honor honour protect""")
# Words that carry a judgement rather than a checkable fact.
_EVALUATIVE = _words("""cruel inhumane inhuman disastrous horrific horrible terrible awful shameful
disgraceful outrageous unacceptable immoral unethical evil toxic despicable brutal heinous egregious
appalling complicit hypocrisy hypocritical ironic moral morally courage despair misery racket great good
bad best worst better ridiculous absurd unjust injustice wrong""")
_AUX_KIND = {
    **dict.fromkeys(_words("will won't won’t shall 'll ’ll"), "future"),
    **dict.fromkeys(_words("must should ought shouldn't mustn't shouldn’t"), "obligation"),
    **dict.fromkeys(_words("can can't cannot could couldn't can’t couldn’t"), "ability"),
    **dict.fromkeys(_words("may might would wouldn't wouldn’t"), "hedge"),
    **dict.fromkeys(_words("is are was were am isn't aren't wasn't weren't isn’t aren’t wasn’t weren’t "
                           "'s ’s 're ’re 'm ’m"), "be"),
    **dict.fromkeys(_words("has have had hasn't haven't hadn't hasn’t haven’t hadn’t 've ’ve"), "have"),
    **dict.fromkeys(_words("do does did don't doesn't didn't don’t doesn’t didn’t"), "do"),
}
_IRREGULAR_PAST = _words("""began became brought bought built came chose drove fell felt found gave got
grew held kept knew led left lost made meant met paid put ran said saw sent set sold spent spoke stood
struck took taught told thought understood went won wrote rose sought drew withdrew""")
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ne|un|ught|ung|ept|elt|old|ilt|ent|ound|ade|ook|one)$")
_EVALUATIVE_TEXT = re.compile(word_alternation(_EVALUATIVE))  # searched in lower case
# Articles and possessives: a verb-shaped word after one is an adjective ("the signed letter").
_DETERMINERS = _words("the a an its their his her our your my every each no any some so-called")
_PREPOSITIONS = _words("of for in on at with by from to into about over under after before during "
                       "through across against between among without within than")
_ADVERBS = _words("not never also still now since already just only even then")
_PRONOUN_SUBJECTS = _words("it he she they this that which who there")
# Words that open the object after a plural subject's verb ("The findings land in …").
_OBJECT_STARTS = _PREPOSITIONS | _words("the a an more less most their its our his her them us that no "
                                         "every all some")
# Sentence openers that are no verb even when an object-like word follows.
_NOT_COMMANDS = LEAD_WORDS | _PREPOSITIONS | _words("and but so yet or around about nearly almost roughly "
                                                     "some only just more less most over up "
                       "this that these those there here what when where why how one each every all both")
_MONTH = "(?:%s)" % "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_CALENDAR = re.compile(r"\b(?:%s\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?|"
                       r"(?:Mon|Tues|Wednes|Thurs|"
                       r"Fri|Satur|Sun)day|(?:in|since|by|until|from|of)\s+(?:19|20)\d\d)\b" % _MONTH)
_RELATIVE_TIME = re.compile(r"\b(?:(?:last|this|next|earlier this|later this)\s+"
                            r"(?:week|month|year|fall|spring|summer|winter|quarter)|today|yesterday)\b")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]*)?\s+[—–-]\s+")
_FOOTNOTE_MARK = re.compile(r"(?<=[A-Za-z)][.!?”\"’])(?:\[(\d{1,2})\]|(\d{1,2}))$")
# "…into the U.S. Since then, …": an abbreviation that also ends the sentence.
_ABBREVIATION_END = re.compile(r"\b(?:U\.S|U\.K|D\.C|a\.m|p\.m)\.(?=\s+(?:The|Since|But|And|In|On|It|He|She|"
                               r"They|We|This|That|A|An|Its|Their|After|When)\s)")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_ABBREVIATED_STOP = re.compile(r"U\.S\.|U\.K\.|D\.C\.|a\.m\.|p\.m\.")  # what _ABBREVIATION_END needs
_CLOSE_MARKS = "“”\"«»„ \t,;:—–-"


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
    within = _Within(figures)
    for unit in _units(text, quotes):
        start, end, note = _trim(text, unit)
        inside = [(f.start, f.end) for f in within.inside(start, end)]
        # Words inside quotation marks are someone's: they neither make nor break the writer's sentence.
        plain = text[start:end] if unit.quoted else sources.masked[start:end]
        if end - start < 12 or not _is_claim(text[start:end], plain, unit, bool(inside)):
            continue
        who = unit.speaker if unit.quoted else sources.attribute(start, end, note)
        claims.append(Claim(start, end, text[start:end], who, inside))
    return claims


def _units(text, quotes):
    """Narrative sentences, and the sentences inside full quotes with their speaker.

    The words around a full quote are its attribution ("…,” she said"), so a
    sentence holding one yields only the quoted part. Partial quotes stay in
    their sentence: "X called it “a dragnet”" is the writer's sentence.
    """
    full = _Within([q for q in quotes if not q.partial])
    lines = set(paragraph_spans(text))
    names = _MidSentenceNames(text)
    for start, end in _sentences(text, [q for q in quotes if q.partial]):
        inside = full.overlapping(start, end)
        if not inside:
            closed = text[end - 1] in ".!?:;\"”’)]"
            yield _Unit(start, end, headline=(start, end) in lines and not closed)
        for quote in inside:
            unit = _Unit(max(start, quote.start), min(end, quote.end), quote.speaker, quoted=True)
            unit.proper_subject = _opens_on_name(text, text[unit.start:unit.end], names)
            yield unit


class _Within:
    """Records with ``start``/``end`` (quotes, figures), found by the range they fall in
    without reading the others: sorted by start, with the running maximum of their ends.
    Answers list the records in the order they were given."""

    def __init__(self, records):
        self.order = sorted(range(len(records)), key=lambda i: records[i].start)
        self.records = records
        self.starts = [records[i].start for i in self.order]
        self.reach, furthest = [], None
        for i in self.order:
            furthest = records[i].end if furthest is None or records[i].end > furthest else furthest
            self.reach.append(furthest)

    def inside(self, start, end):
        """Records with ``start <= r.start and r.end <= end``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_right(self.starts, end)
        found = [i for i in self.order[low:high] if self.records[i].end <= end]
        return [self.records[i] for i in sorted(found)]

    def overlapping(self, start, end):
        """Records with ``r.start < end and start < r.end``."""
        found = []
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            if self.records[self.order[index]].end > start:
                found.append(self.order[index])
            index -= 1
        return [self.records[i] for i in sorted(found)]


class _MidSentenceNames:
    """Does ``re.search(r"[a-z,;] WORD\\b", text)`` match, for capitalised words, asked
    once per word: only where " " and the word's first run of word characters occur."""

    def __init__(self, text):
        self.text = text
        self.answers = {}

    def printed(self, word):
        """``re.search(r"[a-z,;] %s\\b" % re.escape(word), text)`` for a word opening on A-Z."""
        if word not in self.answers:
            text = self.text
            run = _WORD_RUN.match(word)
            needle = " " + run.group() if run else None
            at = text.find(needle) if needle else -1
            found = False
            while at >= 0:
                end = at + 1 + len(word)
                if text[at - 1:at] in _LOWER_OR_COMMA and text.startswith(word, at + 1) \
                        and _is_word_char(word[-1]) != _is_word_char(text[end:end + 1]):  # \b after it
                    found = True
                    break
                at = text.find(needle, at + 1)
            self.answers[word] = found
        return self.answers[word]


_WORD_RUN = re.compile(r"\w+")
_LOWER_OR_COMMA = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def _is_word_char(char):
    """Does ``char`` (one character, or "" past the text's end) match ``\\w``?"""
    return char.isalnum() or char == "_"


def _opens_on_name(text, sentence, names=None):
    """Does the clause open on a name ("Nadella has tried …")? A name is capitalised mid-sentence too."""
    first = _WORD.search(main_clause(sentence))
    if not (bool(first) and first.group()[0].isupper() and first.group() != "I"):
        return False
    if names is None or not "A" <= first.group()[0] <= "Z":
        return bool(re.search(r"[a-z,;] %s\b" % re.escape(first.group()), text))
    return names.printed(first.group())


def _sentences(text, partial):
    """Sentence spans, never ending inside a partial quote, but after "U.S." when a sentence opens.

    A quoted fragment may hold a full stop (“does not find criminals. It
    finds routines,”) without ending the writer's sentence; only its last
    character may end it.
    """
    ranges = [(quote.start, max(quote.start, quote.end - 1)) for quote in partial]
    if all(0 <= start and end <= len(text) for start, end in ranges):
        masked = mask(text, ranges, lambda part: _NOT_SPACE.sub("x", part))  # spaces stay
    else:  # offsets outside the text (not extract_quotes'): as the character-by-character loop did
        chars = list(text)
        for start, end in ranges:
            for i in range(start, end):
                if not chars[i].isspace():
                    chars[i] = "x"
        masked = "".join(chars)
    spans = []
    for start, end in sentence_spans(masked):
        if _ABBREVIATED_STOP.search(text, start, end):  # no "U.S.", no end inside
            for stop in _ABBREVIATION_END.finditer(text, start, end):
                spans.append((start, stop.end()))
                start = stop.end() + 1
        spans.append((start, end))
    return spans


def _trim(text, unit):
    """(start, end, footnote number) of a unit without marks, datelines and footnote markers."""
    start, end = unit.start, unit.end
    while start < end and text[start] in OPEN_MARKS:
        start += 1
    if unit.quoted:
        while end > start and text[end - 1] in _CLOSE_MARKS:
            end -= 1
        return start, end, None
    dateline = _DATELINE.match(text, start, end)
    if dateline and (start == 0 or text[start - 1] == "\n"):
        start = dateline.end()  # "LARKSPUR, Vellmont — The coalition …"
    note = _FOOTNOTE_MARK.search(text, max(start, end - 6), end)  # it ends the unit: 4 characters at most
    if note:
        return start, note.start(), note.group(1) or note.group(2)
    return start, end, None


@dataclass
class _Verb:
    kind: str        # past present perfect passive progressive be have future obligation ability hedge
    past: bool
    negated: bool
    subject: str     # the clause's first word, lower-cased
    head: str        # the word before the verb group ("brochure" in "the brochure calls")
    lexical: str     # the verb itself, or the word after an auxiliary ("called" in "has called")
    rest: str        # the clause after the verb group


def _main_verb(sentence):
    """The first finite verb group of the main clause, read from word shapes; None if none.

    A verb inside a relative clause of the subject ("Companies that support X
    have lost …") is skipped: after "who/that/which" only an auxiliary or a
    verb past the next comma counts.
    """
    if "“" in sentence or '"' in sentence:
        sentence = _QUOTED.sub(lambda m: "_" * len(m.group()), sentence)
    clause = main_clause(sentence)
    tokens = list(_WORD.finditer(clause))
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
        if prev in _DETERMINERS or prev in _PREPOSITIONS or not word[0].islower() or "-" in word:
            continue  # as _simple_verb answers: no verb after an article, or capitalised
        kind = _simple_verb(word, words[i - 1], lows[i - 2] if i > 1 else "",
                            lows[i + 1] if i + 1 < len(words) else "")
        if kind:
            return _Verb(kind, kind == "past", prev == "never", lows[0], prev, lows[i],
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
    return _Verb(kind, past, negated, words[0].lower(), head, nxt, rest)


def _is_participle(word):
    return word == "been" or word in _IRREGULAR_PAST or bool(_PARTICIPLE.search(word)) and len(word) > 3


def _simple_verb(word, before, prev2, nxt):
    """'past' / 'present' for a lexical verb after its subject ("ICE was formed", "DTS keeps")."""
    low, prev = word.lower(), before.lower()
    if prev in _DETERMINERS or prev in _PREPOSITIONS or not word[0].islower() or "-" in word:
        return None
    if low in _IRREGULAR_PAST or low.endswith("ed") and len(low) > 4 and low not in ("hundred", "indeed"):
        return "past"
    if low.endswith(("ing", "ly", "ed")) or low in _PREPOSITIONS or low in _DETERMINERS:
        return None
    if low.endswith("s") and len(low) > 3 and not low.endswith(("ss", "us", "is", "ics", "'s", "’s")):
        singular = prev in _PRONOUN_SUBJECTS or not prev.endswith("s") or before[:1].isupper()
        if prev2 not in _PREPOSITIONS and singular:
            return "present"  # "DTS keeps", "It finds"; not "the database of plate scans"
        return None
    # A plural subject's verb before its object: "The findings land in …", "members collectively represent …".
    if (prev.endswith(("s", "ly")) or prev in ("they", "we", "i", "you")) and nxt in _OBJECT_STARTS:
        return "present"
    return None


def _is_claim(sentence, plain, unit, has_figure):
    """Is this unit checkable? Rejections first, then an anchor where one is needed."""
    if _fewer_words(sentence, 4) or sentence.startswith("["):
        return False  # fragments, and editorial notes in brackets
    verb = _main_verb(plain)
    first = _WORD.search(plain)
    if verb is None and unit.headline and first:
        # Headlines drop auxiliaries and agree loosely ("5,000 sign petition"): read them as present.
        verb = _Verb("present", False, False, first.group().lower(), "", "", plain)
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
    """``len(_WORD.findall(sentence)) < count``, reading no further than needed."""
    for found, _ in enumerate(_WORD.finditer(sentence), 1):
        if found >= count:
            return False
    return True


def _is_appeal(sentence, verb, has_figure):
    """Questions, commands, obligations and first/second-person appeals."""
    opener = _WORD.search(sentence).group().lower()
    if sentence.rstrip(_CLOSE_MARKS + "’'").endswith("?") or _is_command(sentence, opener) or opener == "if":
        return True
    if _may_hold(sentence, ("time", "up to us")) and _TIME_TO.search(sentence):
        return True
    person = _CONTRACTION_TAIL.sub("", verb.subject)  # "you’ve" -> "you"
    addressed = _ADDRESSED.match(sentence)
    if verb.kind == "obligation" or person in ("you", "your") or addressed:
        return True  # "You must …", "When you live here …": the reader is addressed
    if person in ("i", "we"):
        asks = any(w.lower() in _ASKING for w in _WORD.findall(sentence))
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
    return any(word.lower() in _EVALUATIVE for word in _WORD.findall(text))


def _may_hold(text, phrases):
    """Might a case-blind pattern find one of these lower-case ASCII phrases in ``text``?
    False only when none is in ``text.lower()``: a letter that IGNORECASE reads as an
    ASCII letter lower-cases to it, but for "ı", "ſ" and "İ", which answer True."""
    if "ı" in text or "ſ" in text or "İ" in text:
        return True
    low = text.lower()
    return any(phrase in low for phrase in phrases)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_CONTRACTED = re.compile(r"(?:it|that|there|he|she|they|we|you|i|what|who|here)(['’](?:s|re|ve|ll|d|m))")
_NOT_SUFFIX = re.compile(r"n['’]t$|^cannot$")
_NOT_AFTER = re.compile(r"(?:not|never)\b(?! only)")
_TIME_TO = re.compile(r"\b(?:it|it['’]s|it is|now is)\s+(?:high\s+)?time\b|\bup to us\b", re.I)
_CONTRACTION_TAIL = re.compile(r"['’].*$")
_ADDRESSED = re.compile(r"\W*(?:\w+\s+)?you\b", re.I)
_COMMAND = re.compile(r"\W*[A-Z][a-z]+\s+(?:(?:the|a|an|your|our|my|it|them|us|up|this|these|some|any|all)\b"
                      r"|\$|\d)")
_NAME_NOT_I = re.compile(r"\b(?!I\b)[A-Z]")
_SPACE_CAPITAL = re.compile(r"\s[A-Z]")
_RELATIVE = re.compile(r"\b(?:who|which|that|whose|where)\b")
_NOT_SPACE = re.compile(r"\S")
