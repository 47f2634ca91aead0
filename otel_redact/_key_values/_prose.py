"""Prose: values that sentences state for a sensitive name, without a key's separator.

Prose may state a sensitive name's value with ``is`` or ``was``, as users type it in a chat
(``my password is hunter2``, ``the API key was "x"``), maybe after a colon or a dash, ``now``,
or ``changed to``, ``set to``, ``reset to`` (``my password is: x``, ``the API key is - x``,
``the password is now x``, ``password was changed to x``): the name is the word before the verb,
or the two words before it where only both name the secret (``API key``; not ``password
reset``) or they end in a noun for its value (``secret key``, ``PIN code``; not ``secret
name``; but ``session id``: a session's id is its secret), or the three words before it
that name personal data (``social security number``); its value is the word after the verb, taken
when quoted (in quotes, backticks or typographic quotes) or when it looks like a secret: four
characters or more, not a word of letters (digits, symbols, mixed case inside a word:
``hunter2``, ``abcXYZ``), so "the password is incorrect" and "is 8 characters" stay; a
password's of letters too, where it ends its clause and is no word prose says of a password
(``my password is sunflower``, ``is sunflower, thanks``; "is incorrect", "is stored in Vault",
"is too short", "is sunflower daisy" and a passphrase of words stay: :func:`_states_a_password`); a full stop
ending a bare word ends the sentence, not the value (``my password is hunter2.``: the ``.`` stays).
A person's name stated so is read as a name, words in capitals (:data:`_STATED_PERSONS_NAME`),
after a sensitive name that names one (``my first name is Jane``, ``the customer name was Jane
Roe``) or a bare ``name`` that a person owns (``my name is Jane Roe``, ``her name was Ana de la Cruz``).
A sensitive name may stand before a qualifier there: ``for``, ``on``, ``of``, ``at``, ``in`` or
``to`` and at most three words (``the password for bob is x``, ``the admin password on prod was
x``, ``the API key for prod is x``, ``the access key of the bot was x``; the name read as before
a verb, so "the password policy for admins is 12345678" names a policy, "the key for this map
is x" none), or a short one in brackets, as before a key's separator (``the password (new) is
x``). A password's name (one holding ``assword``) may also part from its value by a
space alone (``user bob password x``, ``ssh bob@host # password x``): then a bare word is taken
only where it is marked as a secret, by a digit, a capital inside a word or a symbol no prose
word holds, and is no version number nor the next pair (``password hunter2``; "the password
reset link", "password (optional)", "password 1.2.3", ``type=password value=x`` stay). So may
a PIN's name in capitals (``my PIN 4821``, ``PIN code 4821``, ``SIM-PIN 4821``), its value
four to eight digits, whole ("PIN 2" and "GPIO pin 17", a chip's, "PIN 1234-5678" and "PIN
12:30" stay), and a card code's and a date of birth's, in capitals or in lower case (``CVV 123``,
``cvv 123``, ``dob 1980-02-13``: :data:`_LOOSE_NAMES`). Other names that a space alone parts from
their value (``otp 482913``, ``recovery code x``, ``2FA code 123456``) are not read: each would
cost every text a substring search of its own (about 0.15 microsecond on 300 characters, 2 on
4 KB), where ``PIN`` costs text without an ``N`` a ``memchr``.

Prose statements cost, after the screen (with Hyperscan: text naming no secret never reaches
them), a ``find`` of `` is `` and of `` was `` (a
substring search, about 2 microseconds each on 4 KB: not a ``memchr``), and at each a bounded
slice split from the right and a remembered check of the word (or two) before it, where they
name no secret one set operation on the last four words (about 0.1 microsecond) and a
``startswith`` of ``ame`` (a person's own ``name``), where one of
those opens a qualifier a bounded split of seven words and at most three set lookups and
remembered checks, and a match after a sensitive name; a verb before a colon (``is:``) is
found by the reading of the word before each ``:``, where it is never remembered as plain (no
search of its own).
"""

from __future__ import annotations

from typing import Callable, List, Optional, Tuple

import regex

