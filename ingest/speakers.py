"""From the noun phrase of an attribution to a Speaker.

"Free Press Action Fund Campaigner Lucia Martínez" is a person with a
title and an org; "a volunteer with Tech Workers Coalition" an unnamed
person; "a Google spokesperson" and "the company" speak for a body;
"Microsoft employees" are a group; "he" and "Roberts" resolve through the
document's ``Mentions``.
"""
import re

from .clauses import subject_before
from .lexicon import BODY_NOUNS, DETERMINERS, DOC_NOUNS, GROUP_WORDS, NOT_NAMES, PRONOUNS, SPOKES, UNNAMED
from .mentions import Speaker
from .names import (
    CAPITAL_RUN, OF_NAME, ORG_RUN, clean_phrase, drop_possessive, is_demonym, is_role_word, last_org_span, looks_like_org,
    looks_like_person, name_part, org_of, org_text, strip_article,
)
from .reporting_verbs import REPORTING_VERB
from .titles import parse_descriptor, split_opening_title, split_pre_title

_COMMON_SPEAKERS = BODY_NOUNS | GROUP_WORDS | DOC_NOUNS | SPOKES
_OWNED = DOC_NOUNS | {"communications", "words", "comments", "account"}


def classify_np(np, offset, mentions):
    """A Speaker for a subject noun phrase, resolved through the document; None if nobody."""
    np = _BLANKED_QUOTE.sub(" ", np)  # a quoted label inside: the “Pose” actor
    np = _LEADING_CONJUNCTION.sub("", " ".join(np.split()).strip(" ,"))
    if not np or "_" in np:
        return None
    if np.lower() in PRONOUNS:
        return _pronoun(np.lower(), offset, mentions)
    owner = _OWNERS_THING.match(np)
    if owner and owner.group(2).lower() in _OWNED:
        # "Microsoft's own communications": who issued them; one unknown word is a body.
        speaker = classify_np(owner.group(1), offset, mentions)
        lone = speaker and speaker.kind == "person" and " " not in speaker.name
        if lone and not mentions.is_person(speaker.name):
            speaker = Speaker(mentions.expand(speaker.name), "organization")
        return speaker
    if " " not in np and np.lower() in _COMMON_SPEAKERS:
        np = np.lower()  # "Leadership has told us": a common noun that opens the sentence
    if np[:1].islower() and _ends_with_person(np, mentions):
        return _named(np, "", offset, mentions)  # "chairman, CEO and president Craig Menear"
    head, rest = _split_appositive(np, mentions)
    if _ends_with_person(head, mentions):
        return _named(head, rest, offset, mentions)
    apposed = _NAMED_APPOSITIVE.fullmatch(rest)
    if apposed and _ARTICLE_NOUN.match(head) and len(head.split()) <= 4:
        return classify_np(apposed.group(1), offset, mentions)  # "The group, WeWorkers Coalition"
    core, tail = _split_prep(head)
    if core.split()[-1][:1].islower():
        return _described(core, tail, np, offset, mentions)
    return _named(head, rest, offset, mentions)


def _split_appositive(np, mentions):
    """("Cheuk Hau-yip", ", the commander of …") or ("Yana Calou", " of Coworker.org")."""
    head, rest = np, ""
    comma = _HEAD_COMMA_REST.match(np) or _HEAD_BRACKETS.match(np)
    if comma:
        head, rest = comma.group(1), comma.group(2)  # ", the commander …", " (D-Calif.)"
    # "of" after the name gives the body ("senior fellow Rosa Imani of the Brookings
    # Institution"); one inside a title before it does not ("Secretary of State X").
    for of in OF_NAME.finditer(head):
        if _ends_with_person(head[:of.start()], mentions):
            return head[:of.start()], head[of.start():] + rest
    return head, rest


def _ends_with_person(head, mentions):
    """Does the phrase end on a person's name ("China’s ambassador to Britain Liu Xiaming")?"""
    runs = list(CAPITAL_RUN.finditer(head))
    if not runs or runs[-1].end() < len(head.rstrip()):
        return False
    run = runs[-1]
    name, shift = name_part(run.group(), head, run.start())
    # "High Commissioner for Human Rights" is one body's name; "Secretary of State X" is X.
    if not shift and _CAPITAL_JOINER_END.search(head[:run.start()]):
        return False
    name = drop_possessive(name)
    if len(name.split()) >= 2:
        return looks_like_person(name) or mentions.is_person(name)
    return bool(name) and mentions.is_person(name)


