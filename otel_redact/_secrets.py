"""Built-in patterns for credentials: API keys, tokens, auth headers, keys, passwords in URLs.

A password that is a variable's reference alone is none: code and config write one for a value
they do not hold (``postgres://app:${DB_PASSWORD}@db``, ``Password="${DB_PASSWORD}"``,
``Pwd={{ .Values.password }}``, ``?token=${API_TOKEN}``; see :data:`PLACEHOLDER`); a reference
joined to more (``${X}y``) is no reference. Each costs a match only where a value would start."""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from otel_redact._validators import jwt_ok, mixed_case, mixed_case_token, token_like

AUTH_SCHEMES = "basic|bearer|token|digest|negotiate|apikey|api-key"
"""HTTP authorization schemes that may precede a credential (an alternation, for patterns)."""


class Spec(NamedTuple):
    """A built-in pattern: entity, regex, optional validator, and a gate regex every match needs."""

    entity: str
    pattern: str
    validator: Optional[Callable[[str], bool]]
    gate: str
    context: Optional[Callable[[str, int, int], bool]] = None
    """Checks the surroundings of a validated ``text[start:end]``."""
    needs: str = ""
    """Characters every match contains: a text lacking one is skipped after a ``memchr``."""
    selective: str = ""
    """A stricter gate for the Hyperscan engine only (Python's engines search it too slowly):
    every finding holds a match of it, so where it is absent the pattern is not tried."""
    fewest_digits: int = 0
    """For a number pattern that may run on into a number after its own: the fewest digits
    its validator accepts. A match the validator rejects is then tried again ending at an
    earlier group, while that leaves this many digits (0: it is not tried again)."""


