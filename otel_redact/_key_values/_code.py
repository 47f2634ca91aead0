"""Code: the values that calls and literals give a sensitive name, read as a key's value is:

- a quoted name, ``,`` and a quoted value closing a tuple or list, as header lists are
  written: ``[(b'authorization', b'Token x')]``, ``("Authorization", "Bearer x")``,
  ``[["x-api-key", "k"]]``, ``[ ( 'authorization' , 'Bearer x' ) ]`` (a list only as an item
  of another: ``"required": ["api_key", "query"]`` is a list of names; a call's arguments
  that both name keys, ``s.replace("password", "secret")``, are code, and a name before a
  field's name holding no secret, ``("password", "email")``, a list of fields); a call setting what its
  first argument names takes the next as its value whatever arguments follow
  (``SetEnvironmentVariable("API_KEY", "x", "User")``, ``setenv("API_KEY", "x", 1)``), and a
  basic-auth constructor the password its second positional argument is, by its place
  (``HTTPBasicAuth("bob", "x")``, ``aiohttp.BasicAuth(user, "x", encoding=e)``).

A quoted or bracketed value does not end at its closing quote or
bracket where a letter, a digit, ``_`` or a quote is glued on after it (``password: "abc"hunter2``,
``PASSWORD="abc"'hunter2'``, ``password={{ x }}y``, as a shell joins them into one word): it runs
on to where a bare value ends, past the strings glued on, its quotes too, whatever the part in
them is (a reference alone is one only there); after ``=`` or ``:`` a quoted value runs on over
the string literals that spaces alone part from it too, as code joins them (``password = "abc"
"hunter2"``; not a quoted key, ``"user": "bob"``, nor a flag's next argument).

In code, a value that opens a call or a subscript has the string
literal it takes first as its value (``api_key = SecretStr("x")``, ``b64decode(b"x")``,
after arguments naming variables too: ``auth=HTTPBasicAuth(user, "x")``), up to the last
positional literal after it (``Creds("b0b", "x")``: the call, not its key, says which is the
secret; a plain first literal before one marked as a secret names whom it is for and stays,
``Creds("bob", "x9s8d7")``; a keyword argument's own key says whether its value is one, ``encoding="latin1"``),
unless the literal names an environment variable (``os.getenv("API_KEY")``, Go's
``os.Getenv("X")``, ``os.environ["API_KEY"]``: code reading the secret from elsewhere); a
call taking none (``getpass()``) has no value, nor has one asking for it, whose literal is its
question (``getpass("Password: ")``, ``input(prompt="x")``, ``click.prompt("Secret",
hide_input=True)``, typer's, rich's ``Prompt.ask``, ``questionary.password``) or where it is
kept (``keyring.get_password("svc", "bob")``; a literal after the question, its default,
``click.prompt("Secret", "x")``, is read as any call's, and its ``default=``, after other
arguments too, ``click.prompt("Secret", hide_input=True, default="x")``, is the secret, with no
key before the call too where its question names one), nor a key inside a string whose
value would be only the string's closing quote (``getpass("Password: ")``; where a word
follows that string, not code, the rest of its line is the value, ``say "password: " then
hunter2``, but a reference, the key's own name, ``read -p "Password: " password``, or plain
words after a string in prose, ``the prompt "Password: " appears``; after a string that
``echo`` or ``printf`` writes, its next argument, plain or quoted, ``echo "password: "
correcthorse``, ``echo "token: " "x"``, and the argument ``printf`` writes for the directive
after the key, ``printf "token: %s\\n" x``; not a variable's, ``"$PASS"``), nor has a
placeholder code writes for one (:mod:`._values`), nor a call's keyword argument passing on the variable its key names
(``call(api_key=api_key)``, ``api_key=API_KEY``). A string literal that code gives what such
a call reads as its default is the value (``getpass() or "x"``, ``os.getenv("API_KEY") or
"x"``; after a prompt, ``getpass("Password: ") or "x"``), or joined to what it reads
(``getpass("pw") + "x"``), and, with no key before it, the value of the environment variable read by a sensitive name
(``process.env.API_KEY || "x"``, ``?? 'x'``, ``process.env["API_KEY"] || "x"``, Vite's
``import.meta.env.X``, ``os.getenv("API_KEY") or "x"``, ``os.environ.get``, PHP's
``getenv('X') ?: 'x'`` and ``$_ENV['X'] ??``, ``Deno.env.get``, C#'s
``Environment.GetEnvironmentVariable("X") ?? "x"``, Ruby's ``ENV["X"] || "x"`` and
``ENV.fetch("X") { "x" }``, django-environ's ``env("X", default="x")``; not ``||
fallbackKey``, ``|| 3000``, nor ``os.getenv("NODE_ENV") or "development"``).

After a sensitive key's ``:``, a type annotation and an ``=`` make the default after it the
value, read as after a key's ``=`` (:data:`_ANNOTATED_DEFAULT`: ``def connect(host: str,
password: str = "x")``, a settings class's ``api_key: str = "x"``; ``password: Optional[str] =
None`` and ``api_key: str = os.environ["API_KEY"]`` stay), and a call's ``default=`` keyword
before its first literal opens it as the literal does (pydantic's ``api_key =
Field(default="x")``). A field declaration (:data:`_FIELD_DECLARATION`: pydantic's ``Field``,
dataclasses' ``field``) holds no secret but its default's literal, wherever its keyword stands
(``Field(min_length=8, default="x")``, ``default_factory=lambda: "x"``): ``Field(default=None)``,
``Field(..., description="The key")``, ``Field(default_factory=lambda: os.environ["K"])``
stay. Code documentation is kept: a type alone after a key's ``:`` is none
(:data:`_ANNOTATED_ARGUMENT`: ``password: str``, numpy's ``password : str, optional``, a
signature's ``def login(user: str, password: str):``), nor are the words of prose that fill
the line after a type in brackets (:func:`_documents_an_argument`: a Google-style docstring's
``password (str): The password to use.``, ``api_key (Optional[str]): API key for the service.``;
``password (str): hunter2x`` and ``Password (new): correct horse battery``, no type, go).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional, Tuple

import regex

from otel_redact._key_values._reading import (
    _BARE_KEY_END,
    _COMMAND_LINE,
    _MAX_ALIGNMENT,
    _MAX_ARGUMENTS,
    _MAX_INDENT,
    _MAX_KEY,
    _PREFIXED,
    _QUOTED_VALUE,
    _REST_OF_LINE,
    _in_prose,
    _matches,
    _matches_at,
    _record_opening,
    _trimmed,
    _with_its_braces,
)
from otel_redact._key_values._commands import _writes_its_string
from otel_redact._key_values._values import (
    _NOT_SECRET,
    _PLAIN_WORD,
    _PROSE_WORD,
    _SECRET_MARK,
    _is_placeholder,
    _is_quoted_reference,
)
from otel_redact._secrets import PROMPT_CALLS, STRING_PREFIX


_SPARSE_BRACKETS = 50
"""Characters per bracket above which a match tried at each bracket beats one search."""
# How code gives what it reads (an environment variable, a prompt's answer) a default, up to its
# last character (the separator), where a string literal follows: an operator after the read
# (Python's "or", JavaScript's "||" and "??", PHP's "?:", a Ruby block's "{"), or a keyword
# argument inside the call (django-environ's "env('X', default='x')", after other arguments too:
# "click.prompt('Secret', hide_input=True, default='x')"). The default is the
# secret the read would give (not a variable's value, "|| fallbackKey", nor a number, "|| 3000").
_DEFAULT_OPERATOR = r"""[ \t]*+(?:\|\||\?\?|\?:|\{|or(?![\w$]))"""
_STRING_LITERAL = r"""%s{0,2}+(?:\\"(?:[^"\\]++|\\(?!").?)*+\\"|"(?:[^"\\]++|\\.?)*+"|'(?:[^'\\]++|\\.?)*+')""" % STRING_PREFIX
# Other arguments a call may take before its default keyword: keyword arguments (their strings
# too: prompt_suffix=": ") and variables or numbers (env("X", str, default="x")).
_OTHER_ARGUMENTS = r"""(?:\s{0,%(i)d}+,\s{0,%(i)d}+(?!default[ \t]*+=)(?:[A-Za-z_]\w{0,%(n)d}+[ \t]*+=[ \t]*+(?:%(s)s|[\w.]{1,%(n)d}+)|[\w.]{1,%(n)d}+)){0,%(a)d}+""" % {
    "i": _MAX_INDENT, "n": _MAX_KEY, "s": _STRING_LITERAL, "a": _MAX_ARGUMENTS
}
_DEFAULT_KEYWORD = _OTHER_ARGUMENTS + r"""[ \t]*+,[ \t]*+default[ \t]*+="""
_DEFAULT_LITERAL = r"""(?=[ \t]{0,%d}+%s{0,2}+\\?+["'])""" % (_MAX_ALIGNMENT, STRING_PREFIX)
# A read of an environment variable by its name (group 1) that is given a default: JavaScript's
# "process.env.API_KEY || 'x'" (Vite's "import.meta.env.X", a subscript "process.env['X']"),
# "os.getenv('X') or 'x'" (os.environ.get, PHP's and C's getenv, Deno.env.get, C#'s
# Environment.GetEnvironmentVariable, Ruby's "ENV.fetch('X') { 'x' }", django-environ's env()),
# "ENV['X'] || 'x'" (os.environ, PHP's $_ENV). Each is matched where its word ("env", "ENV",
# "Environment") is, up to the default's separator.
_QUOTED_NAME = r"""[ \t]*+\\?+["']([^"'\\\s]{1,%d}+)\\?+["'][ \t]*+""" % _MAX_KEY
_ENV_DEFAULT = regex.compile(
    r"(?|(?<=(?<![\w$.])(?:process|import\.meta)\.)env(?|\.([A-Za-z_$][\w$]{0,%(m)d}+)|\[%(q)s\])%(o)s"
    r"|(?:(?<=(?<![\w$.])Deno\.)env\.get|(?<=(?<![\w.])(?:os\.)?[Gg]et)env|(?<=(?<![\w.])os\.)environ\.get"
    r"|(?<![\w.])env(?:\.[a-z]{1,16}+)?+|(?<![\w.])ENV\.fetch|(?<!\w)Environment\.GetEnvironmentVariable)"
    r"\(%(q)s(?:\)%(o)s|%(k)s)"
    r"|(?:(?<=(?<![\w.])os\.)environ|(?:(?<=\$_)|(?<![\w.]))ENV)\[%(q)s\]%(o)s"
    r")%(l)s" % {"m": _MAX_KEY - 1, "q": _QUOTED_NAME, "o": _DEFAULT_OPERATOR, "k": _DEFAULT_KEYWORD, "l": _DEFAULT_LITERAL}
)
_ENV_WORDS = ("env", "ENV", "Environment")
"""The words a match of :data:`_ENV_DEFAULT` starts with, each sought where it stands."""
# A quoted name opening a tuple, or a list inside a list, up to the "," after it and the spaces
# a hand-written list may put before it (the separator): ("Authorization", "x"),
# [(b'authorization', b'x')], [["x-api-key", "x"]], [ ( 'authorization' , 'x' ) ]; group 1.
_LISTED = regex.compile(
    r"(?:\(|(?<=[\[(,]\s{0,%(i)d})\[)\s{0,%(i)d}+(?:[bBuU](?=[\"']))?"
    r"(?|\\?\"([^\"\\\n\r]{1,%(n)d}+)\\?\"|\\?'([^'\\\n\r]{1,%(n)d}+)\\?')\s{0,%(i)d}+,"
    % {"n": _MAX_KEY, "i": _MAX_INDENT}
)
# The value of a listed name: a quoted string closing the pair (")" or "]", or the end of text
# cut short), after whitespace that may break the line in a pretty-printed list.
_LISTED_VALUE = regex.compile(
    r"\s{0,%(i)d}+%(p)s(?:%(q)s)(?=\s{0,%(i)d}+(?:[)\]]|\Z))"
    % {"i": _MAX_INDENT, "p": _PREFIXED, "q": _QUOTED_VALUE},
    regex.DOTALL,
)
# The value of a listed name that a call setting what it names takes first, more arguments after
# it: SetEnvironmentVariable("API_KEY", "x", "User"), setenv("API_KEY", "x", 1).
_SET_CALL_VALUE = regex.compile(
    r"\s{0,%(i)d}+%(p)s(?:%(q)s)(?=\s{0,%(i)d}+,)" % {"i": _MAX_INDENT, "p": _PREFIXED, "q": _QUOTED_VALUE},
    regex.DOTALL,
)
# A basic-auth constructor's first positional argument, the user's name (a string literal or
# a variable), up to the "," after it (the separator): its second is the password
# (requests' HTTPBasicAuth("bob", "x"), aiohttp's and httpx's BasicAuth(user, "x")).
_BASIC_AUTH = regex.compile(
    r"BasicAuth\(\s{0,%(i)d}+(?:%(p)s(?:\\?\"[^\"\\\n\r]{0,%(n)d}+\\?\"|'[^'\\\n\r]{0,%(n)d}+')|[A-Za-z_][\w.]{0,%(n)d}+)"
    r"\s{0,%(i)d}+," % {"i": _MAX_INDENT, "p": _PREFIXED, "n": _MAX_KEY}
)
_FIELD_NAMES = frozenset(
    "id name user username user_name login email email_address phone first_name last_name".split()
)
"""Names of fields that hold no secret: the value of a listed name that is one of them (in any
case) is the next name of a list of fields (``("password", "email")``), as no header's value is."""
_SETTER_CALLS = ("set", "put")
"""How the name of a call that sets what its first argument names starts, in lower case
(``setenv``, ``putenv``, ``SetEnvironmentVariable``, ``setdefault``, ``setProperty``)."""
# A type that code or its documentation writes after an argument's name (Python's ``password:
# str``, numpy's ``password : str, optional``, Google's ``password (Optional[str]):``): a
# builtin or a secret's type, a generic of such types, joined by ``|``, maybe ``optional``
# after a comma; no secret is ever one.
_ANNOTATION = regex.compile(
    r"(?P<type>(?:typing\.)?+(?:(?:Optional|Union|List|Dict|Mapping|Sequence|Tuple|Set|list|dict|tuple|set)"
    r"\[(?&type)(?:[ \t]*+,[ \t]*+(?&type))*+\]|str|string|bytes|int|float|bool|dict|list|tuple|Any|None"
    r"|SecretStr|SecretBytes)(?![\w.\[])(?:[ \t]*+\|[ \t]*+(?&type))?+)(?:[ \t]*+,[ \t]*+optional(?!\w))?+"
)
_ANNOTATED_ARGUMENT = regex.compile(r"(?:%s)\)*+:?+" % _ANNOTATION.pattern)
"""A type annotation as a bare value reads it, a signature's brackets and colon closing after
it too (``def login(user: str, password: str):``)."""
_ANNOTATED_DEFAULT = regex.compile(r"[ \t]*+(?:%s)[ \t]*+=(?![=>])" % _ANNOTATION.pattern)
"""A type annotation and the ``=`` of the default after it (``password: str = "x"``, in a
signature, a dataclass or a settings class): the value is the default's."""
# What documentation writes about an argument after its type (``password (str): The password
# to use.``): words of prose (:data:`_PROSE_WORD`), two or more, or one ending a sentence; a
# word marked as a secret (``hunter2x``), a quote or a code span is none.
_DESCRIPTION = regex.compile(r"(?:%(w)s[.,;:]?+[ \t]++)++%(w)s\.?+|%(w)s\." % {"w": _PROSE_WORD.pattern})
# Where such a description ends: its line's end, an escaped line break, or the closing quote
# of the string holding it (JSON's, escaped in JSON too: ``{"doc": "password (str): The
# password."}``).
_DESCRIPTION_END = regex.compile(r'[ \t]{0,%d}+(?:\r?\n|\\[rn]|\\?+"[ \t]*+(?:[,}\]]|\Z)|\Z)' % _MAX_ALIGNMENT)
# A bare value that opens a call or a subscript, code: one taking no argument (getpass()), or
# a string literal first (os.getenv("X"), os.environ["X"], env::var("X"), b64decode(b"x")),
# or after arguments that name variables (HTTPBasicAuth(user, "x"), Auth(user, "x"): a bare
# value ends at their comma), on one line or on several (Token(\n    "x",\n)), or given as its
# default keyword (pydantic's Field(default="x")); group "literal",
# where it starts, read by :func:`_literal_argument`; not a word ending in "(" with no string
# after it, which may be a secret.
_CALL_OPENING = regex.compile(
    r"[A-Za-z_](?:[\w.]|::){0,%(n)d}+(?:\(\)|[(\[](?:\s{0,%(i)d}+[\w.]{1,%(n)d}+\s{0,%(i)d}+,){0,%(a)d}+"
    r"(?:\s{0,%(i)d}+default[ \t]*+=)?+(?P<literal>\s{0,%(i)d}+%(p)s{0,2}+)(?=\\?[\"']))"
    % {"n": 2 * _MAX_KEY, "i": _MAX_INDENT, "p": STRING_PREFIX, "a": _MAX_ARGUMENTS}
)
_CALL_ARGUMENT = regex.compile(r"\s{0,%d}+%s(?:%s)" % (_MAX_INDENT, _PREFIXED, _QUOTED_VALUE), regex.DOTALL)
# A field declaration's call (pydantic's and SQLModel's Field, dataclasses' and attrs' field),
# whole, where no string literal but its default's can be a secret: positional arguments that
# are code ("...", None, a name, a number), keyword arguments whose value is a string (its
# description, alias, title: documentation) or code, a factory's lambda returning code or an
# environment variable it reads (lambda: os.environ["K"]); the default's literal, if any, in
# group "default" (Field(alias="K", default="x"), a factory's: default_factory=lambda: "x").
# Not a positional literal first (Field("x"): read as any call's).
_FIELD_CODE = r"""(?:lambda[ \t]*+:[ \t]*+)?+(?:(?:os\.)?+(?:environ(?:\.get)?+|getenv)[(\[][ \t]*+\\?+["'][A-Za-z_]\w{0,%(n)d}+\\?+["'][ \t]*+[)\]]|-?+[\w.]{1,%(n)d}+(?:\(\))?+|\[\]|\{\})"""
_FIELD_DECLARATION = regex.compile(
    r"(?:[A-Za-z_]\w{0,%(n)d}+\.)?+[Ff]ield\((?:\s{0,%(i)d}+(?:default(?:[ \t]*+=|_factory[ \t]*+=[ \t]*+lambda[ \t]*+:)[ \t]*+(?:(?P<default>%(s)s)|%(c)s)"
    r"|(?!default[ \t]*+=)[A-Za-z_]\w{0,%(n)d}+[ \t]*+=[ \t]*+(?:%(s)s|%(c)s)|%(c)s)\s{0,%(i)d}+(?:,|(?=\))))"
    r"{0,%(a)d}+\s{0,%(i)d}+\)" % {"n": _MAX_KEY, "i": _MAX_INDENT, "s": _STRING_LITERAL, "c": _FIELD_CODE % {"n": _MAX_KEY}, "a": _MAX_ARGUMENTS}
)
# A bare value that asks for the secret or looks it up where it is kept, the whole call: a
# prompt (PROMPT_CALLS) taking its question, maybe as a keyword argument (getpass(prompt="x")),
# keyring's lookup taking a service's and a user's names, then keyword arguments that are no
# string (click.prompt("Secret", hide_input=True)); not a string given after the question
# (click.prompt("Secret", "x"), default="x": the prompt's default), read as any call's.
_NAMING_ARGUMENT = r"\s{0,%d}+(?:%s|[A-Za-z_][\w.]{0,%d}+)\s{0,%d}+" % (_MAX_INDENT, _STRING_LITERAL, _MAX_KEY, _MAX_INDENT)
_ASKING_CALL = regex.compile(
    r"(?:(?:%(c)s)\((?:\s{0,%(i)d}+(?:prompt|text|message)[ \t]*+=)?+(?:%(a)s)?+|keyring\.get_password\(%(a)s,%(a)s)"
    r"(?:,\s{0,%(i)d}+[A-Za-z_]\w{0,%(n)d}+[ \t]*+=[ \t]*+[\w.]{1,%(n)d}+\s{0,%(i)d}+){0,%(m)d}+(?:,?+\s{0,%(i)d}+\)|(?=%(d)s))"
    % {"c": PROMPT_CALLS, "a": _NAMING_ARGUMENT, "i": _MAX_INDENT, "n": _MAX_KEY, "m": _MAX_ARGUMENTS, "d": _DEFAULT_KEYWORD}
)
_PROMPT_NAME = regex.compile(r"(?r)(?<![\w.])(?:%s)[ \t]*+\Z" % PROMPT_CALLS)
"""A prompt call's name ending where its ``(`` opens (searched back from it)."""
_ASKING_NAMES = (
    "getpass", "input(", "raw_input(", "click.prompt(", "typer.prompt(", "Prompt.ask(", "questionary.password(", "keyring.get_password("
)
"""The words a match of :data:`_ASKING_CALL` starts with: a bare value starting with none is not tried."""
# The call's arguments after the literal read first, up to its last positional string literal
# (group "text", each literal's content): Creds("bob", "x"), Auth(user, "x"); between them,
# arguments naming variables or numbers, a call of them (Auth("bob", get(realm), "x")), or a
# keyword argument, whose own key says whether it is a secret (encoding="latin1" stays).
_ARGUMENT_VARIABLE = r"[\w.]{1,%(n)d}+(?:\([^()\"'\r\n]{0,%(n)d}+\))?+" % {"n": _MAX_KEY}
_LATER_LITERALS = regex.compile(
    r"(?:\s{0,%(i)d}+,\s{0,%(i)d}+(?:%(p)s(?|\\\"(?P<text>(?:[^\"\\]++|\\(?!\").?)*+)\\\"|\"(?P<text>(?:[^\"\\]++|\\.?)*+)\""
    r"|'(?P<text>(?:[^'\\]++|\\.?)*+)')|[A-Za-z_]\w{0,%(n)d}+[ \t]{0,%(s)d}+=[ \t]{0,%(s)d}+(?:%(p)s(?:%(q)s)|%(v)s)|%(v)s))"
    r"{0,%(a)d}+"
    % {"i": _MAX_INDENT, "n": _MAX_KEY, "s": _MAX_ALIGNMENT, "p": _PREFIXED, "q": _QUOTED_VALUE, "v": _ARGUMENT_VARIABLE,
       "a": _MAX_ARGUMENTS},
    regex.DOTALL,
)
# A string literal given as a default to what a call or a subscript reads, or joined to it
# ("getpass('pw') + 'x'"), after its argument or after it closes: the call's brackets close
# first, unless its keyword argument gives it.
_CALL_DEFAULT = regex.compile(
    r"(?:(?:[ \t]*+[)\]])?+(?:%s|[ \t]*+\+)|%s)%s" % (_DEFAULT_OPERATOR, _DEFAULT_KEYWORD, _CALL_ARGUMENT.pattern),
    regex.DOTALL,
)
# The name of an environment variable, as code reads one (os.getenv("OPENAI_API_KEY")).
_VARIABLE_NAME = regex.compile(r"[A-Z][A-Z0-9_]*+")
# A string literal joined on to a closed value, after its prefix, if any (f"x", or f\"x\" in
# a JSON string; cut short: to the end), its double quotes escaped where the value's are
# (\"abc\"\"x\" in a JSON string, whose own quote closes it); not one that is a key of its
# own ("password": "x" "user": "bob", JSON without its comma).
_JOINED_STRING = r"""(?:%s{1,2}+(?=\\?+["'])|\$(?='))?+(?:%s|'(?:[^'\\]++|\\.?)*+(?:'|\Z))(?![ \t]*+(?::|=(?!=)))"""
_DOUBLE_QUOTED = {False: r'"(?:[^"\\]++|\\.?)*+(?:"|\Z)', True: r'\\"(?:[^"\\]++|\\(?!").?)*+(?:\\"|\Z)'}
_GLUED_RUN = r"""\w[^\s,;&}"'\\]*+"""
_JOINED_ON = {
    (escaped, spaced): regex.compile(
        r"(?:(?:%(g)s%(s)s|%(r)s%(s)s)++(?:%(r)s)?+|%(r)s)"
        % {"g": r"[ \t]{0,%d}+" % _MAX_ALIGNMENT if spaced else "", "r": _GLUED_RUN,
           "s": _JOINED_STRING % (STRING_PREFIX, _DOUBLE_QUOTED[escaped])},
        regex.DOTALL,
    )
    for escaped in (False, True)
    for spaced in (False, True)
}
"""What joins into one value with the closed value before it, by whether its quotes are
escaped and whether spaces may part them: a shell joins a letter, a digit, ``_`` or a quote
glued on after the closing quote or bracket into one word (``"abc"hunter2``,
``"abc"'hunter2'``, ``{{ x }}y``), up to where a bare value ends, past the strings glued on in
between; code joins a string literal to the next after spaces too (Python's ``password = "abc"
"hunter2"``)."""
_OPENERS = {"double": 1, "single": 1, "escaped": 2}
"""Characters of the quote that opens a quoted value (``\\"`` in a JSON string), before its group."""
_AFTER_A_STRING = frozenset(("", *" \t\r\n),;]}+\\"))
"""What may follow a string literal's closing quote in code (or nothing: the text ends there)."""
_ESCAPED_CLOSING = regex.compile(r'[ \t]{0,%d}+\\"' % _MAX_ALIGNMENT)
"""An escaped quote after a key's separator (in a JSON string), which may close the key's string."""
# The word after a string that a key's separator ends, after spaces (group "word"): a letter,
# a digit, "_" or "$" opening it, not a word of code joining the string to more (getpass("Pw: ")
# or "x", "Token: " if x else y).
_WORD_AFTER_A_STRING = regex.compile(
    r"[ \t]{1,%d}+(?!(?:or|and|if|else|for|in|is|not)(?![\w$]))(?P<word>(?=[\w$])[^\s,;&}\"'\\]++)" % _MAX_ALIGNMENT
)
# A shell word that a writer (echo, printf) writes after its string, after spaces: a quoted
# string (its content) or a bare word, not shell syntax (a pipe, a redirection: "echo x >&2").
_WRITTEN_WORD = regex.compile(r"[ \t]{1,%d}+(?:%s|(?P<bare>[^\s\"'|;&<>\\]++))" % (_MAX_ALIGNMENT, _QUOTED_VALUE))
# A printf directive ("%s", "%-10s", "%.3d"; not "%%"), and the rest of the format after one,
# up to the quote closing it (escaped in a JSON string: \"; group "quote").
_FORMAT_DIRECTIVE = regex.compile(r"%[-+ #0]*+[0-9]*+(?:\.[0-9]++)?+[A-Za-z]")
_REST_OF_FORMAT = regex.compile(r"""(?:[^"'\\\r\n]++|\\[^"'\r\n])*+(?P<quote>\\?+["'])""")


