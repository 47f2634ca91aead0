"""The benchmark scripts still run and print their tables, at tiny sizes.

No figure of speed is checked here (that is what the scripts are for, on a quiet machine);
what is checked is what the tables claim besides speed: every row is there, no anonymizer
row leaves a PII value behind, both gate engines find the same, and detection quality on the
labelled dataset stays at least Presidio's for every type.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
DATASET = BENCHMARKS.parents[1] / "shared" / "datasets" / "presidio_synth_dataset_v2.json"


def run(script: str, *args: str) -> str:
    """The standard output of a benchmark script run with ``args`` (it must exit 0)."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args], capture_output=True, text=True, timeout=600, cwd=BENCHMARKS.parent
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def table_rows(output: str, names: List[str]) -> Dict[str, str]:
    """The line of each row named in ``names`` (each must be there)."""
    rows = {name: next((line for line in output.splitlines() if line.startswith(name)), "") for name in names}
    assert all(rows.values()), f"rows missing: {[name for name, line in rows.items() if not line]}\n{output}"
    return rows


def test_span_overhead_times_every_scenario_in_every_configuration() -> None:
    output = run("bench_span_overhead.py", "--spans", "20", "--rounds", "1")
    header = next(line for line in output.splitlines() if line.startswith("scenario"))
    columns = len(re.split(r"\s{2,}", header.strip())) - 1
    names = ["small HTTP span (10 attrs)", "small HTTP span, unique URL", "GenAI 4 KB, no PII, repeated",
             "GenAI 4 KB, no PII, unique", "GenAI 4 KB, 10 PII, repeated", "GenAI 4 KB, 10 PII, unique"]
    for line in table_rows(output, names).values():
        ratios = re.findall(r"µs \((\d+\.\d+)x\)", line)
        assert len(ratios) == columns >= 5 and ratios[0] == "1.00"  # the plain pipeline is the unit


def test_anonymizer_benchmark_leaves_no_pii_in_any_row() -> None:
    output = run("bench_anonymizer_peers.py", "--rounds", "1", "--budget-ms", "1")
    rows = [line for line in output.splitlines() if re.search(r"\d+/10$", line)]
    assert any(line.startswith("otel-redact create_anonymizer(), regex engine") for line in rows)
    assert any(line.startswith("DIY recursive re.sub") for line in rows)
    assert rows and all(line.endswith(" 0/10") for line in rows), output


def test_anonymizer_profile_prints_every_row_for_every_engine() -> None:
    output = run("profile_anonymizer.py", "--rounds", "1", "--count", "3")
    engines = re.findall(r"engine (\w+)", next(line for line in output.splitlines() if line.startswith("what is")))
    names = ["(b) payload, new text every call", "(b) payload, the same payload every call",
             "(b) its 20 message strings, one by one", "one message, no PII", "one message, an e-mail",
             "one message, a phone number", "one message, a card number", "one message, an SSN",
             "(a) span's 2 message attributes, no PII", "(a) span's 2 message attributes, 10 PII",
             "(a) small span's new URL, one after another", "(a) a plain span, then that new URL",
             "(a) a plain span alone, no processor"]
    for line in table_rows(output, names).values():
        assert len(re.findall(r"\d+\.\d µs", line)) == len(engines) >= 1


def test_throughput_engines_find_the_same() -> None:
    output = run("bench_throughput.py", "--size", "20000", "--repeat", "1")
    rows = table_rows(output, ["0.02 MB clean LLM-like text", "0.02 MB with 1 % PII", "short 'gpt-4o'"])
    findings = rows["0.02 MB with 1 % PII"].split()[-1]
    assert findings.isdigit() and int(findings) > 0  # one count: every engine found as many


@pytest.mark.skipif(not DATASET.exists(), reason="the labelled dataset lies in ../shared beside the checkout")
def test_quality_stays_at_least_presidios_on_every_type() -> None:
    output = run("bench_quality.py", str(DATASET))
    types = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS"]
    for kind, line in table_rows(output, types).items():
        ours, presidio = line.split("|")
        _, gold, recall, exact, precision, _ = ours.split()
        presidio_recall, presidio_exact, _ = presidio.split()
        assert int(gold) > 0
        assert float(recall) >= float(presidio_recall) and float(exact) >= float(presidio_exact), line
        assert float(precision) >= 0.99, line
    overall = re.findall(r"precision over all \d+ findings: (\d\.\d+)", output)
    assert len(overall) == 2 and all(float(precision) >= 0.99 for precision in overall), output
    # with the key-value finder: dates of birth stated in prose ("She was born on 2/8/1935")
    _, keys_table = output.split("with the key-value finder too")
    _, gold, recall, before = table_rows(keys_table, ["DATE_TIME"])["DATE_TIME"].split()
    assert float(recall) > float(before) and int(gold) > 0
