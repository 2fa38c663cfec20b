import pytest

from kb.groups import same_words


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("We will keep coming back until they listen.", "We will keep coming back until they listen,", True),
        ("mission-critical", "mission critical", True),
        ("We will keep coming back until they listen.", "we will keep coming back", True),
        ("We will not stop until they cancel.", "We will stop until they cancel.", False),
        ("We won’t stop until they cancel.", "We will stop until they cancel.", False),
        ("The contract is worth 12 million dollars", "The contract is worth 13 million dollars", False),
        ("Cancel it", "Cancel it now please, today", False),
        ("", "anything", False),
    ],
)
def test_same_words(a, b, expected):
    assert same_words(a, b) is expected
