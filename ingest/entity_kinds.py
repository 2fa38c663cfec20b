"""The kind of one candidate name from its own words and the words around it.

Each function answers 'person', 'organization', BLOCKED (never a name here:
a place, a product, a title, a date) or None (no evidence yet: the
document may still decide, see ``entity_document``). A name is never a
person by default: news introduces people with a title, a verb or a
first name, and capitalised pairs without one are mostly places, products
and headings.
"""
import functools
import re

from .lexicon import (
    BODY_NOUNS, CLAUSE_STOP, DATE_WORDS, FEMALE_NAMES, FUNCTION_WORDS, HONORIFICS, MALE_NAMES, NOT_NAMES,
    ORG_WORDS, PLACE_WORDS, PLACES, ROLE_ABBREVIATIONS, ROLE_HEADS, ROLE_MODIFIERS, TITLE_LOWER, UNNAMED,
)
from .entity_evidence import BODY_AFTER, BODY_BEFORE, KIND_BEFORE, PRODUCT_AFTER, WERE
from .names import HYPHEN_ADJECTIVE, WORD_CACHE_SIZE, is_demonym, looks_like_org, looks_like_person
from .titles import describes, title_words_before

PERSON, ORG, BLOCKED = "person", "organization", "blocked"
# Bodies named by a common noun ("the Legislature"): the lexicon's body words and a few more.
BODY_WORDS = ORG_WORDS | {"legislature", "judiciary", "embassy", "consulate", "tribunal", "secretariat"}
FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
# Words that may follow a name used as a noun ("the Legislature never voted").
_ADVERBS = {"never", "always", "again", "too"}
# Capitalised words that are never a one-word name: pronouns, legal forms.
_NOT_SINGLE = {"everyone", "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "nothing",
               "everything", "something", "inc", "corp", "co", "llc", "ltd", "plc", "jr", "sr"}
_NOT_SINGLE |= FUNCTION_WORDS
_NOT_NOUNS = FUNCTION_WORDS | CLAUSE_STOP | NOT_NAMES | _ADVERBS
_NOT_A_NAME = ROLE_MODIFIERS | HONORIFICS | NOT_NAMES | DATE_WORDS
_ROLES = ROLE_HEADS | ROLE_ABBREVIATIONS

# Verbs of one person speaking ("said Jelani Drew", "Okafor said"); not "reported" or
# "announced", as much a body's, nor "called", which names things ("a mission called Europa").
SPOKE = ("said", "says", "told", "tells", "added", "adds", "asked", "asks", "replied", "recalled",
         "explained", "explains", "testified", "wrote", "writes", "continued", "insisted", "argued")
_SPOKE = "|".join(SPOKE)
_SAID_BEFORE = re.compile(rf"\b(?:{_SPOKE}|according to|petition to|letter to)\s+$", re.I)
_LABEL_BEFORE = re.compile(r"(?:^|\n)\s*(?:By|Contact|Media contact|Press contact|Photo|Photos|Photograph|"
                           r"Credit|Photo by|Written by|Reporting by)\s*:?\s+$", re.I)
_SAID_AFTER = re.compile(rf"(?:\s*\([^)\n]{{0,40}}\))?(?:,\s*(?:who|whose)\b|\s+(?:{_SPOKE})\b|/[A-Z])")
_APPOSITIVE = re.compile(r"(?:\s*\([^)\n]{0,40}\))?,\s+([^,.;:“”\"]{2,80})")
_CAMEL = re.compile(r"[a-z]{2}[A-Z]|^[A-Z]{2,}[a-z]{2}")  # "SumOfUs", "LinkedIn", "MPower"
_DOMAIN = re.compile(r"\.(?:org|com|net|io)$", re.I)
_NEXT_WORD = re.compile(r"[ \t\u00a0]*([^\W\d_][\w’'-]*|\S)?")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}[a-z]?")  # "DSPs"
_LOWER_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)(\s+[A-Z])?")
# "Tenants United members": people of a body (a one-word name may be a leader: "Trump officials").
_MEMBERS_AFTER = re.compile(r"\s+(?:members|volunteers|organizers|organisers|activists|officials|leaders)\b")
_CITATION = re.compile(r"(?:,[”\"]|[”\"],)\s*$")  # '“Title,” The Nation': a publisher after a quoted title
_CONTRACTION = re.compile(r"[’'](?:m|re|ve|ll|d|t)$|n[’']t$", re.I)  # "I’m", "We’re", "Don’t"


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def camel(name):
    """"ColorOfChange", "RightsWatch North": an internal capital marks a brand, not a person
    ("McDonald", "DeSantis" have theirs after two letters at most)."""
    return any(_CAMEL.search(w) and not w.startswith("Mac") for w in name.split())


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def title_word(word):
    """"Director", "CEO", "Sen.": a capitalised word that is a role. The profession endings
    ``names.is_role_word`` also accepts ("-ist") would make "Lindqvist" a role."""
    low = word.lower().rstrip(".,").split("-")[-1]
    return low in _ROLES or low.endswith("s") and low[:-1] in ROLE_HEADS


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def strong_org(name):
    """A body by its very name: a body word last ("Demand Progress"), "&", a brand's
    internal capital, a web domain. Such names beat the place rule ("Circuit & State")."""
    words = name.split()
    return (len(words) > 1 and words[-1].lower().rstrip(".,") in ORG_WORDS or "&" in name or camel(name)
            or bool(_DOMAIN.search(name)))