# Characters that may not touch a token on either side.
_L = r"(?<![A-Za-z0-9_-])"
_R = r"(?![A-Za-z0-9_-])"
_DB_SCHEMES = (
    r"postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|"
    r"oracle|db2|cockroachdb|clickhouse|snowflake|couchdb|neo4j(?:\+s)?|bolt|cassandra|memcached"
)
STRING_PREFIX = "[bBrRuUfFtT]"
"""A letter of the prefix of a Python string literal (b'...', rb"...", f"...", Rb, fR, t"...":
any case, any order; a prefix holds two at most), as code writes a value."""
BRACED_REFERENCE = r"(?:\$\{[A-Za-z_][\w.]{0,100}+\}|\$?+\{\{[ \t]{0,8}+\.?+[A-Za-z_][\w.]{0,100}+[ \t]{0,8}+\}\})"
"""A reference to a variable in braces, which a shell, a .env or compose file or a template
fills in (``${DB_PASS}``, ``{{ .Values.password }}``, ``${{ secrets.DB_PASSWORD }}``: a name
alone; not ``${DB_PASS:-x}``, whose default is one, nor a filter's default): no secret, even
quoted, in single quotes too (YAML's, which fill nothing in, keep it for the file's reader)."""
SHELL_VARIABLE = r"\$[A-Z_][A-Z0-9_]{0,100}+(?![\w.])"
"""A shell's variable without braces (``$DB_PASS``): only in an environment variable's
capitals (``$ecr3t`` may be a password), and not in single quotes, which keep it as written."""
PROMPT_CALLS = r"(?:getpass\.)?+getpass|input|raw_input|click\.prompt|typer\.prompt|Prompt\.ask|questionary\.password"
"""Functions that ask for a secret (an alternation, for patterns): a string literal they take
is the question put (``getpass("Password: ")``), not the answer."""
PLACEHOLDER = (
    r"(?:\?|%[A-Za-z_][\w.]{0,100}+%|%s|%\(\w{1,64}+\)s|:[A-Za-z_]\w{0,64}+|\$\d{1,3}+|-|[A-Za-z_][\w.]{0,100}+\(\)"
    r"|[A-Z][A-Z0-9_]{1,30}+\([A-Za-z_][\w.]{0,100}+\)|[A-Za-z_][\w.]{0,100}+\([A-Za-z][A-Za-z0-9]{0,100}+[_.][\w.]{0,100}+\)"
    r"|" + SHELL_VARIABLE + "|" + BRACED_REFERENCE +
    r"|<[A-Za-z][A-Za-z_-]{0,40}+>|[A-Za-z_]\w{0,100}+(?:\.[A-Za-z_]\w{0,100}+){1,10}+\((?:[A-Za-z_][\w.]{0,100}+)?+"
    r"|(?:" + PROMPT_CALLS + r")\((?:[ \t]*+(?:prompt|text|message)[ \t]*+=)?+)"
)
"""What code writes for a password it does not hold, where a value would be: a bind parameter
(``?``, ``%s``, ``%(pw)s``, ``:pw``, ``$1``), standard input (``-``), or a call taking nothing
(``getpass()``), asking for it (``getpass("Password: ")``, ``input(prompt="Password: ")``:
:data:`PROMPT_CALLS`) or a variable, an SQL function's (``PASSWORD(pw)``) or one a ``_`` or a ``.``
says is code (``hash(pw_col)``, ``f(args.pw)``); not a value holding one (``abc?def``), nor a
word and a word in brackets (``Pass(word)``: a password may look so). A reference to a
variable holding it is none either: a shell's or Windows' (``$DB_PASS``, ``${DB_PASS}``,
``%DB_PASS%``; not ``${DB_PASS:-x}``, whose default is one, nor ``$ecr3t!x``, no name, nor
``$ecr3t``: a bare ``$`` name only in an environment variable's capitals), a
template's (``{{ .Values.password }}``, ``${{ secrets.DB_PASSWORD }}``: a name alone, no
filter's default), a usage text's word in angle brackets (``<password>``, ``<your-password>``:
letters, ``-`` and ``_`` only; ``<abc123>`` may be one), and a dotted call still open, its
first argument a variable (``requests.auth.HTTPBasicAuth(user``, where a bare value ends at
its ``,``: code, its string literals read on their own). ``%NAME%`` comes before ``%s``: a
reader that takes the first alternative matching (``%secret%``) must not stop at ``%s``."""
QUOTED_REFERENCE = r"(?:%s|%s)" % (BRACED_REFERENCE, SHELL_VARIABLE)
"""A reference to a variable in double quotes, which a shell fills in (``"$DB_PASS"``), as
in braces; in single quotes only :data:`BRACED_REFERENCE`."""
_URL_PASSWORD = r"(?!%s@)(?P<value>[^\s@/?#\"']+)@" % BRACED_REFERENCE
"""A URL's password up to the ``@`` ending its user info; not a reference in braces alone
(``postgres://bob:${DB_PASSWORD}@db``, as compose files write one: no secret; ``$DB_PASSWORD``
there, whose quoting the URL does not show, may be a password written as it stands)."""
_IN_BRACKETS = r"""(?:(?=\s{0,3}=\s{0,3}[^;\s"'&)]{0,200}+\))(?<=\((?:[^()\n"';]|"[^"\n]{0,200}+"|'[^'\n]{0,200}+'|\([^()\n"']{0,200}+\)){0,300}+)(?P<inside>))?+"""
"""After a key, where its bare value holds a ``)``: whether a bracket opened before the key and
still open (past whole strings and brackets) holds it, a call's keyword argument
(``connect(host=h, password=pw)``): then a ``)`` the value did not open closes the call, and
the key's own name is a variable passed on (``call(password=password)``)."""
# An ADO or ODBC value after its key (Password=x;, Pwd={x}): quoted (after a Python string's
# prefix: password = f"x"), no reference alone (Password="${DB_PASSWORD}"), in braces (ODBC's:
# "}}" a "}" inside, so "{{x}}" is a template's reference, no value in braces), or bare, no
# placeholder nor a keyword argument's flag (Prompt.ask("Password", password=True): hide the
# answer); in a call's brackets, balanced.
_ADO_VALUE = (
    _IN_BRACKETS + r"\s{0,3}=\s{0,3}(?:%s{1,2}+(?=[\"']))?+(?P<value>\"(?!%s\")[^\"]*\"|'(?!%s')[^']*'|\{(?:[^}]|\}\})*+\}"
    r"|(?!%s(?![^;\s\"'&),])|(?:True|False)[ \t]*+[,)])"  # a placeholder ends the value, if any; a flag is none
    r"(?(inside)(?!(?i:password|pwd)(?![^;\s\"'&),]))(?:[^;\s\"'&()]++|\([^;\s\"'&()]{0,200}+\)?+)++"
    r"|[^;\s\"'&]+))" % (STRING_PREFIX, QUOTED_REFERENCE, BRACED_REFERENCE, PLACEHOLDER)
)
_SECRET_PARAMS = (
    r"api[_-]?key|apikey|key|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|"
    r"token|secret|client[_-]?secret|password|passwd|pwd|sig|signature|code|session[_-]?id|sid|"
    r"x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential"
)
_SECRET_PARAM = r"[?&#;](?i:" + _SECRET_PARAMS + r")="
"""A URL query parameter named like a secret, up to its ``=`` (its value no reference in
braces alone: ``?token=${API_TOKEN}``, as :data:`_URL_PASSWORD`)."""
_AUTH_PARAM = r"[A-Za-z][\w-]{0,30}+\*?[ \t]{0,3}+=[ \t]{0,3}+"
"""The name of an authorization scheme's parameter, up to its ``=`` (``username*=`` too) and
the spaces RFC 7235 allows around it (``username = "bob"``)."""
_QUOTED_PARAM = r"\\?\"[^\"\\\n]{0,200}+(?:\\?\"|\Z)|'[^'\\\n]{0,200}+(?:'|\Z)"
"""A quoted parameter value, in double quotes (escaped inside a JSON string) or in single
quotes as some clients write them (``username='bob'``), or cut short."""
_NEXT_PARAM = r"(?:[ \t]{0,3}+,|[ ])\s{0,3}+"
"""What separates two parameters: a comma (spaces before it, spaces or a folded line after
it, as RFC 7235 allows) or a space."""
_EXTENDED_PARAM = r"[\w-]{1,40}'[\w-]{0,40}'[^\s\"',;]+"
"""A parameter value with its charset and language (RFC 8187: ``UTF-8''J%C3%A4s%C3%B8n``)."""