def _split_prep(head):
    """"a volunteer with Tech Workers Coalition" -> ("a volunteer", "Tech Workers Coalition")."""
    match = _PREPOSITION_BEFORE_NAME.search(head)
    if match and head[:match.start()].split()[-1][:1].islower():
        return head[:match.start()], head[match.end():]
    return head, None


def _named(head, rest, offset, mentions):
    """A phrase ending on a name: a person ("Taliban spokesman Zabihullah Mujahid") or a body."""
    runs = list(CAPITAL_RUN.finditer(head))
    if not runs:
        return None
    run = runs[-1]
    name, shift = name_part(run.group(), head, run.start())
    name = drop_possessive(name)
    pre = head[:run.start()].split() + run.group()[:shift].split()
    titled = any(is_role_word(w) for w in pre)
    org_run = next((m for m in ORG_RUN.finditer(head) if m.end() == len(head.rstrip())), None)
    # "High Commissioner for Human Rights": a name joined by "for"/"of" is an office or body.
    joined = org_run is not None and org_run.start() < run.start() and not shift
    if joined or not titled and (looks_like_org(run.group()) or mentions.is_org(run.group())):
        body = mentions.expand(strip_article(org_text(org_run.group()) if joined else run.group()))
        spokes = next((w.lower() for w in head.split() if w.lower() in SPOKES), None)
        return Speaker(clean_phrase(body), "organization", spokes, None)
    if not name or is_demonym(name) or name.lower() in NOT_NAMES:
        return None
    if len(name.split()) == 1 and not titled and not mentions.is_person(name):
        if mentions.single_token_kind(name) == "organization":
            return Speaker(mentions.expand(name), "organization")
        if mentions.starts_sentence(offset + run.start()):
            return None  # "Instances like these…": a capitalised word, not a new name
    opens = bool(pre) and mentions.text.startswith(pre[0], offset) and mentions.starts_sentence(offset)
    title, org = _title_org(pre, rest, mentions.text if opens else None)
    return mentions.person(name, offset, title, org)


def _title_org(pre, rest, opening_text=None):
    """Title and org printed before the name and in the appositive after it;
    ``opening_text`` (the document) when the words before the name open a sentence."""
    pre = [w for w in pre if w.lower() not in DETERMINERS]
    if opening_text is None:
        pre_title, pre_org = split_pre_title(pre)
    else:
        pre_title, pre_org = split_opening_title(pre, opening_text)  # "Council member X said"
    title = org = None
    if _COMMA_DESCRIPTOR.match(rest):
        title, org = parse_descriptor(_DESCRIPTOR_LEAD.sub("", rest))
    else:
        org = org_of(rest)
    if pre_title and title and _PARTY.match(title):
        title = None  # "Rep. X, a Democrat from New York": the office is the title
    return title or pre_title, org or pre_org


def _pronoun(pronoun, offset, mentions):
    mention = mentions.resolve_pronoun(pronoun, offset)
    if mention is None:
        return None
    if mention.kind == "organization":
        return Speaker(mention.name, "organization")
    mentions.learn_gender(mention.name, pronoun)
    return mentions.person(mention.name, offset)


