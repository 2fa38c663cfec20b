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
from .sentences import mask, sentence_spans


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
_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
_HE = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


class Mentions:
    """Person and organization mentions of one document, outside quotes."""

    def __init__(self, text, quoted):
        quoted = sorted(quoted)
        if self._reuse(text, quoted):
            return
        self.text = text
        self.quoted = quoted
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
        self._spoken_index = _SpokenIndex(self.spoken)
        self._org_index = _OrgIndex(self)
        self._org_names = set()    # names of the organization mentions (see is_org)
        self._org_names_seen = 0
        self._full_names = {}      # name -> (candidates, their starts), see full_name
        self._group_scans = {}     # head -> LastMatches, see group_name
        self._two_word_names = None   # see is_person
        self._one_word_parts = {}     # see _name_part
        self._scan()
        self._by_surname = _people_by_surname(self.mentions)
        self._profiles = self._build_profiles()
        self._remember()

    # ---- one scan per document ------------------------------------------
    # Quotes and claims both read a document's mentions (``extract_records`` runs
    # both): the scan is kept for the last document and copied for the next reader.
    # What readers change (genders, profiles, who spoke) is copied; the rest is read only.
    _last = None   # (text, quoted, state) of the last document scanned

    def _remember(self):
        self._org_index.most_common(0)   # complete the lazy indexes so the kept ones stay read only
        self.is_org("")
        self._in_range(0, 0)
        Mentions._last = (self.text, self.quoted, self._fresh_state())

    def _reuse(self, text, quoted):
        last = Mentions._last
        if last is None or last[0] is not text and last[0] != text or last[1] != quoted:
            return False
        self.__dict__.update(last[2])
        self.__dict__.update(_fresh(last[2]))
        return True

    def _fresh_state(self):
        state = dict(self.__dict__)
        state.update(_fresh(state))
        return state

    def inside_quote(self, offset):
        """Is ``offset`` between a pair of quotation marks?"""
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and offset < self.quoted[index][1]

    # ---- scanning -------------------------------------------------------
    def _scan(self):
        runs = [m for m in CAPITAL_RUN.finditer(self.text) if not self.inside_quote(m.start())]
        parts = [(m, *self._name_part(m)) for m in runs]
        surnames = {surname(_POSSESSIVE.sub("", name)) for _, name, _ in parts if len(name.split()) > 1}
        bodies = {name for m, name, shift in parts
                  if name and self.orgs.is_body_context(m.start() + shift, name)}
        for match, name, shift in parts:
            name = _POSSESSIVE.sub("", name)
            if name and shift and looks_like_org(name):
                name, shift = _body_run(match.group())
                mention = self._classify(match.start() + shift, name, 0, surnames, bodies)
            else:
                mention = self._classify(match.start() + shift, name, shift, surnames, bodies)
            if mention:
                self.mentions.append(mention)

    def _name_part(self, match):
        """``name_part`` of a run; a one-word run's depends on the word alone ("The", "He"),
        so the answer for each such word is kept."""
        run = match.group()
        if " " in run or "\u00a0" in run:
            return name_part(run, self.text, match.start())
        if run not in self._one_word_parts:
            self._one_word_parts[run] = name_part(run, self.text, match.start())
        return self._one_word_parts[run]

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
        line_end = self.text.find("\n", end)
        caption = not _WORD_CHAR.search(self.text, end, len(self.text) if line_end < 0 else line_end)
        if first >= 0 and self.starts_sentence(first) and not caption:
            pre_title, pre_org = split_opening_title(words, self.text)  # "Council member X said"
        else:
            pre_title, pre_org = split_pre_title(words)
        title, org = None, None
        after = self.text[end:end + 300]
        appositive = _APPOSITIVE.match(after)
        copula = _COPULA.match(after)  # "Hege is the CEO of DH"
        if appositive and describes(appositive.group(1)):
            title, org = parse_descriptor(cut_clause(appositive.group(1)))
        elif copula and describes(copula.group(1)):
            title, org = parse_descriptor(cut_clause(copula.group(1)))
        elif _OF_BODY.match(after):
            org = last_org_span(_OF_THE.sub("", after))
        # "ColorOfChange whose senior campaign director, Scott Roberts,": the name follows a comma.
        comma = start
        while comma > 0 and self.text[comma - 1].isspace():
            comma -= 1
        whose = _WHOSE.search(self.text[max(0, start - 120):start]) if self.text[comma - 1:comma] == "," else None
        if whose and is_role_word(whose.group(2).split()[-1]):
            pre_title, pre_org = clean_phrase(whose.group(2)), clean_phrase(whose.group(1))
        return title or pre_title, self.resolve_body(org or pre_org, start)

    def _gender_near(self, mention):
        """m/f from a common first name, an honorific, or the first he/she after the name."""
        first = mention.name.split()[0].lower()
        if first in FEMALE_NAMES or first in MALE_NAMES:
            return "f" if first in FEMALE_NAMES else "m"
        before = self.text[max(0, mention.start - 6):mention.start]
        honorific = _HONORIFIC.search(before)
        if honorific:
            return "m" if honorific.group(1) == "Mr" else "f"
        # Only the sentence's subject, and only up to the next person: in "Carlineo … made to
        # Omar's office, in which he said", "he" is Carlineo's, not Omar's.
        start, end = self.sentences[self.sentence_index(mention.start)]
        people = [m for m in self._in_range(start, end) if m.kind == "person"]
        if not people or people[0] is not mention:
            return None
        end = min([end, mention.end + 200] + [m.start for m in people[1:]])
        window = self._unquoted(mention.end, end)
        he, she = _HE.search(window), _SHE.search(window)
        if he and (not she or he.start() < she.start()):
            return "m"
        return "f" if she else None

    def _unquoted(self, start, end):
        """``text[start:end]`` with a space for each offset ``inside_quote`` accepts."""
        # inside_quote reads the last quote starting at or before an offset, so each
        # quote covers its own stretch up to its end or the next quote's start.
        starts, quoted = self._quote_starts, self.quoted
        pieces, cursor = [], start
        for index in range(max(bisect.bisect_right(starts, start) - 1, 0), len(quoted)):
            q_start, q_end = quoted[index]
            if q_start >= end:
                break
            if index + 1 < len(quoted):
                q_end = min(q_end, starts[index + 1])
            low, high = max(q_start, cursor), min(q_end, end)
            if low < high:
                pieces.append(self.text[cursor:low])
                pieces.append(" " * (high - low))
                cursor = high
        if not pieces:
            return self.text[start:end]
        pieces.append(self.text[cursor:end])
        return "".join(pieces)

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
        if name not in self._full_names:
            candidates = [m for m in self._by_surname.get(surname(name), ())
                          if len(m.name.split()) > len(words) and all(w in m.name.split() for w in words)]
            if not candidates and len(words) == 1:
                # "Liu said" after "Liu Xiaming", "Xi" after "Xi Jinping": family name first.
                candidates = [m for m in self._by_surname.get("", ()) if m.name.split()[0] == name]
            self._full_names[name] = candidates, [m.start for m in candidates]
        candidates, starts = self._full_names[name]
        if not candidates:
            return name
        # The last one printed at or before ``offset`` (candidates are in document order).
        before = len(candidates) if offset is None else bisect.bisect_right(starts, offset)
        return strip_honorific(candidates[before - 1 if before else 0].name)

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
        if self._org_names_seen != len(self.mentions):  # mentions only grow, while scanning
            self._org_names.update(m.name for m in self.mentions[self._org_names_seen:]
                                   if m.kind == "organization")
            self._org_names_seen = len(self.mentions)
        return strip_article(name) in self._org_names

    def is_person(self, name):
        """Is ``name`` a person's surname (or a family-name-first given name) here?"""
        if self._two_word_names is None:  # the names and first words of two-word names
            two_word = self._by_surname.get("", ())
            self._two_word_names = {m.name for m in two_word} | {m.name.split()[0] for m in two_word}
        return bool(self._by_surname.get(name)) or name in self._two_word_names

    def credible(self, mention):
        """Is this capitalised pair really someone? A known first name, a title, a
        second mention or a quote says so; a heading ("Iceberg Passages") does not."""
        full = self.full_name(mention.name)
        if full.split()[0].lower() in _FIRST_NAMES or self.genders.get(full):
            return True
        if self._profiles.get(full, [None, None]) != [None, None]:
            return True
        if len(self._by_surname.get(surname(full), ())) > 1:
            return True
        return self._spoken_index.said(full)

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
        return not before.strip() or bool(_TRAILING_SENTENCE_END.search(before))

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
                found += [m for m in (Mention(at, at, s.name, s.kind) for at, s in self._spoken_index.within(start, end)
                                      if s.name) if accept(m)]
                found.sort(key=lambda m: m.start)
            first = found[0].start if found else end
            # The subject first ("…, Dick Clark Productions, denies"), then the first named;
            # a possessive later in the sentence ("at Epstein’s mansion") last.
            found.sort(key=lambda m: (not self._subject_like(m), m.start != first and bool(
                _APOSTROPHE_S.match(self.text[m.end:m.end + 2]))))
            if pronoun and back > 0 and re.search(r"\b(?:" + pronoun + r")\b", self.text[start:first], re.I):
                continue
            if found:
                return found[0]
        return None

    def _subject_like(self, mention):
        """Is a verb right after the name ("Braun said", "Productions, denies")?
        Not after a preposition: "chief executive of Ceres Robotics, said" is Sims speaking."""
        before = self.text[max(0, mention.start - 6):mention.start]
        return bool(_VERB_AFTER.match(self.text, mention.end)) and not _PREPOSITION_END.search(before)

    def _in_range(self, start, end):
        if len(self._starts) != len(self.mentions):  # still scanning: mentions grow in order
            if len(self._starts) < len(self.mentions):
                self._starts.extend(m.start for m in self.mentions[len(self._starts):])
            else:
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
            for m in self._org_index.before(offset):  # the latest first
                if here - self.sentence_index(m.start) > 8:
                    break  # sentence indexes grow with offsets: every earlier one is further
                if m.noun == noun or noun in m.name.lower():
                    return m
        nearby = self._walk_back(offset, lambda m: m.kind == "organization", sentences=3, spoken=True)
        # Most mentioned (three times at least); on a tie, the one named first.
        common, count = self._org_index.most_common(offset)
        if common and count >= 3:
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
        if not org or not _THE_NOUN.match(org):
            return org
        body = self.recent_org(offset, org.split()[1].lower())
        return body.name if body else None

    def named_later(self, phrase, offset):
        """An unnamed role named soon after: "China’s ambassador to Britain Liu Xiaming"."""
        phrase = _LEADING_ARTICLE.sub("", phrase.strip())
        if len(phrase.split()) < 2:
            return None
        # The first "<phrase>, <capitalised run>" in the 3,000 characters from offset: the
        # phrase and the spaces after it, then the run right there (it opens on a capital,
        # so no shorter stretch of spaces could precede it).
        lead_in = re.compile("(?i:" + re.escape(phrase) + r"),?\s+")
        end, position = offset + 3000, offset
        while True:
            lead = lead_in.search(self.text, position, end)
            if not lead:
                return None
            run = CAPITAL_RUN.match(self.text, lead.end(), end)
            if run:
                break
            position = lead.start() + 1
        name, _ = name_part(run.group(), self.text, run.start())
        return self.person(name, run.start()) if len(name.split()) >= 2 else None

    def group_name(self, head, offset):
        """"the employees" -> "Halvorsen Analytics employees", as the text named them before."""
        if head not in self._group_scans:
            pattern = re.compile(r"((?:[A-Z][\w&.’'-]*\s+){1,4})" + re.escape(head) + r"\b"
                                 r"|\b" + re.escape(head) + r"\s+(?:of|at)\s+(?:the\s+)?(" + ORG_RUN.pattern + ")")
            # The pattern consumes only spaces, word characters, & . ’ ' - and the head's own
            # characters, and looks past none of them but "," (after a number); see LastMatches.
            stops = "[^\\s\\w&.’'\\-," + "".join(re.escape(c) for c in sorted(set(head))) + "]"
            self._group_scans[head] = LastMatches(self.text, pattern, stops, re.compile(re.escape(head)),
                                                  lambda m: self._group(m, head))
        return self._group_scans[head].last(offset)

    def _group(self, match, head):
        """The group a ``group_name`` match names, or None."""
        words = (match.group(1) or match.group(2) + " ").split()
        while words and words[0].lower() in NOT_NAMES:
            words = words[1:]
        if words and not self.inside_quote(match.start()):
            return " ".join(words) + " " + head
        return None

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


