"""Organization names in one document: which capitalised names are bodies, and their full names.

A one-word name is a body when the document writes it like one ("at
Microsoft", "Microsoft employees", "Big Machine, which"), and a body's
short or initial name expands to the full name the document prints
elsewhere ("DEA" -> "Drug Enforcement Administration", "Halvorsen" ->
"Halvorsen Analytics").
"""
import re

from .lexicon import FEMALE_NAMES, GROUP_WORDS, MALE_NAMES, ORG_WORDS
from .names import ACRONYM, is_demonym, is_role_word, looks_like_org, org_runs, org_text, strip_article

# Contexts that make a capitalised name a body.
_ORG_BEFORE = r"\b(?:at|for|with|on|from|joined|join|joins|the)\s+"
_BODY_THINGS = (r"statement|contract|contracts|products|services|technology|platform|policy|"
                r"spokes\w+|website|shares|stock|employees|workers|executives|CEO|chief")
_ORG_AFTER = (r"(?:’s|'s)?\s+(?:employees|workers|staff|executives|spokes\w+|CEO|board|"
              r"shareholders|users|customers|platform|account|website|app|stock|shares)\b"
              r"|,?\s+which\b|\s+(?:have|are|were)\s+(?!been\b)")
# Kinds of body a text introduces by name: "The group, WeWorkers Coalition".
_KIND = (r"(company|group|firm|label|agency|organi[sz]ation|band|network|coalition|party|union|"
         r"brokerage|publisher|startup|institute|foundation)")


# The capitalised word each pattern counts; no apostrophe: "Microsoft’s employees" counts for
# Microsoft. A word boundary before a capital is a non-word character before it: checked
# after the capital, so that the scan can skip to capitals.
_NAME = r"([A-Z](?<!\w[A-Z])[\w&-]*)"
# _ORG_BEFORE + the name, opening on the preposition's first letter (so that the scan can
# skip to those letters) and checking the word boundary before it after that letter.
_BODY_BEFORE = re.compile(r"[afwojt](?<!\w[afwojt])(?:(?<=a)t|(?<=f)(?:or|rom)|(?<=w)ith|(?<=o)n|"
                          r"(?<=j)(?:oined|oin|oins)|(?<=t)he)\s+([A-Z][\w&-]*)\b")
_BODY_AFTER = re.compile(_NAME + r"(?:" + _ORG_AFTER + r"|(?:’s|'s)\s+(?:" + _BODY_THINGS + r")\b)")
_PERSON_TITLED = re.compile(r"[MD](?<!\w[MD])(?:(?<=M)(?:r|rs|s)|(?<=D)r)\.?\s+([A-Z][\w&-]*)\b")  # Mr|Mrs|Ms|Dr
_PERSON_WHO = re.compile(_NAME + r",?\s+who\b")
_PERSON_FAMILY = re.compile(_NAME + r"(?:’s|'s)\s+(?:wife|husband|family|son|daughter|mother|father)\b")


_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
_ORG_BEFORE_END = re.compile(_ORG_BEFORE + "$")
_ORG_AFTER_START = re.compile(_ORG_AFTER)
_KIND_BEFORE = re.compile(r"\b" + _KIND + r"(?:\s+\w+){0,6}?,\s*$")
_KIND_AFTER = re.compile(r",\s+an?\s+(?:[\w-]+\s+){0,3}?" + _KIND + r"\b")


def _drop_possessive(run):
    """``re.sub(r"(?:’s|'s)$", "", run)`` for a run (which holds no line break)."""
    return run[:-2] if run.endswith(("’s", "'s")) else run


