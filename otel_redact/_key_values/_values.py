"""What a sensitive key's value must not be to be taken as its secret: a placeholder or a
variable's reference, a count, when a session was, a repository's name, a word of prose
(:func:`_held_secret` asks the checks every value gets).

One to three digits under a key whose last word is ``code`` or
``number`` are a count, a status or an ordinal, no secret (``auth code: 200``, ``Session
number: 3``, ``session_number=3``, as in a mapping: :func:`counts_under`; a PIN or a one-time
code holds four digits or more, and a card's security code, ``CVV code: 123``, stays secret),
as they are under a bare ``session`` (``session: 3``), where a date, a time or a duration
tells when or how long the session was (``the session for bob was 2024-01-01``, ``session:
12:30``; a session's token, id or cookie is never one of these);
nor is an ``owner/repo`` under a full name's key, a repository's name as GitHub's API writes
it (``"full_name": "octocat/Hello-World"``: :func:`names_a_repository`).

A bare value holds no secret where it is a placeholder code writes for one
(:data:`~otel_redact._secrets.PLACEHOLDER`: ``password = ?``, ``%s``, ``:pw``, ``$1``, ``-``,
``PASSWORD(pw_col)``; a variable's reference, ``${DB_PASSWORD}``, ``%DB_PASSWORD%``, ``{{
.Values.password }}``, not ``${X:-x}``, quoted alone too, ``"${DB_PASSWORD}"``,
``"$DB_PASSWORD"``, where single quotes keep only one in braces, ``'${DB_PASSWORD}'``, not
``'$DB_PASSWORD'``, as a shell writes it; a usage text's ``<password>``, after a flag too; a dotted
call whose literal arguments are read on their own, ``requests.auth.HTTPBasicAuth(user, "x")``).
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

import regex

from otel_redact._dates import date_end
from otel_redact._key_values._reading import _MAX_KEY
from otel_redact._secrets import BRACED_REFERENCE, PLACEHOLDER, QUOTED_REFERENCE
from otel_redact._strategies import MARKER


# A shell variable written for a password ($API_PASSWORD, ${API_PASSWORD}, Windows'
# %API_PASSWORD%), ending its word: the shell puts its value there, no secret is written
# (unless in single quotes, which keep "$" as written: 'bob:$x' is a password).
_SHELL_VARIABLE = regex.compile(
    r"""(?:\$(?:[A-Za-z_]\w{0,%(n)d}+|\{[A-Za-z_]\w{0,%(n)d}+\})|%%[A-Za-z_]\w{0,%(n)d}+%%)(?=[\s"]|\Z)"""
    % {"n": _MAX_KEY - 1}
)
# A bare value that reads as a word of prose, not as a credential.
_PLAIN_WORD = regex.compile(r"(?:[A-Za-z][a-z]*|[A-Z]+)[.!?:)]*")
# One mark that may end a sentence after such a word ("pass the --token flag.").
_SENTENCE_END = ".:!?"
# Values that hold no secret: empty markers, nulls, and the markers redaction itself writes.
_NOT_SECRET = regex.compile(rf"(?i:null|none|nil|undefined|true|false)|\**|{MARKER.pattern}|\[(?i:redacted)\]")
# A word of prose, not a secret: letters, capitalised or in capitals at most ("incorrect",
# "Expired", "JSON"; not "iPhone", "abcXYZ"), maybe joined by hyphens or apostrophes
# ("case-sensitive").
_PROSE_WORD = regex.compile(r"(?:\p{Lu}++\p{Ll}*+|\p{Ll}++)(?:[-'\u2019](?:\p{Lu}++\p{Ll}*+|\p{Ll}++))*+")
# A technical adjective or measure of prose, not a secret: a short term with digits (a name of
# a few letters, in capitals or capitalised at most, then digits: "base64", "SHA256", "x509";
# or digits, then a few letters: "256", "2fa"), joined by hyphens to others and ending in a
# lower-case word ("base64-encoded", "SHA-256-hashed", "256-bit", "2fa-protected"); not a
# longer word before the digits ("hunter2-abc"), nor digits inside letters ("p4ss-word").
_TECHNICAL_TERM = r"(?:(?:[A-Z]{1,4}+|[A-Z]?+[a-z]{1,4}+)[0-9]{0,3}+|[0-9]{1,3}+[a-z]{0,3}+)"
_TECHNICAL_WORD = regex.compile(r"(?:%s-)++[a-z]{2,}+" % _TECHNICAL_TERM)
_SECRET_MARK = regex.compile(r"\d|\p{Ll}\p{Lu}|[!@#$%^+=?~|]")
"""What marks a bare word as a secret, not prose: a digit, a capital after a lower-case letter
inside a word (``abcXYZ``), or a symbol no prose word holds (a ``/`` may join words:
``reset/change``)."""
_HASH_NAME = regex.compile(
    r"(?i:sha-?+(?:1|224|256|384|512)(?:[-/_](?:224|256))?+|sha3-(?:224|256|384|512)|md[45]|bcrypt|scrypt|yescrypt"
    r"|argon2(?:id|i|d)?+|pbkdf2(?:[-_]sha-?+(?:1|256|512))?+|blake2[bs]?+|blake3|crc32|ntlm)"
)
"""A hash algorithm's name (``SHA256``, ``sha-512``, ``MD5``, ``bcrypt``, ``argon2id``,
``PBKDF2-SHA256``): how a password is stored, no password (``password SHA256 hashed``)."""
_VERSION = regex.compile(r"[vV]?+\d++(?:\.\d++)++")
"""A version number (``1.2.3``, ``v2.0``): no password."""
_NUMBER = regex.compile(r"[+-]?+\d[\d.,:/%]*+")
"""A count, a ratio, a percentage or a time (``12``, ``3/5``, ``98.5%``): a result, not a password."""
_STATED_LENGTH = 4
"""Characters a bare word that prose states must hold to be a secret (a PIN's four digits):
shorter words are counts and units ("8 characters", "4h")."""
_COUNTING_KEY = regex.compile(r"(?r)(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:code|number|sessions?+)[\"'\\\]*` \t]*+\Z")
"""A key whose last word is ``code``, ``number`` or ``session`` (``auth code``, ``session_number``,
``authCode``, ``session``, ``user_sessions``, as written before its separator, its quotes too): a
count, a status or an ordinal may stand under it (``auth code: 200``, ``Session number: 3``,
``session: 3``; a session's secret is its id, key, token or cookie, never three digits).
Searched from the end: a forward search would try each of the key's characters (0.8 against
0.3 microsecond)."""
_SESSION_NAME = regex.compile(r"\\?+[\"']?+(?i:sessions?+)(?![A-Za-z0-9])")
"""A sensitive name whose first word is ``session`` (``session``, ``Session id``, ``"session"``,
``session_token``, matched at its start): a date, a time or a duration stated under it tells
when or how long the session was (:func:`_tells_the_time`), no secret of it."""
_CLOCK_TIME = regex.compile(r"(?:[01]?+[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9}+)?+)?+(?:Z|[+-][0-9]{2}:?+[0-9]{2})?+")
"""A time of day (``12:30``, ``09:15:02.123Z``, ``23:59:59+02:00``)."""
_TIME_UNIT = r"[ \t]++(?i:ms|milli(?:second)?s?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)(?![A-Za-z])"
_DURATION = regex.compile(r"(?:[0-9]++(?:\.[0-9]++)?+(?:ms|[smhd]))++|[0-9]++(?:\.[0-9]++)?+(?=%s)" % _TIME_UNIT)
"""A duration: compact (``90m``, ``2h30m``, ``1.5h``) or a number before a unit of time (``1440 minutes``)."""
_UNIT_AFTER = regex.compile(_TIME_UNIT)
"""The unit of time after a duration's number, where the value holds both (``90 days``)."""
_CARD_CODE = regex.compile(r"(?i:secur|cv[vc]|card)")
"""What names a card's security code in a key (``security_code``, ``CVV code``, ``card code``):
three digits are that secret whole."""
_FULL_NAME_KEY = regex.compile(r"(?r)(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=F))(?i:full[._ -]?+name)[\"'\\\]*` \t]*+\Z")
"""A key whose last word is a full name (``full_name``, ``repo.full_name``, ``fullName``, ``Full
Name``, as written before its separator, its quotes too), searched from the end as
:data:`_COUNTING_KEY` is."""
_REPOSITORY = regex.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}+/[A-Za-z0-9._-]{1,100}+")
"""A GitHub repository's ``full_name``: its owner (letters, digits and hyphens, 39 at most, as
GitHub's user and organisation names), one ``/``, its name (letters, digits, ``.``, ``-``,
``_``): no space, as a person's full name holds one, and one slash, as a path may hold more."""
_COUNT = regex.compile(r"[0-9]{1,3}+")
"""One to three digits: fewer than a PIN's or a one-time code's (:data:`_STATED_LENGTH`)."""
_PLACEHOLDER = regex.compile(PLACEHOLDER)
"""A bare value that code writes for a value it does not hold (``password = ?``, ``%s``,
``:pw``, ``$1``, ``-``, ``PASSWORD(pw_col)``, ``${DB_PASSWORD}``): no secret."""
_QUOTED_REFERENCE = regex.compile(QUOTED_REFERENCE)
"""A quoted value that is a variable's reference alone (``"${DB_PASSWORD}"``, ``"$DB_PASSWORD"``,
``"{{ .Values.password }}"``): the reference unquoted, no secret; in single quotes, where a
shell keeps ``$DB_PASSWORD`` as written, only one in braces (:data:`_BRACED_REFERENCE`)."""
_BRACED_REFERENCE = regex.compile(BRACED_REFERENCE)
_BARE_RUN = regex.compile(r"""[^\s,;&}"'\\]*+""")
"""The rest of a bare value (as :data:`_VALUE`'s ``bare`` reads it)."""
_ENDS_A_PLACEHOLDER = " \t\r\n,;&)]}`\"'\\"
"""What may follow a placeholder that runs past the bare value's end (``${X}``, ``{{ x }}``:
a bare value ends before a ``}`` or a space): the value ends there too (not ``${X}y``)."""


