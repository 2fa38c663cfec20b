"""Attribution clauses in plain text: where the speaker's noun phrase is.

These functions only read strings and return offsets; deciding who the
phrase names (and resolving "he" or "the company") is ``speakers``' job.
Patterns: "…,” said Name, title · "…,” Name said · "…” – Name, Title, Org ·
Name said: “…” · "…," the letter read. ``main_clause`` reads a sentence
past its leading adverbial, for the rules that look at the clause proper.
"""
import re

from .lexicon import BODY_NOUNS, CLAUSE_STOP, DETERMINERS, DOC_NOUNS, GROUP_WORDS, NOT_NAMES, PRONOUNS, SPOKES
from .names import CAPITAL_RUN, ROLE_HEADS, TITLE_LOWER, TOKEN, is_role_word, role_phrase_width
from .reporting_verbs import REPORTING_VERB

# Text ending in a form of "be" (and an adverb): a passive verb follows ("was widely reported").
PASSIVE_END = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")

# Auxiliaries and adverbs between a subject and its verb ("Volker later said").
_AUX = re.compile(
    r"\s+(?:has|have|had|was|is|were|are|would|will|could|can|may|might|did|does|do|"
    r"also|later|then|previously|once|itself|himself|herself|themselves|again|further|still|"
    r"reportedly|first|earlier|now|just|already|even|never|often|always|however|meanwhile|"
    r"too|not|only|last|recently|instead|[a-z]+ly)\s*,?$"
)
# "read" reports words only after a document: "the letter read".
_READ = re.compile(r"\breads?\b")
_ABBREVIATIONS = r"(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Inc|Co|Corp|Ltd|Prof|Rev|Atty)"
# Words that open an adverbial before a clause's subject ("In a tweet, she…").
_OPENERS = {"in", "on", "at", "after", "before", "during", "earlier", "later", "last", "this",
            "meanwhile", "however", "since", "following", "over", "under", "with", "without",
            "for", "from", "by", "as", "when", "while", "despite", "according", "amid", "then",
            "now", "today", "yesterday", "still", "also", "but", "and", "speaking", "asked"}
# "his predecessor, Fiona Hill,": a relation named in the appositive.
_RELATIONS = {"predecessor", "successor", "wife", "husband", "daughter", "son", "mother", "father",
              "brother", "sister", "partner", "colleague", "deputy", "boss", "lawyer", "attorney"}
# What may sit inside a subject phrase read leftwards: "a spokesperson for the Foreign Office".
_INNER = {"of", "for", "with", "from", "at", "to", "by"}
_STOP_NOT_PRONOUN = CLAUSE_STOP - PRONOUNS
_SPEAKING_NOUNS = GROUP_WORDS | BODY_NOUNS | SPOKES | DOC_NOUNS
_NOT_NAMES_BUT_ARTICLES = NOT_NAMES - {"the", "a", "an"}
_APPOSITIVE_STOP = CLAUSE_STOP - _INNER - {"and", "the", "in", "on"}
# Leading adverbials end at the first comma: "In a statement, …", "Last week, …".
LEAD_WORDS = set("""in on at during under after before since earlier later last amid despite as
while of for inside outside additionally meanwhile every until following over with by when although
though because however instead now today yesterday also still according through from within without
among""".split())
# Quotation marks and spaces that may open a sentence.
OPEN_MARKS = "“”\"‘’'«»„ "


def lead(clause):
    """Width of the comma and spaces that open a clause after a closing mark."""
    return len(clause) - len(clause.lstrip(" ,"))


def is_attribution_clause(clause):
    """Does the text after a quote read as its attribution (", he said")?"""
    return parse_after(clause) is not None


