"""A fake OpenAI-compatible HTTP server for tests (stdlib only, 127.0.0.1, free port).

Endpoints:

- ``POST /v1/chat/completions``: a normal completion that echoes the last user message; a
  tool call (when the request has ``tools`` and no ``tool`` message yet) whose JSON
  ``arguments`` carry the user's text; ``stream: true`` SSE chunks ending in
  ``data: [DONE]`` (with a usage chunk when ``stream_options.include_usage`` is set); an
  error (400, JSON body echoing part of the request, as real APIs do) when the request
  carries the header ``X-Fake-Scenario: error``.
- ``POST /v1/embeddings``: float or base64 vectors, depending on ``encoding_format``.

Token counts are fixed (see ``USAGE`` / ``EMBEDDING_USAGE``) so tests can assert they
survive redaction.
"""

from __future__ import annotations

import base64
import json
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Optional

__all__ = [
    "EMBEDDING_DIM",
    "EMBEDDING_USAGE",
    "FakeOpenAIServer",
    "SCENARIO_HEADER",
    "USAGE",
]

SCENARIO_HEADER = "X-Fake-Scenario"
USAGE: Dict[str, int] = {"prompt_tokens": 57, "completion_tokens": 23, "total_tokens": 80}
EMBEDDING_USAGE: Dict[str, int] = {"prompt_tokens": 11, "total_tokens": 11}
EMBEDDING_DIM = 8
_CREATED = 1_700_000_000


def _last_user_text(messages: List[Dict[str, Any]]) -> str:
    """Return the text of the last user message ('' when there is none)."""
    for message in reversed(messages):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            return content
        if isinstance(content, list):
            return " ".join(
                str(part.get("text", "")) for part in content if isinstance(part, dict)
            )
    return ""


def _answer_text(messages: List[Dict[str, Any]]) -> str:
    """The assistant answer: echoes the user so PII also appears in outputs."""
    if any(m.get("role") == "tool" for m in messages):
        tool_text = next(
            (str(m.get("content")) for m in reversed(messages) if m.get("role") == "tool"), ""
        )
        return "Done. The tool said: " + tool_text
    return "You wrote: " + _last_user_text(messages) + " The weather in Paris is sunny."


def _chunks(text: str, size: int = 12) -> Iterator[str]:
    """Split text into fixed-size pieces (PII gets split across chunks, as with real tokens)."""
    for i in range(0, len(text), size):
        yield text[i : i + size]


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silence the default stderr access log."""

    # -- plumbing ---------------------------------------------------------------------
    def _read_json(self) -> Dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw or b"{}")
        self.server.owner.requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": body}
        )
        return body

    def _send_json(self, status: int, payload: Dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", "req_fake_0001")
        self.end_headers()
        self.wfile.write(data)

    def _send_sse(self, events: List[Dict[str, Any]]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        for event in events:
            self.wfile.write(b"data: " + json.dumps(event).encode("utf-8") + b"\n\n")
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True

    # -- routes -----------------------------------------------------------------------
    def do_POST(self) -> None:  # noqa: N802
        """Dispatch POST requests."""
        path = self.path.split("?", 1)[0].rstrip("/")
        try:
            body = self._read_json()
        except ValueError:
            self._send_json(400, {"error": {"message": "invalid JSON", "type": "invalid_request_error"}})
            return
        if self.headers.get(SCENARIO_HEADER, "").lower() == "error":
            self._error(body)
        elif path.endswith("/chat/completions"):
            self._chat(body)
        elif path.endswith("/embeddings"):
            self._embeddings(body)
        else:
            self._send_json(404, {"error": {"message": f"Unknown path {path}", "type": "not_found"}})

    def _error(self, body: Dict[str, Any]) -> None:
        """A 400 whose message echoes part of the request, as real APIs do."""
        echoed = _last_user_text(body.get("messages") or []) or str(body.get("input", ""))
        self._send_json(
            400,
            {
                "error": {
                    "message": (
                        "Invalid 'messages[1].content': string too long or contains "
                        f"disallowed content: '{echoed[:300]}'"
                    ),
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": "invalid_value",
                }
            },
        )

    def _chat(self, body: Dict[str, Any]) -> None:
        model = str(body.get("model", "gpt-4o-mini"))
        messages: List[Dict[str, Any]] = body.get("messages") or []
        wants_tool = bool(body.get("tools")) and not any(m.get("role") == "tool" for m in messages)
        message: Dict[str, Any]
        if wants_tool:
            arguments = json.dumps({"location": "Paris", "note": _last_user_text(messages)})
            tool_name = body["tools"][0].get("function", {}).get("name", "get_weather")
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_fake_0001",
                        "type": "function",
                        "function": {"name": tool_name, "arguments": arguments},
                    }
                ],
            }
            finish_reason = "tool_calls"
        else:
            message = {"role": "assistant", "content": _answer_text(messages)}
            finish_reason = "stop"
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._send_sse(self._stream_events(model, message, finish_reason, include_usage))
            return
        self._send_json(
            200,
            {
                "id": "chatcmpl-fake0001",
                "object": "chat.completion",
                "created": _CREATED,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [
                    {"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}
                ],
                "usage": dict(USAGE),
            },
        )

    @staticmethod
    def _stream_events(
        model: str, message: Dict[str, Any], finish_reason: str, include_usage: bool
    ) -> List[Dict[str, Any]]:
        def chunk(delta: Dict[str, Any], finish: Optional[str] = None) -> Dict[str, Any]:
            return {
                "id": "chatcmpl-fake0002",
                "object": "chat.completion.chunk",
                "created": _CREATED,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
                **({"usage": None} if include_usage else {}),
            }

        events = [chunk({"role": "assistant", "content": ""})]
        if message.get("tool_calls"):
            call = message["tool_calls"][0]
            events.append(
                chunk(
                    {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": call["id"],
                                "type": "function",
                                "function": {"name": call["function"]["name"], "arguments": ""},
                            }
                        ]
                    }
                )
            )
            for piece in _chunks(call["function"]["arguments"]):
                events.append(chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}))
        else:
            for piece in _chunks(message.get("content") or ""):
                events.append(chunk({"content": piece}))
        events.append(chunk({}, finish_reason))
        if include_usage:
            events.append(
                {
                    "id": "chatcmpl-fake0002",
                    "object": "chat.completion.chunk",
                    "created": _CREATED,
                    "model": model,
                    "system_fingerprint": "fp_fake",
                    "choices": [],
                    "usage": dict(USAGE),
                }
            )
        return events

    def _embeddings(self, body: Dict[str, Any]) -> None:
        inputs = body.get("input")
        items = inputs if isinstance(inputs, list) else [inputs]
        b64 = body.get("encoding_format") == "base64"
        data = []
        for i, _item in enumerate(items):
            vector = [round(0.01 * (i + 1) * (j + 1), 4) for j in range(EMBEDDING_DIM)]
            embedding: Any = (
                base64.b64encode(struct.pack(f"<{EMBEDDING_DIM}f", *vector)).decode("ascii")
                if b64
                else vector
            )
            data.append({"object": "embedding", "index": i, "embedding": embedding})
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": str(body.get("model", "text-embedding-3-small")),
                "usage": dict(EMBEDDING_USAGE),
            },
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "FakeOpenAIServer"


class FakeOpenAIServer:
    """Fake OpenAI API on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def base_url(self) -> str:
        """The ``base_url`` to hand to ``openai.OpenAI``."""
        if self._server is None:
            raise RuntimeError("server not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAIServer":
        """Bind a free port on 127.0.0.1 and serve in a daemon thread."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="fake-openai", kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Shut the server down and join its thread."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
