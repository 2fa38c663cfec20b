from ingest.clean import Dropped, clean_text

ARTICLE = """Council weighs camera contract

The council met on Tuesday.

Protesters gathered outside. Photo: Staff

Protesters gathered outside. Photo: Staff

“We will keep coming back,” said Mara Lindqvist.

Related Stories
Camera vendor wins bid
Council delays vote"""


def test_repeated_paragraph_and_related_links_are_dropped_and_recorded():
    text, dropped = clean_text(ARTICLE)
    assert text == (
        "Council weighs camera contract\n\nThe council met on Tuesday.\n\n"
        "Protesters gathered outside. Photo: Staff\n\n"
        "“We will keep coming back,” said Mara Lindqvist."
    )
    assert dropped == [
        Dropped(104, 147, "repeated paragraph", "Protesters gathered outside. Photo: Staff\n\n"),
        Dropped(195, 197, "whitespace", "\n\n"),
        Dropped(197, 213, "related links", "Related Stories\n"),
        Dropped(213, 236, "related links", "Camera vendor wins bid\n"),
        Dropped(236, 255, "related links", "Council delays vote"),
    ]


def test_removing_the_dropped_ranges_from_the_input_gives_the_clean_text():
    text, dropped = clean_text(ARTICLE)
    rebuilt, cursor = "", 0
    for item in dropped:
        assert ARTICLE[item.start:item.end] == item.text
        rebuilt += ARTICLE[cursor:item.start]
        cursor = item.end
    assert rebuilt + ARTICLE[cursor:] == text


def test_press_release_end_mark_and_form_residue_are_dropped():
    release = "FOR IMMEDIATE RELEASE\n\nBody text.\n\n    Not ? Click here.\n\nMore body.\n\n###\n"
    text, dropped = clean_text(release)
    assert text == "FOR IMMEDIATE RELEASE\n\nBody text.\n\nMore body."
    assert [d.reason for d in dropped] == ["form residue", "whitespace", "end mark"]


def test_a_related_heading_followed_by_long_paragraphs_is_kept():
    text = "Headline\n\nRelated\n\n" + ("A long paragraph that goes on. " * 10).strip()
    assert clean_text(text) == (text, [])


def test_privacy_sentences_inside_an_article_are_kept():
    text = "The app's privacy policy changed in May, and regulators noticed the new terms quickly."
    assert clean_text(text) == (text, [])


def test_seed_cleaning(seeds_dir):
    from ingest.read import decode_text

    def reasons(name):
        decoded, _ = decode_text((seeds_dir / name).read_bytes())
        text, dropped = clean_text(decoded)
        return [(d.reason, d.text.strip()[:29]) for d in dropped], text

    assert reasons("001_12cdb5cae0de6556.txt")[0] == [
        ("form residue", "Not ? Click here."),
        ("form residue", "You will receive periodic upd"),
    ]
    assert reasons("002_b6f8dcf92759ded0.txt")[0] == [("whitespace", ""), ("end mark", "###")]
    dropped, text = reasons("003_365d8fd4e22b8eb6.txt")
    assert dropped == [
        ("repeated paragraph", "A van drove around the Micros"),
        ("whitespace", ""),
        ("repeated paragraph", "Activists pose in front of a "),
    ]
    assert text.count("A van drove around") == 1
    assert reasons("004_4266f1901df54337.txt")[0] == [("whitespace", ""), ("related links", "Related Content")]
