"""Finding the mentions of one document: capitalised runs read as people or bodies.

``MentionScan`` is the part of ``mentions.Mentions`` that scans the text once,
outside quotes, and reads what the text prints around each person: a title
and an org before the name or in an appositive, and a he/she that gives a
gender. It works on the state ``Mentions.__init__`` sets up.
"""
import bisect
import re
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, MALE_NAMES
from .names import (
    CAPITAL_RUN, ORG_RUN, clean_phrase, drop_possessive, is_role_word, looks_like_org, name_part,
    org_of, org_text, strip_article, surname,
)
from .titles import (
    cut_clause, describes, parse_descriptor, split_opening_title, split_pre_title, title_words_before,
)


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str            # 'person' | 'organization'
    title: str | None = None
    org: str | None = None
    noun: str | None = None   # "group" for "The group, WeWorkers Coalition"


class MentionScan:
    """The scan of ``Mentions``: fills ``self.mentions`` in document order."""

    def _scan(self):
        runs = [m for m in CAPITAL_RUN.finditer(self.text) if not self.inside_quote(m.start())]
        parts = [(m, *self._name_part(m)) for m in runs]
        surnames = {surname(drop_possessive(name)) for _, name, _ in parts if len(name.split()) > 1}
        bodies = {name for m, name, shift in parts
                  if name and self.orgs.is_body_context(m.start() + shift, name)}
        for match, name, shift in parts:
            name = drop_possessive(name)
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
        else:
            org = org_of(after)
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


def _body_run(run):
    """"ICICI Securities": a whole run names the body ("The CDC": all but "The"); (name, offset)."""
    article = _CAPITAL_ARTICLE.match(run)
    shift = article.end() if article else 0
    return drop_possessive(run[shift:]), shift


# Patterns of the functions above, compiled once.
_HE = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_WORD_CHAR = re.compile(r"\w")
_APPOSITIVE = re.compile(r"(?:\s*\([^)]*\))?,\s+((?:[^,.;“”\"]|\.(?=\S)|,(?!\s+(?:said|says|told)))+)")
_COPULA = re.compile(r"\s+(?:is|was)\s+((?:the|a|an)\s+[^.;]+)")
_WHOSE = re.compile(r"([A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)(?:’s|'s|,?\s+whose)\s+([a-z][\w -]*?),\s*$")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s*$")
_CAPITAL_ARTICLE = re.compile(r"(?:The|A|An)\s+")
