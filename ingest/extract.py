"""Run every extractor over a document's clean text."""
from .claims import extract_claims
from .figures import extract_figures
from .quotes import extract_quotes


def extract_records(text):
    """(quotes, figures, claims) for clean text; offsets index ``text``."""
    quotes = extract_quotes(text)
    figures = extract_figures(text)
    return quotes, figures, extract_claims(text, quotes, figures)
