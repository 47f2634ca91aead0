"""Many threads ending spans while configure() and reset() flip the filters; then a fork."""

from __future__ import annotations

import os
import threading
import time
from typing import Dict, List, Tuple

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

import otel_redact
from otel_redact import Span
from tests.conftest import OtlpBytesExporter

THREADS = 8
SPANS_PER_THREAD = 5_000
CANARY = "canary-4111 1111 1111 1111"


def mark(span: Span) -> None:
    """The configured filter: marks every span it saw and hides the canary."""
    span.set_attribute("marked", True)
    span.set_attribute("secret", "[hidden]")


def test_threads_configure_reset_flush_shutdown(exporter):
    provider = TracerProvider(shutdown_on_exit=False)
    total = THREADS * SPANS_PER_THREAD
    provider.add_span_processor(
        BatchSpanProcessor(exporter, max_queue_size=total, max_export_batch_size=2048, schedule_delay_millis=50)
    )
    tracer = provider.get_tracer("concurrency")
    errors: List[BaseException] = []
    stop = threading.Event()
    # When each span.end() ran, and when filters were surely configured (monotonic ns).
    ends: Dict[Tuple[int, int], Tuple[int, int]] = {}
    windows: List[Tuple[int, int]] = []

    def worker(index: int) -> None:
        try:
            for n in range(SPANS_PER_THREAD):
                span = tracer.start_span(f"w{index}")
                span.set_attribute("secret", CANARY)
                span.set_attribute("id", (index, n))
                before = time.monotonic_ns()
                span.end()
                ends[index, n] = (before, time.monotonic_ns())
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    def flipper() -> None:
        try:
            while not stop.is_set():
                otel_redact.configure(span_processors=[mark], tracer_provider=provider)
                configured = time.monotonic_ns()
                time.sleep(0.002)
                windows.append((configured, time.monotonic_ns()))
                otel_redact.reset(provider)
                time.sleep(0.002)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    flip_thread = threading.Thread(target=flipper)
    flip_thread.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    stop.set()
    flip_thread.join(timeout=10)
    assert not any(t.is_alive() for t in (*threads, flip_thread)), "deadlock"
    assert provider.force_flush(timeout_millis=30_000)
    provider.shutdown()
    seconds = time.perf_counter() - started

    assert errors == []
    assert len(exporter.spans) == total
    marked = [s for s in exporter.spans if s.attributes.get("marked")]
    raw = [s for s in exporter.spans if not s.attributes.get("marked")]
    assert all(s.attributes["secret"] == "[hidden]" for s in marked)
    assert all(s.attributes["secret"] == CANARY for s in raw)
    # A raw span's end() did not run wholly inside a window where filters were configured.
    for span in raw:
        before, after = ends[tuple(span.attributes["id"])]
        assert not any(start <= before and after <= end for start, end in windows), span.attributes["id"]
    assert windows
    print(f"\n{total} spans from {THREADS} threads, {len(marked)} filtered, {len(windows)} configure/reset cycles, {seconds:.1f} s")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is not available")
def test_forked_child_redacts_and_exports(tmp_path):
    """configure() in the parent holds in a child: the gate is inherited, and the child's
    BatchSpanProcessor starts a fresh export thread after the fork."""
    report = tmp_path / "child.txt"
    provider = TracerProvider(shutdown_on_exit=False)
    exporter = OtlpBytesExporter()
    provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=50))
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=provider)
    try:
        pid = os.fork()
        if pid == 0:  # the child: never return into pytest
            code = 1
            try:
                with provider.get_tracer("child").start_as_current_span("child") as span:
                    span.set_attribute("input.value", "mail jane.doe@example.com")
                provider.force_flush(10_000)
                leaked = exporter.contains("jane.doe@example.com")
                report.write_text(f"{len(exporter.spans)} {leaked} {exporter.spans[-1].attributes['input.value']}")
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 0
        assert report.read_text() == "1 False mail <EMAIL_ADDRESS>"
    finally:
        otel_redact.reset(provider)
        provider.shutdown()
