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

from .clauses import clause_subject, main_clause, subject_before
from .lexicon import DOC_NOUNS
from .mentions import Mentions
from .quotes import ACCORDING_TO, REPORTING_VERBS, find_spans
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
_ASSERT_VERB = re.compile(r"\b(?:%s)\b" % "|".join(_ASSERTING))
# A reporting tag after the claim: "…, Haddad said." / "…, the report said." / "…, organizers said, …".
_TAG = re.compile(r",\s+((?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+)?|he|she|they|it|"
                  r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|[a-z]+)\s+(?:%s)\s*(?:[.,;]|$)"
                  % "|".join(_ASSERTING))
# Verbs that put a label on something ("Okafor called the program …"): a judgement
# by a person, but a source when a document does it ("the brochure calls …").
LABEL_VERBS = set("call calls called dubbed branded labeled labelled termed".split())


class ClaimSources:
    """What attribution needs about the whole document: quotes masked, mentions, footnotes."""

    def __init__(self, text):
        self.text = text
        quoted = [(span.open, span.close) for span in find_spans(text)]
        chars = list(text)
        for open_, close in quoted:  # names inside quotation marks never make a claim
            chars[open_:close] = ["_" if not c.isspace() else c for c in text[open_:close]]
        self.masked = "".join(chars)
        self.mentions = Mentions(text, quoted)
        self.footnotes = _footnotes(text)

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
        phrase = re.match(r"\s*([^,;:]+?)\s*(?:[,;:.]|$)", self.masked[match.end():end])
        return self._name(phrase.group(1), match.end() + phrase.start(1)) if phrase else None

    def _reporting_verb(self, start, end):
        """The subject of an asserting verb whose subject opens the main clause ("X said that …")."""
        sentence = self.masked[start:end]
        clause = start + len(sentence) - len(main_clause(sentence))
        for verb in _ASSERT_VERB.finditer(self.masked, clause, end):
            if verb.group() in _EVIDENCE_VERBS and not re.match(r"\s+that\b", self.masked[verb.end():end]):
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
        if words and words[-1].lower() in DOC_NOUNS and not re.search(r"[A-Z]", phrase):
            return None  # "a new study", "the office release": whose, the sentence does not say
        speaker = classify_np(phrase, offset, self.mentions)
        if speaker is None or not speaker.name:
            return None
        if speaker.kind == "group" and not re.search(r"[A-Z]", speaker.name):
            return None
        return _expand_acronym(self.text, speaker.name)

    def _definite(self, phrase, offset):
        """"the coalition" -> the last name before it that ends in that noun ("Drop the Dragnet coalition")."""
        match = re.fullmatch(r"\s*(?:the|its|their)\s+([a-z]+)\s*", phrase, re.I)
        if not match:
            return None
        noun = re.escape(match.group(1))
        name = r"\b([A-Z][\w’'-]*(?:\s+(?:(?:the|of|for|and)\s+)*[A-Z][\w’'-]*)+\s+(?i:%s))\b" % noun
        names = re.findall(name, self.masked[:offset])
        return re.sub(r"^The\s+", "", names[-1]) if names else None


def _subject(before):
    """(start, end) in ``before`` of the subject a following verb belongs to, if it opens the clause."""
    if re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$|\b(?:who|that|which)\s+(?:\w+\s+)?$",
                 before):
        return None  # passive "was reported"; relative "a coalition that says"
    found = subject_before(before)
    if found and found[0] == 0:
        return found
    if found and re.fullmatch(r"(?:the|a|an)\s[^,]*?\b(?:by|from|of)\s+", before[:found[0]], re.I):
        return 0, found[1]  # "A recent report by The New York Times found"
    if re.search(r"(?:\b(?:and|but)|,)\s+(?:\w+ly\s+)?$", before):
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
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return name
    match = re.search(r"((?:[A-Z][\w&’'-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8})\(" + name + r"\)", text)
    if not match:
        return name
    words = match.group(1).split()
    for first in range(len(words) - 1, -1, -1):
        capitals = "".join(w[0] for w in words[first:] if w[0].isupper())
        if capitals == name and words[first][0].isupper():
            return " ".join(words[first:])
    return name


def _footnotes(text):
    """{number: source} from citation notes such as "1. “Title,” The Nation, June 27, 2018"."""
    notes = {}
    for line in re.finditer(r"^\s*\[?(\d{1,2})\]?[.)]?\s+[“\"].+?[”\"]\s*,?\s*([^,\n]+)", text, re.M):
        notes[line.group(1)] = line.group(2).strip(" .:;")
    return notes