from otel_redact._dates import date_end
from otel_redact._key_values._reading import (
    _AFTER_BIRTH_NAME,
    _AFTER_CODE_NAME,
    _AFTER_PIN,
    _Key,
    _MAX_ALIGNMENT,
    _MAX_KEY,
    _QUOTED_VALUE,
    _occurrences,
)
from otel_redact._key_values._values import _PLAIN_WORD, _STATED_LENGTH


_STATING_VERBS = (" is ", " was ")
"""Where prose says what a sensitive name's value is ("my password is x", "the token was x")."""
_STATING_WORDS = frozenset(("is", "was"))
"""The same verbs before a colon ("my password is: x"), found by the pair finder's reading of
the word before each ``:``: a search of their own would cost prose a substring search more."""
# What prose says a sensitive name is, after the verb and a colon ("is: x", its value maybe
# on the next line), a dash ("is - x", "is — x"), or "now" or "changed to", "set to",
# "reset to" ("is now x", "was changed to x"): a quoted string (in quotes, escaped ones in a
# JSON string, backticks or typographic quotes: "hunter2", `hunter2`, “hunter2”), or a bare
# word (group "bare"), taken only where it looks like a secret or a password of letters
# (:func:`_stated_as_a_secret`: "is now expired" stays).
_STATED_VALUE = regex.compile(
    r"(?::[ \t]{0,%(s)d}+(?:\r?\n[ \t]{0,%(s)d}+)?+"
    r"|[ \t]{1,%(s)d}+(?:[-\u2013\u2014][ \t]{1,%(s)d}+)?+(?:now[ \t]{1,%(s)d}+)?+"
    r"(?:(?:changed|set|reset)[ \t]{1,%(s)d}+to[ \t]{1,%(s)d}+)?+)"
    r"(?:%(q)s|`(?P<code>[^`\r\n]{1,%(v)d}+)`|[\u2018\u201c](?P<curly>[^\u2019\u201d\r\n]{1,%(v)d}+)[\u2019\u201d]"
    r"|(?P<bare>[^\s,;&}\"'\\`]++))" % {"s": _MAX_ALIGNMENT, "q": _QUOTED_VALUE, "v": 4 * _MAX_KEY},
    regex.DOTALL,
)
# A quoted string on its line after spaces (its quotes escaped in a JSON string), closed there.
_QUOTE_ON_ITS_LINE = regex.compile(r"""[ \t]{1,%d}+(?:\\"[^"\\\r\n]*+\\"|"[^"\r\n]*+"|'[^'\r\n]*+')""" % _MAX_ALIGNMENT)
_MAX_DESCRIPTION = 6
"""Words of prose that may describe a secret before it is quoted (``The password``, ``the key is``, ``set to``)."""
_STATED_NAME_REACH = 64
"""Characters before a verb stating a value that its name's words are read in."""
_BORN = " (?:is|was) born "
"""Prose stating a date of birth without a key (for the Hyperscan screen: see :meth:`KeyValueFinder._stated_keys`)."""
_OWNERS = frozenset(("my", "My", "MY", "his", "His", "her", "Her", "your", "Your", "their", "Their"))
"""The words before a bare ``name`` that make it a person's (``my name is``, ``Her name was``)."""
_OWN_NAME = r"(?i:(?:my|his|her|your|their)[ \t]+name[ \t]+(?:is|was)[ \t])"
"""Prose stating a person's name without a key naming personal data (for the Hyperscan screen:
see :meth:`KeyValueFinder._stated_keys`)."""
_NAMES_A_NAME = regex.compile(r"(?i:name)s?+[`*\"')]*+\Z")
"""The end of a sensitive name that names a person's name (``first name``, ``Customer Name``,
``**surname**``), whose stated value is their name, read as one (:data:`_STATED_PERSONS_NAME`)."""
_NAME_WORD = r"(?!I\b)\p{Lu}[\p{Ll}\p{Lu}'\u2019-]*+(?:\.(?=[ \t]++\p{Lu}))?+"
"""A word of a person's name: a capital and letters (``Jane``, ``McDonald``, ``O'Neil``,
``Mary-Jane``, ``Ján``), or an initial (``R``, ``P.`` before the next word); not ``I``."""
_STATED_PERSONS_NAME = regex.compile(
    r"[ \t]++(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?+[ \t]++)?+(?:"
    r"(?P<name>%s(?:[ \t]++(?:(?:van|von|de|der|den|da|di|du|del|della|la|le|bin|ibn|al|ter)[ \t]++){0,2}+%s){0,3}+)"
    r"|\\?+[\"'`](?P<quoted>[^\"'`\\\n]{1,64}+)\\?+[\"'`])" % (_NAME_WORD, _NAME_WORD)
)
"""The name prose states for a person's (``my name is Jane Roe``, ``My name is Vanessa P.
Hertzog.``, ``the customer name was Dr. Ana de la Cruz``, ``my name is 'jroe'``): one to four
words in capitals, a family name's particles between them, a title before them kept, or a
quoted string (its quotes escaped in a JSON string too). A name in lower case (``my name is
jane``) is not read: prose after ``the first name is`` (``required``, ``empty``) reads the same."""
_BIRTH_KEY = regex.compile(r"(?i:birth|dob\b|d\.o\.b)")
"""In a sensitive key, what names a date of birth (``birthday``, ``date of birth``, ``DOB``): its
value may be a date in words, read whole (:func:`date_end`)."""
_BORN_WORDS = regex.compile(r"(?:[ \t,]{1,3}+[^\s.;!?]{1,20}+){1,5}+")
"""The words after ``born`` that its date may be among: five at most, in its sentence."""
_WORD_START = regex.compile(r"(?<=[ \t,])[^\s,]")
_QUALIFIED_NAMES = frozenset(
    spelled
    for noun in ("key", "keys", "number", "code", "codes", "id", "phrase", "answer", "name", "address", "license", "licence", "account")
    for spelled in (noun, noun.capitalize(), noun.upper())
)
"""Nouns that name a secret only after another word ("API key", "card number", "PIN code",
"session id", "seed phrase", "security answer", "backup codes", "first name", "billing
address", "driver's license", "bank account"; not "Service Account", "user account"): the only last words for
which the two words before a verb, or before a bare key's separator ("API key: x"), are read
as one name (each pair read is a key check that prose would otherwise make for every verb).
In lower case, capitalised or in capitals ("API Key", "TOKEN ID"): a set lookup, no copy in
lower case, for every verb."""
_THREE_WORD_MIDDLES = frozenset(
    spelled
    for noun in ("license", "licence", "security", "account", "id", "insurance")
    for spelled in (noun, noun.capitalize(), noun.upper())
)
"""Second words of the three-word names of personal data before a noun of
:data:`_QUALIFIED_NAMES` ("Driver License Number", "Social Security Number", "Tax ID Number",
"National Insurance Number"): the only ones before which three words are read as one name
(each prose pair naming nothing, "the file name", would cost a key check of three new words).
An identifier there is the personal data, not a secret's name ("Driver License ID: x", "Bank
Account ID: x"; :func:`_names_its_value` is not asked)."""
_IDENTIFIERS = ("id", "name")
"""Nouns of :data:`_QUALIFIED_NAMES` that after a secret's name name the secret, not its value
("secret name: db-creds", "token name: ci")."""
_SECRET_IDENTIFIERS = frozenset(("session id",))
"""Identifiers that are the secret, in lower case: a session's id lets anyone holding it take
over the session (``session id: x`` as ``session_id: x``)."""
_PASSWORD_WORD = "assword"
"""What a password's name holds in prose and logs (``password``, ``Password``, ``wifi_password``):
one ``in`` test of it (the one a .netrc entry's gate made before) lets a space alone part such a
name from its value (``user bob password x``). Other names (``PIN 1234``, ``otp 482913``) would
each cost every text a search of its own."""
_LOOSE_GAP = (" ", "\t")
"""What parts a password's name from its value where no separator does (``password x``)."""
_LOOSE_VALUE = regex.compile(
    r"[ \t]{1,2}+(?![\w.-]{1,%d}+[=:])(?P<bare>[^\s,;&}\"'\\`]{1,%d}+)" % (_MAX_KEY, 4 * _MAX_KEY)
)
"""The value after a password's name and its space (``password x``): one bare word, not the
next pair (``type=password value=x``, ``<Password type="plain">``: those have their own key)."""
_MAX_BRACKETED = 32
"""Characters before a key's separator or a verb stating its value that a qualifier in brackets
after its name may take, the brackets and the spaces around them too (``Password (new): x``,
``API key (prod): x``, ``the password (new) is x``)."""
_QUALIFIERS = frozenset(("for", "on", "of", "at", "in", "to"))
"""Words that open a qualifier between a sensitive name and a verb stating its value (``the
password for bob is x``, ``the API key on prod was x``), in lower case: inside a sentence, as
the verb after them is."""
_MAX_QUALIFIER = 3
"""Words a qualifier may hold after its first (``the password for the admin user is x``)."""
_QUALIFIER_REACH = _MAX_QUALIFIER + 1
"""Words split off the end of the text before a verb stating a value: the name's, or a
qualifier's first word and those after it (whether one is there is read from them)."""
_NAME_WRAPPERS = "`*\"'\u2018\u2019\u201c\u201d("
"""What Markdown and quotes put around a name in prose ("**password** is", "`token` is")."""
_PIN = "PIN"
"""A PIN's name that a space alone may part from its value (``my PIN 4821``): in capitals only,
as a personal identification number's is written (a chip's ``pin 17`` stays); found where a
``memchr`` of its rarest letter, ``N``, finds that letter (other names, ``otp 482913``, hold
none that prose lacks: each would cost every text a substring search)."""
_PIN_VALUE = regex.compile(
    r"(?:[ \t]++(?i:code|number))?+[ \t]{1,2}+(?P<digits>[0-9]{%d,8}+)(?![\w-]|[.,:/][0-9])" % _STATED_LENGTH
)
"""The value after a PIN's name (``PIN 4821``, ``PIN code 4821``, ``PIN number 48213``): four to
eight digits, as a PIN holds, whole (not ``PIN 2``, a chip's, nor ``PIN 1234-5678``,
``PIN 1234.5``)."""

