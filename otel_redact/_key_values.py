"""Key-value pairs in text that is not JSON: the value of a sensitive key, wherever it is written.

``password=hunter2``, ``password: hunter2``, ``{'token': 'abc'}``, ``"api_key": "x"`` in
prose or in JSON cut short, ``Authorization: Basic ...``: :class:`KeyValueFinder` finds each
separator (``:``, ``=``, ``=>``, Go's ``:=``), reads the key written right before it (a quoted string or a
bare identifier), asks the key matcher whether it is sensitive, and, if so, reports the value
after it (a quoted string, after its prefix in code: ``f"x"``, ``Rb'x'``, a bracketed structure,
a tuple too: ``auth=("bob", "x")``, an auth scheme's list of auth-params as
Digest writes them, or a run up to a delimiter or to the backtick closing a code span) as a ``SENSITIVE_KEY`` finding. The key itself is never part
of the finding. More ways to write a pair are read the same way:

- a command-line flag and its value apart: ``--password hunter2``, ``-token 'x y'``,
  ``--password a,b`` (a bare value there, after ``=`` too, and in the commands below is a
  shell word, up to the next space; a comma ending it, ``--user bob, then``, is prose's),
  ```--token x` `` in Markdown, ``(--token x)`` (a value starting with ``-`` is the next flag;
  ``--password-stdin`` takes none, ``--cookie-jar`` a file name, after ``=`` too; the flag's
  own name in capitals, ``--api-key API_KEY`` or ``--api-key=API_KEY``, or a Click type,
  ``--password TEXT``, is a usage text's placeholder; a lower-case word of prose, ``use the
  --token flag``, ``pass --password when prompted``, is the text speaking about the flag);
- a command setting a setting to the word after its name (``aws configure set
  aws_secret_access_key x``, ``npm config set _authToken x``, ``npm config set
  //registry.npmjs.org/:_authToken x``, ``git config --global
  credential.token x``, Redis's ``CONFIG SET requirepass x``, Windows' ``setx /M
  DB_PASSWORD x``, ``SETX``, ``Setx``: Windows ignores case), and, starting their line, fish's
  ``set -x API_KEY x``, a Dockerfile's legacy ``ENV API_KEY x``, redis.conf's
  ``requirepass x`` and ``masterauth x``, read as a flag's value is; so is the value of a flag that takes a
  password in the command before it on its line only (``redis-cli -a x``, ``--pass x``; ``gh
  secret set NAME --body x``, ``-b x``, ``az keyvault secret set --name n --value x``, ``aws
  ssm put-parameter --name n --value x``, ``mongosh -u bob -p x``, ``az login -p x``, ``zip -P
  x``, ``openssl enc -k x``, ``ldapsearch -w x``, ``keytool -storepass x``; after a prefix:
  curl's ``-u bob:x``, Samba's ``smbclient -U bob%x``, openssl's ``-passin pass:x``, not a
  variable, ``bob:$PW``, nor another source, ``env:PW``; a quoted value holding a space goes
  whole, ``-u 'bob:x y'``; after ``=`` too, ``--body=x``), a password attached to ``-p`` in
  MySQL's, MariaDB's and 7-Zip's clients and the login commands (``mysql -u root -px db``,
  ``mysqldump -p'x'``, ``7z a -px f.7z``; there ``-p db`` prompts for it, ``db`` the
  database, and so does MySQL's and MariaDB's ``--password db``: their ``--password`` takes
  its value after ``=`` only, ``--password=x``; a word apart marked as a secret goes all the
  same, ``mysql --password hunter2``, as :func:`_loosely_a_secret` reads one; so do the
  prefixes of ``--password`` that mysql reads as it, ``--pass x``, ``--passw=x``), a password after the user's name attached to curl's ``-u``
  (``curl -ubob:x``, as after ``-u bob:x``), and the password of Redis's ``AUTH [user] x``
  where its arguments end the line and it starts the line, follows a prompt (``> auth x``)
  or ``redis-cli`` (in prose "AUTH failed for user bob" stays);
- a password that a command takes by its place or on its standard input: htpasswd's batch
  mode's after the file's and the user's names (``htpasswd -bc .htpasswd bob x``,
  ``htpasswd -nb bob x``: -n writes no file), Windows' ``net user bob x /add`` (the word after
  the user's name where an option follows it; not ``*``, with which net prompts),
  RabbitMQ's ``rabbitmqctl add_user bob x`` (``change_password``; the word after the user's
  name), what ``echo`` or ``printf`` pipes to a flag or a sensitive key reading it from
  standard input (``echo x | docker login -u bob --password-stdin``, ``printf '%s' x |``, up
  to the pipe: ``echo x|docker``; ``echo x | vault kv put secret/db password=-``; not ``echo
  $PW |``), and a here-string
  fed to a command one of whose words names a secret (``vercel env add API_KEY production <<<
  x``, ``chpasswd <<< bob:x``, ``<<< $'x'`` in a shell's ANSI-C quotes, in which any value
  may be written: ``--password $'x'``; not ``<<< "$TOKEN"``, nor ``base64 -d <<< x``);
- a password that SQL sets (text-to-SQL agents write these): the string literal after
  ``PASSWORD`` (``ALTER USER bob WITH PASSWORD 'x'``, ``CREATE ROLE app LOGIN PASSWORD 'x'``)
  or ``IDENTIFIED BY`` (``CREATE USER 'bob'@'%' IDENTIFIED BY 'x'``, ``IDENTIFIED WITH plugin
  BY 'x'``, Oracle's ``BY "x"`` and ``BY VALUES 'x'``), in any case; Oracle's unquoted
  ``IDENTIFIED BY x`` in capitals (in prose "identified by the team" stays; not a bind
  variable, ``:pw``); and the value of ``SET PASSWORD FOR 'bob'@'%' = 'x'``;
- a .netrc entry's password (``machine api.example.com login bob password x``, ``default
  login bob password x``, its tokens on one line or one pair a line): the word after
  ``password`` where ``machine NAME`` or ``default`` and a ``login`` come before it (in prose
  "the machine login failed, password reset sent" stays);
- a .pgpass line's password (PostgreSQL's password file: ``db.example.com:5432:app:bob:x``,
  ``*:*:*:bob:x``, ``\\:`` a colon inside a field): a line of exactly five fields, the second
  a port's digits or ``*``, the password running to the line's end (or a string's closing
  quote); not ``12:30:45``, ``a:b:c:d:e``, an IPv6 address, ``host:5432: connection refused``;
- a key ending its line, its value alone on the next line (``Password:\\n  hunter2``, YAML
  and log style; a next line holding more, or a key of a nested mapping, is not a value),
  or, where the key starts its line, a YAML plain scalar on the lines after it indented
  deeper (``password:\\n  correct horse battery\\nuser: bob``, after a comment too:
  ``password: # set by ops\\n  x``, where the key may follow punctuation, as deep as its
  line: ``config: password: # ops\\n  x``; not a nested mapping's key nor a sequence's item,
  ``- must be 8 characters``; a comment with no value under it is none: ``password: # later``);
- a YAML block scalar (``password: |``, ``>``, ``|-``, ``>+``, a comment after it): its
  value is every line after it indented deeper than the key, up to the first line that is
  not (blank lines inside it too); its lines break as the header's line does, so a block in
  an escaped string (``repr()``, JSON cut short: ``password: |\\n  x``) is read as well. A key
  after more than spaces and sequence dashes (``{'cfg': 'password: |``) is as deep as its line;
- a YAML block sequence after a key ending its line (``api_keys:\\n  - k1\\n  - k2``): its
  items, deeper than the key or at its column, up to the first line that is neither (its
  lines break as a block scalar's do); not a list whose first item reads as prose
  (``Passwords:\\n- must be 8 characters``);
- a quoted name, ``,`` and a quoted value closing a tuple or list, as header lists are
  written: ``[(b'authorization', b'Token x')]``, ``("Authorization", "Bearer x")``,
  ``[["x-api-key", "k"]]``, ``[ ( 'authorization' , 'Bearer x' ) ]`` (a list only as an item
  of another: ``"required": ["api_key", "query"]`` is a list of names; a call's arguments
  that both name keys, ``s.replace("password", "secret")``, are code, and a name before a
  field's name holding no secret, ``("password", "email")``, a list of fields); a call setting what its
  first argument names takes the next as its value whatever arguments follow
  (``SetEnvironmentVariable("API_KEY", "x", "User")``, ``setenv("API_KEY", "x", 1)``), and a
  basic-auth constructor the password its second positional argument is, by its place
  (``HTTPBasicAuth("bob", "x")``, ``aiohttp.BasicAuth(user, "x", encoding=e)``);
- a quoted flag and the quoted item after it in an argument list, as JSON and ``repr()``
  write one (``["mysql", "--password", "x"]``, ``Command '['psql', '--api-key', 'x']'
  returned non-zero exit status 1``) or as a log joins its items (``args: 'mysql',
  '--password', 'x'``): a flag of two characters or more after ``[``, ``(`` or ``,``, a value
  not starting with ``-``;
- a name/value record whose name field holds a sensitive name, its value field the value:
  in braces, as a Python repr, JSON cut short or JSON in a JSON string write one
  (``{'name': 'DB_PASSWORD', 'value': 'x'}``, ``{"Key": "api_key", "Value": "x``), in
  YAML, the name field above or below the value field at its column (``- name: DB_PASSWORD\\n
  value: x``, ``- value: x\\n  name: DB_PASSWORD``), as a constructor call's keyword
  arguments (``EnvVar(name='DB_PASSWORD', value='x')``, as a dataclass's repr writes it; a
  widget's text input of the password type too, ``st.text_input("Password", type="password",
  value="x")``), or
  as an XML tag's attributes (``<add key="ApiKey" value="x"/>``, ``<property name="password"
  value="x"/>``, unquoted as HTML may write them, ``<input name=api_key value=x>``), where an
  HTML input's type names its value too (``<input type="password" value="x">``), and an HTML
  meta tag's name or property its content (``<meta name="csrf-token" content="x">``);
  the fields pair as :data:`RECORD_FIELDS` says, and a record of more than
  :data:`MAX_RECORD_FIELDS` fields is ordinary data, as in the walk of a mapping;
- an XML element named by a sensitive key, found from its closing tag (``<password>x</password>``,
  ``<ns:ApiKey type="t">x</ns:ApiKey>``, ``<password>x<\\/password>`` in a JSON string, a SOAP
  body's lines), or by a record's name field among its attributes (``<entry key="password">x
  </entry>``): its content up to its closing tag, trimmed, child elements and all
  (``<credentials>``, as a sensitive key's mapping goes whole); a tag closing nothing (``enter
  <password> here``) and an empty element (``<password/>``) name no value.

A bare key may be two words where the second names a secret only after the first (``API key:
x``, ``seed phrase: x``, ``Backup codes: x``, ``First name: x``, ``Billing address: x``,
``Driver's license: x``, ``Bank account: x``, ``PIN code: x``, ``OTP code: x``, where the first alone names it too;
not ``Primary key: id``, ``File name: x``, ``IP address: x``, ``Service Account: x``, nor ``Token ID: 5`` or ``Secret
name: x``, an identifier of the secret its first word names, but ``session id: x``, the
session's secret), or three where the last two name nothing alone and a noun of personal data
stands in the middle (``Driver License Number: x``, ``Social Security Number: x``, ``Tax ID
Number: x``, ``Bank Account ID: x``: :data:`_THREE_WORD_MIDDLES`), and such a name may stand
before a short qualifier in brackets (``Password (new): x``, ``API key (prod): x``, ``Social
security number (SSN): x``; not a call's, ``check(password): x``). One to three digits under a key whose last word is ``code`` or
``number`` are a count, a status or an ordinal, no secret (``auth code: 200``, ``Session
number: 3``, ``session_number=3``, as in a mapping: :func:`counts_under`; a PIN or a one-time
code holds four digits or more, and a card's security code, ``CVV code: 123``, stays secret),
as they are under a bare ``session`` (``session: 3``), where a date, a time or a duration
tells when or how long the session was (``the session for bob was 2024-01-01``, ``session:
12:30``; a session's token, id or cookie is never one of these);
nor is an ``owner/repo`` under a full name's key, a repository's name as GitHub's API writes
it (``"full_name": "octocat/Hello-World"``: :func:`names_a_repository`). A bare ``pass`` names a password only after a
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
(``${DB_PASSWORD:-x}``). A quoted or bracketed value does not end at its closing quote or
bracket where a letter, a digit, ``_`` or a quote is glued on after it (``password: "abc"hunter2``,
``PASSWORD="abc"'hunter2'``, ``password={{ x }}y``, as a shell joins them into one word): it runs
on to where a bare value ends, past the strings glued on, its quotes too, whatever the part in
them is (a reference alone is one only there); after ``=`` or ``:`` a quoted value runs on over
the string literals that spaces alone part from it too, as code joins them (``password = "abc"
"hunter2"``; not a quoted key, ``"user": "bob"``, nor a flag's next argument). In code, a value that opens a call or a subscript has the string
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
words after a string in prose, ``the prompt "Password: " appears``), nor has a placeholder code writes for one
(:data:`~otel_redact._secrets.PLACEHOLDER`: ``password = ?``, ``%s``, ``:pw``, ``$1``, ``-``,
``PASSWORD(pw_col)``; a variable's reference, ``${DB_PASSWORD}``, ``%DB_PASSWORD%``, ``{{
.Values.password }}``, not ``${X:-x}``, quoted alone too, ``"${DB_PASSWORD}"``,
``"$DB_PASSWORD"``, where single quotes keep only one in braces, ``'${DB_PASSWORD}'``, not
``'$DB_PASSWORD'``, as a shell writes it; a usage text's ``<password>``, after a flag too; a dotted
call whose literal arguments are read on their own, ``requests.auth.HTTPBasicAuth(user, "x")``), nor a call's keyword argument passing on the variable its key names
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
``hunter2``, ``abcXYZ``), so "the password is incorrect" and "is 8 characters" stay; a full stop
ending a bare word ends the sentence, not the value (``my password is hunter2.``: the ``.`` stays).
A sensitive name may stand before a qualifier there: ``for``, ``on``, ``of``, ``at``, ``in`` or
``to`` and at most three words (``the password for bob is x``, ``the admin password on prod was
x``, ``the API key for prod is x``, ``the access key of the bot was x``; the name read as before
a verb, so "the password policy for admins is 12345678" names a policy, "the key for this map
is x" none). A password's name (one holding ``assword``) may also part from its value by a
space alone (``user bob password x``, ``ssh bob@host # password x``): then a bare word is taken
only where it is marked as a secret, by a digit, a capital inside a word or a symbol no prose
word holds, and is no version number nor the next pair (``password hunter2``; "the password
reset link", "password (optional)", "password 1.2.3", ``type=password value=x`` stay). So may
a PIN's name in capitals (``my PIN 4821``, ``PIN code 4821``, ``SIM-PIN 4821``), its value
four to eight digits, whole ("PIN 2" and "GPIO pin 17", a chip's, "PIN 1234-5678" and "PIN
12:30" stay). Other names that a space alone parts from their value (``otp 482913``,
``recovery code x``, ``2FA code 123456``) are not read: each would cost every text a
substring search of its own (about 0.15 microsecond on 300 characters, 2 on 4 KB), where
``PIN`` costs text without an ``N`` a ``memchr``.

Cost: text without ``:``, ``=``, ``-`` or ``,`` costs four ``memchr``, then one for each of
``x``, ``X``, ``G``, ``V``, ``q``, ``U``, ``>``, ``/``, ``|``, ``?``, ``(``, ``]``, ``W``, ``Y``,
``'`` and ``N`` and two ``in`` tests (``config``,
``masterauth``); with one of those letters, one or two more ``in`` each (``setx`` and
``Setx``, ``SETX`` and ``SetX``, ``CONFIG``, ``ENV``, ``requirepass``, ``AUTH``, ``> auth``;
three after ``/``: ``et user``, ``ET USER``, ``et User``: about 0.1 microsecond each on 300
characters); text with one of those words pays one match at each (a line command's or an
AUTH's line start, a prompt or ``redis-cli``, a bounded ``rfind`` and search; ``net user``
one search of the text); text with a ``_`` an ``in`` test of ``rabbitmqctl``, and a match at
each; text an ``in`` test of ``assword`` (where a ``,`` or a separator is, only text the
screen passes; about 0.8 microsecond on 2.4 KB), with it of ``login`` and one of ``machine``
and ``default``, and a match at each (a .netrc entry), a ``find`` of each ``assword`` and,
where a space follows it, a bounded search of its name and a match of its value; text with an
``N`` an ``in`` test of ``PIN``, and with it a ``find`` of each and a match of its value;
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

XML elements cost text without ``<`` one more ``memchr``; text with ``</`` (or ``<\\/``) one
search for closing tags (``re``'s, in C) and a remembered check of each tag's name; a sensitive
name, or any name in text with an ``=`` (for its attributes), a bounded ``rfind`` and a match
for its opening tag (then two searches of its attributes), and a sensitive element's content
one search for its closing tag. A value field before ``=`` costs one more bounded ``rfind``
and ``find``: whether a tag or a call holds it. Text with ``<`` and ``=`` that passes the screen
costs one more ``memchr`` and a substring search for ``content=`` (a meta tag's content: at
each, a bounded ``rfind``, and a ``find`` of ``name`` and of ``property`` in its tag, matched
where found: about 1.5 microseconds a meta tag).

Prose statements cost, after the screen (with Hyperscan: text naming no secret never reaches
them), a ``find`` of `` is `` and of `` was `` (a
substring search, about 2 microseconds each on 4 KB: not a ``memchr``), and at each a bounded
slice split from the right and a remembered check of the word (or two) before it, where they
name no secret one set operation on the last four words (about 0.1 microsecond), where one of
those opens a qualifier a bounded split of seven words and at most three set lookups and
remembered checks, and a match after a sensitive name; a verb before a colon (``is:``) is
found by the reading of the word before each ``:``, where it is never remembered as plain (no
search of its own).
"""

