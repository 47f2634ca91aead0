"""Run a throw-away Arize Phoenix server on loopback for end-to-end tests.

Phoenix is a server with a large dependency tree (and it needs Python >= 3.11), so it is
installed in its own virtual environment and started as a subprocess; the test process only
speaks HTTP and OTLP to it.  Where the executable is:

- ``OTEL_REDACT_PHOENIX_BIN``: path to the ``phoenix`` console script (for example
  ``/opt/phoenix-venv/bin/phoenix``);
- otherwise ``phoenix`` on ``PATH``;
- otherwise a virtual environment that :func:`provision_phoenix` makes once under
  ``~/.cache/otel-redact`` (``OTEL_REDACT_PHOENIX_VENV`` names another place), installing
  the pinned ``arize-phoenix`` from PyPI (about a minute, once).

Phoenix binds its gRPC OTLP receiver to ``[::]`` whatever ``PHOENIX_HOST`` says, so when the
interpreter of that venv can be found the server is started through a tiny launcher that
rebinds it to ``127.0.0.1``.

Usage::

    with run_phoenix() as phx:
        ...  # export to phx.otlp_http_endpoint or phx.grpc_endpoint
        spans = phx.wait_for_spans("my-project", expected=5)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

ENV_PHOENIX_BIN = "OTEL_REDACT_PHOENIX_BIN"
ENV_PHOENIX_VENV = "OTEL_REDACT_PHOENIX_VENV"
PHOENIX_REQUIREMENT = "arize-phoenix==20.26.1"
DEFAULT_STARTUP_TIMEOUT = 120.0

# Runs inside Phoenix's own interpreter: bind the gRPC receiver to loopback only, then hand
# over to Phoenix's CLI entry point exactly as the ``phoenix`` console script does.
_LAUNCHER = r"""
import sys
import grpc.aio

_make_server = grpc.aio.server

def _loopback_server(*args, **kwargs):
    server = _make_server(*args, **kwargs)
    add_insecure, add_secure = server.add_insecure_port, server.add_secure_port

    def _fix(address):
        for wildcard in ("[::]:", "0.0.0.0:"):
            if address.startswith(wildcard):
                return "127.0.0.1:" + address[len(wildcard):]
        return address

    server.add_insecure_port = lambda address: add_insecure(_fix(address))
    server.add_secure_port = lambda address, creds: add_secure(_fix(address), creds)
    return server

grpc.aio.server = _loopback_server

from phoenix.server.main import main

