"""Batch detectors replicated in child processes: NER off the application's GIL, on every core.

Each child builds its own detector from a factory's name and options, then answers
``find_batch`` calls; the parent splits a batch's texts among the children. Children are
started with ``python -c`` (not ``multiprocessing``'s spawn, which re-imports the
application's ``__main__``) and speak pickle over a pipe pair (``multiprocessing``'s
``Connection``). Their output goes to /dev/null and they report only error type names once
running, so nothing they see is logged. Any failure or time-out stops them all and raises:
the batch is dropped, never exported unredacted; the next batch starts fresh children. A
child that died between batches is replaced alone.
"""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
import threading
import time
import weakref
from contextlib import contextmanager
from multiprocessing.connection import Connection, Pipe
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from otel_redact._detectors import Finding

__all__ = ["WorkerPool", "killed_on_failure", "serve"]

_BOOTSTRAP = (
    "import sys\n"
    "from multiprocessing.connection import Connection\n"
    "inbox = Connection(int(sys.argv[1]), writable=False)\n"
    "outbox = Connection(int(sys.argv[2]), readable=False)\n"
    "sys.path[:], spec = inbox.recv()\n"
    "from otel_redact._workers import serve\n"
    "serve(inbox, outbox, spec)\n"
)

OK, ERROR = "ok", "error"

# Each child is meant to keep one core busy: math libraries that would start a thread per core
# in every child (numpy's OpenBLAS, MKL, OpenMP) get one thread, unless the user chose a number.
_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


class WorkerPool:
    """``processes`` children, each holding ``factory(**options)``, sharing out ``find_batch``.

    ``factory`` must be importable by its module and name. Each child answers with its
    detector's ``method`` (a list of texts to a list of findings per text). ``timeout``: seconds a child may
    take to start, and a whole batch may take; past it the children are stopped. The children
    start loading at once; :meth:`wait_ready` waits for them (``find_batch`` does too).
    """

    def __init__(
        self, factory: Callable[..., Any], options: Dict[str, Any], processes: int, timeout: float, method: str = "find_batch"
    ) -> None:
        if os.name != "posix":
            raise NotImplementedError("otel-redact: detector worker processes need a POSIX system")
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes!r}")
        if not timeout > 0:
            raise ValueError(f"the worker time-out must be positive, got {timeout!r}")
        self._spec = (factory.__module__, factory.__qualname__, dict(options), method)
        self._processes = processes
        self._timeout = timeout
        self._workers: List[_Worker] = []
        self._lock = threading.Lock()
        # When collected; not at exit, where the provider's last flush may still need them
        # (a child whose parent is gone exits on its own, at the end of its pipe).
        weakref.finalize(self, _stop_all, self._workers).atexit = False
        with self._lock:
            self._launch()

    @property
    def processes(self) -> int:
        """How many children share out each batch."""
        return self._processes

    def wait_ready(self) -> None:
        """Wait until every child has built its detector; RuntimeError (with the child's
        error) if one could not."""
        with self._lock:
            self._await_ready()

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        """The findings in each text, in order, each child searching a contiguous share."""
        with self._lock:
            if not texts:
                return []
            if not self._workers:
                self._launch()
            else:
                self._replace_dead()
            self._await_ready()
            shares = _shares(texts, len(self._workers))
            deadline = time.monotonic() + self._timeout
            with killed_on_failure(self._kill_all):  # a half-read exchange cannot be resumed
                busy = [(worker, share) for worker, share in zip(self._workers, shares) if share]
                for worker, share in busy:
                    worker.send(list(share))
                found: List[List[Finding]] = []
                for worker, share in busy:
                    result = worker.receive(deadline)
                    if len(result) != len(share):  # never a text left unsearched
                        raise RuntimeError(f"a worker returned {len(result)} results for {len(share)} texts")
                    found.extend(result)
                return found

    def close(self, kill: bool = False) -> None:
        """Stop the children, or kill them (a later ``find_batch`` starts new ones)."""
        with self._lock:
            _stop_all(self._workers, kill)

    def _kill_all(self) -> None:
        """Kill the children at once (lock held)."""
        _stop_all(self._workers, kill=True)

    def _launch(self) -> None:
        """Start the children, which build their detectors in parallel (lock held)."""
        with killed_on_failure(self._kill_all):
            for _ in range(self._processes):
                self._workers.append(self._started())

    def _replace_dead(self) -> None:
        """Start a new child in place of each one that died between batches; the others keep
        their loaded detectors (lock held)."""
        for index, worker in enumerate(self._workers):
            if not worker.alive():
                worker.close_pipes(ask_to_exit=False)
                worker.reap(None)
                with killed_on_failure(self._kill_all):
                    self._workers[index] = self._started()

    def _started(self) -> "_Worker":
        """A new child, sent what to build."""
        worker = _Worker.start()
        try:
            worker.send((list(sys.path), self._spec))
        except BaseException:
            _stop_all([worker], kill=True)
            raise
        return worker

    def _await_ready(self) -> None:
        """Wait for the children that have not yet reported ready (lock held)."""
        deadline = time.monotonic() + self._timeout
        with killed_on_failure(self._kill_all):
            for worker in self._workers:
                if not worker.ready:
                    worker.receive(deadline)
                    worker.ready = True


