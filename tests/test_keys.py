"""Key-name detection."""

from __future__ import annotations

import pytest

from otel_redact._keys import KeyMatcher

SENSITIVE = ["password", "passwd", "user_pwd", "api_key", "apiKey", "X-Api-Key", "authorization",
             "http.request.header.authorization", "cookie", "Set-Cookie", "secret", "client_secret", "token",
             "access_token", "refresh_token", "x-auth-token", "ssn", "user_ssn", "credit_card", "card_number",
             "private_key", "session", "sessionId", "csrf", "xsrf_token", "jwt", "OPENAI_API_KEY", "credentials"]
NOT_SENSITIVE = ["token_count", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "max_tokens",
                 "llm.token_count.prompt", "llm.token_count.completion", "total_tokens", "tokenizer",
                 "token_ids", "classname", "author", "book.authors", "secretary", "gen_ai.request.model",
                 "http.method", "input.value", "spinner"]


@pytest.mark.parametrize("key", SENSITIVE)
def test_sensitive(key: str) -> None:
    assert KeyMatcher().is_sensitive(key)


@pytest.mark.parametrize("key", NOT_SENSITIVE)
def test_not_sensitive(key: str) -> None:
    assert not KeyMatcher().is_sensitive(key)


def test_extra_and_allow() -> None:
    matcher = KeyMatcher(extra=["employee.id", "dob"], allow=["session", "Authorization"])
    assert matcher.is_sensitive("user.employee.id") and matcher.is_sensitive("DOB")
    assert not matcher.is_sensitive("session") and not matcher.is_sensitive("authorization")
    assert matcher.is_sensitive("session_token")


def test_extra_is_literal() -> None:
    assert not KeyMatcher(extra=["a.b"]).is_sensitive("axb")


def test_conversation_ids_of_tracing_conventions_are_not_secrets():
    from otel_redact._keys import KeyMatcher

    matcher = KeyMatcher()
    assert not matcher.is_sensitive("session.id")
    assert not matcher.is_sensitive("langfuse.session.id")
    assert matcher.is_sensitive("session_token")
    assert matcher.is_sensitive("http.request.header.cookie")
