"""Entity resolution: one row per person or organization across all sources.

Resolution is incremental and blocked: a new name is compared only with
aliases that share its normalised key, its key prefix or (for people) its
surname, never with every row in the database.
"""
from contextlib import contextmanager
from functools import lru_cache, wraps

from rapidfuzz import fuzz, process

from ingest.lexicon import ORG_WORDS
from ingest.names import name_key, org_key, surname_key
from ingest.stages import timed

from .sql import insert_row, update_row

# rapidfuzz ratio above which two keys in one block are the same entity.
FUZZY_THRESHOLD = 92
# Length of the key prefix used as a fuzzy-matching block.
BLOCK_PREFIX = 4


# Small words an organization's name gains or loses between sources
# ("Immigration, Customs, and Enforcement").
ORG_SMALL_WORDS = {"and", "of", "the", "for", "&"}


# Names already resolved while storing the current document (a source names
# the same people and organizations many times over): None outside
# ``resolving_one_document``, emptied on every merge, so it never outlives its
# transaction or holds an id that no longer exists.
_resolved = None


@contextmanager
def resolving_one_document():
    global _resolved
    _resolved = {}
    try:
        yield
    finally:
        _resolved = None


def _forget_resolved():
    if _resolved is not None:
        _resolved.clear()


def _remembered(function):
    @wraps(function)
    def wrapper(db, *args, **kwargs):
        if _resolved is None:
            return function(db, *args, **kwargs)
        key = (function.__name__, *args, *sorted(kwargs.items()))
        if key not in _resolved:
            _resolved[key] = function(db, *args, **kwargs)
        return _resolved[key]

    return wrapper


@timed("resolve")
@_remembered
def resolve_organization(db, name, full_name=None):
    """The id of the organization called ``name``, created when new.

    ``full_name`` is what the source says a short form stands for ("ICE"
    for "Immigration and Customs Enforcement"): the two become one entity.
    """
    if full_name and _org_key(full_name):
        found = resolve_organization(db, full_name)
        short_key = _org_key(name)
        for other in _bare_short_forms(db, short_key, found):
            merge_organizations(db, other, found)
        _add_alias(db, "organization", found, name, short_key)
        return found
    key = _org_key(name)
    if not key:
        return None
    found = _by_key(db, "organization", key) or _fuzzy_organization(db, name, key)
    if found is None:
        found = insert_row(db, "organizations", {"name": name.strip(), "key": key})
    _add_alias(db, "organization", found, name, key)
    return found


def _bare_short_forms(db, short_key, keep):
    """Organizations known only by this short form ("ICE" seen before any
    source spelled it out): they are the organization now defined."""
    rows = db.execute(
        """SELECT a.organization_id FROM organization_aliases a WHERE a.key = ? AND a.organization_id != ?
           AND NOT EXISTS (SELECT 1 FROM organization_aliases b
                           WHERE b.organization_id = a.organization_id AND b.key != ?)""",
        [short_key, keep, short_key],
    ).fetchall()
    return sorted({row[0] for row in rows})


# Every column that points at an organization.
ORGANIZATION_REFERENCES = (("quotes", "organization_id"), ("mentions", "organization_id"),
                           ("speakers", "organization_id"))


def merge_organizations(db, old_id, new_id):
    """Fold organization ``old_id`` into ``new_id``: its rows, then its aliases."""
    for table, column in ORGANIZATION_REFERENCES:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new_id, old_id])
    db.execute(
        "UPDATE OR IGNORE organization_aliases SET organization_id = ? WHERE organization_id = ?",
        [new_id, old_id],
    )
    db.execute("DELETE FROM organization_aliases WHERE organization_id = ?", [old_id])
    db.execute("DELETE FROM organizations WHERE id = ?", [old_id])
    _forget_resolved()


def _org_key(name):
    # Spacing varies within one organization's name (SumOfUs, Sum Of Us).
    return org_key(name).replace(" ", "")


@lru_cache(maxsize=100_000)
def _content_words(name):
    return " ".join(w for w in org_key(name).split() if w not in ORG_SMALL_WORDS)


def org_block(name):
    """An organization's longest distinctive word: "U.S. Immigration and
    Customs Enforcement" and "Immigration, Customs, and Enforcement" share a
    block though their keys start differently. Words that say what kind of
    body it is ("Analytics", "Coalition") are passed over while another word
    is left: thousands of organizations share them."""
    words = _content_words(name).split()
    distinctive = [word for word in words if word not in ORG_WORDS] or words
    return max(sorted(distinctive), key=len) if distinctive else ""