def parse_after(clause):
    """(np start, np end, clause end) in ``clause``: "…,” said X" / "…,” X said" / "…” – X"."""
    skip = lead(clause)
    body = clause[skip:]
    end = len(clause.rstrip(" .,;"))
    dash = _DASH.match(body)
    if dash:
        return skip + dash.end(), end, end
    first = _VERB_FIRST.match(body)
    if first:
        np_text = body[first.end():first.end() + np_extent(body[first.end():])]
        if valid_subject(np_text):
            np_end = skip + first.end() + len(np_text)
            return skip + first.end(), np_end, np_end
    verb = REPORTING_VERB.search(body) or _READ.search(body)
    if not verb or verb.start() == 0:
        return None
    subject = strip_aux(body[:verb.start()])
    as_tag = _AS_TAG.match(subject)  # "…,” as Reed dubbed the combination
    if as_tag and len(subject.split()) <= 4:
        skip, subject = skip + as_tag.end(), subject[as_tag.end():]
    if verb.group() in ("read", "reads") and subject.split()[-1].lower() not in DOC_NOUNS:
        return None  # "the letter read" reports words; "X reads plates" does not
    if not valid_subject(subject) or subject.split()[-1].lower() in _STOP_NOT_PRONOUN:
        return None
    return skip, skip + len(subject), skip + verb.end()


def np_extent(text):
    """Where the noun phrase after "said" stops ("in a statement", "on Monday", ", adding")."""
    stop = _NP_STOP.search(text)
    end = stop.start() if stop else len(text)
    for dot in _DOT.finditer(text[:end]):
        word = _LAST_WORD.search(text[:dot.start()])
        if not word or not _abbreviation(word.group(1)):
            end = dot.start()
            break
    return len(text[:end].rstrip(" ,"))


def _abbreviation(word):
    """"U.S", "Jr", "A" before a full stop do not end a name."""
    return bool(_ABBREVIATION.fullmatch(word.strip("(")))


def strip_aux(text):
    """The subject without the auxiliaries and adverbs before its verb."""
    text = text.rstrip()
    while True:
        stripped = _AUX.sub("", text)
        if stripped == text:
            return text.strip()
        text = stripped


def valid_subject(subject):
    """Could this phrase be who spoke? A name, a pronoun, "a/the …", or a role with a name."""
    words = subject.split()
    if not words or len(words) > 30 or any(
            _SENTENCE_END.search(w) and not _abbreviation(w.rstrip(".")) for w in words[:-1]):
        return False
    first = words[0].lower()
    if first in PRONOUNS or first in DETERMINERS or words[0][0].isupper() or words[0][0].isdigit():
        return True
    # "judge Inaba", "veteran industry analyst Ken Doctor", "study lead author X, …"
    if (is_role_word(first) or first in TITLE_LOWER) and any(w[:1].isupper() for w in words[:5]):
        return True
    if role_phrase_width(words):
        return True  # "council member Rosa Imani", "state Sen. Rosa Imani"
    head = words[-1].lower().strip(",")
    return len(words) <= 4 and "," not in subject and (
        head in GROUP_WORDS or head in ROLE_HEADS or head.rstrip("s") in ROLE_HEADS)  # "officers"


def is_passive(region, verb_start):
    """"was told": the subject before it did not say anything."""
    return bool(PASSIVE_END.search(region[:verb_start]))


def subject_before(text):
    """(start, end) of the subject noun phrase that ends ``text``, or None."""
    core = strip_aux(text)
    if core.endswith(","):
        return appositive_subject(core)
    tokens = list(TOKEN.finditer(core))
    start = None
    floor = max(-1, len(tokens) - 10)  # a subject of nine words at most
    for i in range(len(tokens) - 1, -1, -1):
        if i <= floor:
            break
        token = tokens[i].group()
        low = token.lower()
        if not _WORD_START.match(token):
            break
        if low in DETERMINERS:
            start = tokens[i].start()
            if low == "the" and i > 0 and tokens[i - 1].group().lower() in _INNER \
                    and _THE_NAME.match(core, start) and _role_before(tokens[:i - 1]):
                # "analyst Rosa Imani of the Brookings Institution said": a titled person's
                # body; the person's own words get their nine words again.
                floor = max(-1, i - 10)
                continue
            break
        if low in _INNER and start is not None and _MAYBE_THE_NAME.match(core, start):
            start = tokens[i].start()
            continue
        if low == "and" and start is not None and i > 0 and _joins_titles(tokens[i - 1].group(), core[start:]):
            start = tokens[i].start()  # "the singer and guitarist"
            continue
        if low in CLAUSE_STOP and not (low in PRONOUNS and start is None) and not token.isupper():
            break  # ("US" is a country, "us" a pronoun)
        start = tokens[i].start()
        if low in PRONOUNS:
            break
    if start is None:
        return None
    while _LEADING_PREPOSITION.match(core, start):
        start = core.index(" ", start) + 1
    return (start, len(core)) if start < len(core) else None


