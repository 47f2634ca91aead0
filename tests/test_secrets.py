"""Built-in credential detectors: API keys, tokens, headers, private keys, passwords in URLs."""

from __future__ import annotations

import base64
import json
import random
import string
from typing import List, Tuple

import pytest

from otel_redact import create_anonymizer
from otel_redact._detectors import default_detectors

RNG = random.Random(42)
ALNUM = string.ascii_letters + string.digits


def rand(length: int, alphabet: str = ALNUM) -> str:
    """Fake random key material (deterministic)."""
    return "".join(RNG.choice(alphabet) for _ in range(length - 2)) + "a1"


def found(text: str) -> List[Tuple[str, str]]:
    return [(f.entity, text[f.start : f.end]) for f in default_detectors().find(text)]


def b64url(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


KEYS = [
    ("OPENAI_API_KEY", "sk-" + rand(48)),
    ("OPENAI_API_KEY", "sk-proj-" + rand(120, ALNUM + "_-")),
    ("ANTHROPIC_API_KEY", "sk-ant-api03-" + rand(93, ALNUM + "_-") + "AA"),
    ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
    ("AWS_ACCESS_KEY_ID", "ASIA" + rand(16, string.ascii_uppercase + "234567").upper()),
    ("GITHUB_TOKEN", "ghp_" + rand(36)),
    ("GITHUB_TOKEN", "gho_" + rand(36)),
    ("GITHUB_TOKEN", "ghs_" + rand(36)),
    ("GITHUB_TOKEN", "ghu_" + rand(36)),
    ("GITHUB_TOKEN", "ghr_" + rand(36)),
    ("GITHUB_TOKEN", "github_pat_" + rand(82, ALNUM + "_")),
    ("GITLAB_TOKEN", "glpat-" + rand(20, ALNUM + "_-")),
    ("SLACK_TOKEN", "xoxb-123456789012-1234567890123-" + rand(24)),
    ("SLACK_TOKEN", "xoxp-123456789012-1234567890123-" + rand(32)),
    ("SLACK_TOKEN", "xoxa-2-" + rand(40)),
    ("SLACK_TOKEN", "xoxs-" + rand(40)),
    ("SLACK_TOKEN", "xapp-1-A0123456789-1234567890123-" + rand(32, "abcdef0123456789")),
    ("STRIPE_KEY", "sk_live_" + rand(24)),
    ("STRIPE_KEY", "rk_live_" + rand(24)),
    ("STRIPE_KEY", "sk_test_" + rand(24)),
    ("GOOGLE_API_KEY", "AIza" + rand(35, ALNUM + "_-")),
    ("HUGGINGFACE_TOKEN", "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"),
    ("GROQ_API_KEY", "gsk_" + rand(52)),
    ("REPLICATE_API_TOKEN", "r8_" + rand(37)),
    ("PERPLEXITY_API_KEY", "pplx-" + rand(48)),
    ("XAI_API_KEY", "xai-" + rand(80)),
    ("LANGSMITH_API_KEY", "lsv2_pt_" + rand(32, "0123456789abcdef") + "_" + rand(10, "0123456789abcdef")),
    ("LANGSMITH_API_KEY", "lsv2_sk_" + rand(32, "0123456789abcdef") + "_" + rand(10, "0123456789abcdef")),
    ("TAVILY_API_KEY", "tvly-" + rand(32)),
    ("TAVILY_API_KEY", "tvly-dev-" + rand(32)),
    ("PINECONE_API_KEY", "pcsk_" + rand(5) + "_" + rand(63)),
    ("NPM_TOKEN", "npm_" + rand(36)),
    ("GRAFANA_TOKEN", "glc_" + rand(120) + "=="),  # base64 of JSON: no '+' or '/'

    ("GRAFANA_TOKEN", "glsa_" + rand(32) + "_" + rand(8, "0123456789abcdef")),
    ("PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc" + rand(150, ALNUM + "_-")),
    ("SENDGRID_API_KEY", "SG." + rand(22, ALNUM + "_-") + "." + rand(43, ALNUM + "_-")),
    ("TWILIO_API_KEY", "SK" + rand(32, "0123456789abcdef")),
    ("DATABRICKS_TOKEN", "dapi" + rand(32, "0123456789abcdef")),
    ("DATABRICKS_TOKEN", "dapi" + rand(32, "0123456789abcdef") + "-2"),
    ("SHOPIFY_TOKEN", "shpat_" + rand(32, "0123456789abcdef")),
    ("SHOPIFY_TOKEN", "shpss_" + rand(32, "0123456789abcdef")),
    ("DIGITALOCEAN_TOKEN", "dop_v1_" + rand(64, "0123456789abcdef")),
    ("LINEAR_API_KEY", "lin_api_" + rand(40)),
    ("POSTMAN_API_KEY", "PMAK-" + rand(24, "0123456789abcdef") + "-" + rand(34, "0123456789abcdef")),
]


@pytest.mark.parametrize("entity,key", KEYS)
def test_provider_keys(entity: str, key: str) -> None:
    assert found(f"export KEY={key}\n") == [(entity, key)]
    assert found(f"the key {key} leaked") == [(entity, key)]
    assert found(f'{{"key": "{key}"}}') == [(entity, key)]


@pytest.mark.parametrize("text", [
    "sk-learn is a library", "ask-me-anything", "task-runner-for-everything-you-need", "AKIA is a prefix",
    "ghp_short", "glpat-short", "xoxb-", "pk_live_" + "a1" * 12, "AIza short", "risk_live_value",
    # names and identifiers that share a provider key's prefix
    "hf_hub_download(repo_id)", "hf_" + ("transformers" * 3)[:34], "export HF_HOME=/cache", "npm_config_cache=/tmp",
    "gsk_short", "r8_model", "model xai-grok-2-latest", "pplx-7b-online", "tvly-search", "lsv2_pt_abc",
    "pcsk_short_name", "pypi-simple-index", "glc_short",
    "SKU 12345", "SKIP_TESTS=1", "SG.short.key", "Vivamus dapibus lectus", "dapi_version", "shpat_short",
    "lin_api_version", "PMAK-short", "do_v1_migration", "SK" + "abcdef" * 6,  # no digit: a word, not a key
])
def test_key_look_alikes(text: str) -> None:
    assert found(text) == []


def test_aws_secret_access_key_needs_context() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    assert found(f"aws_secret_access_key = {secret}") == [("AWS_SECRET_ACCESS_KEY", secret)]
    assert found(f'AWS_SECRET_ACCESS_KEY="{secret}"') == [("AWS_SECRET_ACCESS_KEY", secret)]
    assert found(f"checksum {secret}") == []


AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize("text", [
    f"AKIAIOSFODNN7EXAMPLE,{AWS_SECRET}",
    f"Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,{AWS_SECRET}\n",
    f"my id is AKIAIOSFODNN7EXAMPLE and the other one {AWS_SECRET}.",
    f"ASIAIOSFODNN7EXAMPLE {AWS_SECRET}",
    f'{{"id": "AKIAIOSFODNN7EXAMPLE", "k": "{AWS_SECRET}"}}',
])
def test_aws_secret_access_key_after_its_key_id(text: str) -> None:
    """No key name, but the access key id right before it: a credentials CSV, prose, a console."""
    key_id = text[text.index("IOSFODNN7EXAMPLE") - 4 :][:20]
    assert found(text) == [("AWS_ACCESS_KEY_ID", key_id), ("AWS_SECRET_ACCESS_KEY", AWS_SECRET)]
    assert AWS_SECRET not in create_anonymizer().anonymize_text(text)


@pytest.mark.parametrize("text", [
    f"{AWS_SECRET},AKIAIOSFODNN7EXAMPLE",
    f"secret {AWS_SECRET} for key AKIAIOSFODNN7EXAMPLE",
    f"Secret access key,Access key ID\n{AWS_SECRET},AKIAIOSFODNN7EXAMPLE\n",
    f"{'x' * 2000} {AWS_SECRET} ASIAIOSFODNN7EXAMPLE",
])
def test_aws_secret_access_key_before_its_key_id(text: str) -> None:
    """No key name, but the access key id right after it: a CSV with its columns swapped, prose."""
    key_id = text[text.index("IOSFODNN7EXAMPLE") - 4 :][:20]
    assert found(text) == [("AWS_SECRET_ACCESS_KEY", AWS_SECRET), ("AWS_ACCESS_KEY_ID", key_id)]


def test_aws_secret_access_keys_before_two_key_ids() -> None:
    """Each key id takes the nearest secret before it, and a secret before an earlier key id
    does not stop the scan (it once went back there and never ended)."""
    other = AWS_SECRET[::-1]
    text = f"{AWS_SECRET},AKIAIOSFODNN7EXAMPLE\n{AWS_SECRET.lower()}1,AKIAIOSFODNN7EXAMPLX\n{other},AKIAIOSFODNN7EXAMPLY"
    assert [value for entity, value in found(text) if entity == "AWS_SECRET_ACCESS_KEY"] == [AWS_SECRET, other]


@pytest.mark.parametrize("text", [
    AWS_SECRET, f"token {AWS_SECRET} ok",  # no key id: a 40-character token of any kind
    f"{AWS_SECRET} {'x' * 120} AKIAIOSFODNN7EXAMPLE",  # too far before
    "commit 3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f901 AKIAIOSFODNN7EXAMPLE",  # a hex digest before it
    f"{AWS_SECRET}AKIAIOSFODNN7EXAMPLE",  # glued: one 60-character token
    f"AKIAIOSFODNN7EXAMPLE {'x' * 120} {AWS_SECRET}",  # too far
    "AKIAIOSFODNN7EXAMPLE commit 3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f901",  # a hex digest: one case
    "AKIAIOSFODNN7EXAMPLE path app/components/Header/Navigation/MenuBar",  # no digit
    f"AKIAIOSFODNN7EXAMPLE {AWS_SECRET}x1",  # 42 characters
])
def test_a_40_character_token_far_from_a_key_id_or_not_random_stays(text: str) -> None:
    assert ("AWS_SECRET_ACCESS_KEY" in {entity for entity, _ in found(text)}) is False


def test_slack_webhook_path() -> None:
    path = "T00000000/B00000000/" + rand(24)
    assert found(f"POST https://hooks.slack.com/services/{path}") == [("SLACK_TOKEN", path)]


@pytest.mark.parametrize("host", ["discord.com/api", "discordapp.com/api", "ptb.discord.com/api/v10"])
def test_discord_webhook_path(host: str) -> None:
    path = "112233445566778899/" + rand(68, ALNUM + "_-")
    assert found(f"POST https://{host}/webhooks/{path}") == [("DISCORD_WEBHOOK", path)]
    assert found(f"see https://{host}/webhooks/ and https://discord.com/channels/112233445566778899/1") == []


def test_jwt() -> None:
    token = f"{b64url({'alg': 'HS256', 'typ': 'JWT'})}.{b64url({'sub': '1234567890'})}.{rand(43, ALNUM + '_-')}"
    assert found(f"token {token} end") == [("JWT", token)]
    fake = f"eyJ{rand(20)}.eyJ{rand(20)}.{rand(10)}"
    assert found(fake) == []


DIGEST = (
    'username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
    'uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", '
    'response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
)
"""The parameters of an HTTP Digest authorization (RFC 2617's example): the hash and the user name."""
DIGEST_SPACED = DIGEST.replace("=", " = ").replace('", ', '" , ')
"""The same with the spaces RFC 7235 allows around each ``=`` and ``,``."""
DIGEST_SINGLE = DIGEST.replace('"', "'")
"""The same in single quotes, as some clients write them."""


@pytest.mark.parametrize("header,credential", [
    ("Authorization: Bearer {}", "abcDEF123456ghiJKL"),
    ("authorization: Basic {}", "dXNlcjpwYXNzd29yZA=="),
    ('{{"Authorization": "Bearer {}"}}', "abcDEF123456ghiJKL"),
    ("-H 'X-Api-Key: {}'", "abcDEF123456ghiJKL"),
    ("Bearer {}", "abcDEF123456ghiJKL7890"),
    ("Authorization: Bot {}", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),  # a scheme the list does not name
    ('{{"Authorization": "Splunk {}"}}', "9f8e7d6c5b4a3928"),
    ("Authorization: SharedKey {}", "myaccount:9f8e7d6c5b4a39281706"),
    (
        "Authorization: AWS4-HMAC-SHA256 {}",
        "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-date, "
        "Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
    ),
    ("Authorization: Digest {} was rejected", DIGEST),
    ("Proxy-Authorization: Digest {}", DIGEST.replace(", ", ",\r\n\t")),  # folded over lines
    ("Authorization: Digest {}", 'username*=UTF-8\'\'J%C3%A4s%C3%B8n, response="6629fae49393a05397450978507c4ef1"'),
    ("Authorization: Digest {} was rejected", DIGEST_SPACED),
    ("Authorization: Digest {} was rejected", DIGEST_SINGLE),
    ("Authorization: Digest {}", DIGEST_SINGLE.replace("=", " = ")),
])
def test_auth_header_credential_only(header: str, credential: str) -> None:
    assert found(header.format(credential)) == [("AUTH_HEADER", credential)]


@pytest.mark.parametrize("text", [
    f"Authorization: Digest {DIGEST}",
    json.dumps({"log": f"GET /dir/index.html Authorization: Digest {DIGEST}", "n": 1}),  # parses: the walk
    json.dumps({"log": f"GET /dir/index.html Authorization: Digest {DIGEST}"})[:-40],  # cut short: escaped quotes
    f"Authorization: Digest {DIGEST[:-60]}",  # cut short inside a quoted parameter
    f"Authorization: Digest {DIGEST_SPACED}",
    json.dumps({"log": f"GET /dir/index.html Authorization: Digest {DIGEST_SPACED}", "n": 1}),
    json.dumps({"log": f"GET /dir/index.html Authorization: Digest {DIGEST_SPACED}"})[:-40],
    f"Authorization: Digest {DIGEST_SINGLE}",
    repr({"headers": f"Authorization: Digest {DIGEST_SINGLE}"}),
])
def test_digest_authorization_keeps_no_parameter(text: str) -> None:
    redacted = create_anonymizer().anonymize_text(text)
    for secret in ("Mufasa", "0a4f113b", "6629fae4", "dcd98b71"):
        assert secret not in redacted, redacted
    assert "Authorization: Digest <AUTH_HEADER>" in redacted
    if text.endswith('"n": 1}'):  # JSON stays JSON
        assert json.loads(redacted)["log"] == "GET /dir/index.html Authorization: Digest <AUTH_HEADER>"


def test_bearer_in_prose_is_not_a_header() -> None:
    assert found("a basic understanding of the bearer bonds market") == []


def test_private_key_whole_block() -> None:
    body = "\n".join(rand(64, ALNUM + "+/") for _ in range(5))
    for kind in ("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"):
        block = f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"
        assert found(f"key:\n{block}\nthanks") == [("PRIVATE_KEY", block)]
    escaped = f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----"
    assert found(f'"{escaped}"') == [("PRIVATE_KEY", escaped)]
    truncated = f"-----BEGIN PRIVATE KEY-----\n{body}"
    assert found(truncated) == [("PRIVATE_KEY", truncated)]
    assert found("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----") == []


PUTTY_PRIVATE = "AAAAIHm9yW2ZqVb3Sx8Qk1Pz"
PUTTY_KEY = (
    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240101\nPublic-Lines: 2\n"
    "AAAAC3NzaC1lZDI1NTE5AAAAIOv7\nAAAAbbbbCCCC\nPrivate-Lines: 1\n" + PUTTY_PRIVATE + "\n"
    "Private-MAC: 0123abcd9f8e7d6c\n"
)


@pytest.mark.parametrize("text", [
    PUTTY_KEY,
    f"Here is my key:\n{PUTTY_KEY}\nThanks, why does PuTTYgen reject it?",
    PUTTY_KEY.replace("\n", "\r\n").replace("-3: ssh-ed25519", "-2: ssh-rsa").replace("none", "aes256-cbc"),
    PUTTY_KEY.replace("eddsa-key-20240101", "my  key, for a b"),  # spaces in a comment
    PUTTY_KEY[: PUTTY_KEY.index(PUTTY_PRIVATE) + 12] + "\n\nWhy does it fail?",  # cut short
    json.dumps({"content": PUTTY_KEY}),
    json.dumps({"content": PUTTY_KEY.split("Private-MAC")[0].replace("eddsa-key-20240101", "a  b c")}),
    repr({"key": PUTTY_KEY}),
])
def test_a_putty_key_file_loses_its_private_lines(text: str) -> None:
    redacted = create_anonymizer().anonymize_text(text)
    assert PUTTY_PRIVATE[4:] not in redacted and "0123abcd" not in redacted and "<PRIVATE_KEY>" in redacted
    assert "Why does it fail?" in redacted or "Why" not in text
    if text.startswith("{\""):
        json.loads(redacted)


def test_prose_naming_a_putty_key_file_stays() -> None:
    assert found("PuTTY-User-Key-File is the first line of a .ppk file; see Private-Lines: and Private-MAC:") == []


@pytest.mark.parametrize("url,secret,entity", [
    ("postgres://app:hunter2pw@db.internal:5432/app", "hunter2pw", "CONNECTION_STRING_PASSWORD"),
    ("postgresql://app:s3cr%40t@localhost/app", "s3cr%40t", "CONNECTION_STRING_PASSWORD"),
    ("mongodb+srv://admin:Pa55word@cluster0.example.net/db", "Pa55word", "CONNECTION_STRING_PASSWORD"),
    ("redis://:redispass@cache:6379/0", "redispass", "CONNECTION_STRING_PASSWORD"),
    ("mysql://root:toor@127.0.0.1:3306/x", "toor", "CONNECTION_STRING_PASSWORD"),
    ("https://user:p4ssw0rd@example.com/path", "p4ssw0rd", "URL_CREDENTIALS"),
    ("ftp://anon:guest123@ftp.example.com", "guest123", "URL_CREDENTIALS"),
    # more than a reference in braces: a secret joined to one, a "$" name whose quoting the URL hides
    ("postgres://app:${DB_PASSWORD}hunter2@db/app", "${DB_PASSWORD}hunter2", "CONNECTION_STRING_PASSWORD"),
    ("postgres://app:hunter2${X}@db/app", "hunter2${X}", "CONNECTION_STRING_PASSWORD"),
    ("mysql://root:$DB_PASSWORD@db/x", "$DB_PASSWORD", "CONNECTION_STRING_PASSWORD"),
    ("https://bob:${TOKEN:-hunter2}@example.com", "${TOKEN:-hunter2}", "URL_CREDENTIALS"),
])
def test_userinfo_password_only(url: str, secret: str, entity: str) -> None:
    assert (entity, secret) in found(f"connect to {url} now")
    assert all(value != url for _, value in found(url))


@pytest.mark.parametrize("param", ["api_key", "apikey", "token", "access_token", "sig", "signature", "X-Amz-Signature", "client_secret", "key"])
def test_url_query_secrets(param: str) -> None:
    url = f"https://api.example.com/v1/items?page=2&{param}=abc123XYZ789&sort=asc"
    assert found(url) == [("URL_CREDENTIALS", "abc123XYZ789")]


@pytest.mark.parametrize(
    "text",
    [
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app",
        "redis://:${REDIS_PASSWORD}@cache:6379/0",
        "git clone https://bob:${GITHUB_TOKEN}@github.com/x.git",
        "https://bob:{{.Values.token}}@example.com",
        "https://api.example.com/v1?page=2&token=${API_TOKEN}&sort=asc",
        "Server=h;Password=${DB_PASSWORD};",  # ";Password=" reads as a URL's parameter too
    ],
)
def test_a_url_password_that_is_a_reference_alone_stays(text: str) -> None:
    assert found(text) == []
    assert create_anonymizer()(text) == text


def test_url_without_secrets() -> None:
    assert found("https://api.example.com/v1/items?page=2&sort=asc#top") == []
    assert found("curl -X POST https://api.example.com/v1/chat/completions") == []


def test_ado_connection_string() -> None:
    text = "Server=tcp:db.example.com,1433;Database=app;User ID=app;Password=Hunter2!x;Encrypt=True;"
    assert found(text) == [("CONNECTION_STRING_PASSWORD", "Hunter2!x")]
    assert found("Driver={ODBC};Uid=app;Pwd={se;cret};") == [("CONNECTION_STRING_PASSWORD", "{se;cret}")]


@pytest.mark.parametrize(
    ("text", "password"),
    [
        ("Password=ab(c)d;", "ab(c)d"),  # its own brackets
        ("Server=x;Password=abc);", "abc)"),  # no bracket open before the key: the ")" is the password's
        ('SqlConnection("Server=x;Password=abc);")', "abc)"),  # the call's bracket opened before the string
        ("connect(host=h, password=s3cr3t)", "s3cr3t"),  # the call's ")" is not
        ('connect(host="h", port=f(p), password=s3cr3t)', "s3cr3t"),
        ("connect(password=ab(c)d)", "ab(c)d"),
        ("Password=abc?def;", "abc?def"),  # a "?" inside a value
        ("password = 'x'", "'x'"),
        ("Password=Pass(word);", "Pass(word)"),  # not a call: a password may look so
        ("password=-abc", "-abc"),
        ('password = f"s3cr3t"', '"s3cr3t"'),  # a Python string's prefix is not the value
        ("Pwd = Rb's3cr3t'", "'s3cr3t'"),
        ("Pwd={ab}}cd};", "{ab}}cd}"),  # ODBC's "}}" is a "}" inside braces, not their end
        ("Pwd={{x}}};", "{{x}}}"),
        ("password={{x}}y", "{{x}}y"),  # more than a template's reference
        ('password = "${DB_PASSWORD}hunter2"', '"${DB_PASSWORD}hunter2"'),
        ('password = "pre${X}"', '"pre${X}"'),
        ("Password='$DB_PASSWORD';", "'$DB_PASSWORD'"),  # single quotes keep "$" as written
    ],
)
def test_connection_string_password_takes_its_brackets_only(text: str, password: str) -> None:
    assert found(text) == [("CONNECTION_STRING_PASSWORD", password)]


@pytest.mark.parametrize(
    "text",
    [
        "call(password=password)",
        "cmd(pwd=pwd)",
        "WHERE password = ?",
        "WHERE user = ? AND password = ?;",
        "password = %s",
        "password = %(pw)s, user = %(user)s",
        "password = :pw",
        "password=$1",
        "SET password = PASSWORD(pw_col)",
        "password = getpass()",
        "password = hash(pw_col)",
        "password=-",
        # a variable's reference alone, quoted too, or a template's in double braces
        'password = "${DB_PASSWORD}"',
        "Server=h;Password='${DB_PASSWORD}';",
        'Server=h;Password="$DB_PASSWORD";',
        "password={{x}}",
        "Pwd={{ .Values.password }};",
    ],
)
def test_placeholders_and_calls_are_no_connection_string_password(text: str) -> None:
    assert found(text) == []
    assert create_anonymizer()(text) == text  # nor the value of a sensitive key


def test_azure_storage_connection_string_account_key() -> None:
    key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    text = f"DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey={key};EndpointSuffix=core.windows.net"
    redacted = create_anonymizer()(text)
    assert key not in redacted and "AccountName=devstore" in redacted and "EndpointSuffix=core.windows.net" in redacted

