"""What a reference in one document means at an offset.

``MentionResolution`` is the part of ``mentions.Mentions`` that answers
"he" (the person last written about), "the actor" (the nearby person with
that title), "the company" (the body the text is about), "the employees"
(the group named before) and a role named a little later, by walking back
from the offset over the sentences and the mentions found by the scan.
"""
import re

from .last_matches import LastMatches
from .lexicon import NOT_NAMES
from .mention_scan import Mention
from .names import CAPITAL_RUN, ORG_RUN, name_part

_VERB_AFTER = re.compile(
    r"(?:\s*,)?\s+(?:[a-z]+ly\s+)?(?:has|have|had|is|was|were|are|will|would|could|did|does|do|"
    r"may|might|can|said|says|told|tells|[a-z]+(?:ed|es))\b")


class MentionResolution:
    """The resolution of ``Mentions``: reads its mentions, sentences, profiles and speakers."""

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


# Patterns of the functions above, compiled once.
_APOSTROPHE_S = re.compile(r"’s|'s")
_PREPOSITION_END = re.compile(r"\b(?:of|at|for|with|from|in|by|to)\s+(?:the\s+)?$")
_THE_NOUN = re.compile(r"the\s+\w+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