def _role_before(tokens):
    """Do the words ending ``tokens`` name a role ("senior fellow Rosa Imani",
    "A spokesperson")? Then "of the Brookings Institution" after them is their body."""
    for token in reversed(tokens[-6:]):
        word = token.group()
        if is_role_word(word):
            return True
        if not _WORD_START.match(word) or word.lower() in CLAUSE_STOP:
            return False
    return False


def _joins_titles(before, after):
    first = after.split()[0]
    return is_role_word(before) and (is_role_word(first) or first.lower() in TITLE_LOWER)


def main_clause(sentence):
    """The main clause: past a leading adverbial ("In a statement, …") and a conjunction."""
    opener = _LEAD_OPENER.match(sentence) if "," in sentence else None  # it ends on a comma
    if opener and opener.group(1).lower() in LEAD_WORDS:
        sentence = sentence[opener.end():]
    return _CONJUNCTION.sub("", sentence.lstrip(OPEN_MARKS))


def clause_subject(text):
    """The subject at the start of a clause, after any leading adverbial ("In a tweet, …")."""
    start = 0
    opener = _CLAUSE_OPENER.match(text) if "," in text else None  # it ends on a comma
    if opener and opener.group().split()[0].lower() in _OPENERS:
        start = opener.end()
    rest = text[start:]
    tokens = TOKEN.findall(rest)
    if not tokens:
        return None
    if tokens[0].lower() in PRONOUNS:
        return start, start + len(tokens[0])
    two_commas = rest[:rest.find(",", rest.find(",") + 1) + 1] if rest.count(",") >= 2 else ""
    appositive = appositive_subject(two_commas)
    if appositive:
        return start + appositive[0], start + appositive[1]
    name = CAPITAL_RUN.match(rest)
    if name and name.group().split()[0].lower() not in NOT_NAMES:
        # "China’s ambassador to Britain accused…": the owner's role is the subject.
        return start, start + name.end() + _owned_role(name.group(), rest[name.end():])
    det = _DETERMINED.match(rest)
    if det and det.group(1).lower() in _SPEAKING_NOUNS:
        by = _BY_BODY.match(rest[det.end():])
        return start, start + det.end() + (by.end() if by else 0)
    return None


def _owned_role(name, after):
    """Width of "ambassador to Britain" after "China’s", or 0."""
    if not name.endswith(("’s", "'s")):
        return 0
    role = _ROLE_AFTER_POSSESSIVE.match(after)
    if not role or not is_role_word(role.group(1).split()[-1]):
        return 0
    return role.end()


def appositive_subject(core):
    """"Cheuk Hau-yip, the commander of Kowloon West district," -> the name and its appositive.

    The subject is the leftmost short phrase at a clause boundary that a
    comma closes: a name, or "the/a …" ("the People’s Daily, the mouthpiece…,");
    or the name that closes it ("his predecessor, Fiona Hill,").
    """
    named = _RELATION_THEN_NAME.search(core)
    if named and is_role_word(named.group(1)) or named and named.group(1) in _RELATIONS:
        return named.start(2), named.end(2)
    for boundary in _CLAUSE_BOUNDARY.finditer(core):
        start = boundary.end()
        head = core[start:].split(",")[0]
        words = head.split()
        if not words or len(words) > 12 or words[0].lower() in _NOT_NAMES_BUT_ARTICLES:
            continue
        if any(w.lower() in _APPOSITIVE_STOP for w in words[1:]):
            continue
        named = _CAPITAL.search(head) or is_role_word(words[-1]) or words[-1].lower() in DOC_NOUNS
        if not named:
            continue
        if len(core) > len(head) + start + 1:
            return start, len(core.rstrip(" ,"))
    return None


