"""Word lists the name and attribution heuristics share: one place per list.

Every list is a plain set of lower-case words (places keep their capitals),
written for English news and campaign text; none is exhaustive, and each
heuristic treats membership as evidence, not proof.
"""

# Honorifics carry no role: "Mr. Trump" is Donald Trump, not a title.
HONORIFICS = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame", "lord", "lady",
              "reverend", "rev"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Lower-case words that may sit inside a person's name ("Van Der Beek", "de Bolle").
PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le",
             "bin", "ibn", "al", "el", "dos", "das", "ter", "ten"}

# Head nouns of roles: the word a title ends on ("Senior Campaign Director").
ROLE_HEADS = set("""
campaigner director manager strategist founder co-founder cofounder president chairman
chairwoman chair chairperson ceo cfo coo cto executive officer secretary minister
spokesperson spokesman spokeswoman representative senator congressman congresswoman
governor mayor attorney lawyer counsel judge justice ambassador envoy negotiator commander
commissioner general colonel col sergeant captain lieutenant admiral professor researcher
scientist economist analyst fellow author co-author coauthor editor reporter correspondent
columnist journalist writer host anchor actor actress singer singer-guitarist guitarist
musician rapper producer player coach quarterback organizer organiser activist volunteer
member leader head adviser advisor aide specialist official administrator investor partner
owner engineer doctor physician nurse surgeon teacher expert consultant chancellor dean
provost principal superintendent sheriff inspector detective trooper pastor priest rabbi imam
bishop premier staffer pollster candidate nominee commentator comedian prosecutor strategist
economist chief lawmaker legislator diplomat researcher student commenter user insider
designer architect planner coordinator organiser supervisor superintendent treasurer
clerk auditor controller comptroller marshal deputy warden ranger agent councilmember
vp svp evp councilman councilwoman councillor councilor alderman alderwoman assemblymember assemblyman
assemblywoman delegate trustee selectman regent magistrate
""".split())
# Abbreviated titles ("Sen. Warren"); never plural, so "Press" is not "Pres" + s.
ROLE_ABBREVIATIONS = {"sen", "rep", "gov", "lt", "gen", "capt", "sgt", "amb", "pres", "supt", "det",
                      "atty", "cmdr", "adm", "maj", "col"}
# Words that may precede a head inside a title even when capitalised.
ROLE_MODIFIERS = set("""
senior junior chief executive vice deputy associate assistant lead campaign managing general
former acting interim foreign defense defence prime press communications policy legal
national security research special principal founding co managing political digital
state district federal regional global international public finance operating technology
marketing program programme science health education energy interior home justice
""".split())
# Nationality and country adjectives stay in a title ("Israeli Prime Minister").
DEMONYMS = set("""
us u.s. uk u.k. eu un american british english scottish welsh irish canadian mexican
israeli palestinian afghan pakistani indian chinese japanese korean russian ukrainian
french german italian spanish portuguese dutch belgian swiss austrian swedish norwegian
danish finnish polish czech hungarian greek turkish iranian iraqi syrian saudi egyptian
jordanian lebanese australian brazilian argentine argentinian chilean colombian venezuelan
cuban nigerian kenyan south african ethiopian vietnamese thai indonesian filipino
republican democratic hungarian-american
""".split())
# Last words that make a capitalised run an organization, not a person.
ORG_WORDS = set("""
inc inc. corp corporation co company llc ltd group party committee council department
ministry office agency administration association institute institution university college
school foundation fund bank center centre coalition alliance union league federation
society trust commission board bureau authority service services systems securities
equities capital partners holdings media news network press times post journal tribune
herald guardian project campaign action progress court police army navy force forces
military government senate house congress parliament assembly organization organisation
nations industries technologies labs laboratories studios productions records entertainment
church hospital clinic infirmary facility directorate club exchange airlines motors
pharmaceuticals insurance brothers team panel ventures initiative movement reuters
magazine radio television tv channel review daily weekly gazette ledger sentinel
analytics solutions collective local institute
""".split())
# Plural nouns that make a subject a group ("Microsoft employees").
GROUP_WORDS = set("""
employees workers staff officers officials activists protesters protestors demonstrators
critics supporters opponents residents voters members leaders lawmakers legislators
advocates organizers organisers volunteers scientists researchers scholars experts
analysts economists doctors nurses teachers students parents families people users
aides signatories petitioners groups organizations organisations democrats republicans
executives investors shareholders analysts authorities agents police troops soldiers
commenters campaigners founders judges senators representatives immigrants migrants
americans citizens fans customers consumers neighbours neighbors locals crowd audience
""".split())

