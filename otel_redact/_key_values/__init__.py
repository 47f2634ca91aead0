"""Key-value pairs in text that is not JSON: the value of a sensitive key, wherever it is written.

``password=hunter2``, ``password: hunter2``, ``{'token': 'abc'}``, ``"api_key": "x"`` in
prose or in JSON cut short, ``Authorization: Basic ...``: :class:`KeyValueFinder` finds each
separator (``:``, ``=``, ``=>``, Go's ``:=``), reads the key written right before it (a quoted string or a
bare identifier), asks the key matcher whether it is sensitive, and, if so, reports the value
after it (a quoted string, after its prefix in code: ``f"x"``, ``Rb'x'``, a bracketed structure,
a tuple too: ``auth=("bob", "x")``, an auth scheme's list of auth-params as
Digest writes them, or a run up to a delimiter or to the backtick closing a code span) as a ``SENSITIVE_KEY`` finding. The key itself is never part
of the finding.

More ways to write a pair are read the same way, each by the module of its idea:

- :mod:`._finder`: the pair itself (separators, a key as written: bare, quoted, two or three
  words, in emphasis, before a qualifier in brackets; its value) and the scan that finds
  every form below;
- :mod:`._commands`: command lines: flags and their values, set and config commands,
  passwords taken by their place or on standard input, SQL, .netrc and .pgpass lines;
- :mod:`._code`: calls and literals: header lists and tuples, setters, basic-auth
  constructors, prompts and defaults, joined strings, environment variables' defaults;
- :mod:`._markup`: XML elements and attributes, HTML inputs and meta tags, name/value
  records, Markdown emphasis and tables;
- :mod:`._yaml`: values on the lines after their key: next-line values, plain and block
  scalars, block sequences;
- :mod:`._prose`: values that sentences state (``my password is x``, ``password x``, ``PIN
  4821``, ``was born on``);
- :mod:`._values`: what a value must not be (placeholders, references, counts, when a
  session was, a repository's name, prose);
- :mod:`._reading`: what they share (limits, value shapes, matching at literals, lines).
"""

from otel_redact._key_values._commands import TAKES_A_VALUE, USER_KEY
from otel_redact._key_values._finder import PASS_KEYS, SENSITIVE_KEY, KeyValueFinder
from otel_redact._key_values._markup import MAX_RECORD_FIELDS, RECORD_FIELDS
from otel_redact._key_values._values import counts_under, is_reference, names_a_repository, passes_a_secret, tells_when

__all__ = [
    "MAX_RECORD_FIELDS",
    "PASS_KEYS",
    "RECORD_FIELDS",
    "SENSITIVE_KEY",
    "TAKES_A_VALUE",
    "USER_KEY",
    "KeyValueFinder",
    "counts_under",
    "is_reference",
    "names_a_repository",
    "passes_a_secret",
    "tells_when",
]
