"""Batch detectors for worker-process tests, importable by a child by module and name."""

from __future__ import annotations

import os
import re
import time
from typing import FrozenSet, List, Sequence

from otel_redact import Finding

CRASH, FAIL, STALL = "crash-the-worker", "fail-the-worker", "stall-the-worker"


class ShoutDetector:
    """Finds words in capitals; reports the pid that found them in ``pid_log`` if given."""

    entities: FrozenSet[str] = frozenset({"SHOUT"})

    def __init__(self, pid_log: str = "") -> None:
        self._pid_log = pid_log

    def find(self, text: str) -> List[Finding]:
        if CRASH in text:
            os._exit(3)
        if FAIL in text:
            raise ValueError(f"cannot read {text}")
        if STALL in text:
            time.sleep(30)
        return [Finding(m.start(), m.end(), "SHOUT") for m in re.finditer(r"\b[A-Z]{2,}\b", text)]

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        if self._pid_log:
            with open(self._pid_log, "a") as log:
                log.write(f"{os.getpid()}\n")
        return [self.find(text) for text in texts]


class EnvironmentDetector:
    """Reports, for each text naming an environment variable, its value in the child."""

    entities: FrozenSet[str] = frozenset({"VALUE"})

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        return [[Finding(0, len(name), os.environ.get(name, "unset"))] for name in texts]


def broken_factory(**options: object) -> ShoutDetector:
    raise ValueError("no such model: tiny_model")
