import pytest

from kb.citation import format_citation

RELEASE = {"publisher": "Open Roads Collective", "doc_type": "press_release", "published": "2025-03-18", "title": "x"}
ARTICLE = {"publisher": None, "doc_type": "article", "published": None, "title": "Council delays camera vote"}


def quote(text, speaker=None, kind="person", title=None, org=None, partial=0):
    return {"text": text, "partial": partial, "speaker_as_printed": speaker, "speaker_kind": kind,
            "title": title, "organization_as_printed": org}


@pytest.mark.parametrize(
    "row,source,expected",
    [
        (
            quote("Cancel the contract.", "Priya Venkataraman", title="Executive Director", org="Open Roads Collective"),
            RELEASE,
            "“Cancel the contract,” said Priya Venkataraman, Executive Director at Open Roads Collective "
            "(Open Roads Collective press release, March 18, 2025)",
        ),
        (
            quote("Who asked for this?", "Dana Okafor"),
            ARTICLE,
            "“Who asked for this?” said Dana Okafor (“Council delays camera vote”)",
        ),
        (
            quote("We are reviewing the letter,", "Halvorsen Analytics", kind="organization", title="spokesperson"),
            {"publisher": "The Larkspur Ledger", "doc_type": "article", "published": "2025-02-26"},
            "“We are reviewing the letter,” said Halvorsen Analytics (The Larkspur Ledger, February 26, 2025)",
        ),
        (
            quote("Nobody voted for this,", None, kind=None, title="volunteer", org="Commuters for Civil Liberties"),
            RELEASE,
            "“Nobody voted for this,” said a volunteer with Commuters for Civil Liberties "
            "(Open Roads Collective press release, March 18, 2025)",
        ),
        (
            quote("a dragnet.", "Leila Haddad", title="policy counsel", partial=1),
            ARTICLE,
            "“a dragnet” — Leila Haddad, policy counsel (“Council delays camera vote”)",
        ),
        (quote("Nobody knows,", None, kind=None), {}, "“Nobody knows,” (unattributed)"),
    ],
)
def test_citations(row, source, expected):
    assert format_citation(row, source) == expected
