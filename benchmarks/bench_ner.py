"""Names via Presidio (spaCy NER) next to the built-in detectors, batched and one call per text.

    python benchmarks/bench_ner.py [DATASET] [--model en_core_web_sm] [--entities PERSON,LOCATION,NRP]
        [--out benchmarks/NER_RESULTS.md]   # --out appends the tables and the command
    # or OTEL_REDACT_QUALITY_DATASET=...; needs pip install 'otel-redact[presidio]' and a spaCy model

Quality as in bench_quality.py (recall: >= 90 % of a gold span's characters covered by any
finding, or by findings of its type for "exact"; precision: share of findings overlapping a
gold span; false alarms: findings of a type in records without a gold span of that type), for
the built-in detectors merged with the batched Presidio detector (default entity types:
PERSON, LOCATION, NRP).
Throughput: Presidio alone on every text, batched in exports of 512 texts versus one call per text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import DEFAULT_PATH, covered  # noqa: E402

from otel_redact._anonymizer import _merge_findings  # noqa: E402
from otel_redact._detectors import Finding, default_detectors  # noqa: E402
from otel_redact._presidio import presidio_detector  # noqa: E402

TYPES = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")
EXPORT_BATCH = 512  # BatchSpanProcessor's default max_export_batch_size


def scores(records: List[dict], results: Sequence[List[Finding]]) -> Dict[str, tuple]:
    """Per type: gold, recall (any), recall (exact), false alarms; and overall precision under "*"."""
    table: Dict[str, list] = {kind: [0, 0, 0, 0] for kind in TYPES}
    found = true = 0
    for record, findings in zip(records, results):
        spans = [(s["start_position"], s["end_position"], s["entity_type"]) for s in record["spans"]]
        for start, end, kind in spans:
            if kind in table:
                row = table[kind]
                row[0] += 1
                row[1] += covered(start, end, findings) >= 0.9
                row[2] += covered(start, end, [f for f in findings if f.entity == kind]) >= 0.9
        kinds = {kind for _, _, kind in spans}
        for finding in findings:
            found += 1
            true += any(finding.start < end and start < finding.end for start, end, _ in spans)
            if finding.entity in table and finding.entity not in kinds:
                table[finding.entity][3] += 1
    result = {kind: (g, a / max(1, g), e / max(1, g), fa) for kind, (g, a, e, fa) in table.items()}
    result["*"] = (found, true / max(1, found))
    return result


def rate(texts: List[str], run: Callable[[List[str]], object]) -> float:
    started = time.perf_counter()
    run(texts)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=os.environ.get("OTEL_REDACT_QUALITY_DATASET", DEFAULT_PATH))
    parser.add_argument("--model", default="en_core_web_sm", help="an installed spaCy model")
    parser.add_argument("--entities", default="PERSON,LOCATION,NRP", help="Presidio entity types, comma-separated")
    parser.add_argument("--out", help="also append the tables as Markdown to this file")
    args = parser.parse_args()
    path = Path(args.dataset)
    records = json.loads(path.read_text(encoding="utf-8"))
    texts = [record["full_text"] for record in records]
    builtins = default_detectors()
    entities = args.entities.split(",")
    ner = presidio_detector(entities, model=args.model)
    full = presidio_detector(model=args.model, entities=["PERSON", "LOCATION", "NRP", "DATE_TIME"])

    def batched(chunk: List[str]) -> List[List[Finding]]:
        return [f for i in range(0, len(chunk), EXPORT_BATCH) for f in ner.find_batch(chunk[i : i + EXPORT_BATCH])]

    ner.find_batch(texts[:8])
    found_ner = batched(texts)
    alone = [builtins.find(text) for text in texts]
    combined = [_merge_findings(b, n) for b, n in zip(alone, found_ner)]
    quality_alone, quality = scores(records, alone), scores(records, combined)

    sample = texts[:500]
    speeds = [
        ("batched (find_batch, 512 per export)", rate(texts, batched)),
        ("one call per text (find)", rate(sample, lambda chunk: [ner.find(t) for t in chunk])),
        ("Presidio full pipeline, one call per text", rate(sample, lambda chunk: [full.find(t) for t in chunk])),
    ]
    lines = [
        f"dataset: {path.name}, {len(records)} texts; model {args.model}; "
        f"detectors: built-ins + presidio_detector({entities}), batched",
        "",
        "| type | gold | recall (any) | recall (exact) | false alarms | built-ins alone: recall / exact / alarms |",
        "|---|---|---|---|---|---|",
    ]
    for kind in TYPES:
        gold, any_, exact, alarms = quality[kind]
        _, a_any, a_exact, a_alarms = quality_alone[kind]
        lines.append(f"| {kind} | {gold} | {any_:.3f} | {exact:.3f} | {alarms} | {a_any:.3f} / {a_exact:.3f} / {a_alarms} |")
    lines += [
        "",
        f"precision over all {quality['*'][0]} findings: {quality['*'][1]:.3f} "
        f"(built-ins alone: {quality_alone['*'][1]:.3f} over {quality_alone['*'][0]})",
        "Presidio 2.2.366 defaults with en_core_web_sm (datasets/README.md): PERSON recall 0.665 / 0.625, 147 false alarms",
        "",
        "| Presidio NER path | texts/s | vs one call per text |",
        "|---|---|---|",
    ]
    base = speeds[1][1]
    lines += [f"| {name} | {speed:,.0f} | {speed / base:.2f}x |" for name, speed in speeds]
    print("\n".join(lines))
    if args.out:
        command = "python benchmarks/bench_ner.py " + " ".join(sys.argv[1:])
        with open(args.out, "a", encoding="utf-8") as out:
            out.write("\n```\n" + command + "\n```\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