sys.argv = ["phoenix"] + sys.argv[1:]
sys.exit(main())
"""


class PhoenixError(RuntimeError):
    """Phoenix did not start, or did not answer as expected."""


def find_phoenix() -> Optional[str]:
    """Return the ``phoenix`` executable to use, or None when there is none."""
    configured = os.environ.get(ENV_PHOENIX_BIN)
    if configured:
        path = shutil.which(configured) or (configured if os.path.exists(configured) else None)
        if path is None:
            raise PhoenixError(f"{ENV_PHOENIX_BIN}={configured!r} does not exist")
        return path
    return shutil.which("phoenix")


def provision_phoenix() -> str:
    """The ``phoenix`` executable of a venv made for the tests (made and installed once)."""
    default = Path.home() / ".cache" / "otel-redact" / "phoenix-venv"
    venv = Path(os.environ.get(ENV_PHOENIX_VENV) or default)
    executable = venv / "bin" / "phoenix"
    marker = venv / "installed.txt"
    if executable.exists() and marker.exists() and marker.read_text() == PHOENIX_REQUIREMENT:
        return str(executable)
    shutil.rmtree(venv, ignore_errors=True)
    python = shutil.which("python3") or sys.executable
    for command in (
        [python, "-m", "venv", str(venv)],
        [str(venv / "bin" / "pip"), "install", "-q", PHOENIX_REQUIREMENT],
    ):
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise PhoenixError(f"could not install Phoenix ({' '.join(command)}):\n{result.stderr[-3000:]}")
    marker.write_text(PHOENIX_REQUIREMENT)
    return str(executable)


def _interpreter_of(script: str) -> Optional[str]:
    """The Python interpreter named on a console script's shebang line, if any."""
    try:
        with open(script, "rb") as fh:
            first = fh.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith("#!"):
        return None
    parts = first[2:].split()
    if not parts:
        return None
    if os.path.basename(parts[0]) == "env" and len(parts) > 1:
        interpreter = shutil.which(parts[1])
    else:
        interpreter = parts[0] if os.path.exists(parts[0]) else None
    if interpreter is None or not os.path.basename(interpreter).startswith("python"):
        return None
    return interpreter


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class PhoenixServer:
    """A running Phoenix server and a small client for its REST API."""

    base_url: str
    http_port: int
    grpc_port: int
    working_dir: Path
    log_path: Path
    process: "subprocess.Popen[bytes]"
    startup_seconds: float = 0.0
    grpc_loopback_only: bool = True
    _log_offset: int = field(default=0, repr=False)

    @property
    def otlp_http_endpoint(self) -> str:
        """Full OTLP/HTTP traces URL (for ``OTLPSpanExporter(endpoint=...)``)."""
        return f"{self.base_url}/v1/traces"

    @property
    def otlp_http_base(self) -> str:
        """Base URL for ``OTEL_EXPORTER_OTLP_ENDPOINT`` with ``http/protobuf``."""
        return self.base_url

    @property
    def grpc_endpoint(self) -> str:
        """OTLP/gRPC endpoint for ``OTEL_EXPORTER_OTLP_ENDPOINT`` with ``grpc``."""
        return f"http://127.0.0.1:{self.grpc_port}"

    def log_text(self) -> str:
        """Everything Phoenix has written to stdout/stderr so far."""
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return "<no log>"

    def get_json(self, path: str, params: Optional[Dict[str, Any]] = None) -> Any:
        """GET ``path`` (relative to the base URL) and decode the JSON body."""
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(url, timeout=10) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def project_names(self) -> List[str]:
        """Names of all projects Phoenix knows about."""
        names: List[str] = []
        cursor: Optional[str] = None
        while True:
            params: Dict[str, Any] = {"limit": 100}
            if cursor:
                params["cursor"] = cursor
            body = self.get_json("/v1/projects", params)
            names.extend(p["name"] for p in body.get("data", []))
            cursor = body.get("next_cursor")
            if not cursor:
                return names

    def get_spans(self, project: str, page_size: int = 100) -> List[Dict[str, Any]]:
        """All spans of ``project`` (every page of ``GET /v1/projects/{project}/spans``).

        Returns ``[]`` while the project does not exist yet (Phoenix answers 404).
        """
        spans: List[Dict[str, Any]] = []
        cursor: Optional[str] = None
        quoted = urllib.parse.quote(project, safe="")
        while True:
            params: Dict[str, Any] = {"limit": page_size, "sort": "id", "order": "asc"}
            if cursor:
                params["cursor"] = cursor
            try:
                body = self.get_json(f"/v1/projects/{quoted}/spans", params)
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and not spans:
                    return []
                raise
            spans.extend(body.get("data", []))
            cursor = body.get("next_cursor")
            if not cursor:
                return spans

    def wait_for_spans(
        self,
        project: str,
        expected: int,
        timeout: float = 30.0,
        settle: float = 1.0,
    ) -> List[Dict[str, Any]]:
        """Poll until ``project`` holds at least ``expected`` spans, then return them all.

        After the count is reached it waits ``settle`` seconds and reads again, so that
        spans beyond the expected number (duplicates, strays) are seen too.  Raises
        ``PhoenixError`` with the count seen when the deadline passes.
        """
        deadline = time.monotonic() + timeout
        spans: List[Dict[str, Any]] = []
        while time.monotonic() < deadline:
            spans = self.get_spans(project)
            if len(spans) >= expected:
                time.sleep(settle)
                return self.get_spans(project)
            if self.process.poll() is not None:
                raise PhoenixError(f"Phoenix exited with {self.process.returncode}")
            time.sleep(0.2)
        raise PhoenixError(
            f"project {project!r}: {len(spans)} of {expected} spans after {timeout:.0f}s"
        )

    def stored_bytes(self) -> bytes:
        """Raw bytes of every file in Phoenix's working dir (SQLite database and WAL)."""
        chunks = []
        for path in sorted(self.working_dir.rglob("*")):
            if path.is_file():
                chunks.append(path.read_bytes())
        return b"\n".join(chunks)


