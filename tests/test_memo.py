"""The memo of whole-string results: repeated strings cost a lookup, and nothing raw is kept."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest

from otel_redact._anonymizer import TextRedactor
from otel_redact._detectors import SHORT
from otel_redact._memo import MAX_SETTLED, ResultMemo
from tests.attribute_changes import changes

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"


def test_repeated_string_with_pii_gives_the_same_result_and_counts():
    redactor = TextRedactor()
    text = f"write to {EMAIL} or pay with {CARD}"
    first, second = Counter(), Counter()
    once = redactor.redact_value(text, key="msg", counter=first)
    again = redactor.redact_value(str(text), key="msg", counter=second)  # an equal, new object
    assert once == again == "write to <EMAIL_ADDRESS> or pay with <CREDIT_CARD>"
    assert first == second == Counter({"EMAIL_ADDRESS": 1, "CREDIT_CARD": 1})


def test_clean_string_is_remembered_and_comes_back_as_the_same_object():
    redactor = TextRedactor()
    text = "The quarterly report shows revenue grew while costs stayed flat."
    assert redactor.redact_value(text, key="msg") is text
    copy = "".join(list(text))
    assert copy is not text
    assert redactor.redact_value(copy, key="msg") is copy
    assert redactor.seen_clean(copy)
    assert redactor.unsettled({"msg": copy, "n": 3}) == [("n", 3)]  # key "n" not checked yet
    assert changes(redactor, {"msg": copy, "n": 3}) == []
    assert not redactor.unsettled({"msg": copy, "n": 3})
    reasons = ("stop", copy)
    assert changes(redactor, {"reasons": reasons}) == []
    assert not redactor.unsettled({"reasons": reasons})
    assert redactor.unsettled({"reasons": ("stop", EMAIL)}) == [("reasons", ("stop", EMAIL))]
    assert changes(redactor, {"reasons": ("stop", EMAIL)}) == [("reasons", ("stop", "<EMAIL_ADDRESS>"))]


def test_memo_holds_no_raw_value_of_a_string_with_findings():
    redactor = TextRedactor()
    redactor.redact_value(f"mail {EMAIL} now", key="msg")
    memo = redactor._memo
    held = repr(memo.clean_texts) + repr(memo._redacted)
    assert EMAIL not in held
    assert "<EMAIL_ADDRESS>" in held


def test_sensitive_key_is_never_answered_from_the_memo():
    redactor = TextRedactor()
    value = "hunter2 is my favourite word"
    assert redactor.redact_value(value, key="comment") is value
    assert redactor.redact_value(value, key="password") == "<SENSITIVE_KEY>"
    assert redactor.unsettled({"password": value}) == [("password", value)]
    assert changes(redactor, {"password": value}) == [("password", "<SENSITIVE_KEY>")]


def test_memo_is_bounded_in_characters_and_length():
    memo = ResultMemo(max_chars=10_000, max_length=1_000)
    memo.remember_clean("x" * 1_001)
    assert len(memo) == 0
    for n in range(1_000):
        memo.remember_clean(f"string number {n} " + "y" * 100)
    assert memo._chars <= 10_000
    assert 0 < len(memo) < 100
    for n in range(1_000):
        memo.remember_changes((("msg", n, 120),), ((("msg", "mail <EMAIL_ADDRESS>"),), None), 20)
    assert memo._chars <= 10_000
    assert 0 < len(memo._changes) < 200


def test_time_out_is_not_remembered():
    redactor = TextRedactor(timeout=1e-9)
    text = "call 415-555-0132 " * (SHORT // 10)  # long enough for the built-ins' time limit to apply
    assert redactor.redact_value(text) == "<UNSCANNABLE>"
    assert len(redactor._memo) == 0


def test_results_stay_right_under_threads_with_a_tiny_memo():
    redactor = TextRedactor()
    redactor._memo = ResultMemo(max_chars=2_000)
    errors = []

    def work(offset: int) -> None:
        for n in range(300):
            serial = offset * 1_000 + n % 50
            text = f"ticket {serial}: mail user{serial}@example.com"
            if redactor.redact_value(text) != f"ticket {serial}: mail <EMAIL_ADDRESS>":
                errors.append(text)
            clean = f"ticket {serial} is closed"
            if redactor.redact_value(clean) is not clean:
                errors.append(clean)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.parametrize("max_depth", [0, 1, 2, 3, 10])
def test_tuple_shortcut_puts_items_one_level_down_as_the_full_walk_does(max_depth):
    value = ("hello", EMAIL, json.dumps({"a": {"b": {"c": EMAIL}}}))
    redactor = TextRedactor(max_depth=max_depth)
    walked, quick = Counter(), Counter()
    expected = redactor._redact(value, ("tags",), walked, {})
    assert redactor.redact_value(value, key="tags", counter=quick) == expected
    assert quick == walked


def test_numbers_that_change_on_every_span_never_wipe_the_remembered_strings():
    redactor = TextRedactor()
    prompt = "You are a helpful assistant for the travel desk."
    assert changes(redactor, {"prompt": prompt, "tokens": -1}) == []
    for tokens in range(20_000):  # each span settled with a number of its own
        assert not redactor.unsettled({"prompt": prompt, "tokens": tokens})
    memo = redactor._memo
    assert prompt in memo.clean_texts  # never started over
    assert len(memo.clean_texts) <= MAX_SETTLED + 1


NESTED_CLEAN = '{"a": {"b": "plain"}}'


@pytest.mark.parametrize(
    "max_depth, value, kept, settled",
    [
        (0, ("hello",), False, False),
        (0, (NESTED_CLEAN,), False, False),
        (1, ("hello",), True, True),
        (1, (NESTED_CLEAN,), True, False),  # never settled: a tuple of a string that opens like JSON
        (1, ("\n" + NESTED_CLEAN,), True, False),  # whitespace first: JSON too
    ],
)
def test_a_tuple_of_clean_strings_stays_only_where_the_walk_leaves_it(max_depth, value, kept, settled):
    redactor = TextRedactor(max_depth=max_depth)
    for text in value:
        assert redactor.redact_value(text) is text  # found clean at depth 0
    walked = redactor.redact_value(value, key="k")
    assert (walked is value) == kept  # at depth 0 the items sit one level down, past max_depth 0
    assert changes(redactor, {"k": value}) == ([] if kept else [("k", walked)])
    assert list(redactor.unsettled({"k": value})) == ([] if settled else [("k", value)])