from __future__ import annotations

import re
import time
from functools import partial
from itertools import islice
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

import regex

from otel_redact._dates import date_end
from otel_redact._detectors import SHORT, Finding, time_left
from otel_redact._secrets import (
    AUTH_SCHEMES,
    BRACED_REFERENCE,
    PLACEHOLDER,
    PROMPT_CALLS,
    QUOTED_REFERENCE,
    STRING_PREFIX,
)
from otel_redact._hyperscan import gate_scanner
from otel_redact._strategies import MARKER

__all__ = ["MAX_RECORD_FIELDS", "RECORD_FIELDS", "SENSITIVE_KEY", "TAKES_A_VALUE", "KeyValueFinder", "is_reference"]

SENSITIVE_KEY = "SENSITIVE_KEY"
"""Entity type of a value redacted whole because its key is sensitive (``password``...)."""
RECORD_FIELDS = (("value", ("name", "key", "header", "field")), ("Value", ("Name", "Key")))
"""The value field of a name/value record, and the name fields it pairs with: Kubernetes env
vars and HAR headers (``name``/``value``), AWS tags and SSM parameters (``Key``/``Value``,
``Name``/``Value``), HTTP clients' and forms' ``header``/``field``."""
MAX_RECORD_FIELDS = 8
"""Fields a name/value record may hold, its name and value included (``valueFrom``, a HAR
``comment``, an SSM parameter's ``Type``, ``Version``, ``ARN``...): a bigger mapping that
happens to hold both is ordinary data."""

TAKES_A_VALUE = r"(?<![-_]stdin)(?<![-_]jar)"
"""Asserted at the end of a command-line flag's name: not a flag that reads its secret from
standard input (``--password-stdin``), whose next word is no value (``registry.example.com``),
nor one naming the file a tool keeps its cookies in (``--cookie-jar cookies.txt``)."""

_TAKES_A_VALUE_HERE = regex.compile(TAKES_A_VALUE)
"""Matches where a flag's name before it takes a value (at its ``=``: not ``--cookie-jar=x``)."""

_MAX_KEY = 100
"""Longest key read before a separator (longer identifiers are not taken as keys)."""
_MAX_ALIGNMENT = 32
"""Spaces or tabs that may align a key's separator or value in a column."""
_CHECK_EVERY = 256
"""Separators handled between two looks at the clock."""
_MAX_INDENT = 100
"""Whitespace (a line break and indentation) between the items of a pretty-printed list."""
_SPARSE_BRACKETS = 50
"""Characters per bracket above which a match tried at each bracket beats one search."""
_MAX_ARGUMENTS = 16
"""Arguments of a call in a sensitive key's value read for its string literals (``Creds("bob", "x")``)."""

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
# A quoted string (closed or cut short), after its prefix if any (b'...', f"...", a shell's
# ANSI-C quotes: $'...'), as a value is written.
_PREFIXED = r"(?:%s{1,2}+(?=[\"'])|\$(?='))?" % STRING_PREFIX
_QUOTED_VALUE = (
    r"\\\"(?P<escaped>(?:[^\"\\]++|\\(?!\").?)*+)(?:\\\"|\Z)"  # \"...\" inside a JSON string
    r"|\"(?P<double>(?:[^\"\\]++|\\.?)*+)(?:\"|\Z)"
    r"|'(?P<single>(?:[^'\\]++|\\.?)*+)(?:'|\Z)"
)
# An auth-param of an Authorization header (Digest's username="bob", response="66...";
# its quotes escaped in a JSON string): after a scheme, a list of them is the credential.
_AUTH_PARAM = r"""[\w-]{1,%d}+=(?:\\?"[^"\\\r\n]{0,1000}+\\?"|[^\s,;&}"'\\]++)""" % _MAX_KEY
# The value, after spaces or tabs that may align it in a column: a quoted string, a bracketed
# structure (balanced, a tuple too: auth=("bob", "x"); or cut short, a tuple only where a
# string opens it: then it runs to the end), an auth scheme's list of auth-params (Digest
# username="bob", response="66..."), or a bare run up to a delimiter (after an auth scheme,
# if any).
_VALUE = regex.compile(
    r"[ \t]{0,%d}%s(?:%s" % (_MAX_ALIGNMENT, _PREFIXED, _QUOTED_VALUE) +
    r"|(?P<nest>[\[{(](?:[^\[\]{}()\"']++|\"(?:[^\"\\]++|\\.)*+\"|'(?:[^'\\]++|\\.)*+'|(?&nest))*+[\]})])"
    r"|(?P<open>[\[{]|\((?=\s{0,%d}+%s{0,2}+\\?+[\"']))" % (_MAX_INDENT, STRING_PREFIX) +
    rf"|(?i:{AUTH_SCHEMES})[ \t]++(?P<params>{_AUTH_PARAM}(?:[ \t]*+,[ \t]*+{_AUTH_PARAM})*+)"
    rf"|(?:(?i:{AUTH_SCHEMES})[ \t]+(?=[^\s,;&}}\"'\\]))?"
    r"(?P<bare>[^\s,;&}\"'\\]++)"
    r")",
    regex.DOTALL,
)
# A command-line flag whose value follows after spaces (--password hunter2, -token x): its name
# (group 1), up to the first space (the separator); a value starting with "-" is the next flag.
# It starts the text or follows a space, a quote, a backtick or an opening bracket (Markdown's
# `--token x`, "(--token x)"), not a word (x-token, a--b). Its "=" is a separator too, for a
# flag that takes a password in its command only (--body=x: the key pattern reads "body").
# So is a "-p" with its value attached where no space follows it (mysql -pX, -p'x y', at the
# end of its line or before the next flag): its name "p", up to its "p"; and a "-u" or "-U"
# with curl's user attached (curl -ubob:x): its name, up to it.
_FLAG = regex.compile(
    r"(?<![^\s\"'`(\[{])(?|--?+([A-Za-z][\w.-]{0,%(m)d}+)%(v)s(?:[ \t](?=[ \t]{0,%(s)d}+[^\s=:-])|=(?=\S))|-([puU])(?=\S))"
    % {"m": _MAX_KEY - 1, "s": _MAX_ALIGNMENT - 1, "v": TAKES_A_VALUE}
)
# A command that sets a setting to the value after its name, as shells write one: "aws
# configure set aws_secret_access_key x", "npm config set _authToken x", "git config --global
# credential.token x" (its flags before the name), Redis's "CONFIG SET requirepass x", Windows'
# "setx /M DB_PASSWORD x"; from the word it starts with (found by ``str.find``; each word's
# pattern is tried only where that word is), the setting's name (group 1), up to the first
# space after it (the separator); after the registry that npm's setting names its own
# ("//registry.npmjs.org/:_authToken").
_SETTING = (
    r"(?:[ \t]++--?+[A-Za-z][\w-]{0,30}+)*+[ \t]++(?://[^\s:]{1,%(n)d}+:)?+([A-Za-z_][\w.-]{0,%(m)d}+)[ \t]"
    r"(?=[ \t]{0,%(s)d}+[^\s=:-])" % {"n": 2 * _MAX_KEY, "m": _MAX_KEY - 1, "s": _MAX_ALIGNMENT - 1}
)
_SET_COMMANDS = {
    "config": regex.compile(
        r"(?:(?<=(?<![\w-])git[ \t]{1,%d}+)config|(?<![\w-])config(?:ure)?+[ \t]++set)" % (_MAX_ALIGNMENT - 1) + _SETTING
    ),
    "CONFIG": regex.compile(r"(?<![\w-])CONFIG[ \t]++SET" + _SETTING),
    # Windows' commands ignore case: each way it is commonly written is a word to find
    **dict.fromkeys(("setx", "SETX", "Setx", "SetX"), regex.compile(r"(?<![\w-])(?i:setx)(?:[ \t]++/[A-Za-z]++)*+" + _SETTING)),
    # starting their line only (:data:`_LINE_COMMANDS`): fish's "set -x NAME x", Dockerfile's
    # legacy "ENV NAME x", and redis.conf's directives, their own names the setting's
    "set -": regex.compile(r"(?<![\w-])set(?=[ \t]++-)" + _SETTING),
    "ENV": regex.compile(r"(?<![\w-])ENV" + _SETTING),
    **dict.fromkeys(
        ("requirepass", "masterauth"),
        regex.compile(r"(?<![\w-])(requirepass|masterauth)[ \t](?=[ \t]{0,%d}+[^\s=:-])" % (_MAX_ALIGNMENT - 1)),
    ),
}
_LINE_COMMANDS = frozenset(("set -", "ENV", "requirepass", "masterauth"))
"""Words of :data:`_SET_COMMANDS` that set a setting only where they start their line: in prose
"set -x" is a shell option, "ENV vars" a word."""


def _command(names: str) -> Any:
    """A command of ``names`` (an alternation) as a whole word, with no shell ``|``, ``;`` or
    ``&`` after it up to the end of the window searched (the flag: :func:`_after_on_its_line`)."""
    return regex.compile(r"(?<![\w-])(?:%s)(?![\w-])(?=[^\n|;&]*+\Z)" % names)


