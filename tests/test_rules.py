"""Rule formats of LangSmith and Opik, and the errors bad rules raise at creation."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, List

import pytest

from otel_redact._anonymizer import RecursiveAnonymizer, create_anonymizer
from otel_redact._detectors import Detector
from otel_redact._rules import CUSTOM, parse_rules
from otel_redact._strategies import REMOVE

EMAIL_RE = r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,7}\b"
SSN_RE = r"\b\d{3}-\d{2}-\d{4}\b"
DATA = {"messages": [{"role": "user", "content": "I am jane@x.com, SSN 123-45-6789"}]}


def content(result: Any) -> str:
    return result["messages"][0]["content"]


# LangSmith --------------------------------------------------------------------------
def test_langsmith_pattern_dict_with_compiled_pattern():
    anonymizer = create_anonymizer([{"pattern": re.compile(EMAIL_RE), "replace": "[email]"}])
    assert content(anonymizer(DATA)) == "I am [email], SSN 123-45-6789"


def test_langsmith_replace_defaults_to_redacted():
    anonymizer = create_anonymizer([{"pattern": SSN_RE}, {"pattern": EMAIL_RE, "replace": None}])
    assert content(anonymizer(DATA)) == "I am [redacted], SSN [redacted]"


def test_langsmith_callable_with_path_gets_list_of_keys_and_indexes():
    seen: List[Any] = []

    def replacer(value: str, path: List[Any]) -> str:
        seen.append(path)
        return "***" if path[-1] == "content" else value

    result = create_anonymizer(replacer)(DATA)
    assert content(result) == "***"
    assert result["messages"][0]["role"] == "user"
    assert ["messages", 0, "content"] in seen and all(isinstance(p, list) for p in seen)


def test_langsmith_node_processor():
    class Upper:
        def mask_nodes(self, nodes):
            return [{"value": node["value"].upper(), "path": node["path"]} for node in nodes]

    assert content(create_anonymizer(Upper())(DATA)) == "I AM JANE@X.COM, SSN 123-45-6789"


# Opik ---------------------------------------------------------------------------------
def test_opik_regex_dict():
    anonymizer = create_anonymizer({"regex": EMAIL_RE, "replace": "[EMAIL]"})
    assert content(anonymizer(DATA)) == "I am [EMAIL], SSN 123-45-6789"


def test_opik_tuple():
    anonymizer = create_anonymizer((SSN_RE, "[SSN]"))
    assert content(anonymizer(DATA)) == "I am jane@x.com, SSN [SSN]"


def test_opik_callable_gets_text_only():
    calls: List[tuple] = []

    def replacer(text: str) -> str:
        calls.append((text,))
        return text.replace("jane", "J")

    assert content(create_anonymizer(replacer)(DATA)) == "I am J@x.com, SSN 123-45-6789"
    assert ("user",) in calls


def test_opik_anonymizer_instance_runs_on_the_whole_value_with_kwargs():
    class Tagger(RecursiveAnonymizer):
        def anonymize_text(self, data: str, **kwargs: Any) -> str:
            return f"{kwargs['field_name']}={data}"

    anonymizer = create_anonymizer([(SSN_RE, "[SSN]"), Tagger()])
    result = anonymizer.anonymize(DATA, field_name="input", object_type="span")
    assert content(result) == "input.messages.0.content=I am jane@x.com, SSN [SSN]"


# Mixed and others ---------------------------------------------------------------------
def test_mixed_list_runs_in_order():
    rules = [
        {"pattern": EMAIL_RE, "replace": "<E>"},
        {"regex": SSN_RE, "replace": "<S>"},
        (r"I am", "Me:"),
        re.compile(r"Me"),
        lambda text: text.replace("<E>", "<MAIL>"),
        lambda text, path: text + "!" if path and path[-1] == "content" else text,
    ]
    assert content(create_anonymizer(rules)(DATA)) == "[redacted]: <MAIL>, SSN <S>!"


def test_group_references_in_replace():
    anonymizer = create_anonymizer({"regex": r"(\w+)@(\w+)\.com", "replace": r"\1@***.com"})
    assert anonymizer("mail jane@x.com") == "mail jane@***.com"


def test_detector_as_rule_uses_strategies():
    order = Detector("ORDER_ID", r"\bORD-\d{6}\b")
    anonymizer = create_anonymizer([order], strategies={"ORDER_ID": "fixed:#"})
    assert anonymizer("order ORD-123456 shipped") == "order # shipped"


def test_rules_alone_run_no_builtin_detectors_or_key_detection():
    anonymizer = create_anonymizer({"regex": "nothing-matches-this", "replace": "x"})
    data = {"password": "hunter2", "text": "jane@x.com"}
    assert anonymizer(data) == data


def test_rules_count_as_custom():
    counter: Counter = Counter()
    parsed = parse_rules([(SSN_RE, "[SSN]"), lambda t: t.upper()])
    text = "123-45-6789 and 987-65-4321"
    for rule in parsed.text_rules:
        text = rule.apply(text, (), counter)
    assert text == "[SSN] AND [SSN]"
    assert counter == {CUSTOM: 3}


def test_callable_may_remove():
    anonymizer = create_anonymizer(lambda t: REMOVE if "secret" in t else t)
    assert anonymizer({"a": "ok", "b": ["top secret", "fine"]}) == {"a": "ok", "b": ["fine"]}


def test_callable_returning_non_string_fails_loudly():
    anonymizer = create_anonymizer(lambda t: None)
    with pytest.raises(TypeError, match="returned NoneType"):
        anonymizer("text")


# Errors at creation --------------------------------------------------------------------
@pytest.mark.parametrize(
    "rules, message",
    [
        ({"regex": "(unclosed", "replace": "x"}, r"invalid regex '\(unclosed' at position 0"),
        ([{"pattern": "ok"}, ("a[b", "x")], r"rule 1: invalid regex 'a\[b' at position 1"),
        ({"regex": "a", "replace": 5}, "'replace' must be a string"),
        ({"regex": r"(a)", "replace": r"\2"}, "invalid replacement"),
        ({"pattern": "a", "regex": "b"}, "'pattern' .* or 'regex'"),
        ({"regx": "a", "replace": "b"}, r"got keys \['regx', 'replace'\]"),
        (("a", "b", "c"), "tuple rule is \\(regex, replace\\), got 3 items"),
        ((5, "b"), "the regex must be a string"),
        (42, "unsupported rule of type int"),
        ([lambda: "x"], "rule 0: a callable rule takes \\(text\\) or \\(text, path\\)"),
        (lambda a, b, c: a, "a callable rule takes"),
        (lambda text, *, flag: text, "a callable rule takes"),
        (re.compile(b"bytes"), "compiled str pattern, got Pattern"),
    ],
)
def test_bad_rules_raise_at_creation(rules, message):
    with pytest.raises(ValueError, match=message):
        create_anonymizer(rules)


def test_valid_callable_shapes_are_accepted():
    def with_default(text: str, path: Any = None) -> str:
        return text

    def variadic(*args: Any) -> str:
        return args[0]

    for rule in (str.upper, with_default, variadic, lambda text, path: text):
        create_anonymizer(rule)
