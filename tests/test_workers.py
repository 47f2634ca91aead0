"""Batch detectors in worker processes: same findings, failures that drop the batch, clean stops."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Callable, FrozenSet, Iterator, List, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otel_redact import Finding, batch_processor
from otel_redact._workers import WorkerPool, _shares
from tests.conftest import deferred_pipeline
from tests.worker_detectors import CRASH, FAIL, STALL, EnvironmentDetector, ShoutDetector, broken_factory

TEXTS = [f"text {i} says HELLO to ANNA" if i % 3 else f"quiet text {i}" for i in range(40)]


@pytest.fixture
def make_pool() -> Iterator[Callable[..., WorkerPool]]:
    """Builds pools (``WorkerPool``'s arguments) and closes every one of them after the test."""
    made: List[WorkerPool] = []

    def make(*args: Any, **options: Any) -> WorkerPool:
        made.append(WorkerPool(*args, **options))
        return made[-1]

    yield make
    for pool in made:
        pool.close()


@pytest.fixture
def pool(make_pool: Callable[..., WorkerPool], tmp_path: Path) -> WorkerPool:
    return make_pool(ShoutDetector, {"pid_log": str(tmp_path / "pids")}, processes=2, timeout=20)


def pids(tmp_path: Path) -> List[int]:
    return [int(line) for line in (tmp_path / "pids").read_text().split()]


def test_children_share_the_batch_and_find_what_one_process_finds(pool: WorkerPool, tmp_path: Path) -> None:
    assert pool.find_batch(TEXTS) == ShoutDetector().find_batch(TEXTS)
    used = pids(tmp_path)
    assert len(used) == 2 and len(set(used)) == 2 and os.getpid() not in used
    assert pool.find_batch([]) == []
    assert pool.find_batch(["ONE"]) == [[Finding(0, 3, "SHOUT")]]  # fewer texts than children


def test_a_child_dying_mid_batch_fails_it_and_the_next_batch_starts_fresh(pool: WorkerPool, tmp_path: Path) -> None:
    pool.find_batch(TEXTS)
    before = set(pids(tmp_path))
    secret = f"{CRASH} for jane@example.com"
    with pytest.raises(RuntimeError, match="exited") as raised:
        pool.find_batch(TEXTS + [secret])
    assert "jane@example.com" not in str(raised.value)
    assert pool.find_batch(TEXTS) == ShoutDetector().find_batch(TEXTS)
    assert not set(pids(tmp_path)[-2:]) & before  # new processes


def test_a_child_dead_between_batches_is_replaced_alone_without_failing_one(pool: WorkerPool, tmp_path: Path) -> None:
    pool.wait_ready()
    victim, survivor = pool._workers[0].process, pool._workers[1].process
    victim.kill()
    victim.wait()
    assert pool.find_batch(TEXTS) == ShoutDetector().find_batch(TEXTS)
    searched = set(pids(tmp_path))  # the children that searched the batch
    assert len(searched) == 2 and survivor.pid in searched and victim.pid not in searched
    assert pool._workers[1].process is survivor  # it kept its loaded detector


def test_a_raising_detector_reports_its_error_type_only(pool: WorkerPool) -> None:
    with pytest.raises(RuntimeError, match="ValueError") as raised:
        pool.find_batch([f"{FAIL}: 4111 1111 1111 1111"])
    assert "4111" not in str(raised.value)
    assert pool.find_batch(["OK"]) == [[Finding(0, 2, "SHOUT")]]


def test_a_stalled_child_times_out_and_is_stopped(make_pool: Callable[..., WorkerPool]) -> None:
    pool = make_pool(ShoutDetector, {}, processes=1, timeout=1.5)
    pool.wait_ready()
    child = pool._workers[0].process
    with pytest.raises(RuntimeError, match="timed out"):  # the child stalls for 30 s
        pool.find_batch([STALL])
    assert child.poll() is not None and pool._workers == []


def test_a_factory_that_fails_is_reported_when_waiting_and_stops_the_children(make_pool: Callable[..., WorkerPool]) -> None:
    pool = make_pool(broken_factory, {}, processes=2, timeout=20)
    children = [worker.process for worker in pool._workers]
    with pytest.raises(RuntimeError, match="no such model: tiny_model"):
        pool.wait_ready()
    assert all(child.poll() is not None for child in children)


def test_children_run_math_libraries_on_one_thread_unless_told_otherwise(make_pool: Callable[..., WorkerPool], monkeypatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    found = make_pool(EnvironmentDetector, {}, processes=1, timeout=20).find_batch(
        ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"]
    )
    assert [f[0].entity for f in found] == ["1", "1", "3"]
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # this process is left as it was


def test_close_stops_the_children_and_a_later_batch_restarts_them(pool: WorkerPool) -> None:
    children = [worker.process for worker in pool._workers]
    pool.close()
    assert all(child.poll() is not None for child in children)
    assert pool.find_batch(["HI"]) == [[Finding(0, 2, "SHOUT")]]


@pytest.mark.parametrize("processes, timeout", [(0, 1.0), (-1, 1.0), (1, 0), (1, -5)])
def test_bad_options_are_refused(processes: int, timeout: float) -> None:
    with pytest.raises(ValueError):
        WorkerPool(ShoutDetector, {}, processes=processes, timeout=timeout)


def app_script(tmp_path: Path, body: str) -> Path:
    """An application script, unguarded by ``if __name__ == "__main__"``, that makes a pool of
    two Shout workers as ``pool`` and then runs ``body``."""
    script = tmp_path / "app.py"
    header = f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from otel_redact._workers import WorkerPool
        from tests.worker_detectors import ShoutDetector
        pool = WorkerPool(ShoutDetector, {{}}, processes=2, timeout=20)
        """
    script.write_text(textwrap.dedent(header) + textwrap.dedent(body))
    return script


def test_children_never_import_the_applications_main_module(tmp_path: Path) -> None:
    """multiprocessing's spawn would run an unguarded script again in every child."""
    log = tmp_path / "runs"
    script = app_script(
        tmp_path,
        f"""
        open({str(log)!r}, "a").write("ran\\n")
        print(pool.find_batch(["HI there"]))
        pool.close()
        """,
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[[Finding(start=0, end=2, entity='SHOUT')]]"
    assert log.read_text() == "ran\n"


@given(st.lists(st.text(max_size=30), max_size=40), st.integers(min_value=1, max_value=6))
def test_shares_are_contiguous_ordered_and_as_many_as_asked(texts: List[str], parts: int) -> None:
    shares = _shares(texts, parts)
    assert len(shares) == parts
    assert [text for share in shares for text in share] == texts
    total = sum(map(len, texts))
    longest = max(map(len, texts), default=0)
    assert all(sum(map(len, share)) <= total / parts + longest for share in shares)


class PooledShouts:
    """A batch detector whose batches run in worker processes."""

    entities: FrozenSet[str] = frozenset({"SHOUT"})

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool

    def find(self, text: str) -> List[Finding]:
        return ShoutDetector().find(text)

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        return self.pool.find_batch(texts)


def test_a_child_crash_drops_the_exported_batch(exporter, pool: WorkerPool) -> None:
    detector = PooledShouts(pool)
    provider = deferred_pipeline(exporter, batch_processors=[batch_processor(detector)])
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("ok") as span:
        span.set_attribute("input.value", "call ALICE now")
    with tracer.start_as_current_span("crash") as span:
        span.set_attribute("input.value", f"{CRASH}: SECRETNAME")
    provider.shutdown()
    assert [span.name for span in exporter.spans] == ["ok"]
    assert exporter.spans[0].attributes["input.value"] == "call <SHOUT> now"
    assert not exporter.contains("SECRETNAME") and not exporter.contains("ALICE")


def test_importing_otel_redact_loads_no_nlp_and_no_multiprocessing() -> None:
    code = "import otel_redact, sys; print(any(m.split('.')[0] in ('presidio_analyzer', 'spacy', 'boto3', 'multiprocessing') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_children_are_out_of_reach_of_the_terminals_ctrl_c(pool: WorkerPool) -> None:
    assert all(os.getsid(worker.process.pid) != os.getsid(0) for worker in pool._workers)


def test_children_exit_when_the_application_is_killed(tmp_path: Path) -> None:
    script = app_script(
        tmp_path,
        """
        import time
        pool.wait_ready()
        print(*[worker.process.pid for worker in pool._workers], flush=True)
        time.sleep(60)
        """,
    )
    app = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    children = [int(pid) for pid in app.stdout.readline().split()]
    assert len(children) == 2
    app.kill()
    app.wait()
    app.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(map(_running, children)):
        time.sleep(0.1)
    assert not any(map(_running, children))


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not a zombie waiting for its parent to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