def blocked(piece, evidence, titled=None):
    """Is this never a person or body here: a place, a product, a bare title or date?
    A titled name may end like a place ("organizer Mina Park"): ``titled()`` says so."""
    words = piece.text.split()
    last = words[-1].rstrip(".,")
    if PRODUCT_AFTER.match(evidence.text, piece.end) or HYPHEN_ADJECTIVE.fullmatch(piece.text):
        return True  # "the Azure Government platform", "Obama-era"
    if strong_org(piece.text):
        return False
    place = last in PLACES or last.lower() in PLACE_WORDS or piece.text in PLACES or is_demonym(last)
    if place and not (titled and titled()):
        return True  # "Redmond", "Columbia City", "North American"
    return _only_titles(piece.text)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _only_titles(name):
    """"Senior Organizer", "U.S.", "Tuesday": nothing but titles, dates and nationalities."""
    return all(title_word(w) or w.lower() in _NOT_A_NAME or is_demonym(w) for w in name.split())


def multi_kind(piece, evidence, surnames):
    """Kind of a name of two or more words ("Satya Nadella", "Demand Progress"); ``surnames``
    are one-word names the document writes as people ("Swift said" vouches for "Taylor Swift")."""
    if blocked(piece, evidence, lambda: piece.hint == PERSON or titled(evidence.text, piece.start)):
        return BLOCKED
    if piece.hint == ORG or strong_org(piece.text) or _org_word_inside(piece.text):
        return ORG
    # A capitalised "The" belongs to titles and bodies, never to a person's name.
    person_like = _person_shaped(piece.text) and piece.article is None
    if person_like and (piece.hint == PERSON or strong_person(piece, evidence, surnames)):
        return PERSON
    # "Fight for the Future", "Color Of Change": small words make a name, not yet a body
    # ("Wars of the Roses" is a book); the context must say body.
    if body_context(evidence.text, piece, multi=True):
        return ORG
    if looks_like_org(piece.text) and _body_noun_after(evidence.text, piece.end):
        return ORG
    return None


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _org_word_inside(name):
    """"Kotak Institutional Equities", "Bureau of Prisons": a body word in the name; first
    only before "of"/"for" ("Senate Bill" is a bill)."""
    words = [w.lower().rstrip(".,") for w in name.split()]
    return any(w in ORG_WORDS for w in words[1:]) or words[0] in ORG_WORDS and words[1] in ("of", "for")


def _body_noun_after(text, end):
    """"the Drop the Dragnet coalition", "Sum of Us organizer Emma Pullman": a body noun or a
    role of its member follows the name."""
    after = _LOWER_AFTER.match(text, end)
    if not after:
        return False
    noun = after.group(1)
    return noun in BODY_NOUNS or title_word(noun) and after.group(2) is not None


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _person_shaped(name):
    words = name.split()
    return 2 <= len(words) <= 4 and looks_like_person(name) and not any(
        w.isupper() and len(w) > 1 or any(c.isdigit() for c in w) for w in words)


def strong_person(piece, evidence, surnames):
    """A first name, a speech verb, a title before, a describing appositive, a byline, a
    contact line, a photo credit, or the surname written as a person elsewhere."""
    text = evidence.text
    words = piece.text.split()
    before = text[max(0, piece.start - 40):piece.start]
    if words[0].lower() in FIRST_NAMES or words[-1] in surnames:
        return True
    if _SAID_BEFORE.search(before) or _LABEL_BEFORE.search(before) or _SAID_AFTER.match(text, piece.end):
        return True
    if titled(text, piece.start):
        return True
    appositive = _APPOSITIVE.match(text, piece.end)
    return bool(appositive) and _describes_person(appositive.group(1))


def titled(text, start):
    """"chief executive Petra Lindqvist"; not "founder Jeff Bezos’s Blue Origin"."""
    title = title_words_before(text, start)
    return bool(title) and (title_word(title[-1]) or title[-1].lower() in TITLE_LOWER)


def _describes_person(descriptor):
    """", a senior organizer at the group", ", 47,", ", a father of two": a person's
    description; not ", an urban fantasy", ", a civil liberties group" or ", and the owner…"."""
    if not describes(descriptor) or _names_body(descriptor) or _CONJUNCTION.match(descriptor):
        return False
    words = descriptor.split()[:6]
    return descriptor[0].isdigit() or words[0] in ("who", "whose") or any(
        title_word(w) or w.lower().rstrip(".,") in UNNAMED for w in words)


