"""Command lines: the values that commands and their flags take, read as a key's value is:

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
  the user's name where an option follows it, or where the command starts its line, a string
  or a code span, or follows a prompt, and the password ends it: ``net user bob x``, ``C:\\>
  net user bob x && ...``; not ``*``, with which net prompts),
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
  quote); not ``12:30:45``, ``a:b:c:d:e``, an IPv6 address, ``host:5432: connection refused``,
  a log line's level or timestamp first (``ERROR:2024:main:db:timeout``);
- a quoted flag and the quoted item after it in an argument list, as JSON and ``repr()``
  write one (``["mysql", "--password", "x"]``, ``Command '['psql', '--api-key', 'x']'
  returned non-zero exit status 1``) or as a log joins its items (``args: 'mysql',
  '--password', 'x'``): a flag of two characters or more after ``[``, ``(`` or ``,``, a value
  not starting with ``-``.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, List, Optional, Tuple

import regex

from otel_redact._key_values._reading import (
    _AFTER_SEPARATOR,
    _COMMAND_LINE,
    _Key,
    _MAX_ALIGNMENT,
    _MAX_INDENT,
    _MAX_KEY,
    _PREFIXED,
    _QUOTED_VALUE,
    _after_on_its_line,
    _matches_at,
    _starts_its_line,
)
from otel_redact._key_values._values import _SENTENCE_END, _SHELL_VARIABLE, _loosely_a_secret


TAKES_A_VALUE = r"(?<![-_]stdin)(?<![-_]jar)"
"""Asserted at the end of a command-line flag's name: not a flag that reads its secret from
standard input (``--password-stdin``), whose next word is no value (``registry.example.com``),
nor one naming the file a tool keeps its cookies in (``--cookie-jar cookies.txt``)."""
_TAKES_A_VALUE_HERE = regex.compile(TAKES_A_VALUE)
"""Matches where a flag's name before it takes a value (at its ``=``: not ``--cookie-jar=x``)."""
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
# Windows' "net user NAME x /add" (NET USER: Windows ignores case): the word after the user's
# name is the password where an option follows it (/add, /domain; in prose "the net user
# command lists accounts" holds none), or where the command starts its line, a string, a
# code span or a command after a prompt or shell syntax (C:\> , $ , && , ; , | ) and the
# password ends it (its line, string or code span, or the command: "&&", ";", "|"; in
# prose "Run net user bob to list the account." starts nothing); unless it is "*" (net
# prompts for it) or an option itself ("net user bob /delete"); up to the space before the
# password (the separator).
_NET_USER_WORDS = r"(?i:net)[ \t]++(?i:user)"
_NET_USER = regex.compile(
    r"(?<![\w-])(?:(?<=(?:^|[\n`\"'(>]|\\[n\"]|[$&;|][ \t])[ \t]{0,%(i)d})(?P<commanded>)|)%(c)s[ \t]++"
    r"(?:\"[^\"\r\n]{1,%(n)d}+\"|[^\s\"/]\S{0,%(n)d}+)[ \t]"
    r"(?=[ \t]{0,%(s)d}+(?:\"[^\"\r\n]{1,%(v)d}+\"|(?!\*[ \t])[^\s\"/]\S{0,%(v)d}+)[ \t]++/[A-Za-z]"
    r"|(?(commanded)[ \t]{0,%(s)d}+(?:\\?+\"[^\"\\\r\n]{1,%(v)d}+\\?+\"|(?!\*)[^\s\"'/`&;|\\][^\s\"'`&;|\\]{0,%(v)d}+)"
    r"[ \t]*+(?:$|[\r\n`\"'&;|]|\\[n\"])|(?!)))"
    % {"c": _NET_USER_WORDS, "n": _MAX_KEY, "s": _MAX_ALIGNMENT - 1, "v": 4 * _MAX_KEY, "i": _MAX_ALIGNMENT}
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
# "host:5432: connection refused", nor a host of digits alone, "10:00:00:00:00", nor a log
# line's level in capitals or an ISO timestamp's date and hour: "ERROR:2024:main:db:timeout",
# "2024-01-01T12:00:00:123:x"; a host is a name, an address, "localhost" or "*"). Read in the
# text as written, where its lines end, its escapes escaped again in a JSON string ("\\\\:").
# Inside a string (opened by a quote before the host) the password ends at its closing quote;
# on a line of its own, at a quote that may close a string around the text (a JSON string's).
_LOG_LEVELS = r"(?:TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?+|ERR(?:OR)?+|CRIT(?:ICAL)?+|SEVERE|FATAL|ALERT|EMERG|PANIC)"
"""A log level in capitals: a log line's first field ("ERROR:2024:main:db:timeout"), no .pgpass host."""
_PGPASS_CHARACTER = r"[^\s:\\%s]|\\\\?+(?![rn])\S"
_PGPASS_FIELD = r"(?:%s){1,%d}+" % (_PGPASS_CHARACTER % "", 4 * _MAX_KEY)
_PGPASS_PASSWORDS = {
    quote: regex.compile(
        r"(?![0-9]++:|%(l)s:|[0-9]{4}+-[0-9]{2}+-[0-9]{2}+T)%(f)s:(?:[0-9]{1,5}+|\*):%(f)s:%(f)s:(?P<password>(?:%(c)s){1,%(n)d}+)%(e)s"
        % {"f": _PGPASS_FIELD, "n": 4 * _MAX_KEY, "c": character, "e": end, "l": _LOG_LEVELS}
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
# A writer and its flags right before a string it prints ("echo -n ", "printf "): the words
# after that string are printed after it, as its arguments.
_WRITER_BEFORE = regex.compile(r"(?<![\w-])(?:echo(?:[ \t]++-[neE]{1,3}+)*+|printf)[ \t]++\Z")
_WRITER_WINDOW = 16
"""Characters before a string that its writer and the writer's flags take (``echo -n -e ``)."""
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
USER_KEY = regex.compile(_USER_NAME_KEY)
"""A key of a user's name (as :data:`_USER_NAMED` reads it in text; ``fullmatch`` it): beside
one in a mapping, a ``pass`` key names the password (``{"user": "bob", "pass": "hunter"}``),
whatever its value looks like."""


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
    """Whether ``text`` may hold Windows' ``net user NAME x /add`` (:data:`_NET_USER`): its
    words in lower case, and, where its option's slash is (a ``memchr``), as they are also
    written; ``net user NAME x`` with no option after it in lower case only (one search)."""
    return "et user" in text or ("/" in text and ("ET USER" in text or "et User" in text))


def _writes_its_string(text: str, opening: int) -> bool:
    """Whether the string whose quote opens at ``opening`` is what ``echo`` or ``printf`` (after
    its flags) writes: the word after it is written after it (``echo "password: " x``), no prose."""
    return _WRITER_BEFORE.search(text, max(0, opening - _WRITER_WINDOW), opening) is not None


def _sets_a_rabbitmq_password(text: str) -> bool:
    """Whether ``text`` may hold a password set by ``rabbitmqctl`` (:data:`_RABBITMQ_USER`): a
    ``memchr`` of the ``_`` in its commands' names first, then one search of its name."""
    return "_" in text and "rabbitmqctl" in text


def _lists_a_netrc(text: str) -> bool:
    """Whether ``text``, which holds :data:`_PASSWORD_WORD` (the entry's longest word: ``in``
    skips further through text lacking it, 0.8 against 1 microsecond for ``login`` on 2.4 KB),
    may hold a .netrc entry (:data:`_NETRC_PASSWORD`): a search of ``login`` and of the words
    that open an entry."""
    return "login" in text and ("machine" in text or "default" in text)


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


def _may_quote_a_flag(text: str) -> bool:
    """Whether a quote may open a flag in ``text`` ("- or '-): a ``memchr`` for each quote
    rules out most text, which holds none."""
    return ("'" in text and "'-" in text) or ('"' in text and '"-' in text)


def _is_metavariable(flag: str, value: str) -> bool:
    """Whether the first word of ``value`` (read after the flag named ``flag``: the value, or
    an auth scheme before it, "--token TOKEN  the token") is the flag's placeholder in a usage
    or help text, its own name in capitals as argparse writes it (``--api-key API_KEY``,
    ``--api-key=API_KEY``), or a type Click writes (``--password TEXT``): then the flag has
    no value there. Any other word in capitals may be a secret (``--token ABC1``)."""
    words = value.split(None, 1)
    name = flag.upper()
    return bool(words) and (words[0] == name or words[0] == name.replace("-", "_") or words[0] in _TYPE_PLACEHOLDERS)


def _is_prose_word(value: str) -> bool:
    """Whether ``value`` (read after a flag, alone: no auth scheme before it) is a word of the
    prose around the flag (:data:`_PROSE_AFTER_FLAG`), maybe ending a sentence: then the text
    speaks about the flag, which has no value there."""
    word = value.strip()
    if word[-1:] in _SENTENCE_END:  # the bare value is never empty
        word = word[:-1]
    return word in _PROSE_AFTER_FLAG
