""":class:`KeyValueFinder`: the pair itself, a separator, the sensitive key before it and the
value after it; the other modules' forms are found from its scan.

A bare key may be two words where the second names a secret only after the first (``API key:
x``, ``seed phrase: x``, ``Backup codes: x``, ``First name: x``, ``Billing address: x``,
``Driver's license: x``, ``Bank account: x``, ``PIN code: x``, ``OTP code: x``, where the first alone names it too;
not ``Primary key: id``, ``File name: x``, ``IP address: x``, ``Service Account: x``, nor ``Token ID: 5`` or ``Secret
name: x``, an identifier of the secret its first word names, but ``session id: x``, the
session's secret), or three where the last two name nothing alone and a noun of personal data
stands in the middle (``Driver License Number: x``, ``Social Security Number: x``, ``Tax ID
Number: x``, ``Bank Account ID: x``: :data:`_THREE_WORD_MIDDLES`), and such a name may stand
before a short qualifier in brackets (``Password (new): x``, ``API key (prod): x``, ``Social
security number (SSN): x``; not a call's, ``check(password): x``). A bare ``pass`` names a password only after a
user's name on its line (``user=bob pass=x``, ``login: bob, pass: x``, ``-u bob -pass x``,
``--user=bob --pass=x``) or before a value that looks like a secret and is no number
(``pass=x1y2``; a test report's ``pass=12 fail=0`` stays). In prose a bare key with a colon
may be a plain word ("the token: count was high"): there, the value is only taken when it looks
like a credential (digits, symbols, mixed case), or when the key starts a line or follows
punctuation (``user: bob, password: hunter2``). A key starting its line (after indentation,
sequence dashes or ``export``), or a string, takes the rest of the line as its bare value,
as YAML and .env files do (``password: correct horse battery``), up to a comment (`` #``) or
the next pair (``password=x user=bob``); in prose a bare value is one word; a ``}`` closing
a brace the value opened is the value's
(``${DB_PASSWORD:-x}``).

Cost: text without ``:``, ``=``, ``-`` or ``,`` costs four ``memchr``, then one for each of
``x``, ``X``, ``G``, ``V``, ``q``, ``U``, ``>``, ``/``, ``|``, ``?``, ``(``, ``]``, ``W``, ``Y``,
``'`` and ``N`` and three ``in`` tests (``config``,
``masterauth``, ``et user``); with one of those letters, one or two more ``in`` each (``setx`` and
``Setx``, ``SETX`` and ``SetX``, ``CONFIG``, ``ENV``, ``requirepass``, ``AUTH``, ``> auth``;
two after ``/``: ``ET USER``, ``et User``: about 0.1 microsecond each on 300
characters); text with one of those words pays one match at each (a line command's or an
AUTH's line start, a prompt or ``redis-cli``, a bounded ``rfind`` and search; ``net user``
one search of the text); text with a ``_`` an ``in`` test of ``rabbitmqctl``, and a match at
each; text an ``in`` test of ``assword`` (where a ``,`` or a separator is, only text the
screen passes; about 0.8 microsecond on 2.4 KB), with it of ``login`` and one of ``machine``
and ``default``, and a match at each (a .netrc entry), a ``find`` of each ``assword`` and,
where a space follows it, a bounded search of its name and a match of its value; text with an
``N`` an ``in`` test of ``PIN``, and with it a ``find`` of each and a match of its value; text
with a ``V`` or a ``B`` a ``find`` of each and two slice tests (``CVV``, ``CVC``, ``DOB``),
every such text an ``in`` test of ``cv`` and of ``dob`` (about 0.3 microsecond each on 300
characters; a ``find`` of each where found), and at each such name a remembered check and a
match of its value;
text with a ``-``, a ``|`` and ``stdin`` or ``=-`` a match at each ``echo`` and ``printf``
(a ``memchr`` of ``|`` rules most out); text with a ``<`` an ``in`` test of ``<<<``,
and each here-string six bounded ``rfind`` and a remembered check of each word before it; text
with a ``|``, a ``?``, a ``(`` or (where no ``{`` is) `` or`` after a ``]`` (a ``memchr`` of each ``]``) an ``in`` test of ``env`` (about 3 microseconds on 4 KB; with
a ``V``, two more: ``ENV``, ``Environment``), and a match at each; text with a ``W`` an ``in``
test of ``PASSWORD``, with a ``Y`` of ``IDENTIFIED``, with a ``'`` of `` '`` (and where found,
of ``password`` and ``identified``), and a match at each SQL keyword found; a
flag named ``-a``, ``--password`` (or mysql's ``--passw``, ``--passwo``, ``--passwor``), ``-b``, ``--body``, ``--value``, ``-p``, ``-P``, ``-k``, ``-K``,
``-w``, ``-passin``, ``-passout``, ``-u``, ``--proxy-user`` or one of keytool's one search of its
line for its command (``--user``, ``-U``, ``-pass``: two, curl's and Samba's or Redis's and
openssl's; ``--pass`` three, mysql's too; a ``-p`` with a value attached, ``-px``, two; a ``-u`` or ``-U`` with a value
attached, one or two; another flag whose name starts with a letter of htpasswd's flags, a
bounded ``rfind`` of ``htpasswd``); Go's ``:=`` one more index per ``=``;
other text one remembered check of the word before each separator (a word ending in a digit
or ``*`` and holding a ``:``, a host and port, ``db:5432``, ``10:30``, never remembered: a
match of a .pgpass line where it starts its line; after a noun that another
word may qualify, ``key``, ``code``..., never remembered plain: a bounded split and a
remembered check of the two words each time, and, where they name nothing and the first of
them is a noun of :data:`_THREE_WORD_MIDDLES`, of the three; a fraction of a
microsecond; after brackets apart from the word before them, ``(new)``, never remembered plain
either: a bounded ``rfind`` and ``find`` and the reading of the name before them; before ``pass``, never remembered plain either, a search of its line for a
user's name and a match of its value), one regex pass for flags where a ``-`` is (under a
microsecond on 300 characters), one for listed pairs where a ``,``, a bracket and ``",``,
``',`` or `` ,`` are (about 1.5 microseconds; where a ``,``, a ``(`` and a ``B`` are, an ``in`` test of
``BasicAuth``, and a match at each), and there, if a ``-`` is too, two for quoted flags (about 1
microsecond; without a bracket, where a ``-``, a ``,`` and ``"-`` or ``'-`` are: text without
a quote pays two more ``memchr``; with the Hyperscan engine, these passes only in text holding
a sensitive name), one search for record value fields from their literal ``alue`` where a
``:`` or ``=`` and ``alue`` are (a fraction of a microsecond; the lines or braces around one
read only there), a key match only where that word holds a sensitive name or ends in a quote,
a value match only after a sensitive key (a quoted one starting with ``$`` or ``{`` one match
of a reference; then a block scalar's header match only where the
value starts with ``|`` or ``>``, and after a colon one match for the line's end; a block's
or a sequence's lines cost a ``find`` and two strips each, once;
a bare value's line start costs two bounded ``rfind``, its other words one match).
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any, Callable, Dict, Iterable, List, Optional, Set, Tuple

import regex

from otel_redact._dates import date_end
from otel_redact._detectors import Finding, time_left
from otel_redact._hyperscan import gate_scanner
from otel_redact._keys import NAME_KEY_ENDS, PERSON_OPENINGS, USERS_ROLE_VALUES
from otel_redact._key_values._code import (
    _AFTER_A_STRING,
    _ANNOTATED_ARGUMENT,
    _ANNOTATED_DEFAULT,
    _ASKING_CALL,
    _ASKING_NAMES,
    _BASIC_AUTH,
    _CALL_OPENING,
    _ENV_DEFAULT,
    _ENV_WORDS,
    _ESCAPED_CLOSING,
    _FIELD_DECLARATION,
    _JOINED_ON,
    _LISTED_VALUE,
    _OPENERS,
    _SET_CALL_VALUE,
    _after_its_string,
    _call_default,
    _call_naming_keys,
    _closes_its_string,
    _constructs_basic_auth,
    _declared_default,
    _defaults_an_env,
    _documents_an_argument,
    _listed_names,
    _lists_field_names,
    _literal_argument,
    _passes_its_own_name,
    _printed_argument,
    _prompt_asks_for_a_secret,
    _sets_what_it_names,
)
from otel_redact._key_values._commands import (
    _COMMAND_BOUNDARIES,
    _FLAG,
    _HERE_STRING,
    _ITEM_START,
    _LISTED_FLAG_VALUE,
    _NAMELESS_COMMANDS,
    _NETRC_PASSWORD,
    _NETRC_WORDS,
    _NET_USER,
    _NO_VALUE,
    _PIPED,
    _PIPE_WRITERS,
    _PORT_ENDS,
    _QUOTED_FLAGS,
    _RABBITMQ_USER,
    _REST_OF_WORD,
    _SHELL_SEPARATORS,
    _SQL_PASSWORD,
    _SQL_WORDS,
    _TAKES_A_VALUE_HERE,
    _USER_NAMED,
    _WRITERS,
    _adds_a_user,
    _auth_commands,
    _authenticates,
    _is_metavariable,
    _is_prose_word,
    _lists_a_netrc,
    _may_quote_a_flag,
    _pgpass_password,
    _secret_in_its_command,
    _set_commands,
    _sets_a_password,
    _sets_a_rabbitmq_password,
    _sets_a_setting,
)
from otel_redact._key_values._markup import (
    _ARGUMENT_END,
    _ARGUMENT_RECORD_NAMES,
    _ATTRIBUTE_RECORD_NAMES,
    _CLOSING_TAG,
    _CONTENT_FIELD,
    _EMPHASIS_MARKS,
    _EMPHASIS_RUN,
    _QUOTED_KEY_END,
    _QUOTED_RECORD_NAMES,
    _VALUE_FIELD_END,
    _attributed_elements,
    _column_cell,
    _column_keys,
    _element_text,
    _emphasis_start,
    _meta_names_a_secret,
    _next_cell,
    _opening_tag,
    _record_names_a_secret,
    _unclosed_header_cell,
    _yaml_record_names_a_secret,
)
from otel_redact._key_values._prose import (
    _BIRTH_KEY,
    _BORN,
    _CODE_VALUE,
    _LOOSE_GAP,
    _LOOSE_VALUE,
    _NAMES_A_NAME,
    _OWN_NAME,
    _PASSWORD_WORD,
    _PIN,
    _PIN_VALUE,
    _QUALIFIED_NAMES,
    _STATED_VALUE,
    _STATING_VERBS,
    _STATING_WORDS,
    _date_after_born,
    _date_after_name,
    _described_quote_end,
    _loose_names,
    _loose_pins,
    _name_before_brackets,
    _names_loosely,
    _names_own_name,
    _persons_name_after,
    _stated_name,
    _states,
)
from otel_redact._key_values._reading import (
    _AFTER_BIRTH_NAME,
    _AFTER_BORN,
    _AFTER_CELL,
    _AFTER_CODE_NAME,
    _AFTER_COLUMN,
    _AFTER_NAMING,
    _AFTER_PASSWORD,
    _AFTER_PIN,
    _AFTER_SEPARATOR,
    _AFTER_VERB,
    _BARE_KEY_END,
    _CHECK_EVERY,
    _COMMAND_LINE,
    _Key,
    _MAX_ALIGNMENT,
    _MAX_KEY,
    _QUOTED_KINDS,
    _QUOTES,
    _REST_OF_LINE,
    _VALUE,
    _after_on_its_line,
    _in_prose,
    _matches,
    _matches_at,
    _matches_at_words,
    _occurrences,
    _record_opening,
    _separators,
    _starts_its_line,
    _trimmed,
    _with_its_braces,
)
from otel_redact._key_values._values import (
    _NOT_SECRET,
    _PLAIN_WORD,
    _held_secret,
    _is_placeholder,
    _is_quoted_reference,
    _loosely_a_secret,
    _past_a_reference,
    _stated_as_a_secret,
    passes_a_secret,
)
from otel_redact._key_values._yaml import _COMMENT_GAP, _block_scalar, _block_sequence, _next_line_value, _plain_scalar


SENSITIVE_KEY = "SENSITIVE_KEY"
"""Entity type of a value redacted whole because its key is sensitive (``password``...)."""
# Read backwards from the separator: spaces, then a quoted key ("k", 'k', or \"k\" inside a
# JSON string) or a bare identifier (db.password, x-api-key, AWS_SECRET_ACCESS_KEY, and the
# name of a command-line flag: --password, -Dpassword); group 1.
_KEY = regex.compile(
    r"(?r)(?|"
    r"\\?\"([^\"\\\n\r]{1,%(n)d})\\?\"\]?"  # a subscript closes after the key: config["password"] = x
    r"|\\?'([^'\\\n\r]{1,%(n)d})\\?'\]?"
    r"|(?<![\w.])([A-Za-z_][\w.-]{0,%(m)d})"
    r")[ \t]{0,%(s)d}" % {"n": _MAX_KEY, "m": _MAX_KEY - 1, "s": _MAX_ALIGNMENT}
)
_KEY_WINDOW = _MAX_KEY + 4 + _MAX_ALIGNMENT
"""Characters before a separator that a key and its quotes and spaces can take."""
PASS_KEYS = frozenset(("pass", "Pass", "PASS"))
"""A bare key that names a password only where a user's name comes before it (``user=bob
pass=x``) or its value looks like one (``pass=x1y2``): test reports count passes (``pass=12
fail=0``); see :func:`_passes_a_password`."""
_SEPARATORS = ":=|"
"""What may part a key from its value in :meth:`KeyValueFinder._sensitive_keys`: ``:``, ``=``,
and, in text holding one, a Markdown table's ``|`` (``| password | x |``: see :func:`_next_cell`)."""
_VALUE_AFTER = {",": _LISTED_VALUE, '"': _LISTED_FLAG_VALUE, "'": _LISTED_FLAG_VALUE}
"""The value's pattern after the ``,`` of a listed name and the quote closing a listed flag
(after other separators, :data:`_VALUE`)."""
_VALUE_AFTER_WORD = {
    _AFTER_VERB: _STATED_VALUE, _AFTER_PASSWORD: _LOOSE_VALUE, _AFTER_PIN: _PIN_VALUE, _AFTER_CODE_NAME: _CODE_VALUE,
}  # fmt: skip
"""The value's pattern after a word that a space alone parts from it."""
_CLOSED_KINDS = (*_QUOTED_KINDS, "nest")
"""The groups of :data:`_VALUE` that a closing quote or bracket ends (where one is written)."""