def _states_a_secret(word: str) -> bool:
    """Whether the bare ``word`` that prose states a sensitive name is looks like a secret, not
    a word of the sentence ("the password is incorrect", "is 8 characters", "is base64-encoded"):
    of four characters or more, not a word of letters (:data:`_PROSE_WORD`) nor a technical
    adjective (:data:`_TECHNICAL_WORD`), nor a null or a marker; a sentence's end after it
    (``hunter2.``) is not read."""
    word = word.rstrip(_SENTENCE_END + ";)")
    return (
        len(word) >= _STATED_LENGTH
        and _PROSE_WORD.fullmatch(word) is None
        and ("-" not in word or _TECHNICAL_WORD.fullmatch(word) is None)
        and _NOT_SECRET.fullmatch(word) is None
    )


_PASSWORD_NAMES = ("assword", "assphrase")
"""What a password's name holds, in lower case (``password``, ``wifi_password``, ``passphrase``)."""
_PLAIN_PASSWORD = regex.compile(r"\p{Lu}?+\p{Ll}++")
"""A word of letters that a password of letters may be, in lower case or capitalised
(``sunflower``, ``Sunflower``; not ``JSON``, ``case-sensitive``)."""
_PREDICATES = frozenset(
    # verdicts, strength, presence
    "correct incorrect wrong right valid invalid good fine okay alright great nice cool awesome perfect"
    " weak strong secure insecure safe unsafe sure unsure mandatory compulsory empty blank unset"
    " whatever gone here there elsewhere somewhere nowhere"
    " anywhere everywhere below above inside outside enough same similar unique simple complex"
    " easy hard hardest easiest long longer longest short shorter shortest weaker stronger weakest strongest"
    " better best worse worst safer safest newest oldest latest older newer harder easier simpler bigger"
    " smaller larger huge tiny small large common popular tricky lame crazy clean ready first next last"
    " solid robust fragile legit inline online offline"
    # what it is like or where it is kept
    " case plain clear plaintext cleartext ciphertext secret private public hidden shown known unknown"
    " open shut broken stolen lost taken given chosen written forgotten overwritten rewritten frozen"
    " reset kept left done made seen read held told found over back down weird strange funny"
    " stupid dumb fake dummy bogus random generic static dynamic automatic basic numeric alphanumeric"
    " lowercase uppercase unicode ascii binary text bytes integer temporary necessary unnecessary"
    " arbitrary primary secondary default sentinel other mine yours ours theirs hers"
    " falsy truthy stale fresh obsolete overdue built bound stuck split spelt under otherwise anyway"
    " anyways gibberish nonsense whitespace spaces asterisks dots stars digits letters numbers characters"
    " words symbols"
    # words of the sentence it goes on with
    " also just still then already always never often again soon very quite rather pretty"
    " about like unlike what that this these those which where when each both either neither some such"
    " from with into onto upon until since because while though although whether been"
    # what it is set to do ("set to expire")
    " expire change rotate renew lapse update refresh"
    # numbers of characters or words
    " zero three four seven eight nine eleven twelve thirteen fourteen fifteen sixteen twenty"
    " thirty forty fifty".split()
)
"""Words prose says of a password, in lower case (``the password is incorrect``, ``is the
same``, ``is too short``, ``is gone``, ``is below:``): never read as one of letters."""
_PREDICATE_ENDINGS = ("ed", "ing", "ly", "able", "ible", "ful", "less", "ous", "ive", "ent", "ant", "al")
"""Endings of the participles, adverbs and adjectives prose says of a password (``expired``,
``missing``, ``exactly``, ``guessable``, ``useless``, ``sensitive``, ``different``,
``optional``): a password of letters with one is not read."""
_CLAUSE_END = regex.compile(r"""[ \t]*+(?:[\r\n,;"'\\<&}]|\Z|(?:and|but|or|so|please|thanks)(?![\w'-]))""")
"""What ends the clause after a word stated as a password (``is sunflower``, then ``,``, the
text's or a line's end, a string's closing quote or its escape, ``and``, ``please``): a word
that more words follow is the sentence's (``the key is valid until May``)."""