def _fuzzy_organization(db, name, key):
    """Best alias above the threshold among those sharing a key prefix or a block word."""
    prefix = key[:BLOCK_PREFIX]
    rows = db.execute(
        """SELECT organization_id, key, alias FROM organization_aliases WHERE key >= ? AND key < ?
           UNION SELECT organization_id, key, alias FROM organization_aliases WHERE block = ?""",
        [prefix, prefix + "\uffff", org_block(name)],
    ).fetchall()
    # Both scorers run over the whole block in C; the best row is the first
    # with the highest of its two scores, as max() over the rows would pick.
    best = {}
    for scorer, query, choices in (
        (fuzz.ratio, key, [row[1] for row in rows]),
        (fuzz.token_sort_ratio, _content_words(name), [_content_words(row[2]) for row in rows]),
    ):
        for _, score, index in process.extract(query, choices, scorer=scorer,
                                               score_cutoff=FUZZY_THRESHOLD, limit=None):
            best[index] = max(score, best.get(index, 0))
    if not best:
        return None
    return rows[min(best, key=lambda index: (-best[index], index))][0]


@timed("resolve")
@_remembered
def resolve_speaker(db, name, kind=None, organization_id=None, full_name=None):
    """The id of the speaker called ``name``, created when new.

    A lone surname ("Nadella") joins the one speaker with that surname; when
    several share it, it stays apart rather than guess. ``full_name`` is the
    fuller form the same source printed for this mention.
    """
    if full_name and name_key(full_name) and name_key(full_name) != name_key(name):
        found = resolve_speaker(db, full_name, kind, organization_id)
        _add_alias(db, "speaker", found, name, name_key(name))
        return found
    key = name_key(name)
    if not key:
        return None
    found = _by_key(db, "speaker", key)
    if found is None and kind != "group":
        found = _by_surname(db, name) or _fuzzy_speaker(db, name, key)
    if found is None:
        found = insert_row(
            db, "speakers", {"name": name.strip(), "kind": kind, "key": key, "organization_id": organization_id}
        )
    else:
        known_name, known_organization = db.execute(
            "SELECT name, organization_id FROM speakers WHERE id = ?", [found]
        ).fetchone()
        changes = {}
        if len(name.split()) > len(known_name.split()):
            # A fuller form of the name seen first as a surname becomes the name.
            changes.update(name=name.strip(), key=key)
        if organization_id and not known_organization:
            changes["organization_id"] = organization_id
        if changes:
            update_row(db, "speakers", found, changes)
    _add_alias(db, "speaker", found, name, key)
    return found


def _by_key(db, entity, key):
    row = db.execute(
        f"SELECT {entity}_id FROM {entity}_aliases WHERE key = ? LIMIT 1", [key]
    ).fetchone()
    return row[0] if row else None


def _fuzzy_speaker(db, name, key):
    """Best alias above the threshold in the name's two blocks: same first four
    letters and surname start, or same first two letters, surname initial and
    surname ending ("-dottir", "-berg" alone are shared by too many). A
    one-letter slip past the surname's initial leaves at least one block
    intact, and each block is one exact index lookup, so a new name meets a
    handful of aliases however many are stored."""
    surname = surname_key(name)
    rows = db.execute(
        """SELECT speaker_id, key FROM speaker_aliases
           WHERE substr(key, 1, 4) = ? AND substr(surname, 1, 3) = ?
           UNION
           SELECT speaker_id, key FROM speaker_aliases
           WHERE substr(key, 1, 2) = ? AND substr(surname, 1, 1) = ? AND substr(surname, -4) = ?""",
        [key[:BLOCK_PREFIX], surname[:3], key[:2], surname[:1], surname[-4:]],
    ).fetchall()
    # The first row with the best score, as max() over the rows would pick.
    best = process.extractOne(key, [row[1] for row in rows], scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    return rows[best[2]][0] if best else None


def _by_surname(db, name):
    """A one-word name joins the single person whose surname it is, and vice versa."""
    if len(name.split()) == 1:
        candidates = db.execute(
            "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE surname = ? AND key != surname",
            [surname_key(name)],
        ).fetchall()
    else:
        candidates = db.execute(
            "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE key = ?", [surname_key(name)]
        ).fetchall()
    return candidates[0][0] if len(candidates) == 1 else None


def _add_alias(db, entity, entity_id, alias, key):
    row = {f"{entity}_id": entity_id, "alias": alias.strip(), "key": key}
    if entity == "speaker":
        row["surname"] = surname_key(alias)
    else:
        row["block"] = org_block(alias)
    insert_row(db, f"{entity}_aliases", row, ignore=True)