def _names_body(descriptor):
    """", a civil liberties group", ", the Larkspur company": the appositive describes a body."""
    return bool(_BODY_DESCRIPTOR.match(descriptor))


def body_context(text, piece, multi=False):
    """"employees at X", "a volunteer with X", "X employees", "X, which": written as a body.
    A known first name keeps a person a person ("talked with Mike Ford")."""
    if piece.text.split()[0].lower() in FIRST_NAMES:
        return False
    before = text[max(0, piece.start - 40):piece.start]
    # "with U.S. Immigration and Customs…", "with Vellmont's Department": not this name's preposition.
    governed = BODY_BEFORE.search(before) and not piece.joined and not piece.possessive
    after = BODY_AFTER.match(text, piece.end) or multi and _MEMBERS_AFTER.match(text, piece.end)
    if after and multi and WERE.match(after.group()):
        after = None  # "Merav Eitan and Gaston Zahr are": people are too
    return bool(governed or after or KIND_BEFORE.search(before))


def head_noun(text, end):
    """Is the name at ``end`` used as a noun ("the Legislature can"), not as a modifier
    ("the Senate floor", "the Sightline team")?"""
    following = _NEXT_WORD.match(text, end)
    word = following.group(1) if following else None
    if not word or not word[0].isalpha():
        return True
    low = word.lower()
    # "-ly" adverbs and "-ed" verbs follow a noun; other lower-case words mostly are nouns.
    return word[0].isupper() or low in _NOT_NOUNS or low.endswith(("ly", "ed"))


def single_kind(piece, evidence, surnames, org_heads):
    """Kind of a one-word name ("Microsoft", "ICE", "Nadella", "Legislature")."""
    word, text = piece.text, evidence.text
    low = word.lower().rstrip(".")
    if len(word) < 2 or blocked(piece, evidence) or low in _NOT_SINGLE or _CONTRACTION.search(word):
        return BLOCKED
    if any(c.isdigit() for c in word) or low.endswith("s") and is_demonym(low[:-1]):
        return BLOCKED  # "Q2", "2020", "Americans"
    if word.isupper() or _ACRONYM_PLURAL.fullmatch(word):
        return acronym_kind(piece, evidence)
    if camel(word) or _DOMAIN.search(word):
        return ORG
    if piece.hint == PERSON or word in surnames:
        return PERSON
    if piece.hint == ORG and low not in evidence.lower or word in org_heads:
        return ORG  # "Microsoft CEO"; not "Password Manager for Free"
    body, person, product = evidence.body[word], evidence.person[word], evidence.product[word]
    if product and product >= body:
        return BLOCKED  # "the Sightline software", "Azure, a cloud computing service"
    if body > person:
        return ORG
    if person or singular_speaker(text, piece.end) and not body:
        return PERSON  # "Okafor said": a body that speaks is written as one elsewhere
    return _named_noun(piece, evidence)


def singular_speaker(text, end):
    """"Okafor said", "Feld says", not "Critics say": one person speaking."""
    said = _SAID_AFTER.match(text, end)
    return bool(said) and said.group().split()[-1] in SPOKE


def _named_noun(piece, evidence):
    """"the Legislature", "Congress", "the Ledger": a body noun capitalised as a name;
    "The Nation" after a quoted title it published."""
    word, text = piece.text, evidence.text
    opening = piece.start if piece.article is None else piece.article
    if _CITATION.search(text[max(0, opening - 3):opening]):
        return ORG
    if word.lower() not in BODY_WORDS or not head_noun(text, piece.end):
        return None
    after_the = piece.article is not None or text[max(0, piece.start - 4):piece.start] == "the "
    return ORG if after_the or not evidence.starts_sentence(piece.start) else None


def acronym_kind(piece, evidence):
    """"ICE", "DTS": a body when defined, written as a body, or used twice; not a shouted
    word ("turned OFF"), a dateline ("LARKSPUR, Vellmont —") or a role ("CEO")."""
    word = piece.text
    if word in evidence.acronyms or evidence.body[word]:
        return ORG
    if len(word) > 6 or word.lower() in evidence.lower or title_word(word):
        return BLOCKED
    return ORG if evidence.acronym_uses[word] >= 2 else None


# Patterns of the functions above, compiled once.
_CONJUNCTION = re.compile(r"(?:and|or|but|nor)\b")
_BODY_DESCRIPTOR = re.compile(r"(?:an?|the|its)\s+(?:[\w-]+\s+){0,4}?(?:company|group|firm|agency|organi[sz]ation|"
                              r"coalition|union|network|nonprofit|institute|newspaper|publication)\b")
