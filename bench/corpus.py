"""A deterministic, news-like benchmark corpus (every name and number invented).

Usage: python bench/corpus.py N FOLDER [--seed S]

Each document is an article, press release or petition in the demo corpus's
manner (kb/demo): a headline, a byline or contact, a dateline, figures that
move between sources ("more than 40,000 signatures", "$12.7 million"), and
about ten quotes in the attribution forms real news uses ("…," said Name,
title at Org / Name said / according to Name / a pronoun after a named
speaker). Speakers are drawn from a pool of about a million synthetic names
(a few thousand recur across documents, most appear once or twice), so a
100k-document corpus has on the order of 100k distinct speakers; topic words
each reach well under 1% of quotes, while "community" is in about 10% of them
(the broad-word search of issue #7). The same N and seed always give the same
bytes. Files go in sub-folders of 1,000 so no directory gets huge.
"""
import argparse
import pathlib
import random

FIRST = ("Dana Jonah Leila Grace Tomasz Noor Petra Harlan Teodora Marisol Idris Wen Ana Kofi Sunniva Ravi "
         "Elena Mateo Aiko Brigid Omar Lucia Farid Ines Tobias Yara Declan Priya Soren Amara Felix Nadia "
         "Ruth Emeka Hana Lorenzo Maeve Samir Greta Jun Olivia Tariq Ingrid Paulo Zainab Henrik Esme Kwame "
         "Miriam Arjun Clara Diego Freya Malik Rosa Viktor Imani Lars Chiara Bashir").split()
# Surnames are two syllables and an ending: millions of them, spread as
# widely as real surnames, so name blocks stay small as the corpus grows.
SYLLABLES = [onset + vowel + coda for onset in "bdfghklmnprstvw" for vowel in "aeiou"
             for coda in ("", "n", "r", "s", "l", "m", "k", "t", "d")]
ENDINGS = "son stad berg ford ley man ova ini ez wood dottir ski field ton".split()
TITLES = ("organizer", "senior organizer", "policy director", "spokesperson", "executive director",
          "campaign manager", "staff attorney", "research director", "co-founder", "board chair")
PLACES = ("North", "Harbor", "Cedar", "Granite", "Riverside", "Lakeshore", "Prairie", "Summit",
          "Valley", "Coastal", "Ironwood", "Marigold", "Eastgate", "Westbrook", "Juniper", "Copper")
GROUP_NOUNS = ("Privacy", "Tenants", "Transit Riders", "Workers", "Parents", "Civil Liberties",
               "Clean Air", "Digital Rights", "Fair Wages", "Open Data", "Farmworkers", "Students")
GROUP_TYPES = ("Coalition", "Alliance", "Union", "Project", "Network", "Collective", "Council", "Fund")
COMPANY_TYPES = ("Analytics", "Systems", "Logistics", "Holdings", "Labs", "Dynamics")
AGENCIES = ("Department of Transit Safety", "Office of Border Logistics", "Bureau of Civic Records",
            "Department of Public Works", "Housing Authority", "Water Board")
TOPICS = ("surveillance cameras", "facial recognition", "plate readers", "data brokers", "eviction notices",
          "rent increases", "bus fares", "warehouse quotas", "pesticide drift", "school lunches",
          "pipeline permits", "drone patrols", "voter rolls", "gig wages", "heat safety", "water meters",
          "toll lanes", "bail algorithms", "library hours", "clinic closures", "tuition hikes",
          "chemical storage", "noise limits", "transit cuts", "prison phones", "predictive policing")
OUTLETS = ("Ledger", "Gazette", "Sentinel", "Courier", "Dispatch", "Tribune", "Herald", "Observer")
MONTHS = ("January February March April May June July August September October November December").split()
VERBS = ("said", "said", "said", "told reporters", "added", "wrote in a statement")
BACKGROUND = (
    "The group has held weekly meetings since the spring, drawing residents from across the region.",
    "Records obtained through a public records request show the agency expanded the program twice.",
    "The company did not respond to a request for comment on Tuesday.",
    "Opponents say the rules governing {topic} are thin and rarely enforced.",
    "Supporters of the program say it has reduced costs, though no audit has been published.",
    "Council members are expected to take up the question at a hearing next month.",
    "{company} has said in filings that the contract is a small part of its business.",
)
LINES = (
    "We will keep coming back until the {topic} contract is gone.",
    "Nobody in this {community}city voted for {topic}, and nobody asked us.",
    "This is about whether people get a say in how {topic} are used.",
    "The {company} deal was signed without a single public hearing.",
    "Our members have seen what {topic} do to working families.",
    "We are asking for a pause, not a promise.",
    "Every month this runs, more data is collected that can never be recalled.",
    "The company says trust us. We have heard that before.",
    "It is a question of accountability, and the {community}answers so far are thin.",
    "People are tired of finding out after the fact.",
    "There is broad support for ending this, and it is growing every week.",
    "We are not against technology. We are against secrecy.",
)