def trailing_tag(clause):
    """"…” mutually shared by Ukraine and the U.S., he warned." / "…, reports Wee.":
    (np start, np end, end) of a tag that ends the sentence."""
    match = _TAG_NAME_VERB.search(clause) or _TAG_VERB_NAME.search(clause)
    return (match.start(1), match.end(1), match.end()) if match else None


_DASH = re.compile(r"[–—-]+\s*(?=[A-Z])")
_VERB_FIRST = re.compile(r"(?:(?:also|then|later|once|again|previously)\s+)?(" + REPORTING_VERB.pattern + r")\s+(?=\S)")
_AS_TAG = re.compile(r"as\s+(?=\S)")
_NP_STOP = re.compile(r"\s(?:in an?|in his|in her|in their|on|during|via|per|according to|at a|at the|"
                      r"when|while|after|before|as|because|referring|adding|noting|saying|who said)\b"
                      r"|[;:!?](?:\s|$)|\s[–—]\s|,\s+(?:adding|noting|saying|referring|who said)\b")
_DOT = re.compile(r"\.(?:\s|$)")
_LAST_WORD = re.compile(r"(\S+)$")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?)+|" + _ABBREVIATIONS)
_SENTENCE_END = re.compile(r"[.!?]$")
_WORD_START = re.compile(r"\w")
_THE_NAME = re.compile(r"the\s+[A-Z]")
_MAYBE_THE_NAME = re.compile(r"(?:the\s+)?[A-Z]")
_LEADING_PREPOSITION = re.compile(r"(?:of|for|with|from|at)\s")
_LEAD_OPENER = re.compile(r"\s*([A-Za-z]+)(?:[^,]|,(?=\S)){0,120}?,\s+")
_CONJUNCTION = re.compile(r"^(?:And|But|So|Yet|Or)\s+")
_CLAUSE_OPENER = re.compile(r"(?:[A-Z]\w*(?:\s+[\w’'-]+){0,8}?),\s+")
_DETERMINED = re.compile(r"(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?(\w+)\b", re.I)
_BY_BODY = re.compile(r"\s+(?:by|from|of)\s+(?:the\s+)?[A-Z][^,;]*")
_TAG_SPEAKER = r"(he|she|they|it|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
_TAG_VERB = r"(?:" + REPORTING_VERB.pattern + r")"
_TAG_NAME_VERB = re.compile(r",\s+" + _TAG_SPEAKER + r"\s+" + _TAG_VERB + r"\s*[.!?]?\s*$")
_TAG_VERB_NAME = re.compile(r",\s+" + _TAG_VERB + r"\s+" + _TAG_SPEAKER + r"\s*[.!?]?\s*$")


# Patterns of the functions above, compiled once.
_ROLE_AFTER_POSSESSIVE = re.compile(r"((?:\s+[a-z-]+){1,3}?)"
                                    r"(\s+(?:to|of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?(?=\s|$)")
_RELATION_THEN_NAME = re.compile(r"\b(?:his|her|their|its|the|[A-Z][\w’'-]*(?:’s|'s))\s+"
                                 r"(?:[a-z-]+\s+){0,2}([a-z-]+),\s+"
                                 r"([A-Z][^,]{1,40}),$")
_CLAUSE_BOUNDARY = re.compile(r"(?:^|[,;:—–]\s+|\b(?:and|but|that|while|when|as)\s+)"
                              r"(?=(?:the|a|an)\s|[A-ZÀ-ÖØ-Þ])")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