def _stop(process: "subprocess.Popen[bytes]", grace: float = 15.0) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it lingers; always reap it."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)
    else:
        process.wait()
    # Children that outlived the leader (none expected) would still be in the group.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def run_phoenix(
    executable: Optional[str] = None,
    startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
    extra_env: Optional[Dict[str, str]] = None,
) -> Iterator[PhoenixServer]:
    """Start ``phoenix serve`` on free loopback ports in a temp dir; stop it on exit.

    Prints Phoenix's log to stderr when startup fails or the body raises.
    """
    exe = executable or find_phoenix()
    if exe is None:
        raise PhoenixError(f"no Phoenix executable: set {ENV_PHOENIX_BIN} or put phoenix on PATH")
    workdir = Path(tempfile.mkdtemp(prefix="otel-redact-phoenix-"))
    data_dir = workdir / "data"
    data_dir.mkdir()
    log_path = workdir / "phoenix.log"
    http_port, grpc_port = free_port(), free_port()
    while grpc_port == http_port:
        grpc_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PHOENIX_"))}
    env.update(
        {
            "PHOENIX_HOST": "127.0.0.1",
            "PHOENIX_PORT": str(http_port),
            "PHOENIX_GRPC_PORT": str(grpc_port),
            "PHOENIX_WORKING_DIR": str(data_dir),
            "PHOENIX_TELEMETRY_ENABLED": "false",
            "PHOENIX_ALLOW_EXTERNAL_RESOURCES": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra_env or {})
    python = _interpreter_of(exe)
    if python is not None:
        argv = [python, "-c", _LAUNCHER, "serve"]
    else:
        argv = [exe, "serve"]
    started = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(workdir),
            start_new_session=True,
        )
    server = PhoenixServer(
        base_url=f"http://127.0.0.1:{http_port}",
        http_port=http_port,
        grpc_port=grpc_port,
        working_dir=data_dir,
        log_path=log_path,
        process=process,
        grpc_loopback_only=python is not None,
    )
    ok = False
    try:
        _wait_healthy(server, startup_timeout)
        server.startup_seconds = time.monotonic() - started
        yield server
        ok = True
    finally:
        _stop(process)
        if not ok:
            sys.stderr.write(
                f"\n----- Phoenix log ({log_path}) -----\n{server.log_text()[-20000:]}\n"
                "----- end of Phoenix log -----\n"
            )
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_healthy(server: PhoenixServer, timeout: float) -> None:
    """Poll ``/healthz`` and the gRPC port until both answer, or raise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise PhoenixError(f"Phoenix exited with {code} during startup")
        try:
            with urllib.request.urlopen(server.base_url + "/healthz", timeout=2) as resp:
                healthy = resp.status == 200
        except (urllib.error.URLError, OSError):
            healthy = False
        if healthy and _port_open(server.grpc_port):
            return
        time.sleep(0.2)
    raise PhoenixError(f"Phoenix not healthy after {timeout:.0f}s")


if __name__ == "__main__":  # manual check: start, report timings, stop
    with run_phoenix() as phx:
        print(f"Phoenix up in {phx.startup_seconds:.1f}s at {phx.base_url} (gRPC {phx.grpc_port})")
        print("projects:", phx.project_names())
