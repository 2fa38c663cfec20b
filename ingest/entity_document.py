"""Settle the kinds of a document's candidate names together.

One mention often says too little: "Salesforce" in "Microsoft, Salesforce,
and Amazon" is a body because its neighbours are; "Nadella" is a person
because the document printed "Satya Nadella"; "Immigration and Customs
Enforcement" is one name because neither "Immigration" nor "Customs
Enforcement" stands alone. ``resolve`` runs these passes in order and fills
``kind`` and ``expands`` on every piece.
"""
import bisect
import re
from collections import Counter

from .entity_evidence import LEADER_AFTER
from .entity_kinds import (
    BLOCKED, FIRST_NAMES, ORG, PERSON, camel, head_noun, multi_kind, single_kind, singular_speaker, strong_person,
)
from .entity_runs import Piece
from .lexicon import BODY_NOUNS, ORG_WORDS
from .names import is_demonym, looks_like_org, name_key, org_key

# Legal forms and body nouns that make "Brand Word" a body, not a product ("Microsoft Word").
_BODY_TAILS = BODY_NOUNS | {"inc", "inc.", "corp", "corp.", "corporation", "llc", "ltd", "co", "co.", "plc",
                            "foundation", "fund", "group", "institute", "university", "bank", "trust"}
# Publications keep their article: "The New York Times", "The Larkspur Ledger".
PUBLICATIONS = {"times", "post", "journal", "tribune", "herald", "guardian", "magazine", "review", "daily",
                "weekly", "gazette", "ledger", "sentinel", "nation", "economist", "atlantic", "intercept",
                "verge", "independent", "telegraph", "observer", "globe", "chronicle", "register",
                "examiner", "inquirer", "courier", "dispatch", "bulletin", "monitor", "star", "news"}
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or|&)\s+)(?:[Tt]he\s+)?")


def resolve(text, pieces, evidence):
    """Pieces with their kind and expansion decided by the whole document."""
    evidence.count(pieces)
    # One-word names written as a person ("Swift said", "Ms. Lindqvist") vouch for the
    # full names they end ("Taylor Swift").
    surnames = {p.text for p in pieces if " " not in p.text and (
        p.hint == PERSON or evidence.person[p.text] or singular_speaker(text, p.end))}
    for piece in pieces:
        if " " in piece.text:
            piece.kind = multi_kind(piece, evidence, surnames)
    people = [p for p in pieces if p.kind == PERSON and " " in p.text]
    org_heads = _org_heads(pieces, evidence)
    # "Nadella" after "Satya Nadella"; "Xi" after "Xi Jinping" (family name first).
    known_surnames = {p.text.split()[-1] for p in people}
    known_surnames |= {p.text.split()[0] for p in people if len(p.text.split()) == 2}
    for piece in pieces:
        if " " not in piece.text:
            piece.kind = single_kind(piece, evidence, known_surnames, org_heads)
    _spread_by_text(pieces)
    pieces = _merge_and_chains(text, pieces, evidence, surnames)
    _spread_lists(text, pieces)
    _spread_by_text(pieces)
    pieces = _brands(pieces)
    pieces = [_leader_body(text, p) for p in pieces]
    pieces = _confirm_headlines(pieces, evidence)
    for piece in pieces:
        _add_article(piece, evidence)
    _expand(text, pieces, evidence)
    return pieces


def _org_heads(pieces, evidence):
    """First words of the document's multi-word bodies used at least twice ("Halvorsen
    Analytics" makes "Halvorsen" a body; not "New" of "New York Times", an ordinary word),
    and the noun of a named publication ("the Ledger")."""
    counts = Counter(p.text for p in pieces if p.kind == ORG and " " in p.text)
    heads = {name.split()[0] for name, n in counts.items() if n >= 2 and _may_head(name.split()[0], evidence)}
    heads |= {name.split()[-1] for name in counts if name.split()[-1].lower() in ORG_WORDS}
    return heads


def _may_head(word, evidence):
    """Can a body's first word stand for it? Not a nationality, an ordinary word, or a place
    the document writes as one ("in Vellmont" beside "Vellmont Digital Liberties Project")."""
    if is_demonym(word) or word.lower() in evidence.lower:
        return False
    return evidence.place[word] == 0 or evidence.body[word] > 0


def _spread_by_text(pieces):
    """A name undecided here takes the kind the document gives it elsewhere."""
    kinds = {}
    for piece in pieces:
        if piece.kind in (PERSON, ORG):
            kinds.setdefault(piece.text, Counter())[piece.kind] += 1
    for piece in pieces:
        if piece.kind is None and piece.text in kinds:
            piece.kind = kinds[piece.text].most_common(1)[0][0]


