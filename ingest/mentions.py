"""Who is mentioned where in one document, and what the document calls them.

Attribution needs document memory: "Roberts said" means the Scott Roberts
introduced earlier, "he said" means the person last written about, "the
company" the body the text is about, and a title printed once ("senior
campaign director") carries to later quotes. ``Mentions`` scans the text
once and answers those questions by offset.
"""
import bisect
import re
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, MALE_NAMES, NOT_NAMES
from .names import (
    CAPITAL_RUN, ORG_RUN, clean_phrase, is_role_word, last_org_span, looks_like_org, name_part,
    org_text, strip_article, strip_honorific, surname,
)
from .titles import (
    cut_clause, describes, parse_descriptor, split_opening_title, split_pre_title, title_words_before,
)
from .orgs import OrgNames
from .sentences import sentence_spans


@dataclass
class Speaker:
    """Who said a quote: as the gold guidelines define speaker/kind/title/org."""

    name: str | None
    kind: str | None
    title: str | None = None
    org: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str            # 'person' | 'organization'
    title: str | None = None
    org: str | None = None
    noun: str | None = None   # "group" for "The group, WeWorkers Coalition"


_VERB_AFTER = re.compile(
    r"(?:\s*,)?\s+(?:[a-z]+ly\s+)?(?:has|have|had|is|was|were|are|will|would|could|did|does|do|"
    r"may|might|can|said|says|told|tells|[a-z]+(?:ed|es))\b")
_HE = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


