"""Ready-to-paste citations for quotes."""
import datetime

# How a citation names the kind of document, after its publisher.
DOC_TYPE_LABELS = {"press_release": "press release", "petition": "petition", "letter": "letter"}


def format_citation(quote, source):
    """“…,” said Name, title at Org (Publisher press release, July 26, 2018).

    ``quote`` needs text, partial, speaker_as_printed, speaker_kind, title,
    organization_as_printed; ``source`` needs publisher, title, doc_type,
    published. Names, titles and organizations are as this source prints them.
    """
    who = describe_speaker(
        quote["speaker_as_printed"], quote["speaker_kind"], quote["title"], quote["organization_as_printed"]
    )
    where = describe_source(source)
    text = quote["text"].strip()
    if quote["partial"]:
        said = f"“{text.rstrip(',;:. ')}”" + (f" — {who}" if who else "")
    else:
        if text[-1:] not in "?!":
            text = text.rstrip(".,;: ") + ","
        said = f"“{text}” said {who}" if who else f"“{text}” (unattributed)"
    return f"{said} ({where})" if where else said


def describe_speaker(name, kind, title, org):
    """'Jelani Drew, campaigner at Fight for the Future', 'a volunteer with X', 'Microsoft'."""
    if not name:
        if title and org:
            return f"{_article(title)} {title} with {org}"
        return org or (f"{_article(title)} {title}" if title else None)
    if kind == "organization" or not (title or org):
        return name
    if title and org and org.casefold() not in title.casefold():
        return f"{name}, {title} at {org}"
    return f"{name}, {title or org}"


def describe_source(source):
    label = DOC_TYPE_LABELS.get(source.get("doc_type"))
    if source.get("publisher"):
        name = f"{source['publisher']} {label}" if label else source["publisher"]
    elif source.get("title"):
        name = f"“{source['title']}”" + (f", {label}" if label else "")
    else:
        name = label
    date = _long_date(source.get("published"))
    return ", ".join(part for part in (name, date) if part)


def _long_date(iso):
    if not iso:
        return None
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def _article(word):
    return "an" if word[:1].lower() in "aeiou" else "a"