HYPHEN_GATE = r"-(?:[A-Za-z0-9]{15}|[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-)"
"""One gate for the keys whose prefix ends in '-' (the random part after it) and MAC addresses
apart by hyphens (two hex pairs between hyphens): led by '-', one search for both."""
_RANDOM_AFTER = {"_": r"_[A-Za-z0-9]{30}", "-": HYPHEN_GATE}
"""What every key of a provider whose prefix ends in '_' (or '-') holds: the random part after
it (or a MAC address's pairs, which share the gate)."""
BEARER_BASIC_GATE = r"(?i:bearer|basic|bc1)"
"""One gate for the Bearer and Basic schemes' credentials and Bitcoin's segwit addresses
("bc1..."): words led by a 'b', which one search of the case-folded text seeks together at
the cost of one (Hyperscan seeks each apart: their selective gates)."""
_SLACK_GATE = r"xox|xapp-"
"""One gate for Slack's two token forms: the stdlib engine seeks its 'x' like memchr, once."""
_CAPITAL_S_GATE = r"S(?:G\.[\w-]{22}\.|K[0-9a-fA-F]{32})"
"""One gate for SendGrid's and Twilio's keys: a capital S is rare in prose, and the stdlib engine
seeks it like memchr, once for both."""


def _prefixed(entity: str, prefix: str, rest: str, validator: Optional[Callable[[str], bool]] = token_like) -> Spec:
    """A provider's key: a fixed ``prefix`` (a literal, or a choice of a few) ending in '_' or
    '-', then ``rest``. Keys of one such ending share a gate, checked once for all of them and led
    by a literal that the stdlib engine seeks like memchr; Hyperscan seeks each prefix instead
    (its selective gate)."""
    separator = prefix[-1]
    return Spec(entity, _L + prefix + rest + _R, validator, _RANDOM_AFTER[separator], needs=separator, selective=prefix)