def _states_a_password(text: str, key_start: int, at: int, begin: int, end: int) -> bool:
    """Whether the bare word at ``begin:end`` that prose states a password's name is (the name
    at ``key_start``, the verb's last letter at ``at``: ``my password is sunflower``, ``the
    passphrase for bob was Sunflower.``) is a password of letters (:data:`_PLAIN_PASSWORD`), four
    or more, the last word of its clause (:data:`_CLAUSE_END`), no word prose says of a password
    (:data:`_PREDICATES`, :data:`_PREDICATE_ENDINGS`: "the password is incorrect", "is stored in
    Vault", "is being reset" stay). Read only where :func:`_states_a_secret` declined: names of
    other secrets stay as they are (``the API key is missing``, ``the token is rotating``)."""
    word = text[begin:end]
    letters = word.rstrip(_SENTENCE_END + ";)")
    if len(letters) < _STATED_LENGTH or _PLAIN_PASSWORD.fullmatch(letters) is None:
        return False
    lowered = letters.lower()
    if lowered in _PREDICATES or lowered.endswith(_PREDICATE_ENDINGS):
        return False
    name = text[key_start:at].split(None, 1)[0].lower()
    if not any(part in name for part in _PASSWORD_NAMES):
        return False
    return len(letters) < len(word) or _CLAUSE_END.match(text, end) is not None