# Flags whose names say nothing but that take a password in their command, and the command
# that gives them that meaning when it is written before them on their line: "redis-cli -h
# host -a x" (--pass x), "gh secret set API_TOKEN --body x" (-b x), "az keyvault secret set
# --name db --value x" and "aws ssm put-parameter --name db --value x" (elsewhere --value is
# any value), "docker login -u bob -p x" (podman, helm, buildah, skopeo, az: elsewhere -p is
# a port), "sshpass -p x ssh host", MongoDB's tools' "mongosh -u bob -p x" (mongodump...;
# not an option's value, as a container's name is: "docker run --name mongo -p 27017:27017"),
# "zip -P x" (unzip), "openssl enc -k x" (-K, the key itself), "ldapsearch -D cn=admin -w x"
# (ldapadd, ldapmodify...; -W prompts), and keytool's and jarsigner's "-storepass x"
# (-keypass, -srcstorepass, -deststorepass, keytool's -new: elsewhere these name nothing
# secret); and the flags whose password follows a prefix
# in their value (the separator ends it): curl's "-u bob:x" (--user, -U, --proxy-user;
# -ubob:x attached) after the user's name and its colon, Samba's "smbclient -U bob%x"
# (--user, rpcclient...) after the user's name and its "%", and openssl's "-passin pass:x"
# (-passout, -pass) after its source's name (env:VAR, file:path, fd:3, stdin name none); a
# shell's "|", ";" or "&" ends the command before the flag. "-pass" and "--pass" take one too
# after a user's name on their line (:data:`_USER_NAMED`: "-u bob -pass x", MySQL's "--user=bob
# --pass=x"): alone, "--pass" may count passes.
_REDIS_CLI = regex.compile(r"(?<![\w-])redis-cli(?![\w-])")
_SECRET_SET = regex.compile(r"(?<![\w-])(?:secret[ \t]++set|ssm[ \t]++put-parameter)(?![\w-])")
_LOGIN = regex.compile(
    r"(?<![\w-])(?:(?:docker|podman|helm|buildah|skopeo|az)(?![\w-])[^\n|;&]{0,%d}?[ \t]login|sshpass"
    r"|(?<!-[A-Za-z][\w-]{0,30}[ \t=])mongo(?:sh|dump|restore|export|import|files|stat|top)?+)(?![\w-])"
    r"(?=[^\n|;&]*+\Z)" % _MAX_KEY
)
_CURL = _command("curl")
_SAMBA_TOOLS = "smbclient|rpcclient|smbcacls|smbget"
_SAMBA = _command(_SAMBA_TOOLS)
_ZIP = _command("(?:un)?+zip")
_OPENSSL = _command("openssl")
_LDAP_TOOLS = "ldap(?:search|add|modify|delete|modrdn|compare|passwd|whoami|exop)"
_LDAP = _command(_LDAP_TOOLS)
_KEYTOOL = _command("keytool|jarsigner")
# The commands whose "-p" takes a password attached to it only (mysql -u root -pX db; there
# "-p X" prompts for it, X the database): MySQL's and MariaDB's clients (mysqldump,
# mysqladmin, mariadb-dump...), 7-Zip's (7z a -pX out.7z: "-p" alone prompts; 7za, 7zr, 7zz);
# and the login commands' "-p", which takes one attached too.
_ATTACHED_ONLY = _command(r"(?:mysql|mariadb)[\w-]{0,12}+|7z[arz]?+")
# MySQL's and MariaDB's clients as the command on a line, whose "--password" too takes its
# value only after "=" ("mysql --password db" prompts; "db" is the database): not a host's or
# a URL's name (mysql.internal, mysql://), nor an option's value ("psql -d mysql").
_MYSQL = _command(r"(?<!-[A-Za-z][\w-]{0,30}[ \t=])(?:mysql|mariadb)[\w-]{0,12}+(?![.:/@])")
# Where a flag that takes its value only attached has one: after its "=" (group 1, empty: no
# quote nor prefix before the value).
_ATTACHED = regex.compile(r"(?<==)()")
# The word after a flag's space: bare (group "bare"), or quoted (no group).
_WORD_APART = regex.compile(r"[ \t]{1,%d}+(?:(?P<bare>[^\s\"'`]{1,%d}+)|[\"'`])" % (_MAX_ALIGNMENT, 4 * _MAX_KEY))
# htpasswd's batch mode, whose -b takes the password after the file's and the user's names
# ("htpasswd -bc .htpasswd bob x", "htpasswd -b -B -C 10 .htpasswd bob x"; with -n it writes
# no file: "htpasswd -nb bob x"): the command and its flag groups (group "letters"; -C and
# -r take a number), then its arguments before the password, each after its spaces.
_HTPASSWD_FLAGS = "bcdimnpsvBCD25r"
"""The letters of htpasswd's flags."""
_HTPASSWD = regex.compile(
    r"(?<![\w.-])htpasswd(?:[ \t]++-(?P<letters>[%s]{1,12}+)(?:(?<=[Cr])[ \t]*+\d{1,9}+)?+){1,8}+" % _HTPASSWD_FLAGS
)
_HTPASSWD_ARGUMENT = regex.compile(
    r"""[ \t]++(?:"[^"\r\n]{0,%(n)d}+"|'[^'\r\n]{0,%(n)d}+'|[^\s"'|;&<>-][^\s|;&<>]{0,%(n)d}+)""" % {"n": 2 * _MAX_KEY}
)
# What stands before the password in the value of a flag that takes a prefix first (group 1
# where its quote or prefix starts): a user's name and its colon (curl's bob:x, 'bob:x'), a
# user's name and its "%" (Samba's bob%x, DOMAIN\bob%x), openssl's source "pass:" (pass:x).
_USER_NAME = regex.compile(r"""[ \t]{0,%d}+(["']?+)[^\s:"'\\]{1,%d}+:(?=[^\s"'\\])""" % (_MAX_ALIGNMENT, _MAX_KEY))
_SAMBA_USER = regex.compile(r"""[ \t]{0,%d}+(["']?+)[^\s%%"']{1,%d}+%%(?=[^\s"'\\])""" % (_MAX_ALIGNMENT, _MAX_KEY))
_PASS_SOURCE = regex.compile(r"""[ \t]{0,%d}+(["']?+)pass:(?=[^\s"'\\])""" % _MAX_ALIGNMENT)
# A user's name given before a password on its line, as a key or a flag writes it ("user=bob",
# "login: bob", '"user": "bob"', "-u bob", "--user=bob"): after it, a bare "pass" key or flag
# names the password.
_USER_NAME_KEY = r"(?i:user(?:[_.-]?+name)?+|login)"
"""A key of a user's name, any case: ``user``, ``USERNAME``, ``user_name``, ``user.name``, ``Login``."""
_USER_NAMED = regex.compile(
    r"(?<![\w.-])(?:%s[\"']?+[ \t]*+[:=](?![=/])|--?+(?:u|U|user(?:name)?+|login)[ \t=])" % _USER_NAME_KEY
)
_ENDS_A_BARE_VALUE = re.compile(r"[\s;&}\\]")
"""What ends a bare value (:data:`_VALUE`) but not a quoted one, after a prefix."""
_COMMAND_FLAGS = {
    "a": ((_REDIS_CLI, None),),
    "pass": ((_MYSQL, _ATTACHED), (_REDIS_CLI, None), (_OPENSSL, _PASS_SOURCE), (_USER_NAMED, None)),
    "b": ((_SECRET_SET, None),), "body": ((_SECRET_SET, None),), "value": ((_SECRET_SET, None),),
    "p": ((_LOGIN, None),), "P": ((_ZIP, None),), "k": ((_OPENSSL, None),), "K": ((_OPENSSL, None),),
    **dict.fromkeys(("password", "passwor", "passwo", "passw"), ((_MYSQL, _ATTACHED),)),
    "passin": ((_OPENSSL, _PASS_SOURCE),), "passout": ((_OPENSSL, _PASS_SOURCE),),
    "w": ((_LDAP, None),),
    "u": ((_CURL, _USER_NAME),), "user": ((_CURL, _USER_NAME), (_SAMBA, _SAMBA_USER)),
    "U": ((_CURL, _USER_NAME), (_SAMBA, _SAMBA_USER)), "proxy-user": ((_CURL, _USER_NAME),),
    **dict.fromkeys(
        ("storepass", "keypass", "srcstorepass", "deststorepass", "srckeypass", "destkeypass", "new"),
        ((_KEYTOOL, None),),
    ),
}  # fmt: skip
"""Each such flag's commands, and what stands before the password in its value there (``None``:
nothing, the value is the password; :data:`_ATTACHED`: a ``=``, the flag takes none apart,
``mysql --password db``; mysql reads an unambiguous prefix of a long option as the option,
``--pass``, ``--passw``, ``--passwo``, ``--passwor``, and only a long one: ``-pass`` is ``-p``
with ``ass`` attached)."""
_NO_VALUE = -2
"""What :func:`_secret_in_its_command` says of a flag whose command gives it no value where it
is written (``curl -u bob``, ``mysql --password db``), sensitive name or not."""
# A shell variable written for a password ($API_PASSWORD, ${API_PASSWORD}, Windows'
# %API_PASSWORD%), ending its word: the shell puts its value there, no secret is written
# (unless in single quotes, which keep "$" as written: 'bob:$x' is a password).
_SHELL_VARIABLE = regex.compile(
    r"""(?:\$(?:[A-Za-z_]\w{0,%(n)d}+|\{[A-Za-z_]\w{0,%(n)d}+\})|%%[A-Za-z_]\w{0,%(n)d}+%%)(?=[\s"]|\Z)"""
    % {"n": _MAX_KEY - 1}
)
# Windows' "net user NAME x /add" (NET USER: Windows ignores case): the word after the user's
# name is the password where an option follows it (/add, /domain; in prose "the net user
# command lists accounts" holds none), unless it is "*" (net prompts for it) or an option
# itself ("net user bob /delete"); up to the space before the password (the separator).
_NET_USER_WORDS = r"(?i:net)[ \t]++(?i:user)"
_NET_USER = regex.compile(
    r"(?<![\w-])%(c)s[ \t]++(?:\"[^\"\r\n]{1,%(n)d}+\"|[^\s\"/]\S{0,%(n)d}+)[ \t]"
    r"(?=[ \t]{0,%(s)d}+(?:\"[^\"\r\n]{1,%(v)d}+\"|(?!\*[ \t])[^\s\"/]\S{0,%(v)d}+)[ \t]++/[A-Za-z])"
    % {"c": _NET_USER_WORDS, "n": _MAX_KEY, "s": _MAX_ALIGNMENT - 1, "v": 4 * _MAX_KEY}
)
# RabbitMQ's "rabbitmqctl add_user bob x" (change_password, authenticate_user; its options
# before the command): the word after the user's name is the password (without it,
# rabbitmqctl reads one from standard input; "<password>" in a usage text is none), up to
# the space before it (the separator).
_RABBITMQ_USER = regex.compile(
    r"(?<![\w-])rabbitmqctl(?![\w-])[^\n|;&]{0,%(n)d}?[ \t](?:add_user|change_password|authenticate_user)[ \t]++"
    r"(?:\"[^\"\r\n]{1,%(n)d}+\"|'[^'\r\n]{1,%(n)d}+'|[^\s\"'|;&<>-][^\s|;&<>]{0,%(n)d}+)[ \t]"
    r"(?=[ \t]{0,%(s)d}+[^\s|;&<>-])" % {"n": _MAX_KEY, "s": _MAX_ALIGNMENT - 1}
)
# A .netrc entry (curl's, git's, ftp's credentials file): "machine HOST" or "default", then its
# login (and account) tokens, then "password" and the password, each token apart by spaces or
# line breaks (an entry is often one token pair a line); up to the space before the password
# (the separator). Without "login" before it, "password" is a word of prose ("password reset").
_NETRC_GAP = r"[ \t\r\n]{1,%d}+" % _MAX_INDENT
_NETRC_ACCOUNT = r"(?:%(g)saccount%(g)s[^\s]{1,%(n)d}+)?+" % {"g": _NETRC_GAP, "n": _MAX_KEY}
_NETRC_PASSWORD = regex.compile(
    r"(?<![\w.-])(?:machine%(g)s[^\s]{1,%(h)d}+|default)%(a)s%(g)slogin%(g)s[^\s]{1,%(n)d}+%(a)s"
    r"%(g)spassword[ \t](?=[ \t]{0,%(s)d}+[^\s])"
    % {"g": _NETRC_GAP, "a": _NETRC_ACCOUNT, "h": 4 * _MAX_KEY, "n": _MAX_KEY, "s": _MAX_ALIGNMENT - 1}
)
_NETRC_WORDS = ("machine", "default")
# A line of PostgreSQL's password file (.pgpass): "hostname:port:database:username:password",
# its port digits or "*" (any), "\:" a colon inside a field; from the host (its line's start),
# exactly five fields, the password (group "password") running to the end of its line (not
# "12:30:45", "a:b:c:d:e", an IPv6 address, whose "::" leaves a field empty, nor a log's
# "host:5432: connection refused", nor a host of digits alone, "10:00:00:00:00"). Read in the
# text as written, where its lines end, its escapes escaped again in a JSON string ("\\\\:").
# Inside a string (opened by a quote before the host) the password ends at its closing quote;
# on a line of its own, at a quote that may close a string around the text (a JSON string's).
_PGPASS_CHARACTER = r"[^\s:\\%s]|\\\\?+(?![rn])\S"
_PGPASS_FIELD = r"(?:%s){1,%d}+" % (_PGPASS_CHARACTER % "", 4 * _MAX_KEY)
_PGPASS_PASSWORDS = {
    quote: regex.compile(
        r"(?![0-9]++:)%(f)s:(?:[0-9]{1,5}+|\*):%(f)s:%(f)s:(?P<password>(?:%(c)s){1,%(n)d}+)%(e)s"
        % {"f": _PGPASS_FIELD, "n": 4 * _MAX_KEY, "c": character, "e": end}
    )
    for quote, character, end in (
        ("", _PGPASS_CHARACTER % "\"'" + r"|[\"'](?![\s,;:)\]}]|\Z)", r"(?=[ \t]*+(?:\r?\n|\\[rn]|\Z)|[\"'])"),
        ('"', _PGPASS_CHARACTER % '"', '(?=")'),
        ("'", _PGPASS_CHARACTER % "'", "(?=')"),
    )
}
_PGPASS_SHAPE = r":(?:[0-9]{1,5}|\*):[^\s:]+:[^\s:]+:[^\s:]"
"""Where a .pgpass line may be, for the Hyperscan screen: from its port's colon (it names no secret)."""
_PORT_ENDS = frozenset("0123456789*")
"""How a .pgpass line's port field ends, before its colon: the word before it, if it holds a
colon (the host's), is read as a line of one (:func:`_pgpass_password`)."""
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
# A password that SQL sets (CREATE or ALTER USER or ROLE, GRANT, SET PASSWORD), up to the space
# before it, or SET PASSWORD's "=" (the separator): a string literal after PASSWORD ("WITH
# PASSWORD 'x'", "ENCRYPTED PASSWORD 'x'") or after IDENTIFIED BY (MySQL's "IDENTIFIED WITH
# plugin BY 'x'" and "BY PASSWORD '*hash'", Oracle's "BY VALUES 'hash'" and "BY \"x\""), or
# Oracle's unquoted password where the keywords are in capitals ("IDENTIFIED BY x"; not a bind
# variable, ":pw"), and the value after "SET PASSWORD [FOR user] =". Keywords in any case, but
# where no capitals say SQL a quote must follow: "identified by the team" is prose.
_IDENTIFIED_BY = r"IDENTIFIED(?:[ \t]++WITH[ \t]++['\"]?+\w{1,64}+['\"]?+)?+[ \t]++BY(?:[ \t]++(?:VALUES|PASSWORD))?+"
_SQL_PASSWORD = regex.compile(
    r"(?<![\w-])(?:(?i:PASSWORD)[ \t](?=[ \t]{0,%(s)d}+')|(?i:%(i)s)[ \t](?=[ \t]{0,%(s)d}+['\"])"
    r"|%(i)s[ \t](?=[ \t]{0,%(s)d}+[^\s;?:])"
    r"|(?<=(?<![\w-])(?i:SET)[ \t]{1,%(s)d})(?i:PASSWORD(?:[ \t]++FOR[ \t]++[^\s=]{1,%(n)d}+)?+)[ \t]*+=(?!=))"
    % {"s": _MAX_ALIGNMENT, "i": _IDENTIFIED_BY, "n": 2 * _MAX_KEY}
)
_SQL_WORDS = ("PASSWORD", "password", "IDENTIFIED", "identified")
"""The words a match of :data:`_SQL_PASSWORD` starts with, each sought where it stands."""
_COMMAND_LINE = 1000
"""Characters of a line searched for the command that gives a flag or a here-string its
meaning (before it), or for the flag that an ``echo`` pipes to (after it)."""
# A password written to the standard input of a command whose flag reads its secret there
# ("echo x | docker login -u bob --password-stdin", "printf '%s' x |", "echo -n \"x\" |"),
# or whose argument "key=-" reads its key's value there ("echo x | vault kv put secret/db
# password=-"): from "echo" or "printf" (and its format) to the space before the value (the
# separator), the flag or the key (group "flag") in the command after the pipe; not a variable's value ("echo $PW |",
# "echo \"$PW\" |": no secret is written there). Its quotes may be escaped, a format's line
# break escaped twice or turned into two spaces, as in the raw text of a JSON string.
_PIPED = regex.compile(
    r"(?<![\w-])(?:echo(?:[ \t]++-[neE]{1,3}+)*+|printf(?:[ \t]++(?:'%%s%(e)s'|\\?+\"%%s%(e)s\\?+\"|%%s))?+)[ \t]"
    r"(?=[ \t]{0,%(s)d}+(?:(\\?+)\"(?![$`])[^\"\\\r\n]{1,%(v)d}+\1\"|'[^'\r\n]{1,%(v)d}+'|[^\s\"'$`|;&\\][^\s|;&]{0,%(v)d}+)"
    r"[ \t]*+\|[^\n|;&]{0,%(c)d}?(?<![\w-])"
    r"(?:--?+(?P<flag>[A-Za-z][\w.-]{0,%(m)d}+)(?<=[-_]stdin)|(?P<flag>[A-Za-z_][\w.-]{0,%(m)d}+)=-(?![^\s\"'\\])))"
    % {"e": r"(?:\\{1,2}+[rn]|\\?+  ){0,2}+", "s": _MAX_ALIGNMENT - 1, "v": 4 * _MAX_KEY, "c": _COMMAND_LINE,
       "m": _MAX_KEY - 1}
)
_WRITERS = ("echo", "printf")
"""The commands a match of :data:`_PIPED` starts with, each sought where it stands."""
_PIPE_WRITERS = tuple(writer + gap for writer in _WRITERS for gap in " \t")
"""The words a match of :data:`_PIPED` starts with, where its key starts: no other key read
before a space starts so (a flag's name follows its dash, and "echo" names no secret)."""
# A here-string ("<<< x"; not a merge conflict's "<<<<<<<"), its value fed to the command
# before it: a secret where a word of that command names one ("vercel env add API_KEY
# production <<< x", "docker login --password-stdin <<< x", "chpasswd <<< bob:x"); not a
# variable's value ("<<< \"$TOKEN\"": no secret is written there; "<<< $'x'" is ANSI-C
# quotes). Its last "<" is the separator.
_HERE_STRING = re.compile(r"""(?<!<)<<<(?=[ \t]{0,%d}+(?:\\?+"(?![$`])|\$?+'|[^\s"'$`<\\]))""" % (_MAX_ALIGNMENT - 1))
_COMMAND_BOUNDARIES = "\n|;&(`"
"""What ends the command before a here-string, read back from it: a line break, or shell syntax."""
_NAMELESS_COMMANDS = "|".join(
    (
        "redis-cli|login|sshpass|curl|mysql|mariadb|put-parameter|7z|keytool|jarsigner|rabbitmqctl",
        r"(?:mongo|openssl|zip)[^\n]*-[pPkK]", "(?i:identified)", "BasicAuth", _SAMBA_TOOLS, _LDAP_TOOLS,
        _NET_USER_WORDS, r"(?i:pass)[\"']?[ \t]*[:=]|-pass[ \t]", _PGPASS_SHAPE,
    )
)  # fmt: skip
"""Found in text whose flag may take a password without a sensitive name anywhere in it, or
a .pgpass line's password (for
the Hyperscan screen: every other command holds one, gh's "secret" or the setting's name;
SSM's "put-parameter" may hold none: "--type SecureString"; SQL's "IDENTIFIED BY" none);
"mongo", "openssl" and "zip", common words ("mongodb://", "openssl version", "a zip file"),
only where a flag of theirs (``-p``, ``-k``, ``-pass...``, ``-P``) follows on their line; and
a bare ``pass`` key or flag (``user=bob pass=x``, ``-u bob -pass x``), which names none."""
# Redis's AUTH command ("AUTH x", "AUTH default x", the prompt's "127.0.0.1:6379> auth x")
# where its arguments, a password or a user name and a password, end the line (as written:
# a line break, an escaped one, a quote closing a string, or the end of the text; not a word's
# end, "OAUTH", but after an escape, "\\nAUTH"): the command (group 1), up to the space
# before the password (the separator).
_AUTH_COMMAND = regex.compile(
    r"(?:>[ \t]++)?+(?<!(?<!\\)[\w-])((?i:auth))[ \t]++(?:[^\s:\"'\\]{1,%(n)d}+[ \t]++)?"
    r"(?=[^\s\"'\\]{1,%(v)d}+[ \t]*+(?:\r?\n|\\[rn]|[\"']|\Z))" % {"n": _MAX_KEY, "v": 4 * _MAX_KEY}
)
_AUTH_COMMAND_WORDS = ("AUTH", "> auth")
"""Where :data:`_AUTH_COMMAND` is tried: AUTH in capitals (starting its line, after a prompt or
``redis-cli``), or any case after a prompt: in prose "auth" alone is a common word."""
# A quoted name opening a tuple, or a list inside a list, up to the "," after it and the spaces
# a hand-written list may put before it (the separator): ("Authorization", "x"),
# [(b'authorization', b'x')], [["x-api-key", "x"]], [ ( 'authorization' , 'x' ) ]; group 1.
_LISTED = regex.compile(
    r"(?:\(|(?<=[\[(,]\s{0,%(i)d})\[)\s{0,%(i)d}+(?:[bBuU](?=[\"']))?"
    r"(?|\\?\"([^\"\\\n\r]{1,%(n)d}+)\\?\"|\\?'([^'\\\n\r]{1,%(n)d}+)\\?')\s{0,%(i)d}+,"
    % {"n": _MAX_KEY, "i": _MAX_INDENT}
)
# A command-line flag quoted alone, in double quotes (\"--token\" in JSON inside a JSON string
# too), then in single quotes: its name of two characters or more (group 1), up to its closing
# quote (the separator). Python's own engine finds the literal start ("- or '-) in C, where a
# search of ``regex`` would try each position, and a match of it each dash after a quote.
_QUOTED_FLAGS = (
    re.compile(r'"--?+([A-Za-z][\w.-]{1,%d}+)%s\\?"' % (_MAX_KEY - 1, TAKES_A_VALUE)),
    re.compile(r"'--?+([A-Za-z][\w.-]{1,%d}+)%s'" % (_MAX_KEY - 1, TAKES_A_VALUE)),
)
# Where an item of a list or tuple (or of a list without brackets) starts: after "[", "(" or
# "," (and a prefix, b'x', or the backslash of a quote in a JSON string).
_ITEM_START = regex.compile(r"(?<=[\[(,]\s{0,%d}(?:[bBuU]|\\)?)" % _MAX_INDENT)
# The value of a listed flag: the next item, a quoted string, unless it starts with "-" (the
# next flag); another item, or the list's end, follows (or the end of text cut short).
_LISTED_FLAG_VALUE = regex.compile(
    r"\s{0,%(i)d}+,\s{0,%(i)d}+(?!%(p)s\\?[\"']-)%(p)s(?:%(q)s)(?=\s{0,%(i)d}+(?:[,)\]]|\Z))"
    % {"i": _MAX_INDENT, "p": _PREFIXED, "q": _QUOTED_VALUE},
    regex.DOTALL,
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
# A YAML block scalar's header after a key's colon: "|" or ">" and its chomping and
# indentation indicators in either order ("|-", ">+", "|2-"); then, read in the text as
# written, a comment and the line break (group "escaped": backslash-n as repr() and JSON
# write it, when the text was an escaped string).
_BLOCK_INDICATOR = regex.compile(r"[ \t]{0,%d}+[|>](?:[1-9][+-]?|[+-][1-9]?)?+" % _MAX_ALIGNMENT)
_BLOCK_HEADER_END = regex.compile(
    r"[ \t]{0,%d}+(?:(?<=[ \t])#(?:[^\r\n\\]++|\\(?![rn]))*+)?(?:\r?\n|(?P<escaped>(?:\\r)?\\n))" % _MAX_ALIGNMENT
)
# What may stand before a key on its line for the key's column to be its indentation: spaces
# and the dashes of sequence items ("- password: |", "  - - token: >").
_KEY_INDENT = regex.compile(r"[ \t]*+(?:-[ \t]++)*+")
# What may stand before a key that starts its line, as YAML, .env and INI files write one:
# indentation, sequence dashes, and shell's "export" ("export API_KEY=...").
_LINE_LEAD = regex.compile(r"[ \t]*+(?:-[ \t]++)*+(?:export[ \t]++)?")
# The words after a bare value's first on a line its key starts (YAML's "password: correct
# horse battery"), as written, up to a comment (" #"), a line break (an escaped one too: its
# backslash ends a word), or the next pair ("password=x user=bob", "token: x, user: bob").
# The rest of a shell word after a bare value's end at a comma ("--password a,b,c --verbose":
# a flag's value runs to the next space); not a comma ending it ("--user bob, then").
_REST_OF_WORD = regex.compile(r"""(?:,++[^\s,;&}"'\\]++)*+""")
_SHELL_SEPARATORS = " \t<p%"
"""Separators after which a bare value is a word of a command line: a flag's or a command's
space, a here-string's ``<``, the ``p`` of ``-pX``, the ``%`` of ``smbclient -U bob%x``
(``=`` and ``:`` too after a flag's name: ``--password=x``, ``curl -ubob:x``)."""
_BEFORE_A_STRING = " \t\r\n{([,:="
"""What may stand before a quote opening a string (not closing one)."""
_REST_OF_LINE = regex.compile(r"""(?:[ \t,;]++(?!#|[\w.-]++[ \t]*+[:=])[^\s,;&}"'\\]++)*+""")
# The end of a record's value field, found from its literal "alue" (the letter before it, and
# what stands before that, are read in Python): quoted, as a Python repr, JSON cut short or a
# JSON string's escaped quotes write it ('value':, \"value\":; group 1), bare, as YAML does,
# or as a keyword argument of a call (value=).
_VALUE_FIELD_END = re.compile(r"""alue(\\*+["'])?[ \t]*+(?::|=(?!=))""")
_RECORD_SPAN = 2000
"""Characters a record written in text may take before its value field, and after it."""
# A record's name field and the name it holds (group "name"), as keys are written (DB_PASSWORD,
# X-Api-Key, /prod/db_password: a name with spaces is a title), for each value field: quoted
# in braces ('name': 'DB_PASSWORD', \"name\": \"DB_PASSWORD\"), and as a line of YAML
# after its indentation and dash (name: DB_PASSWORD, Key: "api_key").
_RECORD_NAME = r"""(?P<name>[^"'\\\s]{1,100}+)"""
_QUOTED_RECORD_NAMES = {
    value: re.compile(r"""["'](?:%s)\\*+["']\s*+:\s*+\\*+["']%s\\*+["']""" % ("|".join(names), _RECORD_NAME))
    for value, names in RECORD_FIELDS
}
_YAML_RECORD_NAMES = {
    value: re.compile(r"""(?:%s)[ \t]*+:[ \t]++(["']?)%s\1[ \t]*+\r?""" % ("|".join(names), _RECORD_NAME))
    for value, names in RECORD_FIELDS
}
# The same, as keyword arguments of a constructor call write them (name="DB_PASSWORD"), and
# the password type of a widget's text input, whose value is typed in hidden (Streamlit's
# st.text_input("Password", type="password", value="x"), Gradio's Textbox): only that type,
# where another keyword's (type="password_reset") may name no secret.
_ARGUMENT_FIELDS = {
    **dict(RECORD_FIELDS),
    "value": (*dict(RECORD_FIELDS)["value"], r"""type(?=[ \t]*+=[ \t]*+["'](?i:password)["'])"""),
}
_ARGUMENT_RECORD_NAMES = {
    value: re.compile(r"""(?<![\w.])(?:%s)[ \t]*+=[ \t]*+[bBuU]?["']%s["']""" % ("|".join(names), _RECORD_NAME))
    for value, names in _ARGUMENT_FIELDS.items()
}
# An XML element's closing tag, as written or in a JSON string ("<\/password>"): its name as
# written (group 1) and without its namespace prefix (group 2: "ns:Password" names "Password").
_CLOSING_TAG = re.compile(
    r"<\\?/((?:[A-Za-z_][\w.-]{0,%(n)d}+:)?+([A-Za-z_][\w.-]{0,%(n)d}+))[ \t\r\n]{0,%(s)d}+>"
    % {"n": _MAX_KEY - 1, "s": _MAX_ALIGNMENT}
)
# An opening tag (not one closing itself, "<password/>"): its name (group 1), its attributes.
_OPENING_TAG = re.compile(r"<([A-Za-z_][\w.:-]{0,%d}+)(?:[ \t\r\n][^<>]{0,%d}+)?+(?<!/)>" % (2 * _MAX_KEY, _RECORD_SPAN))
_ELEMENT_SPAN = 8000
"""Characters an XML element's content may take (a PEM key's lines too): its opening tag is
looked for that far before its closing tag, and its closing tag that far after it."""
_TAG_TRIES = 4
"""Tags tried as a closing tag's opening tag: ``<password>`` may hold a ``<passwordHint>``, but
text of many such tags must not make each closing tag read them all."""
_ATTRIBUTE_FIELDS = {
    **dict(RECORD_FIELDS),
    "value": (*dict(RECORD_FIELDS)["value"], "type"),  # an HTML input's type: <input type="password" value="x">
    "content": ("name", "property"),  # an HTML meta tag's: <meta name="csrf-token" content="x">
}
"""The value attributes of an XML or HTML tag, and the attributes naming what they hold: a
record's fields (:data:`RECORD_FIELDS`), an HTML input's type, and a meta tag's name."""
_CONTENT_FIELD = re.compile(r"(?<![\w.:-])content=")
"""A meta tag's content attribute, its whole name, up to its ``=`` (the separator)."""
# The same, as the attributes of an XML tag write them (<add key="ApiKey" value="x"/>, <property
# name="password" value="x"/>, key=\"ApiKey\" in a JSON string), or unquoted, as HTML may
# (<input type=password value=x>: then a name of a key's characters, up to the tag's end).
_ATTRIBUTE_RECORD_NAMES = {
    value: re.compile(
        r"""(?<![\w.:-])(?:%s)[ \t]*+=[ \t]*+\\*+["']?+"""
        r"""(?P<name>(?<=["'])[^"'\\\s]{1,100}+(?=\\*+["'])|(?<=[= \t])[\w.:-]{1,100}+(?=[\s/>]|\Z))"""
        % "|".join(names)
    )
    for value, names in _ATTRIBUTE_FIELDS.items()
}
# The end of a quoted key ('comment':), to count the fields of a record in braces, and of a
# keyword argument (comment=), of a record written as a call.
_QUOTED_KEY_END = re.compile(r"""["'][ \t]*+:""")
_ARGUMENT_END = re.compile(r"""(?<![\w.])[A-Za-z_]\w{0,99}+[ \t]*+=(?!=)""")
# What stands before a YAML field on its line: indentation, and the dash before an item's first field.
_YAML_INDENT = re.compile(r" *+(?:- ++)?")
_COMMENT_GAP = ("", " ", "\t", "\r", "\n")
"""What follows the ``#`` of a comment standing for a key's value (``password: # set later``):
a ``#`` with a character after it (``#hunter2``) may open a secret."""
# Nothing but spaces up to the end of a line: after a key, its value is on the next line;
# after such a value, the value is alone on its line.
_LINE_END = regex.compile(r"[ \t]{0,%d}+\r?\n" % _MAX_ALIGNMENT)
_ALONE = regex.compile(r"[ \t]{0,%d}+(?:\r?\n|\Z)" % _MAX_ALIGNMENT)
# The start of a line that opens a nested mapping or a sequence, not a scalar: a key and its
# colon ("oauth:", "user: bob", '"user": x'), or a sequence item's dash.
_NESTED_NODE = regex.compile(
    r"""(?:[\w.-]{1,%d}+|"[^"\r\n]{0,%d}+"|'[^'\r\n]{0,%d}+')[ \t]*+:(?:[ \t\r\n]|\Z)|-(?:[ \t\r\n]|\Z)"""
    % (_MAX_KEY, _MAX_KEY, _MAX_KEY)
)
# A bare value that reads as a word of prose, not as a credential.
_PLAIN_WORD = regex.compile(r"(?:[A-Za-z][a-z]*|[A-Z]+)[.!?:)]*")
# The words of prose that may follow a flag's name where the text speaks about the flag
# ("use the --token flag to log in", "pass --password when prompted", "--api-key is
# required"): words about flags, and English function words, in lower case only: a word in
# capitals, or with digits or symbols ("Flag", "When2024!"), may be a secret and is a value.
_PROSE_AFTER_FLAG = frozenset(
    (
        "flag flags option options argument arguments arg args parameter parameters param params "
        "switch switches setting settings value values variable "
        "a an the this that these those its your our their my no any each every "
        "to in on of for with without from by at as into onto via after before instead like than per "
        "and or but nor if when whenever while unless because since so then once until where whether "
        "also only too not still now here there it you we they which who what "
        "is are was were be been being has have had do does did can could will would shall should may "
        "might must takes expects accepts requires needs"
    ).split()
)
# The placeholders Click and Typer write after an option in a usage text, its value's type
# ("--password TEXT", "--port INTEGER"): no secret is ever one of these words.
_TYPE_PLACEHOLDERS = frozenset("TEXT INTEGER FLOAT BOOLEAN UUID PATH FILE FILENAME DIRECTORY".split())
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
# One mark that may end a sentence after such a word ("pass the --token flag.").
_SENTENCE_END = ".:!?"
# Values that hold no secret: empty markers, nulls, and the markers redaction itself writes.
_NOT_SECRET = regex.compile(rf"(?i:null|none|nil|undefined|true|false)|\**|{MARKER.pattern}|\[(?i:redacted)\]")
_STATING_VERBS = (" is ", " was ")
"""Where prose says what a sensitive name's value is ("my password is x", "the token was x")."""
_STATING_WORDS = frozenset(("is", "was"))
"""The same verbs before a colon ("my password is: x"), found by the pair finder's reading of
the word before each ``:``: a search of their own would cost prose a substring search more."""
# What prose says a sensitive name is, after the verb and a colon ("is: x", its value maybe
# on the next line), a dash ("is - x", "is — x"), or "now" or "changed to", "set to",
# "reset to" ("is now x", "was changed to x"): a quoted string (in quotes, escaped ones in a
# JSON string, backticks or typographic quotes: "hunter2", `hunter2`, “hunter2”), or a bare
# word (group "bare"), taken only where it looks like a secret (:func:`_states_a_secret`:
# "is now expired" stays).
_STATED_VALUE = regex.compile(
    r"(?::[ \t]{0,%(s)d}+(?:\r?\n[ \t]{0,%(s)d}+)?+"
    r"|[ \t]{1,%(s)d}+(?:[-\u2013\u2014][ \t]{1,%(s)d}+)?+(?:now[ \t]{1,%(s)d}+)?+"
    r"(?:(?:changed|set|reset)[ \t]{1,%(s)d}+to[ \t]{1,%(s)d}+)?+)"
    r"(?:%(q)s|`(?P<code>[^`\r\n]{1,%(v)d}+)`|[\u2018\u201c](?P<curly>[^\u2019\u201d\r\n]{1,%(v)d}+)[\u2019\u201d]"
    r"|(?P<bare>[^\s,;&}\"'\\`]++))" % {"s": _MAX_ALIGNMENT, "q": _QUOTED_VALUE, "v": 4 * _MAX_KEY},
    regex.DOTALL,
)
# A word of prose, not a secret: letters, capitalised or in capitals at most ("incorrect",
# "Expired", "JSON"; not "iPhone", "abcXYZ"), maybe joined by hyphens or apostrophes
# ("case-sensitive").
_PROSE_WORD = regex.compile(r"(?:\p{Lu}++\p{Ll}*+|\p{Ll}++)(?:[-'\u2019](?:\p{Lu}++\p{Ll}*+|\p{Ll}++))*+")
# What documentation writes about an argument after its type (``password (str): The password
# to use.``): words of prose (:data:`_PROSE_WORD`), two or more, or one ending a sentence; a
# word marked as a secret (``hunter2x``), a quote or a code span is none.
_DESCRIPTION = regex.compile(r"(?:%(w)s[.,;:]?+[ \t]++)++%(w)s\.?+|%(w)s\." % {"w": _PROSE_WORD.pattern})
# Where such a description ends: its line's end, an escaped line break, or the closing quote
# of the string holding it (JSON's, escaped in JSON too: ``{"doc": "password (str): The
# password."}``).
_DESCRIPTION_END = regex.compile(r'[ \t]{0,%d}+(?:\r?\n|\\[rn]|\\?+"[ \t]*+(?:[,}\]]|\Z)|\Z)' % _MAX_ALIGNMENT)
# A technical adjective or measure of prose, not a secret: a short term with digits (a name of
# a few letters, in capitals or capitalised at most, then digits: "base64", "SHA256", "x509";
# or digits, then a few letters: "256", "2fa"), joined by hyphens to others and ending in a
# lower-case word ("base64-encoded", "SHA-256-hashed", "256-bit", "2fa-protected"); not a
# longer word before the digits ("hunter2-abc"), nor digits inside letters ("p4ss-word").
_TECHNICAL_TERM = r"(?:(?:[A-Z]{1,4}+|[A-Z]?+[a-z]{1,4}+)[0-9]{0,3}+|[0-9]{1,3}+[a-z]{0,3}+)"
_TECHNICAL_WORD = regex.compile(r"(?:%s-)++[a-z]{2,}+" % _TECHNICAL_TERM)
_STATED_NAME_REACH = 64
"""Characters before a verb stating a value that its name's words are read in."""
_MAX_BRACKETED = 32
"""Characters before a key's separator that a qualifier in brackets after its name may take,
the brackets and the spaces around them too (``Password (new): x``, ``API key (prod): x``)."""
_BORN = " (?:is|was) born "
"""Prose stating a date of birth without a key (for the Hyperscan screen: see :meth:`KeyValueFinder._stated_keys`)."""
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
_SECRET_MARK = regex.compile(r"\d|\p{Ll}\p{Lu}|[!@#$%^+=?~|]")
"""What marks a bare word as a secret, not prose: a digit, a capital after a lower-case letter
inside a word (``abcXYZ``), or a symbol no prose word holds (a ``/`` may join words:
``reset/change``)."""
_VERSION = regex.compile(r"[vV]?+\d++(?:\.\d++)++")
"""A version number (``1.2.3``, ``v2.0``): no password."""
_QUALIFIERS = frozenset(("for", "on", "of", "at", "in", "to"))
"""Words that open a qualifier between a sensitive name and a verb stating its value (``the
password for bob is x``, ``the API key on prod was x``), in lower case: inside a sentence, as
the verb after them is."""
_MAX_QUALIFIER = 3
"""Words a qualifier may hold after its first (``the password for the admin user is x``)."""
_QUALIFIER_REACH = _MAX_QUALIFIER + 1
"""Words split off the end of the text before a verb stating a value: the name's, or a
qualifier's first word and those after it (whether one is there is read from them)."""
PASS_KEYS = frozenset(("pass", "Pass", "PASS"))
"""A bare key that names a password only where a user's name comes before it (``user=bob
pass=x``) or its value looks like one (``pass=x1y2``): test reports count passes (``pass=12
fail=0``); see :func:`_passes_a_password`."""
USER_KEY = regex.compile(_USER_NAME_KEY)
"""A key of a user's name (as :data:`_USER_NAMED` reads it in text; ``fullmatch`` it): beside
one in a mapping, a ``pass`` key names the password (``{"user": "bob", "pass": "hunter"}``),
whatever its value looks like."""
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
_DURATION = regex.compile(r"(?:[0-9]++(?:\.[0-9]++)?+(?:ms|[smhd]))++|[0-9]++(?:\.[0-9]++)?+(?=[ \t]++(?i:ms|milli(?:second)?s?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)(?![A-Za-z]))")
"""A duration: compact (``90m``, ``2h30m``, ``1.5h``) or a number before a unit of time (``1440 minutes``)."""
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
_NAME_WRAPPERS = "`*\"'\u2018\u2019\u201c\u201d("
"""What Markdown and quotes put around a name in prose ("**password** is", "`token` is")."""
_EMPHASIS_MARKS = "*`"
"""What Markdown puts around a key before its separator (``**password**: x``, ```token`: x``)
or around the key and its separator (``**Password:** x``): read past, to the key and its value."""
_EMPHASIS_RUN = regex.compile(r"[*`]++")
_SEPARATORS = ":=|"
"""What may part a key from its value in :meth:`KeyValueFinder._sensitive_keys`: ``:``, ``=``,
and, in text holding one, a Markdown table's ``|`` (``| password | x |``: see :func:`_next_cell`)."""
_ROW_OPENING = regex.compile(r"[ \t]*+\|[ \t]*+")
"""What comes before a Markdown table row's first cell on its line: its opening pipe."""
_CELL = regex.compile(r"[ \t]*+((?:[^|\\\r\n]++|\\(?![nr]).?)*+)")
"""A table cell's text, group 1, up to its closing pipe or its line's end (an escaped ``\\n``
in a JSON string too; a Markdown ``\\|`` is a pipe inside the cell)."""
_HEADER_ROW = regex.compile(
    r"(?:[^\r\n\\]++|\\(?![nr]).?)*+(?:\r?+\n|(?:\\r)?+\\n)[ \t]*+\|?+[ \t]*+:?+-++:?+[ \t]*+\|"
)
"""The rest of a table's header row, matched from one of its pipes: its line break, then the
delimiter row under it (``|---|``, ``| :-- |``, ``---|``)."""
_SCHEMA_CELL = regex.compile(
    r"(?i:str(?:ing)?+|text|secret(?:str)?+|password|int(?:eger)?+|bool(?:ean)?+|number|float|bytes?+"
    r"|uuid|object|array|any|required|optional|yes|no|n/a)(?:\([0-9]{1,5}+\))?+\??+"
)
"""A cell naming a type or whether a field is required (``| password | string |``,
``| api_key | str? |``, ``| token | required |``, ``| password | N/A |``): a schema table's, no value."""
_DESCRIBING_WORDS = frozenset(
    "a an the your my our their its this that of for from to in on at by with is are used see".split()
)
"""Words that a cell of plain words holds where it describes its row's field (``| api_key | Your API
key from the dashboard |``), as a passphrase (``correct horse battery staple``) holds none."""
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


_AFTER_SEPARATOR = 0
"""A key's index is a separator written between key and value: ``:``, ``=``, a flag's space,
the ``,`` after a listed name, the quote closing a listed flag, the ``>`` ending an XML
element's opening tag, the ``p`` of ``-pX``; its value read by :data:`_VALUE`, or the pattern
:data:`_VALUE_AFTER` gives the separator."""
_AFTER_VERB = 1
"""A key's index is the ``s`` of ``is`` or ``was`` stating a value (:data:`_STATED_VALUE`),
taken only where it looks like a secret (:func:`_states_a_secret`)."""
_AFTER_PASSWORD = 2
"""A key's index is the last letter of a password's name with no separator after it
(:data:`_LOOSE_VALUE`), taken only where it looks like a secret (:func:`_loosely_a_secret`)."""
_AFTER_BORN = 3
"""A key's index is the ``n`` of ``was born``: a date of birth after it, maybe past a few words."""
_AFTER_PIN = 4
"""A key's index is the ``N`` of a PIN's name (:data:`_PIN_VALUE`)."""
_AFTER_CELL = 5
"""A key's index is the pipe closing a Markdown table's cell: the next cell is its value (:func:`_next_cell`)."""
_Key = Tuple[int, int, int]
"""``(index, key start, what the index points at: an ``_AFTER_`` constant)``: where a
sensitive key's value follows. Plain ints, not an enum: a member's lookup costs 50 ns on
Python 3.11, a few per key."""
_VALUE_AFTER = {",": _LISTED_VALUE, '"': _LISTED_FLAG_VALUE, "'": _LISTED_FLAG_VALUE}
"""The value's pattern after the ``,`` of a listed name and the quote closing a listed flag
(after other separators, :data:`_VALUE`)."""
_VALUE_AFTER_WORD = {_AFTER_VERB: _STATED_VALUE, _AFTER_PASSWORD: _LOOSE_VALUE, _AFTER_PIN: _PIN_VALUE}
"""The value's pattern after a word that a space alone parts from it."""
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
_ENDS_A_PLACEHOLDER = " \t\r\n,;&)]}`\"'\\"
"""What may follow a placeholder that runs past the bare value's end (``${X}``, ``{{ x }}``:
a bare value ends before a ``}`` or a space): the value ends there too (not ``${X}y``)."""
_QUOTED_KINDS = ("double", "single", "escaped")
"""The groups of :data:`_QUOTED_VALUE`: a quoted value's."""
_CLOSED_KINDS = (*_QUOTED_KINDS, "nest")
"""The groups of :data:`_VALUE` that a closing quote or bracket ends (where one is written)."""
_OPENERS = {"double": 1, "single": 1, "escaped": 2}
"""Characters of the quote that opens a quoted value (``\\"`` in a JSON string), before its group."""
_AFTER_A_STRING = frozenset(("", *" \t\r\n),;]}+\\"))
"""What may follow a string literal's closing quote in code (or nothing: the text ends there)."""
_CLOSERS = {")": "(", "]": "[", ">": "<"}
_QUOTES = "\"'"
# A backtick that may close a code span: not followed by a letter or digit ("hunter2`.", not "ab`cd").
_CLOSING_BACKTICK = regex.compile(r"`(?!\w)")
_ESCAPED_CLOSING = regex.compile(r'[ \t]{0,%d}+\\"' % _MAX_ALIGNMENT)
"""An escaped quote after a key's separator (in a JSON string), which may close the key's string."""
# The word after a string that a key's separator ends, after spaces (group "word"): a letter,
# a digit, "_" or "$" opening it, not a word of code joining the string to more (getpass("Pw: ")
# or "x", "Token: " if x else y).
_WORD_AFTER_A_STRING = regex.compile(
    r"[ \t]{1,%d}+(?!(?:or|and|if|else|for|in|is|not)(?![\w$]))(?P<word>(?=[\w$])[^\s,;&}\"'\\]++)" % _MAX_ALIGNMENT
)
_BARE_KEY_END = regex.compile(r"(?r)[\w.-]{1,%d}\Z" % _MAX_KEY)


class KeyValueFinder:
    """Finds the values of sensitive keys written as ``key: value`` / ``key=value`` in text.

    ``is_sensitive`` decides whether a key names a secret (a :class:`KeyMatcher`'s check,
    cached by the caller); ``timeout`` bounds the seconds one :meth:`scan` may take. With
    the key matcher's ``pattern`` and the Hyperscan engine, one scan first rules out text
    holding no sensitive key name anywhere (nor ``redis-cli``, whose ``-a`` takes a password,
    nor ``was born``, before a date of birth).
    """

    def __init__(
        self, is_sensitive: Callable[[str], bool], timeout: Optional[float] = None, pattern: Optional[str] = None
    ) -> None:
        self._is_sensitive = is_sensitive
        self._timeout = timeout
        self._screen = gate_scanner([pattern, _NAMELESS_COMMANDS, _BORN]) if pattern is not None else None

    def scan(self, text: str, raw: Optional[str] = None) -> Tuple[List[Finding], bool]:
        """The values of sensitive keys in ``text`` (sorted, non-overlapping), and whether
        some ``:`` follows a word that may end a sensitive or unclear key: false, no JSON key
        in ``text`` is sensitive (the word before a JSON key's colon ends in the key, unless
        the key holds a space or a backslash, or is longer than a key read here: those are
        unclear). ``raw``: the text ``text`` was made from by turning escapes into spaces
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
            or _PASSWORD_WORD in text or ("N" in text and _PIN in text)
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
            keys += _separators(_matches(_NET_USER, text, deadline))
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
        match, is_sensitive = _KEY.match, self._is_sensitive
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
                    found.append((at + len(verb) - 2, name_start, _AFTER_VERB))
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


def _pgpass_password(lines: str, word_start: int, word: str) -> Optional[Tuple[int, int]]:
    """The span of the password of the .pgpass line (:data:`_PGPASS_PASSWORDS`) whose host and
    port are the last ``word`` before a separator, from ``word_start`` (after a quote opening
    a string, if any, ``{"x": "db:5432:app:bob:x"}``: then the password ends at its closing
    quote), or ``None`` where no such line starts its line. ``lines``: the text as written."""
    opening = max(word.rfind('"', 0, word.find(":")), word.rfind("'", 0, word.find(":")))
    host = word_start + opening + 1
    if not _starts_its_line(lines, host):
        return None
    entry = _PGPASS_PASSWORDS[word[opening] if opening >= 0 else ""].match(lines, host)
    return None if entry is None else entry.span("password")


def _occurrences(text: str, literal: str, deadline: Optional[float]) -> List[int]:
    """Where ``literal`` starts in ``text``, one ``find`` each, held to ``deadline``: for
    words that prose holds a few of (``is``, ``password``), not for separators, whose loop
    would build a list of every ``:`` of a JSON text."""
    found: List[int] = []
    at = text.find(literal)
    while at >= 0:
        found.append(at)
        if deadline is not None and len(found) % _CHECK_EVERY == 0:
            time_left(deadline)
        at = text.find(literal, at + 1)
    return found


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
    if qualified and not _QUALIFIERS.isdisjoint(words):
        return _qualified_name(text, start, verb, is_sensitive)
    return -1


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


def _prompt_asks_for_a_secret(text: str, at: int, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the keyword argument whose ``=`` is at ``at`` is given to a prompt call
    (:data:`~otel_redact._secrets.PROMPT_CALLS`) whose question names a secret
    (``click.prompt("Secret", hide_input=True, default=``): its default is the secret."""
    opening = _record_opening(text, at, "()")
    if opening < 0 or _PROMPT_NAME.search(text, max(0, opening - _MAX_KEY), opening) is None:
        return False
    question = _CALL_ARGUMENT.match(text, opening + 1)
    return question is not None and is_sensitive(question[question.lastgroup or ""])


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
    (:data:`_DURATION`: ``2h30m``, ``1440 minutes``), whole."""
    date = date_end(text, begin)
    if date < 0 and text[begin + 10 : begin + 11] == "T" and date_end(text[begin : begin + 10], 0) == 10:
        date = begin + 10  # ISO 8601's date, its time glued on: 2024-01-01T10:00:00Z
    if date == end:
        return True
    if date > 0:
        return text[date : date + 1] in " T" and _CLOCK_TIME.fullmatch(text, date + 1, end) is not None
    if _CLOCK_TIME.fullmatch(text, begin, end) is not None:
        return True
    duration = _DURATION.match(text, begin)  # its unit may follow the value: "1440 minutes"
    return duration is not None and duration.end() == end


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


def _loosely_a_secret(word: str) -> bool:
    """Whether the bare ``word`` after a password's name and a space alone (``password x``)
    looks like a secret: as a stated one does (:func:`_states_a_secret`), and marked as one
    (:data:`_SECRET_MARK`: ``hunter2``, ``abcXYZ``, ``p@ss!``), not a version number (``1.2.3``):
    no verb says a value follows, so words in brackets (``(optional)``) or joined by a slash
    (``reset/change``) stay."""
    bare = word.rstrip(_SENTENCE_END + ";)")
    return _states_a_secret(word) and _SECRET_MARK.search(bare) is not None and _VERSION.fullmatch(bare) is None


def _opening_tag(text: str, closing: int, name: str) -> Optional["re.Match[str]"]:
    """The opening tag of the XML element named ``name`` (as written, its prefix too) whose
    closing tag starts at ``closing``: the nearest before it, within :data:`_ELEMENT_SPAN`,
    past at most :data:`_TAG_TRIES` - 1 tags whose names start with it (``<passwordHint>``)."""
    limit = max(0, closing - _ELEMENT_SPAN)
    at = text.rfind("<" + name, limit, closing)
    for _ in range(_TAG_TRIES):
        if at < 0:
            return None
        tag = _OPENING_TAG.match(text, at, closing)
        if tag is not None and tag[1] == name:
            return tag
        at = text.rfind("<" + name, limit, at)
    return None


def _attributed_elements(text: str, is_sensitive: Callable[[str], bool], deadline: Optional[float]) -> List[_Key]:
    """``(index of the ">" ending its opening tag, tag name start)`` of the XML elements whose
    opening tag holds a name field naming a secret (``<entry key="password">``, ``<setting
    name="ApiKey">``): their content is its value. Each name field's word is found by
    ``str.find`` and the field matched there: in HTML, far fewer than its closing tags, which
    a search of each tag's attributes would cost."""
    found: List[_Key] = []
    for value_field, fields in RECORD_FIELDS:
        for field in fields:
            for named in _matches_at(_ATTRIBUTE_RECORD_NAMES[value_field], text, field, deadline):
                if is_sensitive(named["name"]):
                    opening = text.rfind("<", max(0, named.start() - _RECORD_SPAN), named.start())
                    tag = _OPENING_TAG.match(text, opening) if opening >= 0 else None
                    if tag is not None and tag.end() >= named.end():
                        found.append((tag.end() - 1, tag.start() + 1, _AFTER_SEPARATOR))
    return found


def _element_text(text: str, at: int, name_start: int) -> Optional[Tuple[int, int]]:
    """The span of the content of the XML element whose opening tag ends at ``at`` and starts
    before ``name_start``, up to its closing tag (child elements too: ``<credentials>`` is
    secret whole, as a sensitive key's mapping is), trimmed of the spaces around it; ``None``
    if it closes nothing within :data:`_ELEMENT_SPAN`."""
    tag = _OPENING_TAG.match(text, name_start - 1, at + 1)
    if tag is None:
        return None
    for closing in _CLOSING_TAG.finditer(text, at + 1, min(len(text), at + 1 + _ELEMENT_SPAN)):
        if closing[1] == tag[1]:
            content = text[at + 1 : closing.start()]
            begin = at + 1 + len(content) - len(content.lstrip())
            return begin, closing.start() - (len(content) - len(content.rstrip()))
    return None


def _meta_names_a_secret(text: str, opening: int, field_end: int, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether a name field of a content attribute (``name``, ``property``) holds a sensitive
    name in the tag opened at ``opening``, up to its end after the content attribute's ``=``
    at ``field_end``: each found by ``str.find`` and matched there (a regex search of a tag's
    attributes would cost ~20 ns a character: a microsecond a meta tag)."""
    limit = min(len(text), field_end + _RECORD_SPAN)
    closing = min(_found(text.find("<", field_end, limit), limit), _found(text.find(">", field_end, limit), limit))
    names = _ATTRIBUTE_RECORD_NAMES["content"]
    for field in _ATTRIBUTE_FIELDS["content"]:
        at = text.find(field, opening, closing)
        while at >= 0:
            named = names.match(text, at, closing)
            if named is not None and is_sensitive(named["name"]):
                return True
            at = text.find(field, at + len(field), closing)
    return False


def _record_opening(text: str, field_start: int, brackets: str) -> int:
    """The index of the bracket (``{`` of a record in braces, ``(`` of a call) opening the
    record whose value field starts at ``field_start``, or -1: the nearest before it, unless
    its closing bracket closes after it."""
    opening = text.rfind(brackets[0], max(0, field_start - _RECORD_SPAN), field_start)
    return opening if opening < 0 or text.find(brackets[1], opening, field_start) < 0 else -1


def _record_names_a_secret(
    text: str,
    opening: int,
    field_end: int,
    brackets: str,
    names: "re.Pattern[str]",
    keys: "re.Pattern[str]",
    is_sensitive: Callable[[str], bool],
) -> bool:
    """Whether a name field (found by ``names``) holds a sensitive name in the record opened
    at ``opening``, up to the next bracket after its value field (a record nests nothing but
    its value), which holds at most :data:`MAX_RECORD_FIELDS` fields (ending as ``keys`` do)."""
    limit = min(len(text), field_end + _RECORD_SPAN)
    closing = min(_found(text.find(brackets[0], field_end, limit), limit), _found(text.find(brackets[1], field_end, limit), limit))
    return any(is_sensitive(name["name"]) for name in names.finditer(text, opening, closing)) and (
        len(keys.findall(text, opening, closing)) <= MAX_RECORD_FIELDS
    )


def _yaml_record_names_a_secret(text: str, field_start: int, value_field: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether a name field paired with ``value_field`` holds a sensitive name above or below
    the bare value field at ``field_start`` in its YAML record, which holds at most
    :data:`MAX_RECORD_FIELDS` fields: the value field follows indentation, and a dash where
    it opens its record (``- value: x\\n  name: DB_PASSWORD``: then no line above is read)."""
    limit = max(0, field_start - _RECORD_SPAN)
    line_break = text.rfind("\n", limit, field_start)
    column = field_start - line_break - 1
    lead = _YAML_INDENT.match(text, field_start - column, field_start)
    if (line_break < 0 and limit > 0) or lead is None or lead.end() != field_start:
        return False
    opens = text.find("-", field_start - column, field_start) >= 0
    above = [] if opens else list(islice(_yaml_fields(text, field_start, column, value_field, up=True), MAX_RECORD_FIELDS))
    below = list(islice(_yaml_fields(text, field_start, column, value_field, up=False), MAX_RECORD_FIELDS))
    names = _YAML_RECORD_NAMES[value_field]
    fields = (names.fullmatch(text, *line) for line in above + below)
    return len(above) + len(below) < MAX_RECORD_FIELDS and any(  # the value field is one more
        name is not None and is_sensitive(name["name"]) for name in fields
    )


def _yaml_fields(text: str, field_start: int, column: int, value_field: str, up: bool) -> Iterator[Tuple[int, int]]:
    """``(start, end)`` of the other fields of the YAML record whose value field starts at
    ``field_start``, at ``column``, in the lines above it (``up``) or below it, within
    :data:`_RECORD_SPAN`: lines indented deeper, and list items at most as deep as the field,
    are the fields' values; a line indented less, another value field, or a dash (the
    record's first line above it, the next record's below) ends the record."""
    if up:
        limit = max(0, field_start - _RECORD_SPAN)
        line_break = text.rfind("\n", limit, field_start)
    else:
        limit = min(len(text), field_start + _RECORD_SPAN)
        line_break = text.find("\n", field_start, limit)
    while line_break >= 0:
        if up:
            end, line_break = line_break, text.rfind("\n", limit, line_break)
            start = line_break + 1
        else:
            start, line_break = line_break + 1, text.find("\n", line_break + 1, limit)
            end = line_break if line_break >= 0 else limit
        if line_break < 0 and 0 < limit < len(text):
            return  # a line longer than a record
        indent = _YAML_INDENT.match(text, start, end)
        lead = indent.end() if indent is not None else start
        if lead == end or text[lead] in "\r#":
            continue  # a blank line, or a comment
        dash = text.find("-", start, lead)
        if dash - start >= column if dash >= 0 else lead - start > column:
            continue  # a line of a field's value: a list item, or a line indented deeper
        if lead - start != column or (dash >= 0 and not up):
            return  # indented less, or the next record
        if text.startswith(value_field, lead) and _VALUE_FIELD_END.match(text, lead + 1, end) is not None:
            return  # another record's value field
        yield lead, end
        if dash >= 0:
            return  # the record's first line


def _found(index: int, otherwise: int) -> int:
    """``index`` (from ``str.find``), or ``otherwise`` where nothing was found."""
    return otherwise if index < 0 else index


def _matches(pattern: Any, text: str, deadline: Optional[float]) -> Iterable[Any]:
    """``pattern``'s matches in ``text``. A time limit (even ``timeout=None``) costs the regex
    engine a fraction of a microsecond per call: as the detectors' passes, these linear
    patterns get it on long texts only."""
    return pattern.finditer(text) if len(text) <= SHORT else pattern.finditer(text, timeout=time_left(deadline))


def _listed_names(text: str, deadline: Optional[float]) -> Iterator[Any]:
    """:data:`_LISTED`'s matches in ``text``. No literal leads the pattern, so a search costs
    the regex engine ~3 ns a character (7 µs on a GenAI message of 2 KB), far more than a
    match tried at each bracket ``str.find`` finds, unless brackets are dense (code)."""
    if (text.count("(") + text.count("[")) * _SPARSE_BRACKETS > len(text):
        yield from _matches(_LISTED, text, deadline)
        return
    for bracket in "([":
        yield from _matches_at(_LISTED, text, bracket, deadline)


def _sets_a_setting(text: str) -> bool:
    """Whether ``text`` may hold a command of :data:`_SET_COMMANDS`: a ``memchr`` of a letter
    rarer than the word's others rules most text out before the word's own search."""
    return (
        "config" in text
        or ("G" in text and "CONFIG" in text)
        or ("x" in text and ("setx" in text or "Setx" in text))
        or ("X" in text and ("SETX" in text or "SetX" in text))
        or ("V" in text and "ENV" in text)
        or ("q" in text and "requirepass" in text)
        or "masterauth" in text
        or ("-" in text and "set -" in text)
    )


def _authenticates(text: str) -> bool:
    """Whether ``text`` may hold Redis's AUTH command (:data:`_AUTH_COMMAND_WORDS`), as
    :func:`_sets_a_setting` finds its words."""
    return ("U" in text and "AUTH" in text) or (">" in text and "> auth" in text)


def _adds_a_user(text: str) -> bool:
    """Whether ``text`` may hold Windows' ``net user NAME x /add`` (:data:`_NET_USER`): a
    ``memchr`` of its option's slash first, then its words as they are commonly written."""
    return "/" in text and ("et user" in text or "ET USER" in text or "et User" in text)


def _sets_a_rabbitmq_password(text: str) -> bool:
    """Whether ``text`` may hold a password set by ``rabbitmqctl`` (:data:`_RABBITMQ_USER`): a
    ``memchr`` of the ``_`` in its commands' names first, then one search of its name."""
    return "_" in text and "rabbitmqctl" in text


def _constructs_basic_auth(text: str) -> bool:
    """Whether ``text`` may call a basic-auth constructor (:data:`_BASIC_AUTH`): a ``memchr``
    of its ``(`` and of its ``B`` first (a search of its name costs ~1 µs on 4 KB), then one."""
    return "(" in text and "B" in text and "BasicAuth" in text


def _lists_a_netrc(text: str) -> bool:
    """Whether ``text``, which holds :data:`_PASSWORD_WORD` (the entry's longest word: ``in``
    skips further through text lacking it, 0.8 against 1 microsecond for ``login`` on 2.4 KB),
    may hold a .netrc entry (:data:`_NETRC_PASSWORD`): a search of ``login`` and of the words
    that open an entry."""
    return "login" in text and ("machine" in text or "default" in text)


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


def _sets_a_password(text: str) -> bool:
    """Whether ``text`` may hold SQL setting a password (:data:`_SQL_PASSWORD`): in capitals, a
    ``memchr`` of a letter rarer than the keyword's others (``W``, ``Y``) before its search; in
    lower case, of the quote that must follow it, and a search of the space and quote before
    the literal (an apostrophe follows a letter), before the keywords' searches."""
    return (
        ("W" in text and "PASSWORD" in text)
        or ("Y" in text and "IDENTIFIED" in text)
        or ("'" in text and " '" in text and ("password" in text or "identified" in text))
    )


def _set_commands(text: str, lines: str, deadline: Optional[float]) -> Iterator[Any]:
    """The matches of :data:`_SET_COMMANDS` in ``text``, each tried at each occurrence of its
    word, those of :data:`_LINE_COMMANDS` where they start their line in ``lines`` (the text
    as written)."""
    for word, command in _SET_COMMANDS.items():
        if word in text:
            matches = _matches_at(command, text, word, deadline)
            if word in _LINE_COMMANDS:
                matches = (match for match in matches if _starts_its_line(lines, match.start()))
            yield from matches


def _auth_commands(lines: str, deadline: Optional[float]) -> List[_Key]:
    """``(separator index, command start)`` of Redis's AUTH commands in ``lines`` (the text
    as written, where its lines end): after a prompt (``> auth x``), or AUTH in capitals
    starting its line or after ``redis-cli`` on it."""
    found: List[_Key] = []
    for word in _AUTH_COMMAND_WORDS:
        for match in _matches_at(_AUTH_COMMAND, lines, word, deadline):
            start = match.start(1)
            if (
                start > match.start()  # after a prompt
                or _starts_its_line(lines, start)
                or lines[max(0, start - _MAX_ALIGNMENT) : start].rstrip(" \t").endswith(">")
                or _after_on_its_line(_REDIS_CLI, lines, start)
            ):
                found.append((match.end() - 1, start, _AFTER_SEPARATOR))
    return found


def _secret_in_its_command(text: str, lines: str, flag: Any) -> int:
    """The separator before the password that the ``flag`` match (its name, group 1) takes in
    the command written before it on its line (:data:`_COMMAND_FLAGS`: ``redis-cli -a x``,
    the colon after a user's name in ``curl -u bob:x``; the ``p`` of a ``-p`` with its value
    attached in a command of :data:`_ATTACHED_ONLY` or :data:`_LOGIN`: ``mysql -pX``);
    :data:`_NO_VALUE` where that command gives it none there (``curl -u bob``, ``openssl rsa
    -passin env:PW``, ``mysql --password db``); else -1 (``mysql -p db``, ``psql --password
    x``: its name alone decides). ``lines``: ``text`` as written, where a prefix not found in
    ``text`` is looked for (its escapes there spaces)."""
    name = flag[1]
    for command, prefix in _COMMAND_FLAGS.get(name, ()):
        if prefix is _ATTACHED and flag.start(1) != flag.start() + 2:
            continue  # mysql's long option: -pass is -p with its password attached, read below
        if not _after_on_its_line(command, text, flag.start()):
            continue
        if prefix is None:
            return flag.end() - 1
        prefixed = prefix.match(text, flag.end())
        if prefixed is None and lines is not text:
            prefixed = prefix.match(lines, flag.end())  # a name with an escape as written: CORP\\bob%x
        if prefixed is None:
            if prefix is _ATTACHED and not _names_a_database(text, flag.end() - 1):
                return flag.end() - 1  # a password written where mysql reads a database's name goes all the same
            return _NO_VALUE  # curl -u bob, mysql --password db
        written = prefixed.string
        if _SHELL_VARIABLE.match(written, prefixed.end()) and written[prefixed.start(1)] != "'":
            return -1  # a variable the shell expands: curl -u bob:$API_PASSWORD
        if prefixed[1]:  # quoted: where a bare value would end before its quote, the quoted value goes whole
            closing = written.find(prefixed[1], prefixed.end(), prefixed.end() + 4 * _MAX_KEY)
            if closing < 0 or _ENDS_A_BARE_VALUE.search(written, prefixed.end(), closing) is not None:
                return flag.end() - 1  # curl -u 'bob:x y'
        return prefixed.end() - 1
    p = flag.start(1)
    before = text[flag.start() - 1] if flag.start() else ""  # "-p" quoted is a flag, -p"x" a value
    if name[0] == "p" and p == flag.start() + 1 and text[p + 1] not in " \t" and text[p + 1] != before:  # -pX
        if _after_on_its_line(_ATTACHED_ONLY, text, p) or _after_on_its_line(_LOGIN, text, p):
            return p
    return _htpasswd_password(text, flag) if name[0] in _HTPASSWD_FLAGS else -1


def _names_a_database(text: str, at: int) -> bool:
    """Whether the word after the space at ``at``, after mysql's ``--password`` (which takes
    its value only after ``=``), reads as the database's name it is there (``mysql --password
    shop``): a bare word not marked as a secret (:func:`_loosely_a_secret`); a password written
    there by mistake (``mysql --password hunter2``, ``--password 'x y'``) goes all the same."""
    word = _WORD_APART.match(text, at)
    return word is not None and word["bare"] is not None and not _loosely_a_secret(word["bare"])


def _htpasswd_password(text: str, flag: Any) -> int:
    """The separator before the password of htpasswd's batch mode (:data:`_HTPASSWD`) whose
    last flag group is the ``flag`` match: the space after the user's name, its second
    argument (its first with -n), or -1."""
    window = max(0, flag.start() - _COMMAND_LINE)
    command = text.rfind("htpasswd", text.rfind("\n", window, flag.start()) + 1 or window, flag.start())
    batch = _HTPASSWD.match(text, command) if command >= 0 else None
    if batch is None or batch.starts("letters")[-1] != flag.start(1):
        return -1
    letters = "".join(batch.captures("letters"))
    if "b" not in letters:
        return -1
    end = batch.end()
    for _ in range(1 if "n" in letters else 2):
        argument = _HTPASSWD_ARGUMENT.match(text, end)
        if argument is None:
            return -1
        end = argument.end()
    return end if text[end : end + 1] in (" ", "\t") else -1


def _after_on_its_line(command: Any, text: str, at: int) -> bool:
    """Whether ``command`` (a pattern) is found before ``at`` on its line, within
    :data:`_COMMAND_LINE` characters."""
    window = max(0, at - _COMMAND_LINE)
    return command.search(text, text.rfind("\n", window, at) + 1 or window, at) is not None


def _matches_at(pattern: Any, text: str, literal: str, deadline: Optional[float]) -> Iterator[Any]:
    """``pattern``'s matches tried at each ``literal`` in ``text`` (found by ``str.find``),
    with a time limit on long texts only, as :func:`_matches` (a stdlib pattern takes none:
    there the time is checked before each match)."""
    long = len(text) > SHORT
    stdlib = isinstance(pattern, re.Pattern)
    at = text.find(literal)
    while at >= 0:
        if not long:
            match = pattern.match(text, at)
        elif stdlib:
            time_left(deadline)
            match = pattern.match(text, at)
        else:
            match = pattern.match(text, at, timeout=time_left(deadline))
        if match is not None:
            yield match
        at = text.find(literal, at + 1)


def _matches_at_words(pattern: Any, text: str, words: Iterable[str], deadline: Optional[float]) -> Iterator[Any]:
    """``pattern``'s matches tried at each of ``words`` in ``text``, one word after another
    (:func:`_matches_at`): a pattern whose matches start with one of several words."""
    for word in words:
        yield from _matches_at(pattern, text, word, deadline)


def _separators(matches: Iterable[Any]) -> List[_Key]:
    """``(separator index, key start)`` of ``matches`` that run from their key to their
    separator (the value follows the match)."""
    return [(match.end() - 1, match.start(), _AFTER_SEPARATOR) for match in matches]


def _may_quote_a_flag(text: str) -> bool:
    """Whether a quote may open a flag in ``text`` ("- or '-): a ``memchr`` for each quote
    rules out most text, which holds none."""
    return ("'" in text and "'-" in text) or ('"' in text and '"-' in text)


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


def _name_before_brackets(text: str, key_end: int, is_sensitive: Callable[[str], bool]) -> int:
    """The start of the sensitive name before a short qualifier in brackets, a space apart,
    that ends before a separator at ``key_end`` (``Password (new): x``, ``API key (prod): x``,
    ``Date of birth (DOB): x``, ``the token (if any): x``; read as :func:`_stated_name` reads
    the name before a bare key's separator), or -1 where the brackets are not such (``if
    (password):``, ``(a (b)):``) or the words before them name no secret."""
    opening = text.rfind("(", max(0, key_end - _MAX_BRACKETED), key_end)
    closing = text.find(")", opening + 1, key_end)
    if opening <= 0 or text[opening - 1] not in " \t" or text.find(")", closing + 1, key_end) >= 0:
        return -1
    return _stated_name(text, opening, is_sensitive, False)


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
    if after == _AFTER_CELL:
        return _next_cell(text, lines, at, key_start)
    separator = text[at]
    if separator == ">":  # an XML element's opening tag: its content is the value
        element = _element_text(text, at, key_start)
        return element if element is not None and not _NOT_SECRET.fullmatch(text, *element) else None
    start = at + 2 if separator == "=" and text[at + 1 : at + 2] == ">" else at + 1
    marks = _EMPHASIS_RUN.match(text, start) if text[start : start + 1] in ("*", "`") else None
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
    call = _CALL_OPENING.match(text, begin) if kind == "bare" and separator in ":=" else None
    if call is not None and call.end() >= end:  # code: os.getenv("X"), its spaces before "X" too
        if call.start("literal") < 0:
            return _call_default(text, call.end(), timeout)  # getpass() or "x"
        return _literal_argument(text, call.start("literal"), timeout)
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
        if separator in ":=" and _starts_its_line(lines, key_start):
            rest = _REST_OF_LINE.match(lines, end)
        elif separator in _SHELL_SEPARATORS or (separator in ":=" and text[key_start - 1 : key_start] == "-"):
            rest = _REST_OF_WORD.match(text, end)  # a command line's word: --password a,b
        else:
            rest = None
        if rest is not None:  # each always matches, maybe empty
            end = rest.end()
        end = _with_its_braces(text, begin, _trimmed(text, begin, end))
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
            if not (_states_a_secret if after == _AFTER_VERB else _loosely_a_secret)(text[begin:end]):
                return None  # prose: "the password is incorrect", "the password reset link"
            if text[end - 1] == ".":
                end -= 1  # the sentence's full stop: "my password is hunter2."
    return _held_secret(text, at, key_start, begin, end)


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


def _next_cell(text: str, lines: str, at: int, key_start: int) -> Optional[Tuple[int, int]]:
    """The span of the cell after the pipe at ``at`` where the key at ``key_start`` fills the
    first cell of a Markdown table's data row (``| password | x |``; not a shell's pipe, ``grep
    password | awk``, nor a header row, the delimiter row under it: ``| Password | Expires
    |``), unless it holds no secret: empty, emphasis or a code span around a type's name
    (``| password | string |``, ``| token | `str` |``), a placeholder (``| API key | ${API_KEY}
    |``), or plain words describing the field (``| api_key | Your API key from the dashboard
    |``). ``lines``: ``text`` as written, where an escaped ``\\n`` ends a row."""
    line_start = _line_start(lines, key_start)
    if line_start < 0 or _ROW_OPENING.fullmatch(lines, line_start, key_start) is None:
        return None
    if _HEADER_ROW.match(lines, at) is not None:
        return None
    cell = _CELL.match(lines, at + 1)
    assert cell is not None  # an empty cell too
    begin, end = cell.span(1)
    while end > begin and lines[end - 1] in " \t":
        end -= 1
    marks = _EMPHASIS_RUN.match(text, begin, end)
    if marks is not None and end - begin > 2 * len(marks.group()) and text.endswith(marks.group(), begin, end):
        begin, end = marks.end(), end - len(marks.group())  # **hunter2x**, `hunter2x`
    if _SCHEMA_CELL.fullmatch(text, begin, end) or _is_placeholder(text, begin, end) or _describes(text[begin:end]):
        return None
    return _held_secret(text, at, key_start, begin, end)


def _describes(cell: str) -> bool:
    """Whether a table cell is plain words describing its row's field, one of them a word that
    only a description holds (:data:`_DESCRIBING_WORDS`: ``Your API key from the dashboard``,
    ``The user's password``)."""
    words = cell.split()
    return (
        len(words) > 1
        and all(_PLAIN_WORD.fullmatch(word.replace("'", "")) for word in words)
        and any(word.lower() in _DESCRIBING_WORDS for word in words)
    )


def _emphasis_start(text: str, key_start: int, key_end: int, at: int) -> int:
    """The start of the Markdown marks opening an emphasis or code span before the key at
    ``key_start`` that close after it, at ``key_end`` (``**password**: x``) or after its
    separator at ``at`` (``**Password:** x``), as a key's own start: its line and its prose
    are read from there; else ``key_start``."""
    opening = key_start
    while opening > 0 and text[opening - 1] in _EMPHASIS_MARKS:
        opening -= 1
    marks = text[opening:key_start]
    return opening if marks and (text.startswith(marks, key_end) or text.startswith(marks, at + 1)) else key_start


def _date_after_born(text: str, start: int) -> Optional[Tuple[int, int]]:
    """The span of the date of birth that follows ``born`` before ``start``, at once or past a
    few words in its sentence (``on``, ``in Leeds on``), or ``None``."""
    words = _BORN_WORDS.match(text, start)
    for word in _WORD_START.finditer(text, start, words.end() if words is not None else start):
        end = date_end(text, word.start())
        if end > 0:
            return word.start(), end
    return None


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
    word = _WORD_AFTER_A_STRING.match(text, closed)
    if word is None:
        return None
    begin = word.start("word")
    rest = _REST_OF_LINE.match(lines, word.end())
    end = _with_its_braces(text, begin, _trimmed(text, begin, word.end() if rest is None else rest.end()))
    name = text[key_start:at].rstrip(" \t")
    if end <= begin or _is_placeholder(text, begin, end) or text[begin:end].lower() == name.lower():
        return None
    opening = text.rfind(text[closed - quoting : closed], max(0, key_start - _COMMAND_LINE), key_start)
    if _in_prose(text, opening) and all(_PLAIN_WORD.fullmatch(value) for value in text[begin:end].split()):
        return None
    return None if _NOT_SECRET.fullmatch(text, begin, end) else (begin, end)


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


def _block_scalar(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float]
) -> Optional[Tuple[int, int]]:
    """The span of a YAML block scalar's lines if its header follows ``start`` (``password: |``),
    from the first line indented deeper than the key to the last, blank lines within; ``None``
    if no line is. ``lines``: ``text`` as written (with its escapes), where its lines break."""
    indicator = _BLOCK_INDICATOR.match(text, start)
    header = None if indicator is None else _BLOCK_HEADER_END.match(lines, indicator.end())
    return None if header is None else _lines_under(text, lines, header, key_start, deadline, items=False)


def _block_sequence(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float]
) -> Optional[Tuple[int, int]]:
    """The span of a YAML block sequence's items if the key ends its line at ``start`` and
    the next line opens one (``api_keys:\\n  - k1\\n  - k2``), from the first item's value to
    the end of the last item, up to a line no deeper than the key that is not an item; ``None``
    if none opens, or if its first item reads as prose (``- must be 8 characters``)."""
    header = _BLOCK_HEADER_END.match(lines, start)
    return None if header is None else _lines_under(text, lines, header, key_start, deadline, items=True)


def _lines_under(
    text: str, lines: str, header: Any, key_start: int, deadline: Optional[float], items: bool
) -> Optional[Tuple[int, int]]:
    """The span of the lines after ``header`` (the end of the key's line) that belong to the
    key at ``key_start``: those indented deeper than the key, blank lines within, and, for
    the ``items`` of a sequence, those at its column that open an item (``- x``)."""
    line_break = "\n" if header.group("escaped") is None else "\\n"
    line_start = lines.rfind(line_break, 0, key_start)
    before_key = text[line_start + len(line_break) if line_start >= 0 else 0 : key_start]
    if _KEY_INDENT.fullmatch(before_key) is not None:
        key_indent = len(before_key)
    else:
        key_indent = len(before_key) - len(before_key.lstrip(" \t"))
    begin = end = -1
    line = header.end()
    seen = 0
    while line < len(text):
        seen += 1
        if deadline is not None and seen % _CHECK_EVERY == 0:
            time_left(deadline)
        line_end = lines.find(line_break, line)
        if line_end < 0:
            line_end = len(text)
        content = text[line:line_end]
        indented = content.lstrip(" \t")
        visible = indented.rstrip()
        if visible:
            indent = len(content) - len(indented)
            item = items and visible[0] == "-" and visible[1:2] in ("", " ", "\t")
            if indent < key_indent or (indent == key_indent and not item):
                break
            if begin < 0:
                if items and not (item and _opens_with_a_value(visible[1:].lstrip(" \t"))):
                    return None
                begin = line_end - len(indented[1:].lstrip(" \t")) if items else line_end - len(indented)
            end = line_end - len(indented) + len(visible)
        line = line_end + len(line_break)
    return (begin, end) if begin >= 0 else None


def _plain_scalar(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float], after_a_comment: bool
) -> Optional[Tuple[int, int]]:
    """The span of a YAML plain scalar on the lines after a key that starts and ends its line
    (``password:\n  correct horse battery``), those indented deeper than the key; ``None`` if
    none is, or if the first opens a nested mapping or a sequence (``oauth:``, ``user: bob``,
    ``- must be 8 characters``), or if the key follows words (prose: "the token:"). A key
    ending its line ``after_a_comment`` may follow punctuation too (``config: password: #
    ops\n  x``: a comment is no prose's), as deep as its line."""
    if not (_starts_its_line(lines, key_start) or (after_a_comment and not _in_prose(text, key_start))):
        return None
    header = _BLOCK_HEADER_END.match(lines, start)
    span = None if header is None else _lines_under(text, lines, header, key_start, deadline, items=False)
    return None if span is None or _NESTED_NODE.match(text, span[0]) is not None else span


def _opens_with_a_value(item: str) -> bool:
    """Whether the first item of a sequence under a sensitive key holds a value, not prose:
    one word, a quoted string, or a mapping's key (``- k1``, ``- "a b"``, ``- name: x``)."""
    words = item.split(None, 1)
    return len(words) < 2 or item[0] in _QUOTES or words[0][-1] == ":"


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


def _is_metavariable(flag: str, value: str) -> bool:
    """Whether the first word of ``value`` (read after the flag named ``flag``: the value, or
    an auth scheme before it, "--token TOKEN  the token") is the flag's placeholder in a usage
    or help text, its own name in capitals as argparse writes it (``--api-key API_KEY``,
    ``--api-key=API_KEY``), or a type Click writes (``--password TEXT``): then the flag has
    no value there. Any other word in capitals may be a secret (``--token ABC1``)."""
    words = value.split(None, 1)
    name = flag.upper()
    return bool(words) and (words[0] == name or words[0] == name.replace("-", "_") or words[0] in _TYPE_PLACEHOLDERS)


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


def _is_prose_word(value: str) -> bool:
    """Whether ``value`` (read after a flag, alone: no auth scheme before it) is a word of the
    prose around the flag (:data:`_PROSE_AFTER_FLAG`), maybe ending a sentence: then the text
    speaks about the flag, which has no value there."""
    word = value.strip()
    if word[-1:] in _SENTENCE_END:  # the bare value is never empty
        word = word[:-1]
    return word in _PROSE_AFTER_FLAG


def _next_line_value(text: str, start: int, timeout: Optional[float]) -> Optional[regex.Match]:
    """The value alone on the next line, if only spaces follow ``start`` on its own line
    (``Password:\\n  hunter2``); not a key opening a nested mapping (``oauth:``), nor the
    first word of a line of prose."""
    line_end = _LINE_END.match(text, start)
    if line_end is None:
        return None
    match = _VALUE.match(text, line_end.end(), timeout=timeout)
    if match is None or _ALONE.match(text, match.end()) is None or text[match.end() - 1] == ":":
        return None
    return match


def _trimmed(text: str, begin: int, end: int) -> int:
    """``end`` before a backtick closing a code span opened before the value (```--token x`
    now``; in Markdown a single backtick closes it), and before closing brackets that close
    what the bare value did not open."""
    if text.find("`", begin + 1, end) >= 0 and text.rfind("`", 0, begin) >= 0:
        closing = _CLOSING_BACKTICK.search(text, begin + 1, end)
        if closing is not None:
            end = closing.start()
    while end > begin and text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] not in text[begin : end - 1]:
        end -= 1
    return end