_LOOSE_NAMES: Tuple[Tuple[str, Tuple[str, ...], int], ...] = (
    ("V", ("CVV", "CVC"), _AFTER_CODE_NAME),
    ("B", ("DOB",), _AFTER_BIRTH_NAME),
    ("cv", ("cvv", "cvc"), _AFTER_CODE_NAME),
    ("dob", ("dob",), _AFTER_BIRTH_NAME),
)
"""Other names that a space alone may part from their value, as ``(what finds them, the names,
what their value is)``: a card code's (``CVV 123``, ``cvv 123``), read by :data:`_CODE_VALUE`,
and a date of birth's (``DOB 1980-02-13``, ``dob 1980-02-13``), read by :func:`_date_after_name`.
In capitals each is sought at each of its rarest capital, a ``memchr`` each (``V`` and ``B``
are rare in prose); in lower case, as chat users type them, by a substring search of the text
(about 0.3 microsecond on 300 characters, after the key screen where Hyperscan runs: text
naming no secret never pays it). ``OTP 482913`` is not read: ``O``, ``T`` and ``P`` open
prose's sentences and names ("Our", "Please"), so each text holding them would pay a search;
nor are ``otp 482913``, a code that expires, nor capitalised names (``Cvv 123``), each a search
of every text more."""
_CODE_VALUE = regex.compile(
    r"(?:(?i:code|number)[ \t]++)?+[ \t]?+(?P<digits>[0-9]{3,8}+)(?![\w-]|[.,:/][0-9])(?![ \t]++of\b)"
)
"""The value after a code's name and its space (``CVV 123``, ``CVC code 4821``): three to eight
digits, whole (not ``CVV 1234-5678``, ``CVV 1.2``), nor a part's number (``... 4821 of the
connector``); three digits under a name ending in ``code`` are a count (:func:`counts_under`)."""


