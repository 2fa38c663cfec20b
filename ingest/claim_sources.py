"""Claim sources: who the document says makes a claim.

``claims`` decides which sentences are checkable; this module names their
source. A claim is the document's own unless the text credits someone: a
citation footnote ("…abuses.1" and the note "1. “Title,” The Nation, …"),
"according to X", the subject of an asserting verb that opens the clause
("X said that …", "the report found that …"), or a reporting tag after it
("…, Haddad said."). ``ClaimSources`` reads the whole document once (quotes
masked, mentions, footnotes) and answers by offset; names go through
``speakers.classify_np`` so "he" or "the coalition" resolve as they do for
quotes.
"""
import re

from .clauses import PASSIVE_END, clause_subject, main_clause, subject_before
from .last_matches import LastMatches
from .lexicon import DOC_NOUNS, word_alternation
from .mentions import Mentions
from .names import ACRONYM
from .quote_spans import find_spans
from .reporting_verbs import ACCORDING_TO, REPORTING_VERBS
from .sentences import mask
from .speakers import classify_np

# Reporting verbs that assert. Directives ("urged"), labels ("called") and acts
# that take an object ("posted a letter", "announced a plan") are events the
# document itself asserts; reports and studies assert by "finding".
_NOT_ASSERTING = set("""urged urges urging asked asks asking demanded demands begged begs pledged
pledges promised promises vowed vows called calls calling dubbed termed labeled labelled branded deemed
characterized characterised posted posts tweeted tweets read reads continued continues announced
announces announcing offered wondered wonders chanted shouted yelled screamed cried pointed messaged
emailed texted mouthed whispered yelling shouting joked jokes quipped advised advises""".split())
_EVIDENCE_VERBS = set("found finds shows showed indicates indicated revealed reveals estimated "
                      "estimates concluded concludes".split())
ASSERTING_VERBS = (set(REPORTING_VERBS) - _NOT_ASSERTING) | _EVIDENCE_VERBS | {"calls"}
_ASSERTING = sorted(ASSERTING_VERBS, key=len, reverse=True)
_ASSERT_VERB = re.compile(r"\b(?:%s)\b" % word_alternation(_ASSERTING))
# A reporting tag after the claim: "…, Haddad said." / "…, the report said." / "…, organizers said, …".
_TAG = re.compile(r",\s+((?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+)?|he|she|they|it|"
                  r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|[a-z]+)\s+(?:%s)\s*(?:[.,;]|$)"
                  % word_alternation(_ASSERTING))
# Verbs that put a label on something ("Okafor called the program …"): a judgement
# by a person, but a source when a document does it ("the brochure calls …").
LABEL_VERBS = set("call calls called dubbed branded labeled labelled termed".split())


class ClaimSources:
    """What attribution needs about the whole document: quotes masked, mentions, footnotes."""

    def __init__(self, text):
        self.text = text
        quoted = [(span.open, span.close) for span in find_spans(text)]
        # Names inside quotation marks never make a claim; spaces stay.
        self.masked = mask(text, quoted, lambda part: _NOT_SPACE.sub("_", part))
        self.mentions = Mentions(text, quoted)
        self.footnotes = _footnotes(text)
        self._definites = {}   # noun -> LastMatches over the masked text
        self._acronyms = {}    # acronym -> its expansion

    def attribute(self, start, end, note):
        """Who the document says makes the claim in ``text[start:end]``; None for the document."""
        if note and note in self.footnotes:
            return self.footnotes[note]  # "…abuses.1" and the note "1. “Title,” The Nation, …"
        return self._according_to(start, end) or self._reporting_verb(start, end) or self._tag(start, end)

    def _according_to(self, start, end):
        """"According to X, …" / "…, according to X." -> X (up to the next comma)."""
        match = ACCORDING_TO.search(self.masked, start, end)
        if not match:
            return None
        phrase = _PHRASE_TO_PUNCTUATION.match(self.masked[match.end():end])
        return self._name(phrase.group(1), match.end() + phrase.start(1)) if phrase else None

    def _reporting_verb(self, start, end):
        """The subject of an asserting verb whose subject opens the main clause ("X said that …")."""
        sentence = self.masked[start:end]
        clause = start + len(sentence) - len(main_clause(sentence))
        for verb in _ASSERT_VERB.finditer(self.masked, clause, end):
            if verb.group() in _EVIDENCE_VERBS and not _THAT_CLAUSE.match(self.masked[verb.end():end]):
                continue  # "It finds routines" reports nothing; "the report found that …" does
            before = self.masked[clause:verb.start()]
            if verb.group() == "added" and self.masked.startswith(" to ", verb.end()):
                continue  # "added to his collection": an increase, not a remark
            subject = _subject(before)
            if subject and verb.group() in LABEL_VERBS and before[:subject[1]].split()[-1] not in DOC_NOUNS:
                continue  # people who "call" something a name judge it; a brochure that does is a source
            if subject:
                return self._name(before[subject[0]:subject[1]], clause + subject[0])
        return None

    def _tag(self, start, end):
        """"…, Haddad said." / "…, organizers said, …": a reporting tag after the claim."""
        match = _TAG.search(self.masked, start, end)
        return self._name(match.group(1), match.start(1)) if match else None

    def _name(self, phrase, offset):
        """A printed name for a subject phrase; unnamed groups ("organizers") name nobody."""
        named = self._definite(phrase, offset)
        if named:
            return named
        words = phrase.split()
        if words and words[-1].lower() in DOC_NOUNS and not _CAPITAL.search(phrase):
            return None  # "a new study", "the office release": whose, the sentence does not say
        speaker = classify_np(phrase, offset, self.mentions)
        if speaker is None or not speaker.name:
            return None
        if speaker.kind == "group" and not _CAPITAL.search(speaker.name):
            return None
        if speaker.name not in self._acronyms:
            self._acronyms[speaker.name] = _expand_acronym(self.text, speaker.name)
        return self._acronyms[speaker.name]

    def _definite(self, phrase, offset):
        """"the coalition" -> the last name before it that ends in that noun ("Drop the Dragnet coalition")."""
        match = _DEFINITE_NOUN.fullmatch(phrase)
        if not match:
            return None
        noun = match.group(1)
        if noun not in self._definites:
            name = r"\b([A-Z][\w’'-]*(?:\s+(?:(?:the|of|for|and)\s+)*[A-Z][\w’'-]*)+\s+(?i:%s))\b" % re.escape(noun)
            # The pattern reads only spaces, word characters and ’ ' -: any other character
            # ends every attempt; every match holds the noun (see LastMatches).
            self._definites[noun] = LastMatches(self.masked, re.compile(name), r"[^\s\w’'\-]",
                                                re.compile(re.escape(noun), re.I), lambda found: found.group(1))
        last = self._definites[noun].last(offset)  # the last such name in self.masked[:offset]
        return _LEADING_THE.sub("", last) if last is not None else None


