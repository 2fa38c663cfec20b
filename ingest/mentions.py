"""Who is mentioned where in one document, and what the document calls them.

Attribution needs document memory: "Roberts said" means the Scott Roberts
introduced earlier, "he said" means the person last written about, "the
company" the body the text is about, and a title printed once ("senior
campaign director") carries to later quotes. ``Mentions`` scans the text
once and answers those questions by offset.

This module holds the document's memory: the mentions, each person's fullest
name, printed title and org, gender, and who has spoken. Finding the mentions
is ``mention_scan``; what "he", "the company" or "the actor" means at an offset
is ``mention_resolution``.
"""
import bisect
import re
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, MALE_NAMES
from .mention_resolution import MentionResolution
from .mention_scan import MentionScan
from .names import strip_article, strip_honorific, surname
from .orgs import OrgNames
from .sentences import mask, sentence_spans


@dataclass
class Speaker:
    """Who said a quote: as the gold guidelines define speaker/kind/title/org."""

    name: str | None
    kind: str | None
    title: str | None = None
    org: str | None = None


_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES


class Mentions(MentionScan, MentionResolution):
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

    # ---- positions ------------------------------------------------------
    def sentence_index(self, offset):
        """Index in ``self.sentences`` of the sentence holding (or just before) ``offset``."""
        index = bisect.bisect_right(self._sentence_ends, offset)
        if index >= len(self.sentences):
            return len(self.sentences) - 1
        return index if offset >= self.sentences[index][0] else max(0, index - 1)

    def _in_range(self, start, end):
        if len(self._starts) != len(self.mentions):  # still scanning: mentions grow in order
            if len(self._starts) < len(self.mentions):
                self._starts.extend(m.start for m in self.mentions[len(self._starts):])
            else:
                self._starts = [m.start for m in self.mentions]
        return self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    # ---- who spoke ------------------------------------------------------
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


def _fresh(state):
    """Copies of the parts of a ``Mentions`` state that attribution changes."""
    spoken = []
    return {"genders": dict(state["genders"]), "_profiles": {k: list(v) for k, v in state["_profiles"].items()},
            "spoken": spoken, "_spoken_index": _SpokenIndex(spoken), "_group_scans": {}}


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
_TRAILING_SENTENCE_END = re.compile(r"(?:\n|[.!?]|\.[”\"’'])\s*$")
