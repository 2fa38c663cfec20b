"""The last match of a pattern before an offset, asked for many offsets.

Mentions use it for "the employees" (the group named before), claim sources
for "the coalition" (the last name ending in that noun).
"""
import bisect
import re


class LastMatches:
    """The last ``pattern.finditer(text[:offset])`` match that ``read`` turns into something,
    for many offsets, without scanning the whole text before each one.

    ``stops`` is a character class (a pattern) of the characters no attempt of
    ``pattern`` can consume: an attempt reads at most up to the first one after its
    start. So the text falls into stretches between stops that the pattern reads one
    at a time, and the scan of a prefix agrees with the scan of the whole text up to
    the last stop in it. Every match holds ``anchor`` (a pattern), so only the
    stretches holding an anchor are scanned, each once.
    """

    def __init__(self, text, pattern, stops, anchor, read):
        self.text, self.pattern, self.read = text, pattern, read
        self._next_stop = re.compile(stops)
        self._last_stop = re.compile(r"(?s:.*)" + stops)  # greedy: backs off to the last one
        self.ends, self.found = [], []   # per whole-text match: its end, the last reading so far
        self._anchors = anchor.finditer(text)
        self._anchor = next(self._anchors, None)
        self._stretch_end = -1           # the stop ending the last stretch scanned

    def _stop_before(self, offset, low=0):
        """The last stop in [low, offset), or ``low - 1`` when there is none."""
        window = 256
        while True:
            start = max(low, offset - window)
            found = self._last_stop.match(self.text, start, offset)
            if found:
                return found.end() - 1
            if start == low:
                return low - 1
            window *= 4

    def _shared(self, stop):
        """The last reading of the whole-text matches that end by ``stop``, or None."""
        while self._anchor is not None and self._anchor.start() < stop:
            at = self._anchor.start()
            if at > self._stretch_end:  # a stretch not scanned yet: scan it, its stop included
                start = self._stop_before(at, self._stretch_end + 1) + 1
                after = self._next_stop.search(self.text, at)
                self._stretch_end = after.start() if after else len(self.text)
                for match in self.pattern.finditer(self.text, max(start, 0), self._stretch_end + 1):
                    value = self.read(match)
                    self.found.append(value if value is not None else (self.found[-1] if self.found else None))
                    self.ends.append(match.end())
            self._anchor = next(self._anchors, None)
        shared = bisect.bisect_right(self.ends, stop)
        return self.found[shared - 1] if shared else None

    def last(self, offset):
        stop = self._stop_before(offset)
        for match in reversed(list(self.pattern.finditer(self.text, stop + 1, offset))):
            value = self.read(match)
            if value is not None:
                return value
        return self._shared(stop)