# Capitalised words that start sentences or name dates, never people.
NOT_NAMES = set("""
the a an in on at but and or so if when while after before since as for from with without by
to of it its this that these those there here he she they we i his her their our some many
most more other another every each all both meanwhile however still also even only now then
yet earlier later last next according although though because unlike like despite during
following until why what who how where which once over under about into than just not no
yes oh hey monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december today tonight yesterday
tomorrow instead indeed perhaps finally first second third regardless similarly additionally
further furthermore moreover overall plus let let's we're it's that's ok
tell sign join read see click help stop demand support thank watch learn take get make keep
share send call ask urge visit donate follow find meet say add please end drop cancel one
instances jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# Days and months: "on Tuesday" ends a name, "Fight for the Future" does not.
DATE_WORDS = set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# Places that read like two-word names ("New York") and speak only as governments.
PLACES = set("""
Washington California Texas Florida Ohio Virginia Georgia Carolina Dakota Jersey York Kong
Mexico Canada China Russia Ukraine Israel Iran Iraq Syria Afghanistan Pakistan India Japan
Korea Britain England Scotland Wales Ireland France Germany Italy Spain Europe Africa Asia
America Beijing Moscow London Paris Berlin Tokyo Brussels Jerusalem Kabul Seattle Chicago
Boston Atlanta Detroit Houston Dallas Miami Denver Phoenix Philadelphia Baltimore Vegas
Angeles Orleans Portland Minneapolis Nashville Redmond Maryland
Massachusetts Michigan Pennsylvania Arizona Nevada Oregon Colorado Minnesota Wisconsin
Iowa Missouri Kentucky Tennessee Alabama Louisiana Mississippi Arkansas Oklahoma Kansas
Nebraska Montana Wyoming Idaho Utah Alaska Hawaii Maine Vermont Hampshire Connecticut
Delaware Indiana Illinois
""".split())
# Last words of place names ("Central Park", "Columbia City").
PLACE_WORDS = {"park", "street", "avenue", "square", "river", "lake", "island", "islands", "bay",
               "beach", "county", "city", "valley", "mountain", "mountains", "road", "bridge",
               "airport", "station", "strait", "sea", "ocean", "coast", "province", "region",
               "district", "state", "heights", "hills", "village", "town", "campus", "plaza"}
# Words that never sit inside a title before a name ("for judges Len Goodman").
FUNCTION_WORDS = set("""
against what for by with to from into onto upon among between through across toward towards
around behind beyond within without per via amid and or but nor the a an that which who whom
whose when while where as after before since if than then so is was were are be been has have
had do does did will would could should can may might must not no told said says
""".split())
# Lower-case words that sit inside a printed title ("defensive captain", "industry analyst").
TITLE_LOWER = {"senior", "chief", "lead", "former", "deputy", "executive", "vice", "associate",
               "assistant", "managing", "defensive", "offensive", "industry", "equity", "study",
               "press", "campaign", "veteran", "general", "special", "acting", "interim", "top",
               "founding", "research", "portfolio", "policy", "news", "political", "legal", "longtime"}
# Common first names: evidence of a person and of "he"/"she" (never required).
FEMALE_NAMES = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole
emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan
cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean
alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa
sophia marie diana brittany natalie isabella charlotte rose alexis kayla
""".split())
MALE_NAMES = set("""
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith
roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe
bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene
russell bobby philip louis bernie mike tim kurt rudy rick mitch chuck ted devin beto cory pete
bill barack hunter volodymyr vladimir boris keir nick dominic reuben matt jelani lucas owen
martin jeff chris lewis brent marco gordon rafael feliciano novak andy reilly cam sheldon myles
satya marcelo leon ken avi saeb ayman emmanuel xi narendra recep jair justin olaf
""".split())

PRONOUNS = {"he", "she", "they", "it"}
SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
          "representatives", "spokespersons"}
# "the company said": a body referred to by its kind.
BODY_NOUNS = {"company", "agency", "firm", "group", "organization", "organisation", "ministry",
              "department", "administration", "band", "label", "network", "campaign", "coalition",
              "party", "government", "office", "committee", "council", "union", "club", "team",
              "board", "commission", "military", "police", "army", "brokerage", "bank", "university",
              "school", "hospital", "court", "embassy", "league", "federation", "brand", "automaker",
              "retailer", "startup", "nonprofit", "charity", "publisher", "newspaper", "station",
              "leadership", "management", "institute", "foundation", "center", "centre"}
# "the statement said": a document speaks for whoever issued it.
DOC_NOUNS = {"statement", "statements", "release", "letter", "report", "post", "tweet", "email",
             "memo", "note", "filing", "complaint", "lawsuit", "study", "survey", "petition",
             "website", "message", "announcement", "notice", "blog", "brochure", "presentation",
             "materials", "documents", "document", "ad", "advertisement", "pitch", "analysis"}
# People the text does not name: "the man wrote", "a witness said".
UNNAMED = {"man", "woman", "person", "individual", "source", "witness", "mother", "father",
           "son", "daughter", "wife", "husband", "resident", "neighbor", "neighbour", "friend",
           "relative", "patient", "victim", "boy", "girl", "teenager", "customer", "passenger"}
# Function words that end a subject noun phrase read leftwards from its verb.
CLAUSE_STOP = set("""
that which who whom whose when while where as after before because if since though although
than then so but or nor and to in on at by into about over under is was were are be been has
have had do does did will would could should can may might must not no this these those there
here what why how said says told says also even just only more most very such it its they
them their he him his she her we us our i me my you your
""".split())
# Words that open a noun phrase ("the company", "one legal expert").
DETERMINERS = {"the", "a", "an", "one", "another", "two", "three", "some", "several", "many"}


def word_set(text):
    """The words of a list written as one string, split on whitespace."""
    return set(text.split())


def word_alternation(words):
    """A regex alternation of ``words`` that matches what ``"|".join(words sorted longest
    first)`` matches, preferring longer words as it does, but factored by common prefixes
    ("sa(?:id|ys|y(?:ing)?)"), so that the regex engine tries one branch per letter
    instead of every word."""
    import re

    tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node):
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)