AWS_KEY_ID = r"(?<![A-Za-z0-9])A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])"
"""A long-term (AKIA) or temporary (ASIA) AWS access key id: a secret key goes with it."""
AWS_SECRET_KEY = r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
"""An AWS secret access key standing alone: 40 base64 characters."""
_AWS_PAIR_GAP = 100
"""The most characters between a key id and the secret key that goes with it, either side."""
AWS_SECRET_WINDOW = 40 + _AWS_PAIR_GAP + 1
"""Characters before a key id in which a secret key that goes with it starts."""
AWS_SECRET_BEFORE_ITS_KEY_ID = Spec(
    "AWS_SECRET_ACCESS_KEY",
    rf"(?P<value>{AWS_SECRET_KEY})[\s\S]{{1,{_AWS_PAIR_GAP}}}?" + AWS_KEY_ID,
    mixed_case_token,
    r"A[BCGIKNPRS][CIPKNO]A",
    needs="A",
)
"""A secret key with no key name right before its key id ("secret wJalr... for AKIA...", a
credentials CSV with its columns swapped). Tried only from each key id back (see the detector
engine's own finders): searched forward, a 40-character run is tried at every position."""


_BLANK_LINE = r"\r?+\n[ \t]*+\r?+\n|    "
"""A blank line, or one whose escapes the detectors read as spaces (two each)."""


