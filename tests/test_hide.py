"""Hide switches for inputs, outputs and metadata, from arguments and from the environment."""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional

import pytest

from otel_redact._hide import HIDE_ENV, hide_filter


class FakeSpan:
    """The part of the span facade hide_filter uses."""

    def __init__(self, inputs: Any = None, outputs: Any = None, metadata: Optional[Dict[str, Any]] = None) -> None:
        self._inputs, self._outputs, self._metadata = inputs, outputs, dict(metadata or {})
        self.writes: Dict[str, Any] = {}

    @property
    def inputs(self) -> Any:
        return self._inputs

    @property
    def outputs(self) -> Any:
        return self._outputs

    @property
    def metadata(self) -> Dict[str, Any]:
        return dict(self._metadata)

    def set_inputs(self, value: Any) -> None:
        self._inputs = self.writes["inputs"] = value

    def set_outputs(self, value: Any) -> None:
        self._outputs = self.writes["outputs"] = value

    def set_metadata(self, value: Dict[str, Any]) -> None:
        self._metadata = self.writes["metadata"] = dict(value)


def span() -> FakeSpan:
    return FakeSpan({"q": "jane@x.com"}, "answer", {"user": "jane", "env": "prod"})


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in HIDE_ENV.values():
        monkeypatch.delenv(name, raising=False)


def test_true_hides_with_empty_dict_and_false_keeps():
    s = span()
    hide_filter(hide_inputs=True, hide_outputs=False, hide_metadata=True)(s)
    assert s.inputs == {} and s.outputs == "answer" and s.metadata == {}
    assert set(s.writes) == {"inputs", "metadata"}


def test_callables_transform():
    s = span()
    hide_filter(
        hide_inputs=lambda v: {k: "***" for k in v},
        hide_outputs=str.upper,
        hide_metadata=lambda m: {k: v for k, v in m.items() if k != "user"},
    )(s)
    assert s.inputs == {"q": "***"} and s.outputs == "ANSWER" and s.metadata == {"env": "prod"}


def test_raising_callable_fails_closed_and_logs_once_without_data(caplog):
    def boom(value: Any) -> Any:
        raise RuntimeError(f"cannot handle {value}")

    hide = hide_filter(hide_inputs=boom, hide_outputs=False, hide_metadata=boom)
    with caplog.at_level(logging.WARNING, logger="otel_redact"):
        for _ in range(3):
            s = span()
            hide(s)
            assert s.inputs == {} and s.metadata == {} and s.outputs == "answer"
    assert len(caplog.records) == 2
    assert "jane" not in caplog.text


def test_metadata_callable_returning_a_non_mapping_hides_it():
    s = span()
    hide_filter(False, False, lambda m: "oops")(s)
    assert s.metadata == {}


def test_missing_parts_are_left_alone():
    s = FakeSpan()
    hide_filter(True, True, True)(s)
    assert s.writes == {}


@pytest.mark.parametrize(
    "value, hidden",
    [("true", True), ("1", True), (" YES ", True), ("false", False), ("0", False), ("no", False), ("", False)],
)
def test_env_values(monkeypatch, value, hidden):
    monkeypatch.setenv("OTEL_REDACT_HIDE_OUTPUTS", value)
    s = span()
    hide_filter(hide_inputs=False, hide_metadata=False)(s)
    assert (s.outputs == {}) is hidden
    assert s.inputs == {"q": "jane@x.com"}


def test_env_read_for_each_part(monkeypatch):
    monkeypatch.setenv("OTEL_REDACT_HIDE_INPUTS", "true")
    monkeypatch.setenv("OTEL_REDACT_HIDE_METADATA", "yes")
    s = span()
    hide_filter()(s)
    assert s.inputs == {} and s.outputs == "answer" and s.metadata == {}


def test_argument_overrides_env(monkeypatch):
    monkeypatch.setenv("OTEL_REDACT_HIDE_INPUTS", "true")
    s = span()
    hide_filter(hide_inputs=False)(s)
    assert s.inputs == {"q": "jane@x.com"}


@pytest.mark.parametrize("name", sorted(HIDE_ENV.values()))
def test_bad_env_value_names_variable_and_value(monkeypatch, name):
    monkeypatch.setenv(name, "maybe")
    with pytest.raises(ValueError, match=f"{name}='maybe'"):
        hide_filter()


def test_bad_argument_type():
    with pytest.raises(ValueError, match="hide_inputs"):
        hide_filter(hide_inputs="yes")  # type: ignore[arg-type]
