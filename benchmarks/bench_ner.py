"""Names via Presidio (spaCy NER) next to the built-in detectors, batched and one call per text.

    python benchmarks/bench_ner.py [DATASET] [--model en_core_web_sm] [--entities PERSON,LOCATION,NRP]
        [--rounds 5] [--processes N] [--out benchmarks/NER_RESULTS.md]   # --out appends the tables and the command
    # or OTEL_REDACT_QUALITY_DATASET=...; needs pip install 'otel-redact[presidio]' and a spaCy model

Quality as in bench_quality.py (recall: >= 90 % of a gold span's characters covered by any
finding, or by findings of its type for "exact"; precision: share of findings overlapping a
gold span; false alarms: findings of a type in records without a gold span of that type), for
the built-in detectors merged with the batched Presidio detector (default entity types:
PERSON, LOCATION, NRP); PERSON recall also for one call per text and for the adapter as it
was before issue 8.

Throughput: Presidio alone on the same distinct texts, rounds interleaved, medians: batched in
exports of 512 texts (``find_batch``), one call per text (``find``: what
``pii_filter(detectors=[presidio_detector()])`` costs per string, the baseline), each with
the model's matrix products on thinc's default (BLIS) and on numpy's BLAS (``blas="numpy"``);
the adapter before issue 8 one call per text, and Presidio's full spaCy pipeline one call per
text; and batched in ``--processes`` worker processes (default: one per core; 0 leaves the
row out), each with its own model (on numpy's BLAS, their default), every export shared out
among them. OPENBLAS_NUM_THREADS defaults to 1 here, so every path in this process runs on one
core, as each worker process does.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads: one core per path

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable, Dict, List, Sequence, TypeVar  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import DEFAULT_PATH, covered  # noqa: E402

from otel_redact._anonymizer import _merge_findings  # noqa: E402
from otel_redact._detectors import Finding, default_detectors  # noqa: E402
from otel_redact._presidio import PresidioDetector, _keep_only_ner, load_spacy_model, presidio_detector  # noqa: E402

TYPES = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")
EXPORT_BATCH = 512  # BatchSpanProcessor's default max_export_batch_size
BASELINE = "one call per text (find): the synchronous detector, baseline"
"""The throughput path the others are compared with."""
SAMPLE = 1024  # distinct texts timed per round: two exports


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


def previous_detector(entities: List[str], model: str) -> PresidioDetector:
    """The adapter as it was before issue 8: a SpacyNlpEngine with Presidio's code-default NER
    configuration (no FAC label, no label ignored)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp = load_spacy_model(model)
    _keep_only_ner(nlp)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    engine.nlp = {"en": nlp}
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
    analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])
    return presidio_detector(entities, analyzer=analyzer)


Result = TypeVar("Result")


def quiet_presidio(run: Callable[[List[str]], Result]) -> Callable[[List[str]], Result]:
    """``run`` with Presidio's warnings off (the previous adapter logs one per unmapped spaCy label)."""

    def quiet(texts: List[str]) -> Result:
        logger = logging.getLogger("presidio-analyzer")
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            return run(texts)
        finally:
            logger.setLevel(level)

    return quiet


