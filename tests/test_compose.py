"""Static checks of docker-compose.yml and the collector config in deploy/.

No Docker here: the files are parsed with PyYAML and checked against each other, and the
collector's redaction regexes (Go RE2) are compiled and exercised with Python's ``re``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_PATH = ROOT / "docker-compose.yml"
COLLECTOR_PATH = ROOT / "deploy" / "otel-collector.yaml"

APP, COLLECTOR, JAEGER, PHOENIX = "quickstart", "otel-collector", "jaeger", "phoenix"
IMAGES = {
    COLLECTOR: "otel/opentelemetry-collector-contrib",
    JAEGER: "jaegertracing/jaeger",
    PHOENIX: "arizephoenix/phoenix",
}
# Ports each backend listens on inside its container.
OTLP_GRPC_IN = {JAEGER: 4317, PHOENIX: 4317}
UI_PORTS = {JAEGER: 16686, PHOENIX: 6006}
# Component types the contrib distribution ships that this config may use.
KNOWN_TYPES = {
    "receivers": {"otlp"},
    "processors": {"memory_limiter", "redaction", "batch"},
    "exporters": {"otlp_grpc", "otlp_http", "otlp", "otlphttp", "debug"},
    "extensions": {"health_check"},
}


def _load(path: Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


@pytest.fixture(scope="module")
def compose() -> Dict[str, Any]:
    return _load(COMPOSE_PATH)


@pytest.fixture(scope="module")
def collector() -> Dict[str, Any]:
    return _load(COLLECTOR_PATH)


def _services(compose: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    return compose["services"]


def _ports(service: Dict[str, Any]) -> List[Tuple[Optional[str], int, int]]:
    """(host ip, host port, container port) of each short-syntax port mapping."""
    result = []
    for entry in service.get("ports", []):
        parts = str(entry).split("/")[0].split(":")
        assert len(parts) in (2, 3), f"use HOST:CONTAINER or IP:HOST:CONTAINER, got {entry!r}"
        ip = parts[0] if len(parts) == 3 else None
        result.append((ip, int(parts[-2]), int(parts[-1])))
    return result


def _endpoint_port(endpoint: str) -> int:
    return int(endpoint.rsplit(":", 1)[1].split("/")[0])


def _env(service: Dict[str, Any]) -> Dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def _components(collector: Dict[str, Any], kind: str) -> Dict[str, Any]:
    return collector.get(kind) or {}


# ---------------------------------------------------------------------------- compose


def test_compose_has_the_four_services(compose: Dict[str, Any]) -> None:
    assert set(_services(compose)) == {APP, COLLECTOR, JAEGER, PHOENIX}


def test_images_are_pinned(compose: Dict[str, Any]) -> None:
    services = _services(compose)
    for name, repo in IMAGES.items():
        image = services[name]["image"]
        assert image.startswith(repo + ":"), f"{name}: {image}"
        tag = image.split(":", 1)[1]
        assert tag and tag != "latest" and re.search(r"\d+\.\d+\.\d+", tag), f"{name}: {image}"


def test_depends_on_names_real_services(compose: Dict[str, Any]) -> None:
    services = _services(compose)
    for name, service in services.items():
        deps = service.get("depends_on", [])
        for dep in deps if isinstance(deps, list) else list(deps):
            assert dep in services, f"{name} depends on unknown service {dep}"
    assert COLLECTOR in services[APP]["depends_on"]
    assert {JAEGER, PHOENIX} <= set(services[COLLECTOR]["depends_on"])


def test_published_ports(compose: Dict[str, Any], collector: Dict[str, Any]) -> None:
    services = _services(compose)
    host_ports: List[int] = []
    for service in services.values():
        for ip, host, _ in _ports(service):
            assert ip == "127.0.0.1", "publish on loopback by default"
            host_ports.append(host)
    assert len(host_ports) == len(set(host_ports)), "two services publish the same host port"

    collector_container = {c for _, _, c in _ports(services[COLLECTOR])}
    protocols = _components(collector, "receivers")["otlp"]["protocols"]
    receiver_ports = {_endpoint_port(p["endpoint"]) for p in protocols.values()}
    assert receiver_ports == {4317, 4318}
    assert receiver_ports <= collector_container
    health = _components(collector, "extensions")["health_check"]["endpoint"]
    assert _endpoint_port(health) in collector_container
    for name, ui in UI_PORTS.items():
        assert ui in {c for _, _, c in _ports(services[name])}, f"{name} UI port not published"


def test_collector_listens_on_all_container_interfaces(collector: Dict[str, Any]) -> None:
    # Since collector 0.104 the default is localhost, unreachable from other containers.
    protocols = _components(collector, "receivers")["otlp"]["protocols"]
    for proto in ("grpc", "http"):
        assert protocols[proto]["endpoint"].startswith("0.0.0.0:"), proto


def test_collector_config_is_mounted(compose: Dict[str, Any]) -> None:
    service = _services(compose)[COLLECTOR]
    command = service["command"]
    args = command if isinstance(command, list) else shlex.split(command)
    config_args = [a.split("=", 1)[1] for a in args if a.startswith("--config=")]
    assert len(config_args) == 1, args
    mounts = {}
    for volume in service["volumes"]:
        source, target = str(volume).split(":")[:2]
        mounts[target] = source
    assert config_args[0] in mounts, "the --config path is not a mounted file"
    source = (COMPOSE_PATH.parent / mounts[config_args[0]]).resolve()
    assert source == COLLECTOR_PATH.resolve()


def test_volumes_exist(compose: Dict[str, Any]) -> None:
    declared = set((compose.get("volumes") or {}).keys())
    used: Set[str] = set()
    for name, service in _services(compose).items():
        for volume in service.get("volumes", []):
            source = str(volume).split(":")[0]
            if source.startswith((".", "/")):
                assert (COMPOSE_PATH.parent / source).exists(), f"{name}: {source} missing"
            else:
                used.add(source)
    assert used == declared, f"named volumes used {used} vs declared {declared}"


def test_example_app_build_and_endpoint(compose: Dict[str, Any], collector: Dict[str, Any]) -> None:
    app = _services(compose)[APP]
    build = app["build"]
    context = COMPOSE_PATH.parent / build.get("context", ".")
    dockerfile = context / build["dockerfile"]
    assert dockerfile.is_file(), dockerfile
    text = dockerfile.read_text(encoding="utf-8")
    assert "examples/quickstart.py" in text
    for line in text.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                if "*" not in source:
                    assert (context / source).exists(), f"Dockerfile copies missing {source}"

    env = _env(app)
    endpoint = env["OTEL_EXPORTER_OTLP_ENDPOINT"]
    match = re.fullmatch(r"http://([A-Za-z0-9_.-]+):(\d+)", endpoint)
    assert match, endpoint
    assert match.group(1) == COLLECTOR
    protocol = env.get("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
    protocols = _components(collector, "receivers")["otlp"]["protocols"]
    wanted = protocols["grpc" if protocol == "grpc" else "http"]["endpoint"]
    assert int(match.group(2)) == _endpoint_port(wanted), f"{protocol} goes to {endpoint}"
    assert env.get("PHOENIX_PROJECT_NAME")


def test_phoenix_grpc_port_not_overridden(compose: Dict[str, Any]) -> None:
    env = _env(_services(compose)[PHOENIX])
    assert int(env.get("PHOENIX_GRPC_PORT", OTLP_GRPC_IN[PHOENIX])) == OTLP_GRPC_IN[PHOENIX]


# -------------------------------------------------------------------------- collector


def test_pipelines_reference_defined_components(collector: Dict[str, Any]) -> None:
    service = collector["service"]
    used: Dict[str, Set[str]] = {"receivers": set(), "processors": set(), "exporters": set()}
    for pipeline_name, pipeline in service["pipelines"].items():
        for kind, names in used.items():
            listed = pipeline.get(kind, [])
            assert len(listed) == len(set(listed)), f"{pipeline_name}: duplicate {kind}"
            for name in listed:
                assert name in _components(collector, kind), f"{pipeline_name}: {name} undefined"
                names.add(name)
    for kind, names in used.items():
        defined = set(_components(collector, kind))
        assert defined == names, f"{kind} defined but unused: {defined - names}"
    extensions = set(service.get("extensions", []))
    assert extensions == set(_components(collector, "extensions"))
    for kind, known in KNOWN_TYPES.items():
        for name in _components(collector, kind):
            assert name.split("/")[0] in known, f"unknown {kind} type {name}"


def test_trace_pipeline_order(collector: Dict[str, Any]) -> None:
    pipeline = collector["service"]["pipelines"]["traces"]
    processors = pipeline["processors"]
    assert processors[0] == "memory_limiter"
    assert processors.index("redaction") < processors.index("batch")
    assert processors[-1] == "batch"
    exporters = pipeline["exporters"]
    assert {e.split("/")[1] for e in exporters} == {JAEGER, PHOENIX}


def test_exporter_endpoints_point_to_compose_services(
    compose: Dict[str, Any], collector: Dict[str, Any]
) -> None:
    services = _services(compose)
    for name, config in _components(collector, "exporters").items():
        endpoint = config["endpoint"]
        host = re.sub(r"^https?://", "", endpoint).rsplit(":", 1)[0]
        assert host in services, f"{name}: {host} is not a compose service"
        assert _endpoint_port(endpoint) == OTLP_GRPC_IN[host], f"{name}: {endpoint}"
        assert name.split("/")[0] in ("otlp_grpc", "otlp"), "gRPC port needs a gRPC exporter"
        assert config.get("tls", {}).get("insecure") is True, "plain-text inside compose"


# ---------------------------------------------------------------------- redaction regexes

# Built by concatenation so that secret scanners do not flag this file.
_SENSITIVE = {
    "email": ["jane.doe@example.com", "ops+alerts@mail.example.co.uk"],
    "card": ["4111 1111 1111 1111", "5500-0000-0000-0004", "4012888888881881", "3782 822463 10005"],
    "ssn": ["123-45-6789"],
    "openai": ["sk-" + "proj-Xq7mB2vL9rT4wK8nH3cZ5pJ6", "sk-" + "ant-api03-abcdefghijklmnopqrstuv"],
    "aws": ["AKIA" + "IOSFODNN7EXAMPLE"],
    "github": ["ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "github_pat_" + "11ABCDEFG0123456789_abcdefghij"],
    "slack": ["xox" + "b-1234567890-abcdefghijkl"],
    "google": ["AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"],
    "stripe": ["sk_" + "live_4eC39HqLyjWDarjtT1zdp7dc", "rk_" + "test_4eC39HqLyjWDarjtT1zdp7dc"],
    "ai provider": [
        "hf_" + "OwAJiecAHjIxfihVLEjBWSqLkQgnFCXtkP",
        "gsk_" + "8fQ2xV7mN3kL9pR4tW6yB1cD5hJ0sG2aE7uI3oZ9qX4vM6nK8bT1",
        "lsv2_pt_" + "0ae0755281220e087835b9c4d1f2a3b4_5c6d7e8f90",
        "tvly-" + "dev-AYmqgq5UGn9MB0bobzjcU1x2Y3z4W5v6",
    ],
    "saas": [
        "SG." + "ngeVfQFYQlKU0ufo8x5d1A" + ".TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr",
        "SK" + "0123456789abcdef0123456789abcdef",
        "dapi" + "0123456789abcdef0123456789abcdef",
        "shpat_" + "0123456789abcdef0123456789abcdef",
        "dop_v1_" + "0123456789abcdef" * 4,
        "lin_api_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5mN7p",
        "PMAK-" + "0123456789abcdef01234567" + "-" + "0123456789abcdef0123456789abcdef01",
        "https://discord.com/api/webhooks/" + "112233445566778899/" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5mN7pQ9sT1vX3zA5cE7gH9jK1mN3p",
    ],
    "jwt": ["eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
    "bearer": ["Bearer " + "0123456789abcdefABCDEF.xyz"],
}
# Ordinary span content that must survive the collector untouched.
_ORDINARY = [
    "gpt-4o-mini",
    "I need a refund for my last invoice",
    "cfa0b2ecf4506543b0ae3ff6366d5bbe",  # trace id
    "123e4567-e89b-12d3-a456-426614174000",  # UUID
    "2026-11-23T21:16:08.583895+00:00",
    "1732396568583895000",  # epoch nanoseconds
    "order 12345, 3 items, total 99.90",
    "https://api.example.com/v1/chat/completions",
    "[REDACTED:EMAIL] and <CARD>",
    "Hi (<EMAIL_ADDRESS>, <PHONE_NUMBER>), card <CREDIT_CARD>",  # otel-redact markers
    "text-embedding-3-small",
]
# Constructs Python accepts but RE2 rejects (or reads differently).
_NOT_RE2 = [
    (r"\(\?[=!]", "look-ahead"),
    (r"\(\?<[=!]", "look-behind"),
    (r"\(\?>", "atomic group"),
    (r"\(\?P=", "named back-reference"),
    (r"\\[1-9]", "back-reference"),
    (r"(?<!\\)[*+?}]\+", "possessive quantifier"),
    (r"\\Z", r"\Z (RE2 has \z)"),
    (r"\(\?\(", "conditional"),
    (r"\$", "$ (collector config expands ${...})"),
]


def _redaction(collector: Dict[str, Any]) -> Dict[str, Any]:
    return _components(collector, "processors")["redaction"]


def _compiled(patterns: List[str]) -> List["re.Pattern[str]"]:
    # re.ASCII: \d, \w, \s and \b are ASCII-only in RE2.
    return [re.compile(p, re.ASCII) for p in patterns]


def _mask(text: str, patterns: List["re.Pattern[str]"]) -> str:
    for pattern in patterns:  # the processor masks every match of every pattern
        text = pattern.sub("****", text)
    return text


def test_redaction_processor_settings(collector: Dict[str, Any]) -> None:
    config = _redaction(collector)
    assert config["allow_all_keys"] is True
    assert config["summary"] == "info"
    assert config["blocked_values"]


@pytest.mark.parametrize("field", ["blocked_values", "blocked_key_patterns"])
def test_regexes_stay_in_the_re2_python_subset(collector: Dict[str, Any], field: str) -> None:
    for pattern in _redaction(collector).get(field, []):
        assert isinstance(pattern, str)
        for construct, what in _NOT_RE2:
            assert not re.search(construct, pattern), f"{what} in {pattern!r}"
        re.compile(pattern, re.ASCII)


def test_every_blocked_value_pattern_matches_a_sample(collector: Dict[str, Any]) -> None:
    samples = [s for values in _SENSITIVE.values() for s in values]
    for pattern in _compiled(_redaction(collector)["blocked_values"]):
        assert any(pattern.search(s) for s in samples), f"{pattern.pattern!r} matches no sample"


@pytest.mark.parametrize("kind", sorted(_SENSITIVE))
def test_sensitive_values_are_masked(collector: Dict[str, Any], kind: str) -> None:
    patterns = _compiled(_redaction(collector)["blocked_values"])
    for value in _SENSITIVE[kind]:
        for text in (value, f"Contact: {value}, thanks.", f'{{"secret": "{value}"}}'):
            masked = _mask(text, patterns)
            assert value not in masked and "****" in masked, f"{kind}: {text!r} -> {masked!r}"


def test_ordinary_content_is_left_alone(collector: Dict[str, Any]) -> None:
    patterns = _compiled(_redaction(collector)["blocked_values"])
    for text in _ORDINARY:
        assert _mask(text, patterns) == text, text


def test_blocked_key_patterns(collector: Dict[str, Any]) -> None:
    patterns = _compiled(_redaction(collector).get("blocked_key_patterns", []))
    blocked = ["db.password", "http.request.header.authorization", "x-api-key", "client_secret"]
    allowed = [
        "llm.model_name",
        "llm.token_count.prompt",
        "input.value",
        "output.value",
        "openinference.span.kind",
        "service.name",
    ]
    for key in blocked:
        assert any(p.fullmatch(key) for p in patterns), key
    for key in allowed:
        assert not any(p.fullmatch(key) for p in patterns), key