def _stated_as_a_secret(text: str, key_start: int, at: int, begin: int, end: int) -> bool:
    """Whether the bare word at ``begin:end`` that prose states the name at ``key_start`` is
    (the verb's last letter at ``at``) is its secret: one that looks like a secret
    (:func:`_states_a_secret`), or a password of letters (:func:`_states_a_password`)."""
    return _states_a_secret(text[begin:end]) or _states_a_password(text, key_start, at, begin, end)


def passes_a_secret(word: str) -> bool:
    """Whether ``word``, the value of a bare ``pass`` key with no user's name before it, looks
    like a password (:func:`_states_a_secret`) and is no number nor a variable (``x1y2z3``;
    ``12``, ``98.5%``, ``true``, ``$PW`` stay: a test report's counts and results)."""
    return (
        _states_a_secret(word)
        and _NUMBER.fullmatch(word.rstrip(_SENTENCE_END + ";)")) is None
        and _SHELL_VARIABLE.fullmatch(word) is None  # openssl's "-passin pass:$PW" names a variable
    )


def counts_under(key: str, value: Any) -> bool:
    """Whether ``value`` under the sensitive ``key`` is a count, a status or an ordinal, no
    secret: one to three digits (:data:`_COUNT`; an int from 0 to 999) under a key whose last
    word is ``code`` or ``number`` (:data:`_COUNTING_KEY`: ``auth code: 200``, ``{"session_number":
    3}``); a PIN or a one-time code holds four or more (``auth code: 482913`` stays secret), and a
    card's security code three (:data:`_CARD_CODE`: ``security_code: 123`` stays secret too)."""
    if value.__class__ is int:
        if not 0 <= value <= 999:
            return False
    elif value.__class__ is not str or _COUNT.fullmatch(value) is None:
        return False
    return _COUNTING_KEY.search(key) is not None and _CARD_CODE.search(key) is None