def _prompt_asks_for_a_secret(text: str, at: int, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the keyword argument whose ``=`` is at ``at`` is given to a prompt call
    (:data:`~otel_redact._secrets.PROMPT_CALLS`) whose question names a secret
    (``click.prompt("Secret", hide_input=True, default=``): its default is the secret."""
    opening = _record_opening(text, at, "()")
    if opening < 0 or _PROMPT_NAME.search(text, max(0, opening - _MAX_KEY), opening) is None:
        return False
    question = _CALL_ARGUMENT.match(text, opening + 1)
    return question is not None and is_sensitive(question[question.lastgroup or ""])


def _listed_names(text: str, deadline: Optional[float]) -> Iterator[Any]:
    """:data:`_LISTED`'s matches in ``text``. No literal leads the pattern, so a search costs
    the regex engine ~3 ns a character (7 µs on a GenAI message of 2 KB), far more than a
    match tried at each bracket ``str.find`` finds, unless brackets are dense (code)."""
    if (text.count("(") + text.count("[")) * _SPARSE_BRACKETS > len(text):
        yield from _matches(_LISTED, text, deadline)
        return
    for bracket in "([":
        yield from _matches_at(_LISTED, text, bracket, deadline)


def _constructs_basic_auth(text: str) -> bool:
    """Whether ``text`` may call a basic-auth constructor (:data:`_BASIC_AUTH`): a ``memchr``
    of its ``(`` and of its ``B`` first (a search of its name costs ~1 µs on 4 KB), then one."""
    return "(" in text and "B" in text and "BasicAuth" in text


def _defaults_an_env(text: str) -> bool:
    """Whether ``text`` may give an environment variable a default (:data:`_ENV_DEFAULT`): a
    ``memchr`` of ``|``, ``?`` and ``(`` first (an operator's or a call's: ``"||" in text``
    would cost a slow search of its own), or else, in text with no ``{`` (JSON's lists hold
    ``]`` too), of each ``]`` closing a subscript that Python's `` or`` follows
    (``os.environ["X"] or "x"``), then one search of ``env`` (and, where a ``V`` is, of
    ``ENV`` and ``Environment``)."""
    return ("|" in text or "?" in text or "(" in text or ("]" in text and "{" not in text and _ors_after_a_subscript(text))) and (
        "env" in text or ("V" in text and ("ENV" in text or "Environment" in text))
    )


def _ors_after_a_subscript(text: str) -> bool:
    """Whether Python's `` or`` follows a ``]`` in ``text`` (``os.environ["X"] or "x"``): a
    ``memchr`` of each ``]``."""
    at = text.find("]")
    while at >= 0:
        if text.startswith(" or", at + 1):
            return True
        at = text.find("]", at + 1)
    return False


def _documents_an_argument(text: str, lines: str, key_start: int, at: int, begin: int) -> bool:
    """Whether the key at ``key_start`` ends in a type in brackets before its separator at
    ``at`` (:data:`_ANNOTATION`: ``password (str):``, ``api_key (Optional[str]):``), and
    words of prose (:data:`_DESCRIPTION`) fill its line from ``begin`` (or its string:
    :data:`_DESCRIPTION_END`): a Google-style docstring's argument (``password (str): The
    password to use.``), no secret's value. ``lines``: ``text`` as written, escapes and all."""
    closing = text.rfind(")", key_start, at)
    opening = text.rfind("(", key_start, closing) if closing >= 0 else -1
    if opening < 0 or text[closing + 1 : at].strip() or _ANNOTATION.fullmatch(text, opening + 1, closing) is None:
        return False
    description = _DESCRIPTION.match(lines, begin)
    return description is not None and _DESCRIPTION_END.match(lines, description.end()) is not None


def _closes_its_string(text: str, key_start: int, at: int, begin: int, kind: str) -> bool:
    """Whether the quote opening the quoted value at ``begin`` (its group ``kind``) closes the
    string literal that the bare key at ``key_start`` stands in (``getpass("Password: ")``,
    ``print("token: ", t)``): the key's line holds an odd number of such quotes before its separator. The
    line is searched back :data:`_COMMAND_LINE` characters at most; a longer one is no string."""
    key_end = text[key_start:at].rstrip(" \t")[-1:]
    if not (key_end.isalnum() or key_end == "_"):
        return False  # a quoted key or a subscript: "password": ")", config["password"] = ")"
    quote = text[begin - _OPENERS[kind] : begin]
    window = max(0, at - _COMMAND_LINE)
    line_start = text.rfind("\n", window, at)
    if line_start < 0 and window > 0:
        return False
    return text.count(quote, line_start + 1, at) % 2 == 1


def _after_its_string(
    text: str, lines: str, at: int, key_start: int, closed: int, quoting: int
) -> Optional[Tuple[int, int]]:
    """The value after the string that closes right after the key's separator at ``at``
    (``closed``: after its quote, of ``quoting`` characters: ``\\"`` in a JSON string), where
    a word follows it, not code (``say "password: " then hunter2``, ``"Password: " hunter2``):
    the rest of the line, as after a key starting a string; in prose (a word before the string) only where a word of it is no plain word
    (``the prompt "Password: " appears`` stays); ``None`` where code follows (``print("Token:
    ", t)``, ``+ key``, ``or``...), a reference (``$PW``) or the key's own name (``read -p
    "Password: " password``: a variable)."""
    opening = text.rfind(text[closed - quoting : closed], max(0, key_start - _COMMAND_LINE), key_start)
    written = opening >= 0 and _writes_its_string(text, opening)
    word = _WORD_AFTER_A_STRING.match(text, closed)
    if word is None:
        return _written_word(text, closed) if written else None  # echo "password: " "x"
    begin = word.start("word")
    rest = _REST_OF_LINE.match(lines, word.end())
    end = _with_its_braces(text, begin, _trimmed(text, begin, word.end() if rest is None else rest.end()))
    name = text[key_start:at].rstrip(" \t")
    if end <= begin or _is_placeholder(text, begin, end) or text[begin:end].lower() == name.lower():
        return None
    if not written and _in_prose(text, opening) and all(_PLAIN_WORD.fullmatch(value) for value in text[begin:end].split()):
        return None
    return None if _NOT_SECRET.fullmatch(text, begin, end) else (begin, end)


def _printed_argument(text: str, key_start: int, begin: int) -> Optional[Tuple[int, int]]:
    """The span of the argument that ``printf`` writes for the directive at ``begin`` (``%s``)
    after the key at ``key_start`` in its format (``printf "token: %s\\n" x``: ``x``; the
    arguments for the directives before it skipped, ``printf "user: %s token: %s" bob x``);
    ``None`` where no directive is there, the string is no writer's, or the argument is no
    secret (a variable's reference: ``"$PASS"``)."""
    directive = _FORMAT_DIRECTIVE.match(text, begin)
    rest = _REST_OF_FORMAT.match(text, directive.end()) if directive is not None else None
    if rest is None:
        return None
    opening = text.rfind(rest["quote"], max(0, key_start - _COMMAND_LINE), key_start)
    if opening < 0 or not _writes_its_string(text, opening):
        return None
    end = rest.end()
    for _ in _FORMAT_DIRECTIVE.finditer(text, opening, begin):
        argument = _WRITTEN_WORD.match(text, end)
        if argument is None:
            return None
        end = argument.end()
    return _written_word(text, end)


def _written_word(text: str, start: int) -> Optional[Tuple[int, int]]:
    """The span of the shell word that a writer writes at ``start`` (:data:`_WRITTEN_WORD`): a
    quoted string's content or a bare word; ``None`` where none is there or it is no secret (a
    variable's reference, ``"$PASS"``, ``$PASS``)."""
    word = _WRITTEN_WORD.match(text, start)
    if word is None:
        return None
    kind = word.lastgroup or ""  # every alternative is a named group
    begin, end = word.span(kind)
    if end <= begin or _NOT_SECRET.fullmatch(text, begin, end):
        return None
    reference = _is_quoted_reference(text, word, kind) if kind != "bare" else _is_placeholder(text, begin, end)
    return None if reference else (begin, end)


def _literal_argument(text: str, start: int, timeout: Optional[float]) -> Optional[Tuple[int, int]]:
    """The span of the string literal opening the arguments of the call or the subscript that
    a sensitive key's value opens before ``start`` (``SecretStr("x")``, ``b64decode('x')``):
    the secret; where it names a variable (``os.getenv("API_KEY")``, ``os.environ["API_KEY"]``,
    Go's ``os.Getenv("API_KEY")``: code reading the secret from elsewhere), the default given
    to what is read, if any (:func:`_call_default`); where both are (``getpass("Password: ")
    or "x"``), from the one to the other, as to the last string literal among the arguments
    after it (:data:`_LATER_LITERALS`: ``os.getenv("API_KEY", "x")``); where the last of those
    is marked as a secret (:data:`_SECRET_MARK`) and the first literal is not, that one names
    who or what the secret is for and stays (``Creds("bob", "x9s8d7")``: only ``x9s8d7`` goes;
    unsure, ``Creds("b0b", "x9s8d7")`` or ``Token("hunter", "bearer")``, both go)."""
    argument = _CALL_ARGUMENT.match(text, start, timeout=timeout)
    if argument is None:
        return None
    begin, end = argument.span(argument.lastgroup or "")  # every alternative is a named group
    spans = [_call_default(text, argument.end(), timeout)]
    later = _LATER_LITERALS.match(text, argument.end(), timeout=timeout)
    named = (  # Creds("bob", "x9s8d7"): a plain name first, a literal marked as a secret after it
        later is not None and bool(later.starts("text")) and _SECRET_MARK.search(text, begin, end) is None
        and _SECRET_MARK.search(text, later.starts("text")[-1], later.ends("text")[-1]) is not None
    )
    if not (named or end <= begin or _VARIABLE_NAME.fullmatch(text, begin, end) or _NOT_SECRET.fullmatch(text, begin, end)):
        spans.append((begin, end))
    if later is not None and later.starts("text"):  # Creds("bob", "x"): the literals after the first
        spans.append((later.starts("text")[0], later.ends("text")[-1]))
    found = [span for span in spans if span is not None]
    return (min(found)[0], max(span[1] for span in found)) if found else None


def _declared_default(field: regex.Match) -> Optional[Tuple[int, int]]:
    """The span of the string literal that a field declaration (:data:`_FIELD_DECLARATION`:
    ``Field(alias="API_KEY", default="x")``) gives as its default: the secret; ``None`` where
    it gives none (``Field(default=None)``, ``Field(..., min_length=8)``,
    ``Field(default_factory=lambda: os.environ["API_KEY"])``: code, and documentation)."""
    text, (start, end) = field.string, field.span("default")
    if start < 0:
        return None
    quote = text.find(text[end - 1], start)  # after its prefix: f"x"
    escaped = text[quote - 1] == "\\"  # f\\"x\\" in a JSON string: its closing quote escaped too
    begin, end = quote + 1, end - 1 - escaped
    return None if end <= begin or _NOT_SECRET.fullmatch(text, begin, end) else (begin, end)


def _call_default(text: str, start: int, timeout: Optional[float]) -> Optional[Tuple[int, int]]:
    """The span of the string literal given as a default (:data:`_DEFAULT_OPERATOR`,
    :data:`_DEFAULT_KEYWORD`) to what a call or a subscript reads, after its argument, or
    after it closes, at ``start`` (``getpass() or "x"``, ``os.getenv("API_KEY") or "x"``,
    ``env("API_KEY", default="x")``): the secret it stands for; ``None`` where there is none."""
    default = _CALL_DEFAULT.match(text, start, timeout=timeout)
    if default is None:
        return None
    begin, end = default.span(default.lastgroup or "")  # every alternative is a named group
    return None if end <= begin or _NOT_SECRET.fullmatch(text, begin, end) else (begin, end)


def _call_naming_keys(text: str, key_start: int, span: Tuple[int, int], is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the listed name at ``key_start`` and its value at ``span`` are a call's
    arguments that both name keys (``s.replace("password", "secret")``, ``rename('token',
    'api_key')``): code handling the names, not a header and its value."""
    opening = _before_a_listed_name(text, key_start)
    if opening[-1:] != "(" or not (opening[-2:-1].isalnum() or opening[-2:-1] in "_)]"):
        return False
    return _BARE_KEY_END.fullmatch(text, *span) is not None and is_sensitive(text[span[0] : span[1]])


def _lists_field_names(text: str, span: Tuple[int, int]) -> bool:
    """Whether the value at ``span`` of a listed name is a field name holding no secret
    (:data:`_FIELD_NAMES`): ``fields = ("password", "email")`` lists a form's fields, it is
    not a header and its value."""
    return text[span[0] : span[1]].lower() in _FIELD_NAMES


def _sets_what_it_names(text: str, key_start: int) -> bool:
    """Whether the listed name at ``key_start`` is the first argument of a call whose name says
    it sets what the name names (``os.putenv("API_KEY", ...``, ``[Environment]::SetEnvironmentVariable(``):
    its value is the next argument, whatever arguments follow (a call's others stay a list)."""
    opening = _before_a_listed_name(text, key_start)
    if opening[-1:] != "(":
        return False
    call = _BARE_KEY_END.search(opening, 0, len(opening) - 1)
    return call is not None and call.group().rpartition(".")[2].lower().startswith(_SETTER_CALLS)


def _before_a_listed_name(text: str, key_start: int) -> str:
    """What stands before the listed name at ``key_start`` (its quote, prefix and the spaces
    before it left out): a call's name and ``(`` where the name is its first argument."""
    return text[max(0, key_start - _MAX_INDENT - 4) : key_start].rstrip("\"'\\bBuU \t\r\n")


def _passes_its_own_name(text: str, key_start: int, at: int, begin: int, end: int) -> bool:
    """Whether the bare value at ``begin:end`` after the key at ``key_start`` (up to ``at``,
    its ``=``) is the key's own name (or it in capitals or lower case), as a keyword argument
    of a call passes a variable on (``call(api_key=api_key)``, ``f(x, token=TOKEN)``): code,
    no secret. Only inside a call's brackets: ``password=password`` in a log may be one."""
    name = text[key_start:at].rstrip(" \t")
    if text[begin:end] not in (name, name.upper(), name.lower()):
        return False
    before = text[max(0, key_start - _MAX_INDENT) : key_start].rstrip()
    return before[-1:] in ("(", ",") and _record_opening(text, key_start, "()") >= 0
