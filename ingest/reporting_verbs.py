"""The one list of reporting verbs, and the one reporting phrase that is not a verb.

Quotes, attribution, speakers and claim sources all read them from here.
"""
import re

from .lexicon import word_alternation

# The one list of reporting verbs (every form used after or before a quote).
REPORTING_VERBS = tuple("""
said says say saying told tells tell telling wrote writes write writing written added adds
add adding asked asks ask asking explained explains explaining noted notes noting stated
states stating declared declares declaring announced announces announcing argued argues
arguing warned warns warning insisted insists insisting claimed claims claiming continued
continues recalled recalls recalling acknowledged acknowledges admitted admits agreed agrees
replied replies replying responded responds remarked remarks observed observes conceded
concedes commented comments commenting tweeted tweets tweeting posted posts emailed
texted quipped quips joked jokes joking cautioned cautions urged urges urging stressed
stresses emphasized emphasizes emphasised emphasises testified testifies
suggested suggests recounted recounts described describes describing called calls calling
reported reports pledged pledges promised promises vowed vows boasted boasts
denied denies countered counters shouted yelled begged begs lamented laments complained
complains mused muses offered wondered wonders demanded demands reiterated reiterates
maintained maintains affirmed confirmed confirms assured assures alleged alleges contended
contends asserted asserts hinted mouthed dubbed blasted exclaimed whispered chanted
retorted opined speculated teased proclaimed characterized characterised termed labeled
labelled branded deemed chimed explains explained pointed messaged yelling shouting
declaring screamed cried concluded concludes advised advises
""".split())
_VERB_FORMS = frozenset(REPORTING_VERBS)
# The longest form first, factored by prefix; patterns that need the verbs
# inside a longer expression (single-quoted speech) build on it.
VERB_ALTERNATION = word_alternation(_VERB_FORMS)
REPORTING_VERB = re.compile(rf"\b(?:{VERB_ALTERNATION})\b")
# The one reporting phrase that is not a verb: its speaker follows it.
ACCORDING_TO = re.compile(r"\baccording to\b", re.I)