SECRET_SPECS = (
    Spec(
        "PRIVATE_KEY",
        r"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[\s\S]{0,20000}?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----"
        r"|(?:[A-Za-z0-9+/=:,\s-]|\\[nr])*)",
        None,
        r"-----BEGIN",
        needs="-",
    ),
    # A PuTTY key file (.ppk) whole, as a PEM block goes: up to its Private-MAC line's value
    # (the private lines come before it), or, cut short, up to a blank line or the end of the
    # string holding it (a quote, a backslash not escaping a line break). Its "K" is a memchr
    # that rules out most text before the gate's substring search.
    Spec(
        "PRIVATE_KEY",
        r"PuTTY-User-Key-File-[0-9]{1,2}+:(?:[\s\S]{0,20000}?Private-MAC:[ \t]{0,8}+[0-9A-Fa-f]{1,128}+"
        rf"|(?:(?!{_BLANK_LINE})[^\"\\]|\\[nr]){{0,20000}}+)",
        None,
        r"PuTTY-User-Key-File",
        needs="-:K",
    ),
    Spec("JWT", _L + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*" + _R, jwt_ok, r"eyJ", needs="J."),
    Spec(
        "ANTHROPIC_API_KEY",
        _L + r"sk-ant-(?:api|admin|sid|oat)?\d{0,2}-?[A-Za-z0-9_-]{32,}" + _R,
        token_like,
        r"sk-",  # OpenAI's gate: one check serves both
        needs="-",
    ),
    Spec(
        "OPENAI_API_KEY",
        _L + r"sk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}" + _R,
        token_like,
        r"sk-",
        needs="-",
    ),
    Spec(
        "AWS_ACCESS_KEY_ID",
        r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}"
        r"(?![A-Za-z0-9])",
        None,
        r"A[BCGIKNPRS][CIPKNO]A",
        needs="A",
    ),
    Spec(
        "AWS_SECRET_ACCESS_KEY",
        r"(?i:secret)(?<=(?i:(?:aws|access)[\w.-]{0,12}secret))[\w.-]{0,20}[\"']?\s{0,3}[:=>]{1,2}\s{0,3}[\"']?"
        r"(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        token_like,
        r"(?i:secret)",
    ),
    # With no key name, right after an access key id, as credential CSV files, prose and
    # consoles pair them ("AKIA...,wJalr...", "id AKIA... secret wJalr..."): mixed case and a
    # digit, as a random key has and a hex digest has not.
    Spec(
        "AWS_SECRET_ACCESS_KEY",
        AWS_KEY_ID + rf"[\s\S]{{1,{_AWS_PAIR_GAP}}}?(?P<value>{AWS_SECRET_KEY})",
        mixed_case_token,
        r"A[BCGIKNPRS][CIPKNO]A",
        needs="A",
    ),
    AWS_SECRET_BEFORE_ITS_KEY_ID,
    Spec("GITHUB_TOKEN", _L + r"gh[pousr]_[A-Za-z0-9]{36,251}" + _R, None, r"gh[pousr]_", needs="_"),
    Spec("GITHUB_TOKEN", _L + r"github_pat_[A-Za-z0-9_]{22,255}" + _R, None, r"github_pat_", needs="_"),
    Spec("GITLAB_TOKEN", _L + r"gl(?:pat|dt|rt|ptt|cbt|oas|soat)-[A-Za-z0-9_-]{20,}" + _R, None, r"gl[a-z]{2,4}-", needs="-"),
    Spec("SLACK_TOKEN", _L + r"xox[abposre]-[A-Za-z0-9-]{10,}" + _R, None, _SLACK_GATE, needs="-"),
    Spec("SLACK_TOKEN", _L + r"xapp-\d-[A-Za-z0-9-]{10,}" + _R, None, _SLACK_GATE, needs="-"),  # app-level tokens
    Spec(
        "SLACK_TOKEN",
        r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<value>[A-Za-z0-9_/-]{20,})",
        None,
        r"hooks\.slack\.com",
        needs="/",
    ),
    Spec(
        "DISCORD_WEBHOOK",
        r"(?i:discord(?:app)?\.com/api/(?:v\d{1,2}/)?webhooks)/(?P<value>\d{17,20}/[\w-]{60,100})" + _R,
        None,
        r"/webhooks/",
        needs="/",
    ),
    Spec("SENDGRID_API_KEY", _L + r"SG\.[\w-]{22}\.[\w-]{43}" + _R, mixed_case_token, _CAPITAL_S_GATE, needs="."),
    Spec("TWILIO_API_KEY", _L + r"SK[0-9a-fA-F]{32}" + _R, token_like, _CAPITAL_S_GATE),
    Spec("DATABRICKS_TOKEN", _L + r"dapi[0-9a-f]{32}(?:-\d)?" + _R, token_like, r"dapi[0-9a-f]{32}"),
    Spec("STRIPE_KEY", _L + r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}" + _R, None, r"k_(?:live|test)_", needs="_"),
    Spec("GOOGLE_API_KEY", _L + r"AIza[0-9A-Za-z_-]{35}" + _R, None, r"AIza", needs="A"),
    _prefixed("HUGGINGFACE_TOKEN", "hf_", r"[A-Za-z]{34}", mixed_case),
    _prefixed("GROQ_API_KEY", "gsk_", r"[A-Za-z0-9]{48,}"),
    _prefixed("REPLICATE_API_TOKEN", "r8_", r"[A-Za-z0-9]{37}"),
    _prefixed("LANGSMITH_API_KEY", "lsv2_", r"(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}", None),
    _prefixed("PINECONE_API_KEY", "pcsk_", r"[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,}"),
    _prefixed("NPM_TOKEN", "npm_", r"[A-Za-z0-9]{36}"),
    _prefixed("GRAFANA_TOKEN", "glc_", r"[A-Za-z0-9+/]{32,400}={0,3}"),
    _prefixed("GRAFANA_TOKEN", "glsa_", r"[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
    _prefixed("PERPLEXITY_API_KEY", "pplx-", r"[A-Za-z0-9]{48}"),
    _prefixed("XAI_API_KEY", "xai-", r"[A-Za-z0-9]{70,}"),
    _prefixed("TAVILY_API_KEY", "tvly-", r"(?:dev-|prod-)?[A-Za-z0-9]{32}"),
    # A PyPI API token is a macaroon whose base64 starts with its issuer, "pypi.org".
    _prefixed("PYPI_TOKEN", "pypi-", r"AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", None),
    _prefixed("SHOPIFY_TOKEN", "shp(?:at|ca|pa|ss)_", r"[0-9a-fA-F]{32}"),
    _prefixed("DIGITALOCEAN_TOKEN", "do[opr]_v1_", r"[0-9a-f]{64}"),
    _prefixed("LINEAR_API_KEY", "lin_api_", r"[A-Za-z0-9]{40}"),
    _prefixed("POSTMAN_API_KEY", "PMAK-", r"[0-9a-f]{24}-[0-9a-f]{34}"),
    Spec(
        "AUTH_HEADER",
        r"(?i:authorization)[\"']?\s{0,3}[:=]\s{0,3}[\"']?"
        # Any scheme word (Basic, Bearer, AWS4-HMAC-SHA256, but also "Bot", "SharedKey"); the
        # parameters that follow may hold ';' (AWS SigV4's "SignedHeaders=host;x-amz-date"),
        # or be quoted (Digest's username="Mufasa", response="6629fa...", or username = 'Mufasa'
        # with spaces and single quotes): all of them go.
        r"(?:[A-Za-z][\w-]{1,30}\s+)?"
        rf"(?P<value>(?:{_AUTH_PARAM}(?:{_QUOTED_PARAM}|{_EXTENDED_PARAM})|[^\s\"',;]{{6,}})"
        rf"(?:{_NEXT_PARAM}{_AUTH_PARAM}(?:{_QUOTED_PARAM}|{_EXTENDED_PARAM}|[^\s\"',]+))*)",
        None,
        r"(?i:authorization)",
    ),
    Spec(
        "AUTH_HEADER",
        r"(?i:api-key)(?<=(?<![\w-])(?i:(?:x-)?api-key))[\"']?\s{0,3}[:=]\s{0,3}[\"']?"
        r"(?P<value>[^\s\"',;]{8,})",
        None,
        r"(?i:api-key)",
        needs="-",
    ),
    Spec(
        "AUTH_HEADER",
        r"(?<![\w-])(?i:bearer|basic)\s+(?P<value>[A-Za-z0-9._~+/-]{16,}=*)(?![\w~+/=-])",
        token_like,
        BEARER_BASIC_GATE,
        selective=r"(?i:bearer|basic)",
    ),
    Spec(
        "CONNECTION_STRING_PASSWORD",
        r"://(?<=(?<![\w+.-])(?i:" + _DB_SCHEMES + r"|jdbc:[a-z0-9]+)://)[^\s:/@?#\"']*:" + _URL_PASSWORD,
        None,
        r"://",
        needs="@:/",
    ),
    Spec(
        "CONNECTION_STRING_PASSWORD",
        r"(?i:password)(?<=(?<![\w-])(?i:password))" + _ADO_VALUE,
        None,
        r"(?i:password)",
        needs="=",
    ),
    Spec("CONNECTION_STRING_PASSWORD", r"(?i:pwd)(?<=(?<![\w-])(?i:pwd))" + _ADO_VALUE, None, r"(?i:pwd)", needs="="),
    Spec(
        "URL_CREDENTIALS",
        r"://(?<=[A-Za-z][A-Za-z0-9+.-]{0,20}://)[^\s:/@?#\"']*:" + _URL_PASSWORD,
        None,
        r"://",
        needs="@:/",
    ),
    Spec(
        "URL_CREDENTIALS",
        _SECRET_PARAM + r"(?!%s(?![^&#\s\"'<>;]))(?P<value>[^&#\s\"'<>;]{4,})" % BRACED_REFERENCE,
        None,
        r"[?&#;][\w-]{1,30}=",
        needs="=",
        selective=_SECRET_PARAM,
    ),
)