_NOT_SPACE = re.compile(r"\S")


def _subject(before):
    """(start, end) in ``before`` of the subject a following verb belongs to, if it opens the clause."""
    if _PASSIVE_OR_RELATIVE_END.search(before):
        return None  # passive "was reported"; relative "a coalition that says"
    found = subject_before(before)
    if found and found[0] == 0:
        return found
    if found and _REPORT_BY.fullmatch(before[:found[0]]):
        return 0, found[1]  # "A recent report by The New York Times found"
    if _CONJUNCTION_END.search(before):
        found = clause_subject(before)  # "The coalition welcomed the pause but said"
        return found if found and found[0] == 0 else None
    return None


def _expand_acronym(text, name):
    """"DTS" -> "Department of Transit Safety" when the text defines "… (DTS)".

    The full name is the shortest run of words before the brackets whose
    capitals spell the acronym, so "Vellmont Department of Transit Safety
    (DTS)" gives "Department of Transit Safety".

    Not ``Mentions.expand``: that matches an acronym against the initials of a
    whole capitalised run and forgives only a leading demonym or possessive
    ("Chinese CDC"), so it leaves "DTS" as it is here ("Vellmont" is neither),
    and it also lengthens names that are not acronyms ("Halvorsen").
    """
    if not ACRONYM.fullmatch(name):
        return name
    match = _defined_before(text, name)
    if not match:
        return name
    words = match.group(1).split()
    for first in range(len(words) - 1, -1, -1):
        capitals = "".join(w[0] for w in words[first:] if w[0].isupper())
        if capitals == name and words[first][0].isupper():
            return " ".join(words[first:])
    return name


def _defined_before(text, name):
    """``re.search(r"((?:[A-Z]…\\s+…){1,8})\\(NAME\\)", text)`` read only around each "(NAME)".

    A match is a run of word characters, & ’ ' - and spaces, then "(NAME)": it cannot
    cross an earlier "(", so the first match ends at the first "(NAME)" that has one, and
    starts after the last character before it that such a run cannot hold.
    """
    pattern = re.compile(r"((?:[A-Z][\w&’'-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8})\(" + name + r"\)")
    mark = "(" + name + ")"
    at = text.find(mark)
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isspace() or _RUN_CHAR.match(text[start - 1])):
            start -= 1
        match = pattern.search(text, start, at + len(mark))
        if match:
            return match
        at = text.find(mark, at + 1)
    return None


_RUN_CHAR = re.compile(r"[\w&’'-]")


def _footnotes(text):
    """{number: source} from citation notes such as "1. “Title,” The Nation, June 27, 2018"."""
    notes = {}
    for line in _FOOTNOTE_LINE.finditer(text):
        notes[line.group(1)] = line.group(2).strip(" .:;")
    return notes


# Patterns of the functions above, compiled once.
_PASSIVE_OR_RELATIVE_END = re.compile(PASSIVE_END.pattern + r"|\b(?:who|that|which)\s+(?:\w+\s+)?$")
_CONJUNCTION_END = re.compile(r"(?:\b(?:and|but)|,)\s+(?:\w+ly\s+)?$")
_REPORT_BY = re.compile(r"(?:the|a|an)\s[^,]*?\b(?:by|from|of)\s+", re.I)
_FOOTNOTE_LINE = re.compile(r"^\s*\[?(\d{1,2})\]?[.)]?\s+[“\"].+?[”\"]\s*,?\s*([^,\n]+)", re.M)
_PHRASE_TO_PUNCTUATION = re.compile(r"\s*([^,;:]+?)\s*(?:[,;:.]|$)")
_THAT_CLAUSE = re.compile(r"\s+that\b")
_CAPITAL = re.compile(r"[A-Z]")
_DEFINITE_NOUN = re.compile(r"\s*(?:the|its|their)\s+([a-z]+)\s*", re.I)
_LEADING_THE = re.compile(r"^The\s+")
