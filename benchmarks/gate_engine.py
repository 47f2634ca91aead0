"""Detectors built for one gate engine in a benchmark, the environment left as it was."""

from __future__ import annotations

import contextlib
import functools
import os
from typing import ContextManager, Iterator, List
from unittest import mock

from otel_redact._hyperscan import ENGINE_VARIABLE, gate_scanner


def _engine_variable_set(engine: str) -> ContextManager[object]:
    """The environment inside which detectors are built for ``engine``."""
    return mock.patch.dict(os.environ, {ENGINE_VARIABLE: engine})


@functools.lru_cache(maxsize=None)
def hyperscan_scanner_builds() -> bool:
    """Whether detectors get a Hyperscan scanner here: the package installed and this CPU
    accepted. Otherwise detectors built for ``hyperscan`` quietly check their gates with regex."""
    with _engine_variable_set("hyperscan"):
        return gate_scanner(["@"]) is not None


def available_engines() -> List[str]:
    """The gate engines detectors can be built for here: always ``regex``, and ``hyperscan``
    where a Hyperscan scanner can be built."""
    return ["regex"] + (["hyperscan"] if hyperscan_scanner_builds() else [])


@contextlib.contextmanager
def gate_engine(engine: str) -> Iterator[None]:
    """Detectors made inside are built for ``engine`` (ImportError if they cannot be here)."""
    if engine not in available_engines():
        raise ImportError(f"the {engine} gate engine cannot be used here (not installed, or this CPU is not supported)")
    with _engine_variable_set(engine):
        yield