def tells_when(key: str, value: Any) -> bool:
    """Whether ``value`` under the sensitive ``key`` tells when or how long a session was, no
    secret of it: a string that is a date, a time or a duration, whole (:func:`_tells_the_time`),
    under a name whose first word is ``session`` (:data:`_SESSION_NAME`: ``{"session":
    "2024-01-01T10:00:00Z"}``, as ``session: 2024-01-01T10:00:00Z``)."""
    return value.__class__ is str and _SESSION_NAME.match(key) is not None and _tells_the_time(value, 0, len(value))


def _tells_the_time(text: str, begin: int, end: int) -> bool:
    """Whether the value at ``begin:end`` is a date (:func:`date_end`), a time of day
    (:data:`_CLOCK_TIME`), both (``2024-01-01 10:00``, ``2024-01-01T10:00:00Z``) or a duration
    (:data:`_DURATION`: ``2h30m``, ``1440 minutes``, ``90 days``), whole."""
    date = date_end(text, begin)
    if date < 0 and text[begin + 10 : begin + 11] == "T" and date_end(text[begin : begin + 10], 0) == 10:
        date = begin + 10  # ISO 8601's date, its time glued on: 2024-01-01T10:00:00Z
    if date == end:
        return True
    if date > 0:
        return text[date : date + 1] in " T" and _CLOCK_TIME.fullmatch(text, date + 1, end) is not None
    if _CLOCK_TIME.fullmatch(text, begin, end) is not None:
        return True
    duration = _DURATION.match(text, begin)  # its unit may follow the value ("1440"), or end it ("90 days")
    return duration is not None and (duration.end() == end or _UNIT_AFTER.fullmatch(text, duration.end(), end) is not None)


def names_a_repository(key: str, value: Any) -> bool:
    """Whether ``value`` under the sensitive ``key`` is a repository's name, not a person's: an
    ``owner/repo`` (:data:`_REPOSITORY`) under a key whose last word is a full name
    (:data:`_FULL_NAME_KEY`), as GitHub's API names a repository (``{"full_name":
    "octocat/Hello-World"}``); a person's full name never has that shape (``Jane Doe``,
    ``O'Brien-Smith, Jo`` go). Not a secret's value either: the detectors still read it."""
    return (
        value.__class__ is str
        and "/" in value
        and _REPOSITORY.fullmatch(value) is not None
        and _FULL_NAME_KEY.search(key) is not None
    )


_DELIMITER_MARKS = "-|:"
"""What a Markdown table's delimiter row is made of (``|:---|---:|``), spaces apart."""