def _described(core, tail, np, offset, mentions):
    """A phrase headed by a common noun: "a volunteer with X", "the company", "Microsoft employees"."""
    org = last_org_span(_LEADING_THE.sub("", tail)) if tail else None
    words = core.split()
    head = words[-1].lower().strip(".,")
    named = _capitalised_before(core)
    later = mentions.named_later(np, offset)
    if later:
        return later  # "China’s ambassador to Britain …" named later as "… Liu Xiaming"
    if head in UNNAMED and words[0].lower() in DETERMINERS:
        return Speaker(None, "person")
    if head in SPOKES:
        body = org or named or _recent_org_name(offset, mentions, "company")
        return Speaker(mentions.expand(body), "organization", head, None) if body else None
    if head in DOC_NOUNS:
        # "a 2018 survey by Penelope Muse Abernathy", "a report from Kotak": whoever wrote it.
        author = classify_np(tail, offset, mentions) if tail else None
        if author or not named:
            return author or _issuer(head, offset, mentions)
        return Speaker(mentions.expand(named), "organization")
    if head in BODY_NOUNS:
        if named:
            return Speaker(clean_phrase(core), "organization")
        # "Leadership has told us": the company's leadership speaks for the company.
        body = _recent_org_name(offset, mentions, "company" if head in ("leadership", "management") else head)
        return Speaker(mentions.expand(body), "organization") if body else None
    if head == "people" and len(words) <= 2:
        return Speaker(None, "group")
    if head in GROUP_WORDS or head.endswith("s") and (named or is_role_word(head)) and head not in SPOKES:
        plain = not named and words[0].lower() == "the" and len(words) <= 2
        fuller = mentions.group_name(head, offset) if plain else None
        return Speaker(fuller or clean_phrase(np), "group")  # "the employees", "Microsoft employees"
    if is_role_word(head):
        return _unnamed_role(core, org, offset, mentions)
    return None


def _issuer(noun, offset, mentions):
    """"the statement said": whoever the text said issued a statement shortly before."""
    index = mentions.sentence_index(offset)
    for back in range(1, min(4, index + 1)):
        start, end = mentions.sentences[index - back]
        sentence = mentions.text[start:end]
        if noun.rstrip("s") not in sentence.lower():
            continue
        for verb in REPORTING_VERB.finditer(sentence):
            subject = subject_before(sentence[:verb.start()])
            speaker = subject and classify_np(sentence[subject[0]:subject[1]], start + subject[0], mentions)
            if speaker and speaker.name:
                return speaker if speaker.kind == "person" else Speaker(speaker.name, speaker.kind)
    body = _recent_org_name(offset, mentions, None)
    return Speaker(body, "organization") if body else None


def _capitalised_before(core):
    names = [w for w in core.split()[:-1] if w[:1].isupper() and w.lower() not in DETERMINERS]
    return " ".join(names) if names else None


def _recent_org_name(offset, mentions, noun):
    mention = mentions.recent_org(offset, noun)
    return mention.name if mention else None


def _unnamed_role(core, org, offset, mentions):
    """"a volunteer with Tech Workers Coalition" (nobody named) or "the actor" (someone named before)."""
    words = core.split()
    title = clean_phrase(" ".join(w for w in words if w.lower() not in DETERMINERS))
    if words[0].lower() != "the" or org is not None:
        return Speaker(None, "person", title, org)
    head = words[-1].lower()
    earlier = mentions.unnamed_speaker(head)
    if earlier:
        return earlier  # "one legal expert" … "the expert warned"
    mention = mentions.resolve_described(head, offset)
    if mention is None:
        return None
    mentions.note_title(mention.name, title)
    return mentions.person(mention.name, offset)


# Patterns of the functions above, compiled once.
_BLANKED_QUOTE = re.compile(r"\s*_{1,30}\s*")
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|or|so|even|then)\s+")
_OWNERS_THING = re.compile(r"(.+?)(?:’s|'s)\s+(?:own\s+)?(?:\w+\s+)?(\w+)$")
_NAMED_APPOSITIVE = re.compile(r",\s+([A-Z][^,]*)")
_ARTICLE_NOUN = re.compile(r"(?:the|a|an)\s+[a-z]", re.I)
_HEAD_COMMA_REST = re.compile(r"(.+?)((?:\s*\([^)]*\))?,\s.*)$")
_HEAD_BRACKETS = re.compile(r"(.+?)(\s*\([^)]*\))$")
_CAPITAL_JOINER_END = re.compile(r"[A-Z]\S*\s+(?:of|for|and|&)\s+(?:the\s+)?$")
_PREPOSITION_BEFORE_NAME = re.compile(r"\s(?:with|at|for|of|from|on|in|by|to)\s+(?=(?:the\s+)?[A-Z])")
_COMMA_DESCRIPTOR = re.compile(r"\s*(?:\([^)]*\))?,\s+\S")
_PARTY = re.compile(r"(?:Democrat|Republican|Independent)\b")
_DESCRIPTOR_LEAD = re.compile(r"^\s*(?:\([^)]*\))?,\s+")
_LEADING_THE = re.compile(r"^the\s+")