def _loose_names(text: str, is_sensitive: Callable[[str], bool], deadline: Optional[float]) -> List[_Key]:
    """``(index of the space after it, name start, what its value is)`` of each name of
    :data:`_LOOSE_NAMES` in ``text`` that stands as a word before a space, read as the name
    before a verb is (:func:`_stated_name`: ``CVV``, ``**DOB**``), found where what finds it is."""
    found: List[_Key] = []
    for finder, names, after in _LOOSE_NAMES:
        if finder not in text:  # a memchr, or one search: most text holds none of these
            continue
        for spot in _occurrences(text, finder, deadline):
            for name in names:
                at = spot - name.index(finder)
                end = at + len(name)
                if at >= 0 and text.startswith(name, at) and text[end : end + 1] in _LOOSE_GAP:
                    if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
                        start = _stated_name(text, end, is_sensitive, False)
                        if start >= 0:
                            found.append((end, start, after))
    return found


def _names_loosely(text: str) -> bool:
    """Whether ``text`` may hold a name of :data:`_LOOSE_NAMES` (what finds it, then the name)."""
    return any(finder in text and any(name in text for name in names) for finder, names, _ in _LOOSE_NAMES)


def _date_after_name(text: str, start: int) -> Optional[Tuple[int, int]]:
    """The span of the date that starts at ``start``, after a date of birth's name and its
    space (``DOB 1980-02-13``, ``date of birth 13.02.1980``; a second space too), or ``None``."""
    if text[start : start + 1] in _LOOSE_GAP:
        start += 1
    end = date_end(text, start)
    return (start, end) if end > 0 else None