class LastMatches:
    """The last ``pattern.finditer(text[:offset])`` match that ``read`` turns into something,
    for many offsets, without scanning the whole text before each one.

    ``stops`` is a character class (a pattern) of the characters no attempt of
    ``pattern`` can consume: an attempt reads at most up to the first one after its
    start. So the text falls into stretches between stops that the pattern reads one
    at a time, and the scan of a prefix agrees with the scan of the whole text up to
    the last stop in it. Every match holds ``anchor`` (a pattern), so only the
    stretches holding an anchor are scanned, each once.
    """

    def __init__(self, text, pattern, stops, anchor, read):
        self.text, self.pattern, self.read = text, pattern, read
        self._next_stop = re.compile(stops)
        self._last_stop = re.compile(r"(?s:.*)" + stops)  # greedy: backs off to the last one
        self.ends, self.found = [], []   # per whole-text match: its end, the last reading so far
        self._anchors = anchor.finditer(text)
        self._anchor = next(self._anchors, None)
        self._stretch_end = -1           # the stop ending the last stretch scanned

    def _stop_before(self, offset, low=0):
        """The last stop in [low, offset), or ``low - 1`` when there is none."""
        window = 256
        while True:
            start = max(low, offset - window)
            found = self._last_stop.match(self.text, start, offset)
            if found:
                return found.end() - 1
            if start == low:
                return low - 1
            window *= 4

    def _shared(self, stop):
        """The last reading of the whole-text matches that end by ``stop``, or None."""
        while self._anchor is not None and self._anchor.start() < stop:
            at = self._anchor.start()
            if at > self._stretch_end:  # a stretch not scanned yet: scan it, its stop included
                start = self._stop_before(at, self._stretch_end + 1) + 1
                after = self._next_stop.search(self.text, at)
                self._stretch_end = after.start() if after else len(self.text)
                for match in self.pattern.finditer(self.text, max(start, 0), self._stretch_end + 1):
                    value = self.read(match)
                    self.found.append(value if value is not None else (self.found[-1] if self.found else None))
                    self.ends.append(match.end())
            self._anchor = next(self._anchors, None)
        shared = bisect.bisect_right(self.ends, stop)
        return self.found[shared - 1] if shared else None

    def last(self, offset):
        stop = self._stop_before(offset)
        for match in reversed(list(self.pattern.finditer(self.text, stop + 1, offset))):
            value = self.read(match)
            if value is not None:
                return value
        return self._shared(stop)