class People:
    """Synthetic names: a few thousand recur often, the long tail rarely."""

    def __init__(self, rng, size=1_000_000):
        self.rng, self.size = rng, size

    def name(self, index):
        r = random.Random(index * 7919)
        surname = (r.choice(SYLLABLES) + r.choice(SYLLABLES) + r.choice(ENDINGS)).capitalize()
        return f"{r.choice(FIRST)} {surname}"

    def pick(self):
        if self.rng.random() < 0.4:
            return self.name(self.rng.randrange(3000))
        return self.name(self.rng.randrange(self.size))


def organization(rng):
    return f"{rng.choice(PLACES)} {rng.choice(GROUP_NOUNS)} {rng.choice(GROUP_TYPES)}"


def company(rng):
    return f"{rng.choice(PLACES)}{rng.choice(SYLLABLES)} {rng.choice(COMPANY_TYPES)}".title()


def money(rng):
    return f"${rng.randint(2, 90)}.{rng.randint(1, 9)} million"


def count(rng, noun):
    qualifier = rng.choice(("more than ", "over ", "nearly ", "about ", "at least ", ""))
    return f"{qualifier}{rng.randint(12, 980) * rng.choice((1, 10, 100)):,} {noun}"


def quote_paragraph(rng, people, speaker, org, title, topic, company, first):
    """One quote with an attribution; the first mention of a speaker is full."""
    line = rng.choice(LINES).format(topic=topic, company=company,
                                    community="community " if rng.random() < 0.6 else "")
    surname = speaker.split()[-1]
    spoken = line[:-1] + ","  # "…," said Name: the comma news style puts before the attribution
    form = rng.randrange(5) if not first else rng.randrange(3)
    if form == 0:
        return f"“{spoken}” said {speaker}, {title} at {org}."
    if form == 1:
        return f"“{spoken}” {speaker}, the {title} of {org}, {rng.choice(VERBS)}."
    if form == 2:
        return f"According to {speaker}, {title} at {org}, the effort “{line[0].lower() + line[1:-1]}.”"
    if form == 3:
        return f"“{spoken}” {surname} said. {rng.choice(BACKGROUND).format(topic=topic, company=company)}"
    return f"{surname} said the campaign would continue. “{line}”"


def document(number, seed=0):
    """(file name, text) of document ``number``."""
    rng = random.Random(f"{seed}-{number}")
    people = People(rng)
    topic, company_name, agency = rng.choice(TOPICS), company(rng), rng.choice(AGENCIES)
    contract, signatures = money(rng), count(rng, "signatures")
    employees = count(rng, "employees")
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}"
    kind = rng.choices(("article", "press_release", "petition"), (6, 3, 1))[0]
    paragraphs = []
    if kind == "article":
        paragraphs += [f"Pressure grows on {company_name} over {topic} contract",
                       f"By {people.pick()}",
                       f"The {rng.choice(PLACES)} {rng.choice(OUTLETS)} — {date}"]
    elif kind == "press_release":
        paragraphs += [f"FOR IMMEDIATE RELEASE: {date}",
                       f"Contact: {people.pick()}, 555-01{rng.randint(10, 99)}, press@example.org",
                       f"Coalition delivers {signatures} to {company_name} over {topic}"]
    else:
        paragraphs += [f"Petition: Tell {company_name} to cancel its {topic} contract",
                       f"To: {people.pick()}, chief executive of {company_name}"]
    paragraphs.append(
        f"{employees.capitalize()} of {company_name} have signed a letter asking the company to cancel its "
        f"{contract} contract with the {agency}, adding to a petition that has gathered {signatures} "
        f"since it went live this month.")
    paragraphs.append(
        f"The contract, signed in {rng.choice(MONTHS)}, covers {topic} at {rng.randint(12, 90)} sites. "
        f"About {rng.randint(2, 60)} percent of residents surveyed said they had not heard of it, "
        f"and {rng.randint(3, 40)} council members have asked for hearings.")
    speakers = [(people.pick(), organization(rng), rng.choice(TITLES)) for _ in range(rng.randint(3, 6))]
    seen = set()
    for n in range(rng.randint(8, 13)):
        speaker, org, title = speakers[n % len(speakers)]
        paragraphs.append(quote_paragraph(rng, people, speaker, org, title, topic, company_name,
                                          speaker not in seen))
        seen.add(speaker)
        if rng.random() < 0.25:
            paragraphs.append(" ".join(rng.sample(BACKGROUND, 2)).format(topic=topic, company=company_name))
        if rng.random() < 0.3:
            paragraphs.append(
                f"The {agency} said it had spent {money(rng)} on the program since "
                f"{rng.randint(2015, 2024)} and that {count(rng, 'residents')} had filed comments.")
    paragraphs.append(rng.choice(BACKGROUND).format(topic=topic, company=company_name))
    paragraphs.append(f"In a statement, {company_name} said the system “helps agencies work efficiently.”")
    return f"{number // 1000:03}/doc-{number:06}.txt", "\n\n".join(paragraphs) + "\n"


def write_corpus(folder, count_, seed=0):
    """Write documents 0..count_-1 under ``folder``; returns total bytes written."""
    folder = pathlib.Path(folder)
    total = 0
    for number in range(count_):
        name, text = document(number, seed)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    total = write_corpus(options.folder, options.count, options.seed)
    print(f"{options.count:,} documents, {total / 1e6:.1f} MB in {options.folder}")


if __name__ == "__main__":
    main()