def _loose_pins(text: str, deadline: Optional[float]) -> List[_Key]:
    """``(index of its N, its start, _AFTER_PIN)`` of each :data:`_PIN` standing as a word (not ``SPIN``,
    ``PINs``; ``SIM-PIN`` too), found by ``str.find``; its value is read by :data:`_PIN_VALUE`."""
    return [
        (at + 2, at, _AFTER_PIN)
        for at in _occurrences(text, _PIN, deadline)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and not text[at + 3 : at + 4].isalnum()
    ]


def _states(text: str) -> bool:
    """Whether prose in ``text`` may state a value (one of :data:`_STATING_VERBS`)."""
    return " is " in text or " was " in text


def _stated_name(text: str, verb: int, is_sensitive: Callable[[str], bool], qualified: bool) -> int:
    """The start of the sensitive name before the space at ``verb`` that opens a verb stating a
    value (``my password is x``, ``my password is: x``), or -1 where the words before it name
    no secret. Where ``qualified`` (before a verb, not a bare key's separator), the name may
    stand before a qualifier (:func:`_qualified_name`), read only where one of the last words is
    a qualifier's first (one set operation rules most prose out)."""
    start = verb - _STATED_NAME_REACH if verb > _STATED_NAME_REACH else 0
    words = text[start:verb].rsplit(None, _QUALIFIER_REACH)
    named = _stated_name_words(words, is_sensitive)
    if named:
        return text.rfind(words[-named], start, verb)
    if qualified and text[verb - 1] == ")":  # "the password (new) is x"
        return _name_before_brackets(text, verb, is_sensitive)
    if qualified and not _QUALIFIERS.isdisjoint(words):
        return _qualified_name(text, start, verb, is_sensitive)
    return -1


def _name_before_brackets(text: str, key_end: int, is_sensitive: Callable[[str], bool]) -> int:
    """The start of the sensitive name before a short qualifier in brackets, a space apart,
    that ends before a separator or a verb's space at ``key_end`` (``Password (new): x``, ``API key
    (prod): x``, ``Date of birth (DOB): x``, ``the token (if any): x``, ``the password (new) is x``; read as :func:`_stated_name` reads
    the name before a bare key's separator), or -1 where the brackets are not such (``if
    (password):``, ``(a (b)):``) or the words before them name no secret."""
    opening = text.rfind("(", max(0, key_end - _MAX_BRACKETED), key_end)
    closing = text.find(")", opening + 1, key_end)
    if opening <= 0 or text[opening - 1] not in " \t" or text.find(")", closing + 1, key_end) >= 0:
        return -1
    return _stated_name(text, opening, is_sensitive, False)


def _qualified_name(text: str, start: int, verb: int, is_sensitive: Callable[[str], bool]) -> int:
    """The start of a sensitive name that a short qualifier parts from the verb at ``verb``
    (``the password for bob is x``, ``the API key for prod is x``, ``the access key of the bot
    was x``): a word of :data:`_QUALIFIERS` and one to :data:`_MAX_QUALIFIER` words after the
    name (one to three words, read as :func:`_stated_name_words` reads those before a verb), read
    from ``start``; -1 where there is none."""
    words = text[start:verb].rsplit(None, _MAX_QUALIFIER + 4)  # its first never read: it may hold spaces
    for qualifier in range(1, min(_MAX_QUALIFIER, len(words) - 2) + 1):
        if words[-qualifier - 1] in _QUALIFIERS:  # the nearest only: "the password policy for admins is"
            named = _stated_name_words(words[: -qualifier - 1], is_sensitive)
            return text.rfind(words[-qualifier - 1 - named], start, verb) if named else -1
    return -1


