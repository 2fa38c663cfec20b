"""Where an import's time goes: seconds per stage, summed over documents.

Stages nest (entity resolution runs inside the write, extraction inside
reading a document): a stage's seconds leave out the stages inside it, so the
stages add up to the time spent in them all.
"""
import time
from contextlib import contextmanager
from functools import wraps

STAGES = ("read", "clean", "extract", "resolve", "write")


class StageClock:
    def __init__(self):
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._inner = []  # per open stage: seconds spent in stages inside it

    @contextmanager
    def stage(self, name):
        start = time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.seconds[name] += elapsed - self._inner.pop()
            if self._inner:
                self._inner[-1] += elapsed

    def add(self, seconds):
        for name, value in seconds.items():
            self.seconds[name] += value

    def take(self):
        """The seconds so far, and start again from zero (a worker sends these with each document)."""
        taken, self.seconds = self.seconds, dict.fromkeys(STAGES, 0.0)
        return taken


# One per process: the importer reads it, worker processes send theirs back.
CLOCK = StageClock()
stage = CLOCK.stage


def timed(name):
    """Count a function's time under stage ``name``."""

    def decorate(function):
        @wraps(function)
        def wrapper(*args, **kwargs):
            with stage(name):
                return function(*args, **kwargs)

        return wrapper

    return decorate