def _with_its_braces(text: str, begin: int, end: int) -> int:
    """``end`` after the ``}`` that close the braces the bare value at ``begin:end`` opened
    (a shell's default, ``${POSTGRES_PASSWORD:-x}``: a bare value ends before a ``}``, which
    would be left after the marker)."""
    while text[end : end + 1] == "}" and text.count("{", begin, end) > text.count("}", begin, end):
        end += 1
    return end


def _starts_its_line(lines: str, key_start: int) -> bool:
    """Whether the key at ``key_start`` starts its line in ``lines`` (the text as written,
    where a line may break at an escaped ``\\n``), after indentation alone, or a string
    (``{'cfg': 'password: x y'}``): a line of YAML, .env or INI, whose bare value is the rest
    of the line, spaces and all."""
    if key_start > 0 and lines[key_start - 1] in _QUOTES:
        quote = key_start - 2 if lines[key_start - 2 : key_start - 1] == "\\" else key_start - 1
        return quote == 0 or lines[quote - 1] in _BEFORE_A_STRING
    line_start = _line_start(lines, key_start)
    return line_start >= 0 and _LINE_LEAD.fullmatch(lines, line_start, key_start) is not None


def _line_start(lines: str, at: int) -> int:
    """The start of the line holding ``at`` in ``lines`` (the text as written, where a line may
    break at an escaped ``\\n``), or -1 where no line break is within :data:`_MAX_INDENT` before it."""
    window = max(0, at - _MAX_INDENT)
    newline = lines.rfind("\n", window, at)
    escaped = lines.rfind("\\n", window, at)
    line_start = max(newline + 1, escaped + 2 if escaped >= 0 else 0)
    return -1 if line_start == 0 and window > 0 else line_start


def _in_prose(text: str, key_start: int) -> bool:
    """Whether the key follows a word on its line ("the token:"), not a line start or punctuation."""
    index = key_start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] == "_")
