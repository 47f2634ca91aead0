"""Text that no other span or payload of a benchmark run holds, so that no memo can help."""

from __future__ import annotations

WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november".split()


def unique_words(serial: int) -> str:
    """Words that spell ``serial`` and nothing else does, without digits (digits would be
    candidates for the digit-led detectors and change what is measured)."""
    words = []
    while True:
        serial, digit = divmod(serial, len(WORDS))
        words.append(WORDS[digit])
        if not serial:
            return " ".join(words)