class Mentions:
    """Person and organization mentions of one document, outside quotes."""

    def __init__(self, text, quoted):
        self.text = text
        self.quoted = sorted(quoted)
        self._quote_starts = [start for start, _ in self.quoted]
        self.sentences = sentence_spans(_mask(text, self.quoted))
        self._sentence_ends = [end for _, end in self.sentences]
        self.orgs = OrgNames(text, self.inside_quote)
        self.expand = self.orgs.expand
        self.single_token_kind = self.orgs.single_token_kind
        self.mentions = []
        self._starts = []
        self.genders = {}
        self.spoken = []   # (offset, Speaker) in document order, as attribution proceeds
        self._scan()
        self._by_surname = _people_by_surname(self.mentions)
        self._profiles = self._build_profiles()

    def inside_quote(self, offset):
        """Is ``offset`` between a pair of quotation marks?"""
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and offset < self.quoted[index][1]

    # ---- scanning -------------------------------------------------------
    def _scan(self):
        runs = [m for m in CAPITAL_RUN.finditer(self.text) if not self.inside_quote(m.start())]
        parts = [(m, *name_part(m.group(), self.text, m.start())) for m in runs]
        surnames = {surname(re.sub(r"(?:’s|'s)$", "", name)) for _, name, _ in parts if len(name.split()) > 1}
        bodies = {name for m, name, shift in parts
                  if name and self.orgs.is_body_context(m.start() + shift, name)}
        for match, name, shift in parts:
            name = re.sub(r"(?:’s|'s)$", "", name)
            if name and shift and looks_like_org(name):
                name, shift = _body_run(match.group())
                mention = self._classify(match.start() + shift, name, 0, surnames, bodies)
            else:
                mention = self._classify(match.start() + shift, name, shift, surnames, bodies)
            if mention:
                self.mentions.append(mention)

    def _classify(self, start, name, shift, surnames, bodies):
        if not name:
            return None
        end = start + len(name)
        if name in bodies or looks_like_org(name) and not shift:
            full = ORG_RUN.match(self.text, start)  # "Brightwater Institute for Data Justice"
            if full and full.end() > end and not self.inside_quote(full.end() - 1):
                name = org_text(full.group())
                end = start + len(name)
            noun = self.orgs.kind_named(start, end)
            return Mention(start, end, strip_article(name), "organization", noun=noun)
        if len(name.split()) == 1 and name not in surnames:
            if not is_role_word(name) and self.single_token_kind(name, strict=True) == "organization":
                return Mention(start, end, name, "organization", noun=self.orgs.kind_named(start, end))
            return None
        title, org = self._describe(start, end)
        return Mention(start, end, name, "person", title, org)

    def _describe(self, start, end):
        """(title, org) printed around a person's name: before it and in an appositive."""
        words = title_words_before(self.text, start)
        first = self.text.rfind(words[0], 0, start) if words else -1
        # A line of only title and name is a caption, capitalised as a heading is.
        caption = not re.search(r"\w", self.text[end:].split("\n", 1)[0])
        if first >= 0 and self.starts_sentence(first) and not caption:
            pre_title, pre_org = split_opening_title(words, self.text)  # "Council member X said"
        else:
            pre_title, pre_org = split_pre_title(words)
        title, org = None, None
        after = self.text[end:end + 300]
        appositive = re.match(r"(?:\s*\([^)]*\))?,\s+"
                              r"((?:[^,.;“”\"]|\.(?=\S)|,(?!\s+(?:said|says|told)))+)", after)
        copula = re.match(r"\s+(?:is|was)\s+((?:the|a|an)\s+[^.;]+)", after)  # "Hege is the CEO of DH"
        if appositive and describes(appositive.group(1)):
            title, org = parse_descriptor(cut_clause(appositive.group(1)))
        elif copula and describes(copula.group(1)):
            title, org = parse_descriptor(cut_clause(copula.group(1)))
        elif re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after):
            org = last_org_span(re.sub(r"^\s+of\s+(?:the\s+)?", "", after))
        # "ColorOfChange whose senior campaign director, Scott Roberts,"
        whose = re.search(r"([A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)(?:’s|'s|,?\s+whose)\s+"
                          r"([a-z][\w -]*?),\s*$", self.text[max(0, start - 120):start])
        if whose and is_role_word(whose.group(2).split()[-1]):
            pre_title, pre_org = clean_phrase(whose.group(2)), clean_phrase(whose.group(1))
        return title or pre_title, self.resolve_body(org or pre_org, start)

    def _gender_near(self, mention):
        """m/f from a common first name, an honorific, or the first he/she after the name."""
        first = mention.name.split()[0].lower()
        if first in FEMALE_NAMES or first in MALE_NAMES:
            return "f" if first in FEMALE_NAMES else "m"
        before = self.text[max(0, mention.start - 6):mention.start]
        honorific = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s*$", before)
        if honorific:
            return "m" if honorific.group(1) == "Mr" else "f"
        # Only the sentence's subject, and only up to the next person: in "Carlineo … made to
        # Omar's office, in which he said", "he" is Carlineo's, not Omar's.
        start, end = self.sentences[self.sentence_index(mention.start)]
        people = [m for m in self._in_range(start, end) if m.kind == "person"]
        if not people or people[0] is not mention:
            return None
        end = min([end, mention.end + 200] + [m.start for m in people[1:]])
        window = "".join(" " if self.inside_quote(i) else self.text[i] for i in range(mention.end, end))
        he, she = _HE.search(window), _SHE.search(window)
        if he and (not she or he.start() < she.start()):
            return "m"
        return "f" if she else None

    # ---- names, titles, kinds ------------------------------------------
    def _build_profiles(self):
        """Title and org of each person as first printed (a later mention fills gaps)."""
        profiles = {}
        for mention in self.mentions:
            if mention.kind != "person":
                continue
            full = self.full_name(mention.name, mention.start)
            profile = profiles.setdefault(full, [None, None])
            if profile == [None, None]:
                profile[:] = [mention.title, mention.org]
            elif profile[0] is None and mention.title:
                profile[:] = [mention.title, profile[1] or mention.org]
            elif profile[1] is None and mention.org and mention.title in (None, profile[0]):
                profile[1] = mention.org  # "director for games at Google", after "…at the tech giant"
            if full not in self.genders:
                gender = self._gender_near(mention)
                if gender:
                    self.genders[full] = gender
        return profiles

    def full_name(self, name, offset=None):
        """The fullest form of a person's name in the document ("Roberts" -> "Scott Roberts")."""
        name = strip_honorific(name)
        words = name.split()
        if not words:
            return name
        candidates = [m for m in self._by_surname.get(surname(name), ())
                      if len(m.name.split()) > len(words) and all(w in m.name.split() for w in words)]
        if not candidates and len(words) == 1:
            # "Liu said" after "Liu Xiaming", "Xi" after "Xi Jinping": family name first.
            candidates = [m for m in self._by_surname.get("", ()) if m.name.split()[0] == name]
        if not candidates:
            return name
        before = [m for m in candidates if offset is None or m.start <= offset]
        return strip_honorific((before[-1] if before else candidates[0]).name)

    def person(self, name, offset, title=None, org=None):
        """A person Speaker with the document's title/org carried to this quote."""
        full = self.full_name(name, offset)
        org = self.resolve_body(org, offset)
        profile = self._profiles.get(full, [None, None])
        if title is None and org is None:
            title, org = profile
        elif title is None:
            title = profile[0] if not profile[1] or profile[1] == org else None
        elif org is None and profile[1] and (profile[0] == title or profile[0] is None):
            org = profile[1]
        if org and " " not in org and any(self.credible(m) for m in self._by_surname.get(org, ())):
            org = None  # "Carlineo’s attorney": a client, not an employer
        return Speaker(full, "person", title, org)

    def is_org(self, name):
        """Was ``name`` written as a body somewhere in the document?"""
        return any(m.kind == "organization" and m.name == strip_article(name) for m in self.mentions)

    def is_person(self, name):
        """Is ``name`` a person's surname (or a family-name-first given name) here?"""
        return bool(self._by_surname.get(name)) or any(
            m.name == name or m.name.split()[0] == name for m in self._by_surname.get("", ()))

    def credible(self, mention):
        """Is this capitalised pair really someone? A known first name, a title, a
        second mention or a quote says so; a heading ("Iceberg Passages") does not."""
        full = self.full_name(mention.name)
        if full.split()[0].lower() in FEMALE_NAMES | MALE_NAMES or self.genders.get(full):
            return True
        if self._profiles.get(full, [None, None]) != [None, None]:
            return True
        if len(self._by_surname.get(surname(full), ())) > 1:
            return True
        return any(speaker.name == full for _, speaker in self.spoken)

    def note_title(self, name, title):
        """"said the actor": the description becomes the title of one printed without any."""
        profile = self._profiles.setdefault(self.full_name(name), [None, None])
        if profile[0] is None and title:
            profile[0] = title

    def learn_gender(self, name, pronoun):
        """Remember that the text called this person "he" or "she"."""
        full = self.full_name(name)
        if full and full not in self.genders:
            self.genders[full] = "m" if pronoun in ("he", "him", "his") else "f"

    def starts_sentence(self, offset):
        """Is ``offset`` the first word of a sentence? ("…?” Schiff asked" is not.)"""
        before = self.text[max(0, offset - 4):offset]
        return not before.strip() or bool(re.search(r"(?:\n|[.!?]|\.[”\"’'])\s*$", before))

    # ---- resolution by position ----------------------------------------
    def sentence_index(self, offset):
        """Index in ``self.sentences`` of the sentence holding (or just before) ``offset``."""
        index = bisect.bisect_right(self._sentence_ends, offset)
        if index >= len(self.sentences):
            return len(self.sentences) - 1
        return index if offset >= self.sentences[index][0] else max(0, index - 1)

    def _walk_back(self, offset, accept, sentences=7, pronoun=None, spoken=False):
        """The first accepted mention of each sentence, this one first, then earlier ones.

        A sentence whose subject is the same pronoun ("During the visit, he was
        photographed with Epstein") passes the question further back.
        """
        index = self.sentence_index(offset)
        for back in range(min(sentences, index + 1)):
            start, end = self.sentences[index - back]
            end = min(end, offset)
            found = [m for m in self._in_range(start, end) if accept(m)]
            if spoken:  # bodies quoted in that sentence count as mentioned there
                found += [m for m in (Mention(at, at, s.name, s.kind) for at, s in self.spoken
                                      if start <= at < end and s.name) if accept(m)]
                found.sort(key=lambda m: m.start)
            first = found[0].start if found else end
            # The subject first ("…, Dick Clark Productions, denies"), then the first named;
            # a possessive later in the sentence ("at Epstein’s mansion") last.
            found.sort(key=lambda m: (not self._subject_like(m), m.start != first and bool(
                re.match(r"’s|'s", self.text[m.end:m.end + 2]))))
            if pronoun and back > 0 and re.search(r"\b(?:" + pronoun + r")\b", self.text[start:first], re.I):
                continue
            if found:
                return found[0]
        return None

    def _subject_like(self, mention):
        """Is a verb right after the name ("Braun said", "Productions, denies")?
        Not after a preposition: "chief executive of Ceres Robotics, said" is Sims speaking."""
        before = self.text[max(0, mention.start - 6):mention.start]
        return bool(_VERB_AFTER.match(self.text, mention.end)) and not re.search(
            r"\b(?:of|at|for|with|from|in|by|to)\s+(?:the\s+)?$", before)

    def _in_range(self, start, end):
        if len(self._starts) != len(self.mentions):  # still scanning: mentions grow in order
            self._starts = [m.start for m in self.mentions]
        return self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    def resolve_pronoun(self, pronoun, offset):
        """The mention a pronoun refers to: in each sentence back from it, the first
        compatible mention (its subject, usually); a person for he/she, a body for it/they."""
        if pronoun in ("it", "its", "they", "their"):
            return self._walk_back(offset, lambda m: m.kind == "organization", spoken=True, pronoun="it|they")
        sex = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pronoun)
        return self._walk_back(offset, lambda m: m.kind == "person" and self.credible(m) and self.genders.get(
            self.full_name(m.name)) in (None, sex), pronoun=pronoun)

    def resolve_described(self, head, offset):
        """"the actor": the nearby person whose printed title fits."""
        def fits(mention):
            title = self._profiles.get(self.full_name(mention.name), [None])[0]
            return mention.kind == "person" and (title is None or head in title.lower())
        return self._walk_back(offset, fits, sentences=3)

    def recent_org(self, offset, noun=None):
        """The body "the company"/"the group" means: one introduced as such, else nearby or the main one."""
        if noun:
            # Introduced as one ("RightsWatch North, a civil liberties group") not long before.
            here = self.sentence_index(offset)
            named = [m for m in self.mentions if m.kind == "organization" and m.start < offset
                     and (m.noun == noun or noun in m.name.lower()) and here - self.sentence_index(m.start) <= 8]
            if named:
                return named[-1]
        nearby = self._walk_back(offset, lambda m: m.kind == "organization", sentences=3, spoken=True)
        earlier = [self.expand(m.name) for m in self.mentions if m.kind == "organization" and m.start < offset]
        # Most mentioned (three times at least); on a tie, the one named first.
        common = max(dict.fromkeys(earlier), key=earlier.count, default=None)
        if common and earlier.count(common) >= 3:
            common = Mention(offset, offset, common, "organization")
        else:
            common = None
        # "the company" is the one just named in this or the last sentence, else the one the
        # document is about; "the group" the one named nearby.
        if noun == "company" and common:
            return self._walk_back(offset, lambda m: m.kind == "organization", sentences=2, spoken=True) or common
        return nearby or common

    def resolve_body(self, org, offset):
        """"the group" in "a senior organizer at the group": the group named before."""
        if not org or not re.match(r"the\s+\w+$", org):
            return org
        body = self.recent_org(offset, org.split()[1].lower())
        return body.name if body else None

    def named_later(self, phrase, offset):
        """An unnamed role named soon after: "China’s ambassador to Britain Liu Xiaming"."""
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
        if len(phrase.split()) < 2:
            return None
        pattern = re.compile("(?i:" + re.escape(phrase) + r"),?\s+(" + CAPITAL_RUN.pattern + ")")
        match = pattern.search(self.text[:offset + 3000], offset)
        if not match:
            return None
        name, _ = name_part(match.group(1), self.text, match.start(1))
        return self.person(name, match.start(1)) if len(name.split()) >= 2 else None

    def group_name(self, head, offset):
        """"the employees" -> "Halvorsen Analytics employees", as the text named them before."""
        found = None
        pattern = (r"((?:[A-Z][\w&.’'-]*\s+){1,4})" + re.escape(head) + r"\b"
                   r"|\b" + re.escape(head) + r"\s+(?:of|at)\s+(?:the\s+)?(" + ORG_RUN.pattern + ")")
        for match in re.finditer(pattern, self.text[:offset]):
            words = (match.group(1) or match.group(2) + " ").split()
            while words and words[0].lower() in NOT_NAMES:
                words = words[1:]
            if words and not self.inside_quote(match.start()):
                found = " ".join(words) + " " + head
        return found

    def record(self, offset, speaker):
        """Remember who spoke where, for later "they said" and "the expert said"."""
        if speaker is not None:
            self.spoken.append((offset, speaker))

    def unnamed_speaker(self, head):
        """An unnamed speaker quoted before with this role ("one legal expert" … "the expert")."""
        for _, speaker in reversed(self.spoken):
            if speaker.name is None and speaker.title and speaker.title.lower().split()[-1] == head:
                return speaker
        return None


def _body_run(run):
    """"ICICI Securities": a whole run names the body ("The CDC": all but "The"); (name, offset)."""
    article = re.match(r"(?:The|A|An)\s+", run)
    shift = article.end() if article else 0
    return re.sub(r"(?:’s|'s)$", "", run[shift:]), shift


def _people_by_surname(mentions):
    index = {}
    for mention in mentions:
        if mention.kind == "person":
            index.setdefault(surname(mention.name), []).append(mention)
            if len(mention.name.split()) == 2:
                index.setdefault("", []).append(mention)  # two-word names, family name first
    return index


def _mask(text, quoted):
    """Quote interiors blanked but for their first letter and a final stop, so
    sentences are counted around quotes, not inside them."""
    chars = list(text)
    for start, end in quoted:
        last = end - 2 if text[end - 2:end - 1] in (".", "…") else end - 1
        for i in range(start + 2, max(start + 2, last)):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)