def rate(texts: List[str], run: Callable[[List[str]], object]) -> float:
    started = time.perf_counter()
    run(texts)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=os.environ.get("OTEL_REDACT_QUALITY_DATASET", DEFAULT_PATH))
    parser.add_argument("--model", default="en_core_web_sm", help="an installed spaCy model")
    parser.add_argument("--entities", default="PERSON,LOCATION,NRP", help="Presidio entity types, comma-separated")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (median reported)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="worker processes for one row (0: none)")
    parser.add_argument("--out", help="also append the tables as Markdown to this file")
    args = parser.parse_args()
    path = Path(args.dataset)
    records = json.loads(path.read_text(encoding="utf-8"))
    texts = [record["full_text"] for record in records]
    builtins = default_detectors()
    entities = args.entities.split(",")
    before = previous_detector(entities, args.model)
    ner = presidio_detector(entities, model=args.model)
    on_numpy = presidio_detector(entities, model=args.model, blas="numpy")
    full = presidio_detector(model=args.model, entities=["PERSON", "LOCATION", "NRP", "DATE_TIME"])
    pooled = presidio_detector(entities, model=args.model, processes=args.processes) if args.processes else None

    def batched_by(detector: PresidioDetector) -> Callable[[List[str]], List[List[Finding]]]:
        def batched(chunk: List[str]) -> List[List[Finding]]:
            return [f for i in range(0, len(chunk), EXPORT_BATCH) for f in detector.find_batch(chunk[i : i + EXPORT_BATCH])]

        return batched

    def one_by_one(detector: Any) -> Callable[[List[str]], List[List[Finding]]]:
        return lambda chunk: [detector.find(text) for text in chunk]

    previous = quiet_presidio(one_by_one(before))
    batched, batched_numpy = batched_by(ner), batched_by(on_numpy)
    batched_pooled = batched_by(pooled) if pooled is not None else None
    ner.find_batch(texts[:8])
    found_ner = batched(texts)
    found_pooled = batched_pooled(texts) if batched_pooled is not None else None
    found_numpy = batched_numpy(texts)
    found_one = one_by_one(ner)(texts)
    found_before = previous(texts)
    alone = one_by_one(builtins)(texts)

    def with_builtins(found: List[List[Finding]]) -> List[List[Finding]]:
        return [_merge_findings(b, n) for b, n in zip(alone, found)]

    quality_alone, quality = scores(records, alone), scores(records, with_builtins(found_ner))
    person = {
        "batched (find_batch)": quality["PERSON"],
        "one call per text (find)": scores(records, with_builtins(found_one))["PERSON"],
        "before issue 8, one call per text": scores(records, with_builtins(found_before))["PERSON"],
    }

    distinct = list(dict.fromkeys(texts))
    sample = distinct[:SAMPLE]
    paths = [
        ("batched (find_batch, 512 per export)", batched),
        ('batched, blas="numpy"', batched_numpy),
        (BASELINE, one_by_one(ner)),
        ('one call per text, blas="numpy"', one_by_one(on_numpy)),
        ("one call per text, the adapter before issue 8", previous),
        ("Presidio full pipeline, one call per text", one_by_one(full)),
    ]
    if batched_pooled is not None:
        paths.insert(2, (f"batched in {args.processes} worker processes (processes={args.processes})", batched_pooled))
    timings: Dict[str, List[float]] = {name: [] for name, _ in paths}
    for _ in range(args.rounds):
        for name, run in paths:
            timings[name].append(rate(sample, run))
    speeds = [(name, statistics.median(timings[name])) for name, _ in paths]

    import spacy

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
        "PERSON recall (any / exact) and false alarms, built-ins + Presidio: "
        + "; ".join(f"{name} {a:.3f} / {e:.3f}, {fa}" for name, (_, a, e, fa) in person.items()),
        f"batched and one call per text give the same findings on all {len(texts)} texts: "
        + ("yes" if found_ner == found_one else "NO")
        + '; blas="numpy" too: '
        + ("yes" if found_numpy == found_ner else "NO")
        + (f"; in {args.processes} worker processes too: " + ("yes" if found_pooled == found_ner else "NO") if found_pooled is not None else ""),
        "",
        f"throughput: Presidio alone on the first {len(sample)} of the {len(distinct)} distinct texts, "
        f"{args.rounds} interleaved rounds, median; Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"{os.cpu_count()} cores; OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}",
        "",
        "| Presidio NER path | texts/s | vs one call per text |",
        "|---|---|---|",
    ]
    base = dict(speeds)[BASELINE]
    lines += [f"| {name} | {speed:,.0f} | {speed / base:.2f}x |" for name, speed in speeds]
    print("\n".join(lines))
    if pooled is not None:
        pooled.close()
    if args.out:
        command = "python benchmarks/bench_ner.py " + " ".join(sys.argv[1:])
        with open(args.out, "a", encoding="utf-8") as out:
            out.write("\n```\n" + command + "\n```\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