def _stated_name_words(words: List[str], is_sensitive: Callable[[str], bool]) -> int:
    """How many of the last ``words`` before a verb stating a value name a secret: one
    (``password``, ```token```), two where the last is a noun that names one only after
    another word (:data:`_QUALIFIED_NAMES`) and both do (``API key``, ``card number``, ``last
    name``), where the first alone names one too only if the noun is the secret's value, not
    its identifier (``secret key``, ``PIN code``, ``PIN number``, ``OTP code``, ``session id``;
    not ``secret name``: :func:`_names_its_value`), three where the middle of them is a noun of
    personal data (:data:`_THREE_WORD_MIDDLES`), the last two name nothing and all three do
    (``Driver License Number``, ``Social Security Number``, ``Tax ID Number``), or none."""
    last = words[-1].strip(_NAME_WRAPPERS) if words else ""
    if not last:
        return 0
    if is_sensitive(last):
        return 1
    if len(words) < 2 or last not in _QUALIFIED_NAMES:
        return 0
    first = words[-2].strip(_NAME_WRAPPERS)
    if not first:
        return 0
    if is_sensitive(f"{first} {last}"):
        return 2 if _names_its_value(first, last, is_sensitive) else 0
    head = words[-3].strip(_NAME_WRAPPERS) if len(words) > 2 and first in _THREE_WORD_MIDDLES else ""
    return 3 if head and is_sensitive(f"{head} {first} {last}") else 0


def _names_its_value(name: str, noun: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether ``noun`` after ``name``, which together name a secret, names its value: not an
    identifier (:data:`_IDENTIFIERS`) after a name that names the secret alone (``secret name``),
    unless the identifier is the secret (:data:`_SECRET_IDENTIFIERS`: ``session id``)."""
    lowered = noun.lower()
    return lowered not in _IDENTIFIERS or not is_sensitive(name) or f"{name.lower()} {lowered}" in _SECRET_IDENTIFIERS


def _names_own_name(text: str, verb: int) -> bool:
    """Whether the words before the space at ``verb`` that opens a verb stating a value are a
    person's own ``name`` (``my name``, ``Her name``: :data:`_OWNERS`)."""
    if not (text.startswith("name", verb - 4) or text.startswith("Name", verb - 4)):
        return False
    words = text[max(0, verb - 12) : verb - 4].split()
    return bool(words) and words[-1].lstrip(_NAME_WRAPPERS) in _OWNERS  # '"My name is' opens a JSON string


def _persons_name_after(text: str, start: int) -> Optional[Tuple[int, int]]:
    """The span of the person's name that prose states from ``start``, after ``is`` or ``was``
    (:data:`_STATED_PERSONS_NAME`), or ``None``."""
    match = _STATED_PERSONS_NAME.match(text, start)
    if match is None:
        return None
    return match.span("name") if match.start("name") >= 0 else match.span("quoted")


def _date_after_born(text: str, start: int) -> Optional[Tuple[int, int]]:
    """The span of the date of birth that follows ``born`` before ``start``, at once or past a
    few words in its sentence (``on``, ``in Leeds on``), or ``None``."""
    words = _BORN_WORDS.match(text, start)
    for word in _WORD_START.finditer(text, start, words.end() if words is not None else start):
        end = date_end(text, word.start())
        if end > 0:
            return word.start(), end
    return None


def _described_quote_end(text: str, begin: int, end: int) -> int:
    """The end of the quoted string after the bare value at ``begin:end`` on its line, where
    that value is a few words of prose describing the secret (``password: The password
    "x"``, ``token: set to 'x'``: the quote, not the words, holds it); else ``end``."""
    words = text[begin:end].split()
    if len(words) > _MAX_DESCRIPTION or not all(map(_PLAIN_WORD.fullmatch, words)):
        return end
    quoted = _QUOTE_ON_ITS_LINE.match(text, end)
    return end if quoted is None else quoted.end()