class _SpokenIndex:
    """``Mentions.spoken`` by offset and by name; it only grows (``Mentions.record``)."""

    def __init__(self, spoken):
        self.spoken = spoken
        self.seen = 0
        self.keys = []      # (offset, order) sorted
        self.names = set()

    def _update(self):
        while self.seen < len(self.spoken):
            at, speaker = self.spoken[self.seen]
            bisect.insort(self.keys, (at, self.seen))
            self.names.add(speaker.name)
            self.seen += 1

    def said(self, name):
        """Has a speaker of this name been recorded?"""
        self._update()
        return name in self.names

    def within(self, start, end):
        """The (offset, Speaker) pairs with ``start <= offset < end``, by offset then order."""
        self._update()
        low = bisect.bisect_left(self.keys, (start, -1))
        high = bisect.bisect_left(self.keys, (end, -1))
        return [self.spoken[order] for _, order in self.keys[low:high]]


class _OrgIndex:
    """The organization mentions in document order, with the most mentioned full name
    so far after each; kept up with ``Mentions.mentions`` as the scan appends to it."""

    def __init__(self, mentions):
        self.owner = mentions
        self.seen = 0
        self.orgs, self.starts = [], []
        self.leaders = []            # (most mentioned expanded name, its count) after each org
        self._counts, self._first = {}, {}
        self._leader = (None, 0)

    def _update(self):
        mentions = self.owner.mentions
        while self.seen < len(mentions):
            mention = mentions[self.seen]
            self.seen += 1
            if mention.kind != "organization":
                continue
            name = self.owner.expand(mention.name)
            count = self._counts.get(name, 0) + 1
            self._counts[name] = count
            self._first.setdefault(name, len(self._first))
            best, best_count = self._leader
            # max(dict.fromkeys(names), key=names.count): on a tie, the one named first.
            if best is None or count > best_count or count == best_count and self._first[name] < self._first[best]:
                self._leader = (name, count)
            self.orgs.append(mention)
            self.starts.append(mention.start)
            self.leaders.append(self._leader)

    def before(self, offset):
        """The organization mentions starting before ``offset``, the latest first."""
        self._update()
        for index in range(bisect.bisect_left(self.starts, offset) - 1, -1, -1):
            yield self.orgs[index]

    def most_common(self, offset):
        """(expanded name, count) of the organization mentioned most before ``offset``."""
        self._update()
        index = bisect.bisect_left(self.starts, offset)
        return self.leaders[index - 1] if index else (None, 0)


