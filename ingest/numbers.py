"""The one table of number words, magnitudes and currencies, and numeral parsing.

Every extractor that reads a quantity imports its vocabulary from here, so
"two dozen", "$2.5bn" and "half a million" mean the same thing everywhere.
"""
import re

ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
MAGNITUDES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,  # Indian reports: "₹500 crore"
}
# Glued suffixes ("300k", "$2.5bn"). "m" and "b" also abbreviate metres and bytes,
# so they count as magnitudes only after a currency sign (or before a counted
# noun, which the figure reader checks: "3.5m viewers").
MAGNITUDE_SUFFIXES = {
    "k": 1e3, "K": 1e3, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "M": 1e6, "b": 1e9, "B": 1e9,
}
CURRENCY_ONLY_SUFFIXES = {"m", "mn", "mln", "M", "b", "B"}
DOZEN = 12
# Fractions read after "a", "one", "two": "a third", "two-thirds", "half".
FRACTIONS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3,
    "quarter": 1 / 4, "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
    "tenth": 1 / 10, "tenths": 1 / 10,
}
# Plural magnitudes are vague counts; the value is their lower bound.
# "scores" is vague only in "scores of" (a test score is not a count).
VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}

CURRENCY_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "A$": "AUD", "HK$": "HKD",
    "NZ$": "NZD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "₩": "KRW", "₽": "RUB",
}
CURRENCY_CODES = {
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CAD", "AUD", "CHF", "HKD", "NZD",
    "RUB", "BRL", "MXN", "KRW", "SEK", "NOK", "DKK", "ZAR",
}
# Currency nouns after a number: (code, factor) — "10 cents" is 0.10 USD.
# "pound" is left out: after a number it is more often a weight.
CURRENCY_WORDS = {
    "dollar": ("USD", 1), "dollars": ("USD", 1), "cent": ("USD", 0.01),
    "cents": ("USD", 0.01), "euro": ("EUR", 1), "euros": ("EUR", 1),
    "pence": ("GBP", 0.01), "yen": ("JPY", 1), "yuan": ("CNY", 1),
    "renminbi": ("CNY", 1), "rupee": ("INR", 1), "rupees": ("INR", 1),
}

CARDINAL_WORDS = {**ONES, **TEENS, **TENS}


def _alternation(words):
    """Regex alternation, longest first so "seventeen" wins over "seven"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


CARDINAL = r"(?:%s)(?:-(?:%s))?" % (_alternation(TENS) + "|" + _alternation(TEENS) + "|"
                                    + _alternation(ONES), _alternation(ONES))
MAGNITUDE = _alternation(MAGNITUDES)
FRACTION = _alternation(FRACTIONS)
# Letter-led signs ("US$", "Rs") must start a word and keep their case: the
# "rs 30" in "offers 30" is no rupee.
CURRENCY_SYMBOL = r"(?-i:(?<![A-Za-z])(?:%s))" % _alternation(CURRENCY_SYMBOLS)
CURRENCY_WORD = _alternation(CURRENCY_WORDS)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
SUFFIX = _alternation(MAGNITUDE_SUFFIXES)

_NUMERAL = re.compile(r"(?P<cur>%s)?\s?(?P<num>%s)\s?-?(?P<suffix>%s|%s)?$"
                      % (CURRENCY_SYMBOL, DIGITS, SUFFIX, MAGNITUDE), re.I)


def parse_numeral(literal):
    """Value of a digit numeral: "1,234.5", "19.4", "300k", "$2.5bn", "$19.4-million".

    Returns None for anything that is not one numeral (so callers can test).
    """
    match = _NUMERAL.match(literal.strip())
    if not match:
        return None
    value = float(match["num"].replace(",", ""))
    suffix = match["suffix"]
    if suffix:
        if suffix.lower() in MAGNITUDES:
            return value * MAGNITUDES[suffix.lower()]
        if suffix in CURRENCY_ONLY_SUFFIXES and not match["cur"]:
            return None
        value *= MAGNITUDE_SUFFIXES.get(suffix, MAGNITUDE_SUFFIXES.get(suffix.lower(), 1))
    return value


def currency_of_symbol(symbol):
    """ISO code for a currency sign or code ("$" → "USD", "€" → "EUR"), else None."""
    symbol = symbol.strip()
    if symbol.upper() in CURRENCY_CODES:
        return symbol.upper()
    return CURRENCY_SYMBOLS.get(symbol)


def words_value(phrase):
    """Value of spelled-out numbers: "twenty-two", "three hundred", "half a million",
    "a dozen", "two-thirds", "one and a half million". None when not a number.
    """
    # "one and a half million": the half adds to the count before the magnitude.
    phrase = _AND_A_HALF.sub(" +half", phrase.lower())
    words = [w for w in _SPACES_OR_HYPHENS.split(phrase.strip()) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0.0, None, False
    for word in words:
        if word in ("a", "an"):
            current = 1 if current is None else current
            continue
        if word == "+half":
            current = (current or 0) + 0.5
        elif word in CARDINAL_WORDS:
            current = (current or 0) + CARDINAL_WORDS[word]
        elif word in FRACTIONS:
            current = (current or 1) * FRACTIONS[word]
        elif word in ("dozen", "dozens"):
            current = (current or 1) * DOZEN
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in MAGNITUDES:
            total += (current or 1) * MAGNITUDES[word]
            current = None
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + (current or 0)


def number_value(literal):
    """Value of a digit numeral or a spelled-out number, whichever ``literal`` is."""
    value = parse_numeral(literal)
    return value if value is not None else words_value(literal)


# Patterns of the functions above, compiled once.
_AND_A_HALF = re.compile(r"\band\s+a\s+half\b")
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")