def _bare(piece):
    """One plain word, a nationality aside ("U.S. Immigration"): not a whole name alone."""
    words = [w for w in piece.text.split() if not is_demonym(w)]
    return len(words) == 1 and not words[0].isupper()


def _weak(piece):
    """A bare side whose kind nothing vouches for: undecided, or a body only by a
    body word after a nationality ("U.S. Securities")."""
    return _bare(piece) and (piece.kind is None or piece.kind == ORG and " " in piece.text)


def _merge_and_chains(text, pieces, evidence, surnames):
    """Rejoin "X and Y" printed as one run when a side cannot stand alone:
    "Immigration and Customs Enforcement", "Defunding Rights and Dissent",
    "U.S. Securities and Exchange Commission"; not "Microsoft and Salesforce"
    (Microsoft stands alone) nor "Egypt and Jordan" (two bare words)."""
    merged = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        if previous and previous.joined and text[previous.end:piece.start] == " and " and _rejoin(previous, piece):
            whole = Piece(previous.start, piece.end, text[previous.start:piece.end], joined=piece.joined)
            whole.article, whole.possessive = previous.article, piece.possessive
            # A capitalised "X and Y Z" no side of which stands alone names a body.
            whole.kind = multi_kind(whole, evidence, surnames) or ORG
            merged[-1] = whole
        else:
            merged.append(piece)
    return merged


def _rejoin(left, right):
    """Should "left and right" be one name?"""
    if {left.kind, right.kind} & {PERSON, BLOCKED} or " " not in left.text + right.text:
        return False
    if right.text.split()[0].lower() in FIRST_NAMES or left.text.split()[0].lower() in FIRST_NAMES:
        return False  # "Bruno Tonioli and Carrie Ann Inaba"
    if _weak(left):
        return not (" " not in right.text and right.kind == ORG)
    # "Defunding Rights and Dissent"; not "International Tennis Federation and Kosmos".
    return _weak(right) and left.kind is None


def _spread_lists(text, pieces):
    """"Color Of Change, Mijente, Demand Progress": undecided members of a list take the
    one kind its decided members share."""
    chain = []
    for piece in pieces + [None]:
        if piece and chain and _linked(text, chain[-1], piece):
            chain.append(piece)
            continue
        kinds = {p.kind for p in chain if p.kind in (PERSON, ORG)}
        # Two names and only a comma between them may be two clauses ("…Justice, Sightline logged").
        listed = len(chain) > 2 or len(chain) == 2 and "," not in text[chain[0].end:chain[1].start]
        if listed and len(kinds) == 1:
            kind = next(iter(kinds))
            for member in chain:
                # A person's name is two to four words ("Center for Disease Control" is none).
                if member.kind is None and (kind == ORG or len(member.text.split()) <= 4
                                            and not looks_like_org(member.text)):
                    member.kind = kind
        chain = [piece] if piece else []


def _linked(text, previous, piece):
    """Are two names consecutive members of one list? "Halvorsen Analytics, the Larkspur
    company" is a name and a description; "Jeff Bezos’s Blue Origin" a possessor."""
    if previous.possessive or piece.possessive or not head_noun(text, piece.end):
        return False
    return bool(_LIST_GAP.fullmatch(text, previous.end, piece.start if piece.article is None else piece.article))


def _brands(pieces):
    """"Microsoft Word", "Microsoft Exchange" printed once: a product of the body
    "Microsoft", which is what the document mentions."""
    counts = Counter(p.text for p in pieces)
    bodies = {p.text for p in pieces if p.kind == ORG and " " not in p.text}
    result = []
    for piece in pieces:
        words = piece.text.split()
        if (piece.kind == ORG and len(words) == 2 and words[0] in bodies and counts[piece.text] == 1
                and words[1].lower() not in _BODY_TAILS):
            piece = Piece(piece.start, piece.start + len(words[0]), words[0], ORG)
            piece.kind = ORG
        result.append(piece)
    return result


def _leader_body(text, piece):
    """"the Trump administration": a government named for its leader is one body."""
    leader = LEADER_AFTER.match(text, piece.end)
    if not leader or " " in piece.text or piece.kind not in (PERSON, None):
        return piece
    body = Piece(piece.start, leader.end(), text[piece.start:leader.end()], ORG, piece.article)
    body.kind = ORG
    return body