_WORD_CHAR = re.compile(r"\w")
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
_APPOSITIVE = re.compile(r"(?:\s*\([^)]*\))?,\s+((?:[^,.;“”\"]|\.(?=\S)|,(?!\s+(?:said|says|told)))+)")
_COPULA = re.compile(r"\s+(?:is|was)\s+((?:the|a|an)\s+[^.;]+)")
_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_OF_THE = re.compile(r"^\s+of\s+(?:the\s+)?")
_WHOSE = re.compile(r"([A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)(?:’s|'s|,?\s+whose)\s+([a-z][\w -]*?),\s*$")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s*$")


def _fresh(state):
    """Copies of the parts of a ``Mentions`` state that attribution changes."""
    spoken = []
    return {"genders": dict(state["genders"]), "_profiles": {k: list(v) for k, v in state["_profiles"].items()},
            "spoken": spoken, "_spoken_index": _SpokenIndex(spoken), "_group_scans": {}}


def _body_run(run):
    """"ICICI Securities": a whole run names the body ("The CDC": all but "The"); (name, offset)."""
    article = _CAPITAL_ARTICLE.match(run)
    shift = article.end() if article else 0
    return _POSSESSIVE.sub("", run[shift:]), shift


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
    ranges = []
    for start, end in quoted:
        last = end - 2 if text[end - 2:end - 1] in (".", "…") else end - 1
        ranges.append((start + 2, min(last, len(text))))
    return mask(text, ranges, lambda part: _NOT_SPACE.sub("x", part))  # spaces stay


_NOT_SPACE = re.compile(r"\S")


# Patterns of the functions above, compiled once.
_CAPITAL_ARTICLE = re.compile(r"(?:The|A|An)\s+")
_TRAILING_SENTENCE_END = re.compile(r"(?:\n|[.!?]|\.[”\"’'])\s*$")
_APOSTROPHE_S = re.compile(r"’s|'s")
_PREPOSITION_END = re.compile(r"\b(?:of|at|for|with|from|in|by|to)\s+(?:the\s+)?$")
_THE_NOUN = re.compile(r"the\s+\w+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
