"""Organization names in one document: which capitalised names are bodies, and their full names.

A one-word name is a body when the document writes it like one ("at
Microsoft", "Microsoft employees", "Big Machine, which"), and a body's
short or initial name expands to the full name the document prints
elsewhere ("DEA" -> "Drug Enforcement Administration", "Halvorsen" ->
"Halvorsen Analytics").
"""
import re

from .lexicon import FEMALE_NAMES, GROUP_WORDS, MALE_NAMES, ORG_WORDS
from .names import ORG_RUN, is_demonym, is_role_word, org_text, strip_article

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
        before = self.text[max(0, start - 30):start]
        after = self.text[start + len(name):start + len(name) + 40]
        if len(name.split()) == 1 and not name.isupper():
            return False  # one word after "at" may be a place; single words count document-wide
        if name.split()[0].lower() in FEMALE_NAMES | MALE_NAMES:
            return False  # "talked with Mike Ford": a person after all
        return bool(re.search(_ORG_BEFORE + "$", before) or re.match(_ORG_AFTER, after)
                    or self.kind_named(start, start + len(name)))

    def kind_named(self, start, end):
        """"The group, WeWorkers Coalition," / "X, a civil liberties group": the kind of body."""
        before = self.text[max(0, start - 40):start]
        after = self.text[end:end + 40]
        found = re.search(r"\b" + _KIND + r"(?:\s+\w+){0,6}?,\s*$", before) or re.match(
            r",\s+an?\s+(?:[\w-]+\s+){0,3}?" + _KIND + r"\b", after)
        return found.group(1).lower() if found else None

    def single_token_kind(self, token, strict=False):
        """Is a one-word name ("Twitter", "Schiff") a body or a person?

        Bodies are written "at Microsoft", "Microsoft employees", "Microsoft’s
        contract"; people "Mr. Schiff", "Schiff, who". ``strict`` wants evidence
        and answers None without it.
        """
        if re.fullmatch(r"[A-Z]{2,}", token):
            return "organization"
        if token.lower() in FEMALE_NAMES | MALE_NAMES:
            return "person"  # "talked with Mike": a first name
        body, person = self._cached("evidence", self._evidence)
        if body.get(token, 0) > person.get(token, 0):
            return "organization"
        return None if strict else "person"

    def _evidence(self):
        """How often each capitalised word is written like a body or like a person, in one pass."""
        word = r"([A-Z][\w&-]*)"  # no apostrophe: "Microsoft’s employees" counts for Microsoft
        body, person = {}, {}
        patterns = (
            (body, _ORG_BEFORE + word + r"\b"),
            (body, r"\b" + word + r"(?:" + _ORG_AFTER + r"|(?:’s|'s)\s+(?:" + _BODY_THINGS + r")\b)"),
            (person, r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+" + word + r"\b"),
            (person, r"\b" + word + r",?\s+who\b"),
            (person, r"\b" + word + r"(?:’s|'s)\s+(?:wife|husband|family|son|daughter|mother|father)\b"),
        )
        for counts, pattern in patterns:
            for match in re.finditer(pattern, self.text):
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        return body, person

    def expand(self, name):
        """The fullest name of a body: "DEA" -> "Drug Enforcement Administration",
        "Chinese CDC" -> "Chinese Center for Disease Control…", "GateHouse" -> "GateHouse Media"."""
        if not name:
            return name
        return self._cached(("expand", name), lambda: self._expand(name))

    def _runs(self):
        return self._cached("runs", lambda: [
            re.sub(r"(?:’s|'s)$", "", strip_article(org_text(m.group())))
            for m in ORG_RUN.finditer(self.text) if not self.inside_quote(m.start())])

    def _expand(self, name):
        words = name.split()
        acronym = words[-1] if re.fullmatch(r"[A-Z]{2,6}", words[-1]) else None
        if acronym:
            for found in self._runs():
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

    def _usual(self, name, prefix):
        words = name.split()
        if len(words) < 2 or any(is_role_word(w) for w in words[1:]):
            return False
        extra = [w.lower() for w in words[prefix:]]
        if any(w in GROUP_WORDS for w in extra):
            return False  # "Halvorsen Analytics Employees" are people, not the company
        if prefix > 1:
            return any(w in ORG_WORDS for w in extra)  # "New Media" -> "New Media Investment Group"
        return self.text.count(name) >= 2  # a one-off heading or product line is not the usual name


def _initials_match(words, acronym):
    # "CDC" for "Chinese Center for Disease Control and Prevention": a leading
    # nationality may be left out of the initials, trailing words too.
    for start in (0, 1):
        initials = "".join(w[0] for w in words[start:])
        if len(initials) >= 2 and (initials == acronym or len(acronym) >= 3 and initials.startswith(acronym)):
            return start == 0 or is_demonym(words[0]) or words[0].endswith(("’s", "'s"))
    return False


def _index_first(runs):
    index = {}
    for run in runs:
        index.setdefault(run.split()[0], []).append(run)
    return index