def _confirm_headlines(pieces, evidence):
    """Headline capitals prove nothing: keep names the body also gives, bodies whose
    name says so ("Demand Progress"), and people a byline or contact line names."""
    if not evidence.headlines:
        return pieces
    confirmed = {_key(kind, name) for kind, name in
                 {(p.kind, p.text) for p in pieces if p.kind in (PERSON, ORG) and not evidence.headline(p.start)}}
    singles = {p.text: p.kind for p in pieces if p.kind in (PERSON, ORG) and " " not in p.text
               and not evidence.headline(p.start)}
    kept = []
    for piece in pieces:
        if piece.kind not in (PERSON, ORG) or not evidence.headline(piece.start):
            kept.append(piece)
        elif _key(piece.kind, piece.text) in confirmed:
            kept.append(piece)
        elif piece.kind == ORG and _self_evident(piece, evidence):
            kept.append(piece)
        elif piece.kind == PERSON and strong_person(piece, evidence, set()) and " " in piece.text:
            kept.append(piece)
        else:
            kept.extend(_known_words(piece, singles))
    return kept


def _self_evident(piece, evidence):
    name = piece.text
    last = name.split()[-1].lower().rstrip(".,")
    return (" " in name and last in ORG_WORDS) or camel(name) or "&" in name or "." in name[1:] \
        or name in evidence.acronyms


def _known_words(piece, singles):
    """"Contract With ICE": the one-word names the body confirms inside an unconfirmed run."""
    found = []
    for match in _NON_SPACES.finditer(piece.text):
        if match.group() in singles:
            word = Piece(piece.start + match.start(), piece.start + match.end(), match.group())
            word.kind = singles[match.group()]
            found.append(word)
    return found


def _key(kind, name):
    return org_key(name).replace(" ", "") if kind == ORG else name_key(name)


def _add_article(piece, evidence):
    """Keep "The" where it belongs to the name: a publication, or "The" capitalised
    in mid-sentence ("petitions launched by … and The Nation")."""
    if piece.kind != ORG or piece.article is None:
        return
    last = piece.text.split()[-1].lower()
    if last in PUBLICATIONS or not evidence.starts_sentence(piece.article):
        piece.text = evidence.text[piece.article:piece.end]
        piece.start = piece.article


def _body_tail(word):
    """Does a name ending on ``word`` name a body ("Halvorsen Analytics"), not a device
    ("Apple TV")?"""
    return word.lower() in ORG_WORDS and word.lower() != "tv"


def _expand(text, pieces, evidence):
    """Short forms the document spells out: a defined acronym, a surname, a body's first
    word ("Halvorsen"), a publication's noun ("the Ledger")."""
    people, firsts, lasts = {}, {}, {}
    starts = {}  # surname -> the starts of people[surname] when in order
    for piece in pieces:
        words = piece.text.split()
        if piece.kind == PERSON and len(words) > 1:
            people.setdefault(words[-1], []).append(piece)
        elif piece.kind == ORG and len(words) > 1 and " and " not in piece.text and _body_tail(words[-1]):
            firsts.setdefault(words[0], Counter())[piece.text] += 1
            lasts.setdefault(words[-1], Counter())[piece.text] += 1
    for piece in pieces:
        name = _LEADING_THE.sub("", piece.text)  # "The Ledger" is the short form "Ledger"
        if " " in name:
            continue
        definite = piece.article is not None or text[max(0, piece.start - 4):piece.start] == "the "
        if piece.kind == ORG and name in evidence.acronyms:
            start, end = evidence.acronyms[name]
            piece.expands = text[start:end]
        elif piece.kind == ORG and name in firsts and not name.isupper():
            longer, count = firsts[name].most_common(1)[0]  # "Halvorsen" for "Halvorsen Analytics"
            piece.expands = longer if count > 1 else None
        elif piece.kind == ORG and name in lasts and definite:
            piece.expands = lasts[name].most_common(1)[0][0]  # "the Ledger"
        elif piece.kind == PERSON and name in people:
            full = people[name]
            if name not in starts:
                found = [p.start for p in full]
                starts[name] = found if found == sorted(found) else None
            if starts[name] is not None:  # in document order: the last one before is found by halving
                index = bisect.bisect_left(starts[name], piece.start)
                piece.expands = full[index - 1 if index else 0].text
            else:
                before = [p for p in full if p.start < piece.start]
                piece.expands = (before[-1] if before else full[0]).text


# Patterns of the functions above, compiled once.
_NON_SPACES = re.compile(r"\S+")
_LEADING_THE = re.compile(r"^The ")
