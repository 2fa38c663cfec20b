"""Scoring extracted records against the gold sets (../shared/gold/GUIDELINES.md).

One module per kind of record, each plain functions over lists of dicts:

- ``quotes``: quotes, with speaker / title / org agreement;
- ``figures``: figures, their unit / qualifier / value, and figure families;
- ``claims``: checkable claims and whom they are attributed to;
- ``entities``: people and organization mentions against the gold entity lists;
- ``bodies``: HTML article bodies against the peer benchmark's ``articleBody``.

``common`` holds what they share (P/R/F1 arithmetic, text keys, one-to-one
matching) and ``gold`` loads the gold sets ("seeds", "news", "demo"), so the
tests and the ``bench/score_*.py`` scripts score the same way.
"""