class KeyValueFinder:
    """Finds the values of sensitive keys written as ``key: value`` / ``key=value`` in text.

    ``is_sensitive`` decides whether a key names a secret (a :class:`KeyMatcher`'s check,
    cached by the caller); ``holds_a_person``, whether a JSON key opening an object or a list
    (or a FHIR ``resourceType``) holds a person's record, whose names are sensitive: :meth:`scan`
    reports such a key as unclear, and a JSON key ``name`` in text that may hold a user's chat
    message (``{"role": "user", "name": x}``) too; ``timeout`` bounds the seconds one :meth:`scan` may take. With
    the key matcher's ``pattern`` and the Hyperscan engine, one scan first rules out text
    holding no sensitive key name anywhere (nor ``redis-cli``, whose ``-a`` takes a password,
    nor ``was born``, before a date of birth, nor ``my name is``, before a person's name).
    """

    def __init__(
        self,
        is_sensitive: Callable[[str], bool],
        timeout: Optional[float] = None,
        pattern: Optional[str] = None,
        holds_a_person: Optional[Callable[[str], bool]] = None,
    ) -> None:
        self._is_sensitive = is_sensitive
        self._holds_a_person = holds_a_person
        self._timeout = timeout
        self._screen = gate_scanner([pattern, _NAMELESS_COMMANDS, _BORN, _OWN_NAME]) if pattern is not None else None

    def scan(self, text: str, raw: Optional[str] = None) -> Tuple[List[Finding], bool]:
        """The values of sensitive keys in ``text`` (sorted, non-overlapping), and whether
        some ``:`` follows a word that may end a sensitive or unclear key: false, no JSON key
        in ``text`` is sensitive nor holds a person's record or a user's name (the word before a JSON key's
        colon ends in the key, unless the key holds a space or a backslash, or is longer than a
        key read here: those are unclear). ``raw``: the text ``text`` was made from by turning escapes into spaces
        (same length, same separators), screened too, for the JSON keys it spells."""
        separated = ":" in text or "=" in text  # every such pair and every JSON key has one
        tabled = "|" in text  # a Markdown table's row: "| password | x |"
        flagged = "-" in text
        comma = "," in text
        listed = comma and ("(" in text or "[" in text)
        angled = "<" in text
        closed = angled and ("</" in text or "<\\/" in text)  # an XML element's closing tag
        if not (
            separated or tabled or flagged or listed or closed or (angled and "<<<" in text)
            or _sets_a_setting(text) or _authenticates(text) or _adds_a_user(text) or _states(text)
            or _defaults_an_env(text) or _sets_a_password(text) or _sets_a_rabbitmq_password(text)
            or _PASSWORD_WORD in text or ("N" in text and _PIN in text) or _names_loosely(text)
        ):  # fmt: skip
            return [], False
        screen = self._screen
        if screen is not None and not screen.hits(text) and (raw is None or raw is text or not screen.hits(raw)):
            return [], False
        commanded = _sets_a_setting(text)  # after the screen: each command names a secret
        authed = _authenticates(text)
        password = _PASSWORD_WORD in text  # a .netrc entry; a password's name before a space
        deadline = None if self._timeout is None else time.perf_counter() + self._timeout
        lines = text if raw is None else raw
        passwords: Dict[int, Tuple[int, int]] = {}  # a .pgpass line's last colon: its password's span
        separators = _SEPARATORS if tabled else ":="  # no search for a pipe in text holding none
        keys, suspect = self._sensitive_keys(text, lines, passwords, deadline, separators) if separated or tabled else ([], False)
        if tabled and keys:  # a Markdown table's column under a header naming a secret
            keys += _column_keys(text, lines, keys, deadline)
        if flagged:
            keys += self._named_keys(_matches(_FLAG, text, deadline), deadline, partial(_secret_in_its_command, text, lines))
        if listed and ('",' in text or "'," in text or " ," in text):  # not memchr: after the screen
            keys += self._named_keys(_listed_names(text, deadline), deadline)
            if flagged:  # a quoted flag closes as a listed name does
                keys += self._listed_flags(text, deadline)
        elif flagged and comma and not listed and _may_quote_a_flag(text):  # a list without brackets
            keys += self._listed_flags(text, deadline)
        if commanded:
            keys += self._named_keys(_set_commands(text, lines, deadline), deadline)
        if authed:
            keys += _auth_commands(lines, deadline)
        if flagged and "|" in text and ("stdin" in text or "=-" in text):  # a password piped to a flag or key reading it
            piped = _matches_at_words(_PIPED, text, _WRITERS, deadline)
            keys += _separators([match for match in piped if self._is_sensitive(match["flag"])])
        if _adds_a_user(text):
            keys += _separators(_matches(_NET_USER, lines, deadline))  # its line's end as written: \n in a JSON string
        if listed and _constructs_basic_auth(text):  # a basic-auth constructor's password, by its place
            keys += _separators(_matches_at(_BASIC_AUTH, text, "BasicAuth", deadline))
        if _sets_a_rabbitmq_password(text):
            keys += _separators(_matches_at(_RABBITMQ_USER, text, "rabbitmqctl", deadline))
        if password and _lists_a_netrc(text):
            entries = _matches_at_words(_NETRC_PASSWORD, text, _NETRC_WORDS, deadline)
            keys += [(match.end() - 1, match.end() - len("password "), _AFTER_SEPARATOR) for match in entries]
        if angled and "<<<" in text:
            keys += self._here_strings(text, deadline)
        if _defaults_an_env(text):
            keys += self._named_keys(_matches_at_words(_ENV_DEFAULT, text, _ENV_WORDS, deadline), deadline)
        if _sets_a_password(text):
            keys += _separators(_matches_at_words(_SQL_PASSWORD, text, _SQL_WORDS, deadline))
        if separated and "alue" in text:  # a record's value field: "value", "Value"
            keys += self._record_values(text, deadline)
        if closed:
            keys += self._element_keys(text, deadline)
        if separated and "<" in text and "content=" in text:  # an HTML meta tag's content
            keys += self._meta_contents(text, deadline)
        if password:
            keys += self._loose_passwords(text, deadline)  # "user bob password x"
        if "N" in text and _PIN in text:  # "my PIN 4821" (not a call: a memchr rules most text out)
            keys += _loose_pins(text, deadline)
        if "V" in text or "B" in text or "cv" in text or "dob" in text:  # _LOOSE_NAMES' finders, spelled out: no loop
            keys += _loose_names(text, self._is_sensitive, deadline)  # "CVV 123", "dob 1980-02-13"
        keys += self._stated_keys(text, deadline)  # prose: "my password is x" (a find per verb)
        found: List[Finding] = []
        end = 0
        for at, key_start, after in sorted(keys):
            if at < end:
                continue  # inside the value found before
            span = passwords[at] if at in passwords else _value(text, lines, at, key_start, after, deadline)
            if span is not None and text[at] == "," and (
                _call_naming_keys(text, key_start, span, self._is_sensitive) or _lists_field_names(text, span)
            ):
                continue
            if span is not None:
                found.append(Finding(span[0], span[1], SENSITIVE_KEY))
                end = span[1]
        return found, suspect

    def _sensitive_keys(
        self, text: str, lines: str, passwords: Dict[int, Tuple[int, int]], deadline: Optional[float], separators: str
    ) -> Tuple[List[_Key], bool]:
        """``(separator index, key start)`` of the ``separators`` (``:=``, or :data:`_SEPARATORS`)
        that follow a sensitive key (a table cell's closing pipe too: :func:`_next_cell` reads
        its row), and whether a ``:``
        follows a word that may end a sensitive or unclear key. A .pgpass line's last colon is one too, its password's span put in ``passwords`` (found from its
        port's colon: :func:`_pgpass_password`)."""
        match, is_sensitive, holds = _KEY.match, self._is_sensitive, self._holds_a_person
        found: List[_Key] = []
        plain: Set[str] = set()  # words before a separator that hold no sensitive name ('"role"')
        suspect = False
        seen = 0
        for separator in separators:
            after = _AFTER_CELL if separator == "|" else _AFTER_SEPARATOR
            at = text.find(separator)
            while at >= 0:
                seen += 1
                if deadline is not None and seen % _CHECK_EVERY == 0:
                    time_left(deadline)
                start = at - _KEY_WINDOW if at > _KEY_WINDOW else 0
                # Go's ":=" (api_key := "x"): the key ends before its colon.
                key_end = at - 1 if separator == "=" and at and text[at - 1] == ":" else at
                while separator == "|" and key_end > start and text[key_end - 1] in " \t":
                    key_end -= 1  # a table cell's padding: "| **password** |"
                # A bare key ends the last word before the separator, and the key matcher
                # finds no sensitive name in a word that it does not find in the word's end:
                # most separators cost this one check. Quoted keys may hold spaces.
                words = text[start:key_end].rsplit(None, 1)
                if not words:
                    suspect = suspect or (separator == ":" and at > 0)  # only spaces: a key further back
                elif words[-1] not in plain:
                    word = words[-1]
                    if word[-1] == "]" and len(word) > 1:  # a subscript: config["password"] = x
                        word = word[:-1]
                    elif text[key_end - 1] in _EMPHASIS_MARKS and word.strip(_EMPHASIS_MARKS):  # Markdown: **password**: x
                        marks = len(word) - len(word.rstrip(_EMPHASIS_MARKS))
                        word, key_end = word[:-marks], key_end - marks
                    may_be = _quoted_may_be_sensitive if word[-1] in _QUOTES else _bare_may_be_sensitive
                    bracketed = word[-1] == ")" and (word[0] == "(" or "(" not in word)  # not f(self)
                    named = _name_before_brackets(text, key_end, is_sensitive) if bracketed else -1
                    if named >= 0:  # never plain: "Password (new): x", "Social security number (SSN): x"
                        if _pair_separator(text, at):
                            suspect = suspect or separator == ":"
                            found.append((at, named, after))
                    elif may_be(word, is_sensitive):
                        suspect = suspect or separator == ":"
                        key = match(text, start, key_end)
                        if key is not None and is_sensitive(key[1]) and _pair_separator(text, at):
                            found.append((at, _emphasis_start(text, key.start(), key_end, at), after))
                    elif "\\" in word or (start and len(words) == 1 and not (text[start - 1].isspace() or text[start].isspace())):
                        # an escape in a quoted key, or a word the window cuts (the rest of
                        # a key further back, '"password\\"x"' and spaces): unclear
                        suspect = suspect or separator == ":"
                    elif word in _STATING_WORDS:  # never plain: "my password is: x" (its colon ends the verb)
                        verb = at - len(word) - 1  # the space before it
                        if separator == ":" and verb >= 0 and text[verb] == " ":
                            name_start = _stated_name(text, verb, is_sensitive, True)
                            if name_start >= 0:
                                found.append((at - 1, name_start, _AFTER_VERB))
                    elif word[-1] in "sS\"'" and word.rstrip("\"'")[-4:] in PASS_KEYS and _bare_key(word.rstrip("\"'")) in PASS_KEYS:
                        # never plain: "pass=12" counts tests, "user=bob pass=x" logs in, '"pass": "x"' too
                        # (its last letter read first)
                        key = match(text, start, key_end)
                        if key is not None and _pair_separator(text, at) and _passes_a_password(text, at, key.start()):
                            found.append((at, key.start(), after))
                    elif separator == "=" and word.endswith("default") and _prompt_asks_for_a_secret(text, at, is_sensitive):
                        # never plain: the default of a prompt asking for a secret is one (click.prompt("Secret", default="x"))
                        found.append((at, key_end - len("default"), _AFTER_SEPARATOR))
                    elif word in _QUALIFIED_NAMES:  # never plain: the word before may qualify it
                        name_start = _stated_name(text, key_end, is_sensitive, False)  # "API key: x", "seed phrase: x"
                        if name_start >= 0 and _pair_separator(text, at):
                            suspect = suspect or separator == ":"
                            found.append((at, name_start, after))
                    elif separator == ":" and text[at - 1] in _PORT_ENDS and ":" in word:
                        # never plain: another .pgpass line may start with this host and port
                        entry = _pgpass_password(lines, key_end - len(word), word)
                        if entry is not None:
                            found.append((entry[0] - 1, key_end - len(word), _AFTER_SEPARATOR))
                            passwords[entry[0] - 1] = entry
                    elif separator == "|" and word[-1] in "-:":  # never plain: a delimiter row's cell (---|---)
                        header = _unclosed_header_cell(lines, at)  # a header cell no pipe closes, over it
                        if header is not None and _stated_name(text[header[0] : header[1]], header[1] - header[0], is_sensitive, False) == 0:
                            found.append((header[1], header[0], after))
                    elif (
                        separator == ":" and holds is not None and word[-1] in _QUOTES and text.startswith(PERSON_OPENINGS, at + 1)
                        and holds(word[word.rfind(word[-1], 0, -1) + 1 : -1].rstrip("\\"))
                    ):  # fmt: skip
                        suspect = True  # a person's record ('"patient": {"name": x}', a dict's repr too): its names are read in the parsed JSON
                    elif (
                        separator == ":" and holds is not None and word.endswith(NAME_KEY_ENDS)
                        and any(value in text for value in USERS_ROLE_VALUES)
                    ):  # fmt: skip
                        suspect = True  # a user's name in their chat message ('{"role": "user", "name": x}'): read in the parsed JSON
                    elif not bracketed:  # a qualifier's brackets: the name before them may differ
                        plain.add(words[-1])
                at = text.find(separator, at + 1)
        return found, suspect

    def _named_keys(
        self, matches: Iterable[Any], deadline: Optional[float], also: Optional[Callable[[Any], int]] = None
    ) -> List[_Key]:
        """``(separator index, key start)`` of the sensitive names (group 1) of ``matches``,
        each ending in its separator: the flags or the listed names of a text; and of those
        for which ``also`` gives a separator (a flag taking a secret in its command:
        ``redis-cli -a x``; -1 for others), asked first: the command gives a name its
        meaning (``mysql -pPassw0rd db``: a password attached to ``-p``, not ``db``), or takes
        it away (:data:`_NO_VALUE`: ``mysql --password db``)."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        for seen, match in enumerate(matches, 1):
            if deadline is not None and seen % _CHECK_EVERY == 0:
                time_left(deadline)
            separator = -1 if also is None else also(match)
            if separator >= 0:
                found.append((separator, match.start(1), _AFTER_SEPARATOR))
            elif separator != _NO_VALUE and is_sensitive(match[1]):
                found.append((match.end() - 1, match.start(1), _AFTER_SEPARATOR))
        return found

    def _listed_flags(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(closing quote index, name start)`` of the quoted flags naming a secret that are
        items of a list or tuple in ``text`` (``["mysql", "--password", "x"]``), or of one
        written without brackets (``args: 'mysql', '--password', 'x'``): the list around a flag
        is read only after its name is found sensitive."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        seen = 0
        for pattern in _QUOTED_FLAGS:
            for flag in pattern.finditer(text):
                seen += 1
                if deadline is not None and seen % _CHECK_EVERY == 0:
                    time_left(deadline)
                if is_sensitive(flag[1]) and _ITEM_START.match(text, flag.start()) is not None:
                    found.append((flag.end() - 1, flag.start(1), _AFTER_SEPARATOR))
        return found

    def _here_strings(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(index of its last "<", command start)`` of the here-strings in ``text`` fed to a
        command that names a secret in one of its words (:data:`_HERE_STRING`), read back on
        its line to the shell's ``|``, ``;``, ``&``, ``(`` or backtick before it."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        for here in _matches_at(_HERE_STRING, text, "<<<", deadline):
            at = here.start()
            window = max(0, at - _COMMAND_LINE)
            start = max(text.rfind(boundary, window, at) for boundary in _COMMAND_BOUNDARIES) + 1 or window
            if any(map(is_sensitive, text[start:at].split())):  # a quote around a name keeps it one
                found.append((here.end() - 1, start, _AFTER_SEPARATOR))
        return found

    def _element_keys(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(index of the ">" ending its opening tag, tag name start)`` of the XML elements in
        ``text`` named by a sensitive key: their name (``<password>``, ``<ns:ApiKey>``), or a
        name field among their attributes (``<entry key="password">``, read only in text with
        an ``=``). Found from their closing tags, so a tag closing nothing (``enter <password>
        here``) names no value."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        for seen, closing in enumerate(_CLOSING_TAG.finditer(text), 1):
            if deadline is not None and seen % _CHECK_EVERY == 0:
                time_left(deadline)
            if is_sensitive(closing[2]):
                tag = _opening_tag(text, closing.start(), closing[1])
                if tag is not None:
                    found.append((tag.end() - 1, tag.start() + 1, _AFTER_SEPARATOR))
        if "=" in text:
            found += _attributed_elements(text, is_sensitive, deadline)
        return found

    def _meta_contents(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(index of the "=", attribute start)`` of the content attributes of the HTML tags
        whose name or property attribute, before or after it, names a secret (``<meta
        name="csrf-token" content="x">``). Each is found by ``str.find`` and matched there
        (:func:`_matches_at`), its tag's name fields too (:func:`_meta_names_a_secret`): a
        page's meta tags cost no regex search."""
        found: List[_Key] = []
        for field in _matches_at(_CONTENT_FIELD, text, "content=", deadline):
            opening = _record_opening(text, field.start(), "<>")
            if opening >= 0 and _meta_names_a_secret(text, opening, field.end(), self._is_sensitive):
                found.append((field.end() - 1, field.start(), _AFTER_SEPARATOR))
        return found

    def _loose_passwords(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(index of the name's last letter, name start, _AFTER_PASSWORD)`` of the names of a password that
        only a space parts from the value after them (``user bob password x``, ``ssh bob@host
        # password x``): each bare key ending in :data:`_PASSWORD_WORD`, found by ``str.find``,
        but a flag's name (``--password x`` is a flag's); the value, read by :func:`_value`, is
        taken only where it looks like a secret (:func:`_loosely_a_secret`)."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        for at in _occurrences(text, _PASSWORD_WORD, deadline):
            key_end = at + len(_PASSWORD_WORD)
            if text[key_end : key_end + 1] in _LOOSE_GAP:
                key = _BARE_KEY_END.search(text, max(0, key_end - _MAX_KEY), key_end)
                if key is not None and key.group()[0] != "-" and is_sensitive(key.group()):
                    found.append((key_end - 1, key.start(), _AFTER_PASSWORD))
        return found

    def _stated_keys(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(index of the verb's last letter, name start, _AFTER_VERB)`` of the sensitive names whose value
        prose states (``my password is x``, ``the API key was x``): the word before ``is`` or
        ``was``, or the two words before it (:func:`_stated_name_words`), or a name and a short
        qualifier (``the password for bob is x``, ``the API key for prod is x``); and ``(index of
        its n, its start, _AFTER_BORN)`` of a ``born`` after them, a date of birth's key (``she was born on x``)."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        for verb in _STATING_VERBS:
            for at in _occurrences(text, verb, deadline):
                name_start = _stated_name(text, at, is_sensitive, True)
                if name_start >= 0:
                    named = _AFTER_NAMING if _NAMES_A_NAME.search(text, name_start, at) else _AFTER_VERB
                    found.append((at + len(verb) - 2, name_start, named))
                elif text.startswith("ame", at - 3) and _names_own_name(text, at):  # "my name is Jane Roe"
                    found.append((at + len(verb) - 2, at - 4, _AFTER_NAMING))
                elif text.startswith("born ", at + len(verb)):  # "she was born on 2/8/1935"
                    found.append((at + len(verb) + 3, at + len(verb), _AFTER_BORN))
        return found

    def _record_values(self, text: str, deadline: Optional[float]) -> List[_Key]:
        """``(colon index, field start)`` of the value fields of the name/value records in
        ``text`` whose name field holds a sensitive name, as if the name were the value's key
        (``{'name': 'DB_PASSWORD', 'value': 'x'}``, ``- name: DB_PASSWORD\\n  value: x``): the
        record around a value field is read only where one is, its names checked last."""
        is_sensitive = self._is_sensitive
        found: List[_Key] = []
        opened, secret = -1, False  # the brace of the last record in braces read, and its verdict
        for seen, field in enumerate(_VALUE_FIELD_END.finditer(text), 1):
            if deadline is not None and seen % _CHECK_EVERY == 0:
                time_left(deadline)
            letter = field.start() - 1
            if letter < 0 or text[letter] not in "vV":
                continue
            value_field = text[letter] + "alue"
            if text[field.end() - 1] == "=":  # a keyword argument of a call, or an attribute of an XML tag
                if field[1] or (letter > 0 and (text[letter - 1].isalnum() or text[letter - 1] in "_.")):
                    continue  # not the argument's whole name (default_value=)
                if _record_opening(text, letter, "<>") >= 0:  # inside a tag (a call in its text is outside)
                    start, brackets, names, keys = letter, "<>", _ATTRIBUTE_RECORD_NAMES, _ARGUMENT_END
                else:
                    start, brackets, names, keys = letter, "()", _ARGUMENT_RECORD_NAMES, _ARGUMENT_END
            elif field[1] and letter > 0 and text[letter - 1] in _QUOTES:  # quoted: a record in braces
                start, brackets, names, keys = letter - 1, "{}", _QUOTED_RECORD_NAMES, _QUOTED_KEY_END
            elif field[1]:
                continue
            else:  # bare: YAML
                if _yaml_record_names_a_secret(text, letter, value_field, is_sensitive):
                    found.append((field.end() - 1, letter, _AFTER_SEPARATOR))
                continue
            opening = _record_opening(text, start, brackets)
            if opening < 0:
                continue
            if opening != opened:  # a record's value fields share its verdict
                opened = opening
                secret = _record_names_a_secret(
                    text, opening, field.end(), brackets, names[value_field], keys, is_sensitive
                )
            if secret:
                found.append((field.end() - 1, start, _AFTER_SEPARATOR))
        return found


def _passes_a_password(text: str, at: int, key_start: int) -> bool:
    """Whether the bare key ``pass`` at ``key_start``, its separator at ``at``, names a
    password: after a user's name on its line (:data:`_USER_NAMED`: ``user=bob pass=x``,
    ``login: bob, pass: 1234``), or where its value looks like a secret (:func:`_states_a_secret`)
    and is no number nor a variable (``pass=x1y2z3``; ``pass=12 fail=0``, ``pass=98.5%``,
    ``pass=true``, ``pass:$PW`` stay)."""
    if _after_on_its_line(_USER_NAMED, text, key_start):
        return True
    value = _VALUE.match(text, at + 1)
    if value is None or value.lastgroup not in ("bare", "double", "single", "escaped"):
        return False  # a structure or an auth scheme's params: not what a test report writes
    return passes_a_secret(value[value.lastgroup])


def _quoted_may_be_sensitive(word: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the quoted key ending ``word`` (in a quote) may be sensitive: a JSON key
    costs a slice and a cached verdict here; only a sensitive or unclear one is read by the
    key pattern. (A bare key cannot end in a quote.)"""
    quote = word[-1]
    opening = word.rfind(quote, 0, len(word) - 1)
    return opening < 0 or is_sensitive(word[opening + 1 : -1])


def _bare_may_be_sensitive(word: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the bare key ending ``word`` (its last run of identifier characters, as the
    key pattern reads it) may be sensitive; "https://host/path?page" asks about "page"."""
    run = _BARE_KEY_END.search(word)
    return run is not None and is_sensitive(run.group())


def _bare_key(word: str) -> str:
    """The bare key ending ``word`` (its last run of identifier characters, as the key pattern
    reads it: ``"pass`` in a string holds ``pass``), or ``""``."""
    run = _BARE_KEY_END.search(word)
    return "" if run is None else run.group()


def _pair_separator(text: str, at: int) -> bool:
    """Whether the ':' or '=' at ``at`` separates a pair: not "==", ":=", "::" or "://"."""
    follower = text[at + 1 : at + 2]
    return follower != "=" and (text[at] == "=" or (follower != ":" and not text.startswith("//", at + 1)))


def _value(
    text: str, lines: str, at: int, key_start: int, after: int, deadline: Optional[float]
) -> Optional[Tuple[int, int]]:
    """The span of the value after ``at``, or ``None`` if it holds no secret. ``after`` says
    what ``at`` is: a separator (``=>`` too), a table cell's closing pipe or the last letter
    of a word (an ``_AFTER_`` constant). A date of birth's value is the whole date, its spaces and commas too
    (``birthday: March 12, 1985``). ``lines``: ``text`` as written, escapes and all (a block's
    lines)."""
    if after == _AFTER_BORN:
        return _date_after_born(text, at + 1)
    if after == _AFTER_BIRTH_NAME:
        return _date_after_name(text, at + 1)
    if after == _AFTER_NAMING:
        return _persons_name_after(text, at + 1)
    if after == _AFTER_CELL:
        return _next_cell(text, lines, at, key_start)
    if after == _AFTER_COLUMN:
        return _column_cell(text, lines, at, key_start)
    separator = text[at]
    if separator == ">":  # an XML element's opening tag: its content is the value
        element = _element_text(text, at, key_start)
        return element if element is not None and not _NOT_SECRET.fullmatch(text, *element) else None
    start = at + 2 if separator == "=" and text[at + 1 : at + 2] == ">" else at + 1
    marks = _EMPHASIS_RUN.match(text, start) if text[start : start + 1] in _EMPHASIS_MARKS else None
    if marks is not None and text.find(marks.group(), key_start, at) >= 0:
        start = marks.end()  # **Password:** x: the emphasis the key opened closes after its separator
    if separator == ":":
        typed = _ANNOTATED_DEFAULT.match(text, start)
        if typed is not None:  # password: str = "x": the default is the value, read after its "="
            return _value(text, lines, typed.end() - 1, key_start, _AFTER_SEPARATOR, deadline)
        # a key ending its line: a YAML sequence's items may follow
        items = _block_sequence(text, lines, start, key_start, deadline)
        if items is not None:
            return items if not _NOT_SECRET.fullmatch(text, *items) else None
    timeout = time_left(deadline)
    pattern = _VALUE_AFTER.get(separator, _VALUE) if after == _AFTER_SEPARATOR else _VALUE_AFTER_WORD[after]
    match = pattern.match(text, start, timeout=timeout)
    if match is None and separator == "," and (
        _sets_what_it_names(text, key_start) or text.startswith("BasicAuth", key_start)
    ):  # more arguments after the value: setenv("API_KEY", "x", 1), BasicAuth("bob", "x", encoding=e)
        match = _SET_CALL_VALUE.match(text, start, timeout=timeout)
    closing = _ESCAPED_CLOSING.match(text, start) if match is None and separator in ":=" else None
    if closing is not None and _closes_its_string(text, key_start, at, closing.end(), "escaped"):
        return _after_its_string(text, lines, at, key_start, closing.end(), 2)  # in a JSON string: say \"password: \" x
    if match is None and separator == ":":
        match = _next_line_value(text, start, timeout)
        if match is None:
            return _plain_scalar(text, lines, start, key_start, deadline, after_a_comment=False)
    if match is None:
        return None
    kind = match.lastgroup or ""  # every alternative of _VALUE is a named group
    if kind == "open":
        begin, end = match.start(kind), len(text)
    else:
        begin, end = match.span(kind)
    if kind in _QUOTED_KINDS and text[begin : begin + 1] in _AFTER_A_STRING and _closes_its_string(text, key_start, at, begin, kind):
        default = _call_default(text, begin, timeout)  # getpass("Password: "): its own string closes; a default, maybe
        return default if default is not None else _after_its_string(text, lines, at, key_start, begin, _OPENERS[kind])
    if kind in _CLOSED_KINDS:  # "abc"hunter2, "abc"'hunter2', {{ x }}y, "abc" "hunter2": the value goes on
        joined = _JOINED_ON[kind == "escaped", kind in _QUOTED_KINDS and separator in ":="].match(text, match.end())
        if joined is not None:
            return match.start(kind) - _OPENERS.get(kind, 0), joined.end()
    if kind in _QUOTED_KINDS and text[begin : begin + 1] in "${" and _is_quoted_reference(text, match, kind):
        return None  # "${DB_PASSWORD}", '{{ .Values.password }}': a reference, quoted
    if kind == "bare" and separator in ":=" and text.startswith(_ASKING_NAMES, begin):
        asking = _ASKING_CALL.match(text, begin, timeout=timeout)
        if asking is not None:  # getpass("Password: "): its question, no secret; what joins the answer is one
            return _call_default(text, asking.end(), timeout)
    field = _FIELD_DECLARATION.match(text, begin, timeout=timeout) if kind == "bare" and separator in ":=" else None
    if field is not None:  # pydantic's Field(default=None), Field(..., description="x"): code, but its default
        return _declared_default(field)
    call = _CALL_OPENING.match(text, begin) if kind == "bare" and separator in ":=" else None
    if call is not None and call.end() >= end:  # code: os.getenv("X"), its spaces before "X" too
        if call.start("literal") < 0:
            return _call_default(text, call.end(), timeout)  # getpass() or "x"
        return _literal_argument(text, call.start("literal"), timeout)
    if kind == "bare" and separator in ":=" and text[begin] == "%":
        printed = _printed_argument(text, key_start, begin)
        if printed is not None:  # printf "token: %s\n" x: the argument written for its directive
            return printed
    if kind in ("bare", "nest") and separator in ":= \t" and _is_placeholder(text, begin, end):
        return None  # SQL's bind parameter, a call taking a variable, ${X}, {{ .Values.x }}, --password <password>
    if kind == "bare":
        end = _past_a_reference(text, begin, end)
        date = date_end(text, begin) if _BIRTH_KEY.search(text, key_start, at) else -1
        if date > 0:
            return begin, date
        if separator == ":" and text[begin] in "|>":  # a YAML block scalar's header, maybe
            block = _block_scalar(text, lines, start, key_start, deadline)
            if block is not None:
                return block
        if separator == ":" and text[begin] == "#" and text[begin - 1] in " \t":  # a YAML comment
            scalar = _plain_scalar(text, lines, start, key_start, deadline, after_a_comment=True)  # the value under it
            if scalar is not None:
                return scalar
            if text[begin + 1 : begin + 2] in _COMMENT_GAP:
                return None  # only a comment ("password: # set later"): no value; "#x" may be one
        whole_line = separator in ":=" and _starts_its_line(lines, key_start)
        if whole_line:
            rest = _REST_OF_LINE.match(lines, end)
        elif separator in _SHELL_SEPARATORS or (separator in ":=" and text[key_start - 1 : key_start] == "-"):
            rest = _REST_OF_WORD.match(text, end)  # a command line's word: --password a,b
        else:
            rest = None
        if rest is not None:  # each always matches, maybe empty
            end = rest.end()
        end = _with_its_braces(text, begin, _trimmed(text, begin, end))
        if whole_line:  # password: The password "x": the quoted secret its description names
            end = _described_quote_end(text, begin, end)
        if separator == ":" and _in_prose(text, key_start) and _PLAIN_WORD.fullmatch(text, begin, end):
            return None
        if separator == ":" and (_ANNOTATED_ARGUMENT.fullmatch(text, begin, end) or _documents_an_argument(text, lines, key_start, at, begin)):
            return None  # code and its documentation: "password: str", "password (str): The password to use."
        if separator in " \t":
            pipe = text.find("|", begin, end)
            if pipe >= 0 and text.startswith(_PIPE_WRITERS, key_start):
                end = pipe  # echo's value ends at the pipe: "echo x|docker login --password-stdin"
            value = text[match.start() : end]
            if _is_metavariable(text[key_start:at], value) or _is_prose_word(value):
                return None
        elif separator == "=" and text[key_start - 1 : key_start] == "-":
            if _is_metavariable(text[key_start:at], text[begin:end]) or _TAKES_A_VALUE_HERE.match(text, at) is None:
                return None  # a flag's placeholder, --password=PASSWORD, or no secret, --cookie-jar=x
        elif separator == "=" and _passes_its_own_name(text, key_start, at, begin, end):
            return None  # code: call(api_key=api_key), a variable passed on
        elif after == _AFTER_VERB or after == _AFTER_PASSWORD:
            if not (_stated_as_a_secret(text, key_start, at, begin, end) if after == _AFTER_VERB else _loosely_a_secret(text[begin:end])):
                return None  # prose: "the password is incorrect", "the password reset link"
            if text[end - 1] == ".":
                end -= 1  # the sentence's full stop: "my password is hunter2."
    return _held_secret(text, at, key_start, begin, end)