def _loosely_a_secret(word: str) -> bool:
    """Whether the bare ``word`` after a password's name and a space alone (``password x``)
    looks like a secret: as a stated one does (:func:`_states_a_secret`), and marked as one
    (:data:`_SECRET_MARK`: ``hunter2``, ``abcXYZ``, ``p@ss!``), not a version number (``1.2.3``):
    no verb says a value follows, so words in brackets (``(optional)``) or joined by a slash
    (``reset/change``) stay, nor a hash algorithm's name (:data:`_HASH_NAME`: ``password SHA256
    hashed``), nor a Markdown table's delimiter row (``---|---``, under a header ending in
    ``Password`` where a JSON string's escaped line break reads as spaces)."""
    bare = word.rstrip(_SENTENCE_END + ";)")
    return (
        _states_a_secret(word) and _SECRET_MARK.search(bare) is not None
        and _VERSION.fullmatch(bare) is None and _HASH_NAME.fullmatch(bare) is None and bare.strip(_DELIMITER_MARKS) != ""
    )


def _held_secret(text: str, at: int, key_start: int, begin: int, end: int) -> Optional[Tuple[int, int]]:
    """``(begin, end)``, the span of the value of the key at ``key_start`` parted from it at
    ``at``, unless it holds no secret: empty, ``null``, a marker, a count, when a session was,
    a repository's name."""
    if end <= begin or _NOT_SECRET.fullmatch(text, begin, end):
        return None
    if end - begin <= 3 and counts_under(text[key_start:at], text[begin:end]):
        return None  # a count, a status: "auth code: 200", "Session number: 3"
    if _SESSION_NAME.match(text, key_start) is not None and _tells_the_time(text, begin, end):
        return None  # "the session for bob was 2024-01-01", "session: 12:30": when, not its secret
    if names_a_repository(text[key_start:at], text[begin:end]):
        return None  # GitHub's '"full_name": "octocat/Hello-World"': a repository, no person
    return begin, end


def _is_placeholder(text: str, begin: int, end: int) -> bool:
    """Whether the bare value at ``begin:end`` is what code writes for a value it does not hold
    (:data:`_PLACEHOLDER`): all of it, or a reference in braces running past its end to where
    a value ends (``${DB_PASSWORD}``, ``{{ .Values.password }}``); not a shell's variable that a
    single quote closes (``curl -u 'bob:$x'``: single quotes keep ``$`` as written)."""
    placeholder = _PLACEHOLDER.match(text, begin)
    if placeholder is None:
        return False
    after = placeholder.end()
    closing = text[after : after + 1]
    if text[begin] == "$" and closing == "'":
        return False
    return after == end or (after > end and closing in ("", *_ENDS_A_PLACEHOLDER))


def _is_quoted_reference(text: str, match: regex.Match, kind: str) -> bool:
    """Whether the quoted value that ``match`` read (its group ``kind``) is a variable's
    reference alone (:data:`_QUOTED_REFERENCE`; in single quotes :data:`_BRACED_REFERENCE`)."""
    reference = _BRACED_REFERENCE if kind == "single" else _QUOTED_REFERENCE
    return reference.fullmatch(text, *match.span(kind)) is not None


def is_reference(value: str) -> bool:
    """Whether a sensitive key's string value (in a mapping, JSON's too) is a variable's
    reference alone (``{"password": "${DB_PASSWORD}"}``), as a double-quoted value is in text
    (:data:`_QUOTED_REFERENCE`): no secret, kept."""
    return value[:1] in "${" and _QUOTED_REFERENCE.fullmatch(value) is not None


def _past_a_reference(text: str, begin: int, end: int) -> int:
    """The end of the bare value at ``begin:end``, which a reference's closing brace cut short
    where more of the value follows it (``${DB_PASSWORD}S3cr3t``: a reference is no
    placeholder then, see :func:`_is_placeholder`): the end of the run after the brace;
    else ``end``."""
    if text[end : end + 1] != "}":
        return end
    reference = _PLACEHOLDER.match(text, begin)
    if reference is None or reference.end() <= end:
        return end
    run = _BARE_RUN.match(text, reference.end())
    return reference.end() if run is None else run.end()