class OrgNames:
    """Evidence about bodies in ``text``; ``inside_quote(offset)`` masks quoted words."""

    def __init__(self, text, inside_quote):
        self.text = text
        self.inside_quote = inside_quote
        self._memo = {}

    def _cached(self, key, compute):
        # Names recur in a document and each answer scans the whole text once.
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def is_body_context(self, start, name):
        """Is the multi-word name at ``start`` written as a body here?"""
        if len(name.split()) == 1 and not name.isupper():
            return False  # one word after "at" may be a place; single words count document-wide
        if name.split()[0].lower() in _FIRST_NAMES:
            return False  # "talked with Mike Ford": a person after all
        before = self.text[max(0, start - 30):start]
        after = self.text[start + len(name):start + len(name) + 40]
        return bool(_ORG_BEFORE_END.search(before) or _ORG_AFTER_START.match(after)
                    or self.kind_named(start, start + len(name)))

    def kind_named(self, start, end):
        """"The group, WeWorkers Coalition," / "X, a civil liberties group": the kind of body."""
        before = self.text[max(0, start - 40):start]
        after = self.text[end:end + 40]
        found = (_KIND_BEFORE.search(before) if "," in before else None) or _KIND_AFTER.match(after)
        return found.group(1).lower() if found else None

    def single_token_kind(self, token, strict=False):
        """Is a one-word name ("Twitter", "Schiff") a body or a person?

        Bodies are written "at Microsoft", "Microsoft employees", "Microsoft’s
        contract"; people "Mr. Schiff", "Schiff, who". ``strict`` wants evidence
        and answers None without it.
        """
        if _ALL_CAPITALS.fullmatch(token):
            return "organization"
        if token.lower() in _FIRST_NAMES:
            return "person"  # "talked with Mike": a first name
        body, person = self._cached("evidence", self._evidence)
        if body.get(token, 0) > person.get(token, 0):
            return "organization"
        if not strict and not person.get(token) and looks_like_org(self.expand(token)):
            return "organization"  # "Halvorsen’s own brochure": the first word of "Halvorsen Analytics"
        return None if strict else "person"

    def _evidence(self):
        """How often each capitalised word is written like a body or like a person, in one pass."""
        body, person = {}, {}
        for counts, pattern in ((body, _BODY_BEFORE), (body, _BODY_AFTER), (person, _PERSON_TITLED),
                                (person, _PERSON_WHO), (person, _PERSON_FAMILY)):
            for name in pattern.findall(self.text):
                counts[name] = counts.get(name, 0) + 1
        return body, person

    def expand(self, name):
        """The fullest name of a body: "DEA" -> "Drug Enforcement Administration",
        "Chinese CDC" -> "Chinese Center for Disease Control…", "GateHouse" -> "GateHouse Media"."""
        if not name:
            return name
        return self._cached(("expand", name), lambda: self._expand(name))

    def _runs(self):
        """The capitalised runs of more than one word outside quotes, as names, in order:
        the only ones a name can expand to (a one-word run spells no acronym and
        lengthens no name)."""
        return self._cached("runs", lambda: [
            _drop_possessive(strip_article(org_text(m.group())))
            for m in org_runs(self.text)
            if (" " in m.group() or "\u00a0" in m.group()) and not self.inside_quote(m.start())])

    def _expand(self, name):
        words = name.split()
        acronym = words[-1] if ACRONYM.fullmatch(words[-1]) else None
        if acronym:
            runs = self._runs()
            for index in self._acronym_candidates(words, acronym):  # in document order
                found = runs[index]
                caps = [w for w in found.split() if w[0].isupper()]
                if found != name and caps[:len(words) - 1] == words[:-1] and _initials_match(
                        caps[len(words) - 1:], acronym):
                    return found
            return name
        by_first = self._cached("by first word", lambda: _index_first(self._runs()))
        longer = [found for found in by_first.get(words[0], ())
                  if found != name and found.split()[:len(words)] == words and self._usual(found, len(words))]
        # The form the document uses most ("Halvorsen Analytics", not a one-off heading).
        return max(dict.fromkeys(longer), key=longer.count) if longer else name

    def _acronym_candidates(self, words, acronym):
        """Indexes of the runs that may spell ``acronym`` (after ``words[:-1]``), in order:
        with that first capitalised word, or with initials equal to or starting with it."""
        if len(words) > 1:
            return self._cached("by first capital", lambda: _index_capitals(self._runs())).get(words[0], ())
        # _initials_match needs the initials, whole or but the first, to start with the acronym.
        bucket = self._cached("by initials", lambda: _index_initials(self._runs())).get(acronym[:2], ())
        return [number for number, initials in bucket
                if initials.startswith(acronym) or initials[1:].startswith(acronym)]

    def _usual(self, name, prefix):
        words = name.split()
        if len(words) < 2 or any(is_role_word(w) for w in words[1:]):
            return False
        extra = [w.lower() for w in words[prefix:]]
        if any(w in GROUP_WORDS for w in extra):
            return False  # "Halvorsen Analytics Employees" are people, not the company
        if prefix > 1:
            return any(w in ORG_WORDS for w in extra)  # "New Media" -> "New Media Investment Group"
        return self._printed_twice(name)  # a one-off heading or product line is not the usual name

    def _printed_twice(self, name):
        """``text.count(name) >= 2``, stopping at the second occurrence."""
        def compute():
            first = self.text.find(name)
            return first >= 0 and self.text.find(name, first + max(1, len(name))) >= 0
        return self._cached(("twice", name), compute)


def _initials_match(words, acronym):
    # "CDC" for "Chinese Center for Disease Control and Prevention": a leading
    # nationality may be left out of the initials, trailing words too.
    for start in (0, 1):
        initials = "".join(w[0] for w in words[start:])
        if len(initials) >= 2 and (initials == acronym or len(acronym) >= 3 and initials.startswith(acronym)):
            return start == 0 or is_demonym(words[0]) or words[0].endswith(("’s", "'s"))
    return False


def _index_capitals(runs):
    """{first capitalised word: indexes of the runs it opens}."""
    index = {}
    for number, run in enumerate(runs):
        caps = [w for w in run.split() if w[0].isupper()]
        if caps:
            index.setdefault(caps[0], []).append(number)
    return index


def _index_initials(runs):
    """{two letters: [(index, initials)]} of the runs whose capitalised words' initials, all
    of them or all but the first, open on those letters: where an acronym's candidates are
    (an acronym has two letters at least)."""
    index = {}
    for number, run in enumerate(runs):
        if " " not in run and "\u00a0" not in run:
            continue  # one word: one initial, which spells no acronym
        initials = "".join(w[0] for w in run.split() if w[0].isupper())
        if len(initials) >= 2:
            index.setdefault(initials[:2], []).append((number, initials))
            if len(initials) >= 3 and initials[1:3] != initials[:2]:
                index.setdefault(initials[1:3], []).append((number, initials))
    return index


def _index_first(runs):
    index = {}
    for run in runs:
        index.setdefault(run.split()[0], []).append(run)
    return index


# Patterns of the functions above, compiled once.
_ALL_CAPITALS = re.compile(r"[A-Z]{2,}")
