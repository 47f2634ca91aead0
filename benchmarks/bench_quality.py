"""Detection quality of the default detectors on Presidio's labelled synthetic sentences.

    python benchmarks/bench_quality.py [DATASET] [--verbose]   # or OTEL_REDACT_QUALITY_DATASET=...

Recall of a gold span: at least 90 % of its characters covered by some finding (any type), or by
findings of its own type (exact). Precision: share of findings overlapping some gold span (of
any type, labelled types we do not detect included). False alarms: findings of a type in records
without a gold span of that type. A second table adds what the key-value finder finds after a
key or a verb naming the value ("my SSN: x", "my IBAN is x", "she was born on x"), as
``create_anonymizer`` and ``pii_filter`` run it: recall (any type) of every labelled type it adds to.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

from otel_redact._anonymizer import TextRedactor, _merge_findings
from otel_redact._detectors import Finding, default_detectors

TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")
DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "presidio_synth_dataset_v2.json"

# Presidio 2.2.366 defaults on the same file (datasets/README.md): recall any, recall exact, false alarms.
PRESIDIO: Dict[str, Tuple[float, float, int]] = {
    "EMAIL_ADDRESS": (1.000, 1.000, 0),
    "PHONE_NUMBER": (0.652, 0.554, 20),
    "CREDIT_CARD": (0.978, 0.772, 0),
    "IBAN_CODE": (1.000, 1.000, 0),
    "US_SSN": (1.000, 1.000, 0),
    "IP_ADDRESS": (1.000, 1.000, 0),
}


def covered(start: int, end: int, findings: Sequence[Finding]) -> float:
    """Share of the characters of [start, end) covered by the findings."""
    hit = sum(max(0, min(end, f.end) - max(start, f.start)) for f in findings)
    return hit / max(1, end - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=os.environ.get("OTEL_REDACT_QUALITY_DATASET", DEFAULT_PATH))
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    path = Path(args.dataset)
    records = json.loads(path.read_text(encoding="utf-8"))
    detectors = default_detectors()
    texts = [record["full_text"] for record in records]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        results = [detectors.find(text) for text in texts]
        best = min(best, time.perf_counter() - started)

    gold = dict.fromkeys(TYPES, 0)
    hit_any = dict.fromkeys(TYPES, 0)
    hit_exact = dict.fromkeys(TYPES, 0)
    found = dict.fromkeys(TYPES, 0)
    true = dict.fromkeys(TYPES, 0)
    alarms = dict.fromkeys(TYPES, 0)
    all_found = all_true = 0
    misses: List[str] = []
    for record, findings in zip(records, results):
        spans = [(s["start_position"], s["end_position"], s["entity_type"]) for s in record["spans"]]
        for start, end, kind in spans:
            if kind not in gold:
                continue
            gold[kind] += 1
            if covered(start, end, findings) >= 0.9:
                hit_any[kind] += 1
            else:
                misses.append(f"  missed {kind}: {record['full_text'][start:end]!r}")
            if covered(start, end, [f for f in findings if f.entity == kind]) >= 0.9:
                hit_exact[kind] += 1
        kinds = {kind for _, _, kind in spans}
        for finding in findings:
            overlaps = any(finding.start < end and start < finding.end for start, end, _ in spans)
            all_found += 1
            all_true += overlaps
            if finding.entity in found:
                found[finding.entity] += 1
                true[finding.entity] += overlaps
                if finding.entity not in kinds:
                    alarms[finding.entity] += 1
                    if not overlaps:
                        text = record["full_text"]
                        misses.append(f"  false alarm {finding.entity}: {text[finding.start:finding.end]!r}")

    print(f"dataset: {path.name}, {len(records)} texts")
    print(f"{'type':<14} {'gold':>5} {'recall':>7} {'exact':>7} {'prec':>7} {'alarms':>7} | "
          f"{'presidio recall':>15} {'exact':>6} {'alarms':>6}")
    for kind in TYPES:
        p_any, p_exact, p_alarms = PRESIDIO[kind]
        precision = true[kind] / found[kind] if found[kind] else 1.0
        print(f"{kind:<14} {gold[kind]:>5} {hit_any[kind] / gold[kind]:>7.3f} "
              f"{hit_exact[kind] / gold[kind]:>7.3f} {precision:>7.3f} {alarms[kind]:>7} | "
              f"{p_any:>15.3f} {p_exact:>6.3f} {p_alarms:>6}")
    print(f"precision over all {all_found} findings: {all_true / max(1, all_found):.3f}")
    print(f"speed: {len(texts) / best:,.0f} texts/s (Presidio: ~1,070 patterns only, ~112 with NER)")
    with_keys(records, results)
    if args.verbose:
        print("\n".join(misses))


def with_keys(records: List[Dict[str, Any]], detected: List[List[Finding]]) -> None:
    """Print recall (any type) and precision of the detectors' findings merged with the
    key-value finder's, for every labelled type whose recall the key-value finder raises."""
    finder = TextRedactor()._key_values
    assert finder is not None  # key detection is on by default
    merged = [_merge_findings(found, finder.scan(record["full_text"])[0]) for record, found in zip(records, detected)]
    gold: Dict[str, int] = {}
    before: Dict[str, int] = {}
    after: Dict[str, int] = {}
    for record, found, both in zip(records, detected, merged):
        for span in record["spans"]:
            kind, start, end = span["entity_type"], span["start_position"], span["end_position"]
            gold[kind] = gold.get(kind, 0) + 1
            before[kind] = before.get(kind, 0) + (covered(start, end, found) >= 0.9)
            after[kind] = after.get(kind, 0) + (covered(start, end, both) >= 0.9)
    print("\nwith the key-value finder too (as create_anonymizer and pii_filter run it), the types it adds to:")
    print(f"{'type':<14} {'gold':>5} {'recall':>7} {'before':>7}")
    for kind in sorted(kind for kind in gold if after[kind] > before[kind]):
        print(f"{kind:<14} {gold[kind]:>5} {after[kind] / gold[kind]:>7.3f} {before[kind] / gold[kind]:>7.3f}")
    findings = [(finding, record) for record, both in zip(records, merged) for finding in both]
    true = sum(
        any(f.start < s["end_position"] and s["start_position"] < f.end for s in record["spans"]) for f, record in findings
    )
    print(f"precision over all {len(findings)} findings: {true / max(1, len(findings)):.3f}")


if __name__ == "__main__":
    main()
