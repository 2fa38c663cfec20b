"""Run every extractor over a document's clean text."""
from .claims import extract_claims
from .entity_mentions import extract_entities
from .figures import extract_figures
from .quote_spans import find_spans
from .quotes import extract_quotes


def extract_records(text):
    """(quotes, figures, claims, entity mentions) for clean text; offsets index ``text``."""
    quotes = extract_quotes(text)
    figures = extract_figures(text)
    claims = extract_claims(text, quotes, figures)
    return quotes, figures, claims, extract_entities(text, find_spans(text))
