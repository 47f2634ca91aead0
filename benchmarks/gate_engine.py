"""Detectors built for one gate engine in a benchmark, the environment left as it was."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from unittest import mock
from typing import Iterator, List

from otel_redact._hyperscan import ENGINE_VARIABLE


def available_engines() -> List[str]:
    """The gate engines this environment has: always ``regex``, and ``hyperscan`` if installed."""
    return ["regex"] + (["hyperscan"] if importlib.util.find_spec("hyperscan") else [])


@contextlib.contextmanager
def gate_engine(engine: str) -> Iterator[None]:
    """Detectors made inside are built for ``engine`` (ImportError if it is not installed)."""
    if engine not in available_engines():
        raise ImportError(f"the {engine} gate engine is not installed")
    with mock.patch.dict(os.environ, {ENGINE_VARIABLE: engine}):
        yield