class _Worker:
    """One child process and the two ends of its pipes."""

    def __init__(self, process: "subprocess.Popen[bytes]", outbox: Connection, inbox: Connection) -> None:
        self.process = process
        self._outbox = outbox
        self._inbox = inbox
        self.ready = False
        """Whether it has reported its detector built."""

    @classmethod
    def start(cls) -> "_Worker":
        from_parent, to_child = Pipe(duplex=False)
        try:
            from_child, to_parent = Pipe(duplex=False)
        except BaseException:
            from_parent.close()
            to_child.close()
            raise
        ends = (from_parent.fileno(), to_parent.fileno())
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _BOOTSTRAP, *map(str, ends)],
                pass_fds=ends,
                env={**{name: "1" for name in _ONE_THREAD}, **os.environ},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C meant for the application does not kill the batch
            )
        except BaseException:
            to_child.close()
            from_child.close()
            raise
        finally:
            from_parent.close()  # the child's ends: this process keeps its own
            to_parent.close()
        return cls(process, to_child, from_child)

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, message: Any) -> None:
        """Send ``message`` to the child; RuntimeError if it is gone."""
        try:
            self._outbox.send(message)
        except OSError:
            raise RuntimeError(self._exited()) from None

    def _exited(self) -> str:
        return f"otel-redact: a detector worker process exited (code {self.process.poll()})"

    def receive(self, deadline: float) -> Any:
        """The child's next answer; RuntimeError if it failed, died or passed ``deadline``."""
        if not self._inbox.poll(max(0.0, deadline - time.monotonic())):
            raise RuntimeError("otel-redact: a detector worker process timed out")
        try:
            status, payload = self._inbox.recv()
        except EOFError:
            raise RuntimeError(self._exited()) from None
        if status == ERROR:
            raise RuntimeError(f"otel-redact: a detector worker process failed: {payload}")
        return payload

    def close_pipes(self, ask_to_exit: bool) -> None:
        """Close both pipe ends, after asking the child to exit if ``ask_to_exit``."""
        if ask_to_exit:
            try:
                self._outbox.send(None)
            except (OSError, ValueError):
                pass
        for end in (self._outbox, self._inbox):
            end.close()

    def reap(self, deadline: Optional[float]) -> None:
        """Wait for the child to exit until ``deadline`` (None: not at all), then kill it."""
        if deadline is not None:
            try:
                self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
                return
            except subprocess.TimeoutExpired:
                pass
        self.process.kill()
        self.process.wait()


def _stop_all(workers: List[_Worker], kill: bool = False) -> None:
    """Kill the children, or ask them all to exit and kill those still running after 2 s."""
    for worker in workers:
        worker.close_pipes(ask_to_exit=not kill)
    deadline = None if kill else time.monotonic() + 2
    for worker in workers:
        worker.reap(deadline)
    workers.clear()


@contextmanager
def killed_on_failure(kill: Callable[[], None]) -> Iterator[None]:
    """Call ``kill`` if the block raises (then re-raise): children mid-exchange, or still
    loading, could not answer a request to exit."""
    try:
        yield
    except BaseException:
        kill()
        raise


def _shares(texts: Sequence[str], parts: int) -> List[Sequence[str]]:
    """``texts`` cut into ``parts`` contiguous shares (some may be empty) of about equal
    length in characters: each at most a ``parts``-th of the whole plus one text."""
    total = sum(len(text) for text in texts)
    cuts: List[int] = []
    done = 0
    for index, text in enumerate(texts):
        done += len(text)
        while len(cuts) < parts - 1 and done * parts >= total * (len(cuts) + 1):
            cuts.append(index + 1)
    cuts += [len(texts)] * (parts - 1 - len(cuts))
    bounds = [0, *cuts, len(texts)]
    return [texts[start:end] for start, end in zip(bounds, bounds[1:])]


def serve(inbox: Connection, outbox: Connection, spec: Tuple[str, str, Dict[str, Any], str]) -> None:
    """A child's loop: build the detector named by ``spec``, then answer each batch until
    told to stop (or until the parent is gone)."""
    logging.disable(logging.CRITICAL)  # a child never logs: what it would log may be data
    try:
        module, name, options, method = spec
        factory: Any = importlib.import_module(module)
        for part in name.split("."):
            factory = getattr(factory, part)
        search = getattr(factory(**options), method)
    except Exception as error:  # noqa: BLE001 - a configuration error, reported to the parent
        outbox.send((ERROR, f"{type(error).__name__}: {error}"))
        return
    outbox.send((OK, None))  # ready
    while True:
        try:
            texts: Optional[List[str]] = inbox.recv()
        except EOFError:
            return
        if texts is None:
            return
        try:
            outbox.send((OK, search(texts)))
        except Exception as error:  # noqa: BLE001 - only its type: its message may hold data
            outbox.send((ERROR, type(error).__name__))
