"""Values of sensitive keys in text that is not JSON: cut-short JSON, Python reprs, YAML, logs."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import create_anonymizer, pii_filter
from otel_redact._anonymizer import _JSON_KEY, _LETTER_ESCAPES, TextRedactor
from otel_redact._key_values import KeyValueFinder
from otel_redact._keys import KeyMatcher
from tests.attribute_changes import changes

SECRET = "hunter2"

# (text holding the secret, the text as redacted): only the value goes, the key stays.
POSITIVE = [
    ('{"password": "hunter2", "user": "bob', '{"password": "<SENSITIVE_KEY>", "user": "bob'),
    ('{"password": "hunter2', '{"password": "<SENSITIVE_KEY>'),  # cut inside the value
    ("{'password': 'hunter2', 'n': 1}", "{'password': '<SENSITIVE_KEY>', 'n': 1}"),
    ("{'password': b'hunter2'}", "{'password': b'<SENSITIVE_KEY>'}"),
    ('the request was {"api_key": "hunter2" and then', 'the request was {"api_key": "<SENSITIVE_KEY>" and then'),
    ("password: hunter2", "password: <SENSITIVE_KEY>"),
    ("db:\n  user: app\n  password: hunter2\n", "db:\n  user: app\n  password: <SENSITIVE_KEY>\n"),
    ("token=hunter2", "token=<SENSITIVE_KEY>"),
    # a key starting its line takes the rest of it, as .env and INI files do: prose there goes too (fail closed)
    ("password=in the dark of night", "password=<SENSITIVE_KEY>"),
    ("token=abc retrying in 5s", "token=<SENSITIVE_KEY>"),
    ("login user=bob token=hunter2 ok", "login user=bob token=<SENSITIVE_KEY> ok"),
    ('"Authorization": "Basic hunter2"', '"Authorization": "<SENSITIVE_KEY>"'),
    ("X-Auth-Token: hunter2-abc", "X-Auth-Token: <SENSITIVE_KEY>"),
    ("Config(secret=hunter2)", "Config(secret=<SENSITIVE_KEY>)"),
    ("'secret' => 'hunter2'", "'secret' => '<SENSITIVE_KEY>'"),
    ('{\\"password\\": \\"hunter2\\"}', '{\\"password\\": \\"<SENSITIVE_KEY>\\"}'),  # JSON inside a JSON string
    ('{"credentials": {"user": "bob", "key": "hunter2"}, "n": 1', '{"credentials": <SENSITIVE_KEY>, "n": 1'),
    ('{"credentials": {"user": "bob", "key": "hunter2"', '{"credentials": <SENSITIVE_KEY>'),  # cut short: to the end
    ("user: bob, password: hunter2", "user: bob, password: <SENSITIVE_KEY>"),
    ("Using token: hunter2", "Using token: <SENSITIVE_KEY>"),  # in prose, a credential-shaped value
    ("Using token: hunter2 to log in", "Using token: <SENSITIVE_KEY> to log in"),  # in prose: one word
    # an auth scheme's auth-params under any sensitive key, as a Digest header writes them
    ('auth_header=Digest username="bob", realm="x", nonce="dcd98b", response="hunter2" ok',
     "auth_header=Digest <SENSITIVE_KEY> ok"),
    ('x proxy_auth: Digest username="bob", response=hunter2, qop=auth', "x proxy_auth: Digest <SENSITIVE_KEY>"),
    ('{"h": "x auth_header=Digest username=\\"bob\\", response=\\"hunter2\\"", "n": 1',  # JSON cut short
     '{"h": "x auth_header=Digest <SENSITIVE_KEY>", "n": 1'),
    ('x auth: Digest response="hunter2" then', "x auth: Digest <SENSITIVE_KEY> then"),
    # a key starting its line: its bare value is the rest of the line, up to a comment or the next pair
    ("password: correct horse hunter2", "password: <SENSITIVE_KEY>"),
    ("db:\n  password: correct hunter2 # rotated\n  user: bob", "db:\n  password: <SENSITIVE_KEY> # rotated\n  user: bob"),
    ("export API_KEY=correct horse hunter2\nPORT=80", "export API_KEY=<SENSITIVE_KEY>\nPORT=80"),
    ("- token: correct horse, hunter2 staple\r\n", "- token: <SENSITIVE_KEY>\r\n"),
    ("password: correct hunter2, user: bob", "password: <SENSITIVE_KEY>, user: bob"),
    ("password=correct hunter2 user=bob", "password=<SENSITIVE_KEY> user=bob"),
    ("{'cfg': 'password: correct hunter2\\nuser: bob'}", "{'cfg': 'password: <SENSITIVE_KEY>\\nuser: bob'}"),  # repr()
    ("app --password=hunter2 --verbose", "app --password=<SENSITIVE_KEY> --verbose"),  # command-line flags
    ("java -Dpassword=hunter2 -jar a.jar", "java -Dpassword=<SENSITIVE_KEY> -jar a.jar"),
    ("User:        bob\nPassword:    hunter2", "User:        bob\nPassword:    <SENSITIVE_KEY>"),  # aligned columns
    ("password:\t\t\thunter2", "password:\t\t\t<SENSITIVE_KEY>"),
    ("password     : hunter2", "password     : <SENSITIVE_KEY>"),  # INI and .env columns
    ("password:\u00a0hunter2", "password:\u00a0<SENSITIVE_KEY>"),  # a no-break space
    ("config['password'] = 'hunter2'", "config['password'] = '<SENSITIVE_KEY>'"),  # a subscript
    ('os.environ["OPENAI_API_KEY"] = "hunter2"', 'os.environ["OPENAI_API_KEY"] = "<SENSITIVE_KEY>"'),
    ('api_key := "hunter2"', 'api_key := "<SENSITIVE_KEY>"'),  # Go's ":="
    ("\tapiKey:=`hunter2`", "\tapiKey:=<SENSITIVE_KEY>"),
    # a call or subscript taking a string literal: the literal, unless it names a variable
    ('apiKey := string("hunter2")', 'apiKey := string("<SENSITIVE_KEY>")'),
    ("api_key = SecretStr('hunter2')", "api_key = SecretStr('<SENSITIVE_KEY>')"),
    ('token = base64.b64decode( b"hunter2" )', 'token = base64.b64decode( b"<SENSITIVE_KEY>" )'),
    ('{"c": "api_key = Secret(\\"hunter2\\")"}', '{"c": "api_key = Secret(\\"<SENSITIVE_KEY>\\")"}'),
    ("token=hunter2(", "token=<SENSITIVE_KEY>"),  # no string after it: a word ending in "("
    ('token = get_token("hunter2")', 'token = get_token("<SENSITIVE_KEY>")'),  # an unknown call: its literal
    # a call asking for the secret: a string given as its default or joined to its answer
    ('token = getpass("Token: ") + "hunter2"', 'token = getpass("Token: ") + "<SENSITIVE_KEY>"'),
    ('x = getpass(prompt="Token: ") or "hunter2"', 'x = getpass(prompt="Token: ") or "<SENSITIVE_KEY>"'),
    # any prefix of a Python string literal: f-strings, raw bytes in either order and case
    ('headers={"Authorization": f"Bearer hunter2"}', 'headers={"Authorization": f"<SENSITIVE_KEY>"}'),
    ('api_key = f"hunter2"', 'api_key = f"<SENSITIVE_KEY>"'),
    ("token=f'hunter2'", "token=f'<SENSITIVE_KEY>'"),
    ('secret: f"{x}hunter2"', 'secret: f"<SENSITIVE_KEY>"'),
    ('api_key = Rb"hunter2"', 'api_key = Rb"<SENSITIVE_KEY>"'),
    ("api_key = fR'hunter2'", "api_key = fR'<SENSITIVE_KEY>'"),
    ('api_key = SecretStr(rf"hunter2")', 'api_key = SecretStr(rf"<SENSITIVE_KEY>")'),
    ('api_key = getpass() or f"hunter2"', 'api_key = getpass() or f"<SENSITIVE_KEY>"'),
    # a tuple or a list after a sensitive key: all of it, to its closing bracket
    ('requests.get(url, auth=("bob", "hunter2"))', "requests.get(url, auth=<SENSITIVE_KEY>)"),
    ("auth=('bob','hunter2')", "auth=<SENSITIVE_KEY>"),
    ('token = ("hunter2",)\nnext = 1', "token = <SENSITIVE_KEY>\nnext = 1"),
    ('credentials = ["bob", "hunter2"]', "credentials = <SENSITIVE_KEY>"),
    ('f(auth=("bob", "hunter2"), timeout=3)', "f(auth=<SENSITIVE_KEY>, timeout=3)"),
    ('auth=("bob", "hunter2', "auth=<SENSITIVE_KEY>"),  # cut short: to the end
    # a basic-auth constructor's second positional argument
    ('HTTPBasicAuth("bob", "hunter2")', 'HTTPBasicAuth("bob", "<SENSITIVE_KEY>")'),
    ("basic = requests.auth.HTTPBasicAuth(user, 'hunter2')", "basic = requests.auth.HTTPBasicAuth(user, '<SENSITIVE_KEY>')"),
    ('aiohttp.BasicAuth("bob", "hunter2", encoding="utf-8")', 'aiohttp.BasicAuth("bob", "<SENSITIVE_KEY>", encoding="utf-8")'),
    ('httpx.BasicAuth(\n    "bob",\n    f"hunter2",\n)', 'httpx.BasicAuth(\n    "bob",\n    f"<SENSITIVE_KEY>",\n)'),
    # a command-line flag and its value apart
    ("app --password hunter2 --verbose", "app --password <SENSITIVE_KEY> --verbose"),
    ("curl --token hunter2-abc", "curl --token <SENSITIVE_KEY>"),
    ("mysql --password 'hunter2!' -u root", "mysql --password '<SENSITIVE_KEY>' -u root"),
    ('run -token   "hunter2 x"', 'run -token   "<SENSITIVE_KEY>"'),  # one dash, aligned
    ('"--api-key hunter2"', '"--api-key <SENSITIVE_KEY>"'),
    # a closing backtick of a code span ends the value (not one inside it, when followed by a letter)
    ("run `mysql --password hunter2` now", "run `mysql --password <SENSITIVE_KEY>` now"),
    ("run `mysql --password hunter2`.", "run `mysql --password <SENSITIVE_KEY>`."),
    ("set `token=hunter2` first", "set `token=<SENSITIVE_KEY>` first"),
    ("set `password: hunter2` first", "set `password: <SENSITIVE_KEY>` first"),
    ("run `mysql --password hunter2`` now", "run `mysql --password <SENSITIVE_KEY>`` now"),
    ("`ls` then --password hunter2`x", "`ls` then --password <SENSITIVE_KEY>"),
    ("--password hunter2`", "--password <SENSITIVE_KEY>"),  # no code span open: a backtick of the value
    # a flag opening a code span, or a bracket
    ("run `--password hunter2` now", "run `--password <SENSITIVE_KEY>` now"),
    ("run ``--password hunter2`` now", "run ``--password <SENSITIVE_KEY>`` now"),
    ("(--token hunter2)", "(--token <SENSITIVE_KEY>)"),
    ("[-token hunter2]", "[-token <SENSITIVE_KEY>]"),
    ("{--api-key hunter2}", "{--api-key <SENSITIVE_KEY>}"),
    # a sensitive flag's value goes, whatever it holds, as --password-file=/run/x already did
    ("app --password-file /run/hunter2", "app --password-file <SENSITIVE_KEY>"),
    # a word in capitals other than the flag's own name may be a secret
    ("tool --token HUNTER2ABC", "tool --token <SENSITIVE_KEY>"),
    ("tool --password PASSWORDS", "tool --password <SENSITIVE_KEY>"),
    ("tool --password Password", "tool --password <SENSITIVE_KEY>"),
    # a word of prose only in lower case and letters: in capitals, or with digits or symbols, a value
    ("mysql --password When2024!", "mysql --password <SENSITIVE_KEY>"),
    ("tool --password Flag", "tool --password <SENSITIVE_KEY>"),
    ("tool --token THE", "tool --token <SENSITIVE_KEY>"),
    ("tool --token when2", "tool --token <SENSITIVE_KEY>"),
    ("tool --token to!!", "tool --token <SENSITIVE_KEY>"),
    ("tool --token a_b", "tool --token <SENSITIVE_KEY>"),
    ("tool --password flagpole", "tool --password <SENSITIVE_KEY>"),  # a longer word
    ("tool --token Bearer when", "tool --token Bearer <SENSITIVE_KEY>"),  # after an auth scheme
    ("tool --password=PASSWORD1", "tool --password=<SENSITIVE_KEY>"),  # not the flag's own name
    ("x db_password=DB_PASSWORD", "x db_password=<SENSITIVE_KEY>"),  # not a flag: a value
    ("tool --token TEXT2", "tool --token <SENSITIVE_KEY>"),
    ("curl --cookie sid=hunter2", "curl --cookie <SENSITIVE_KEY>"),
    # the value alone on the line after its key
    ("Password:\n  hunter2", "Password:\n  <SENSITIVE_KEY>"),
    ("user: bob\napi_key:\t\n\thunter2\nport: 80", "user: bob\napi_key:\t\n\t<SENSITIVE_KEY>\nport: 80"),
    ("password:\r\n  'hunter2'\r\n", "password:\r\n  '<SENSITIVE_KEY>'\r\n"),
    ("X-Auth-Token:\n  Bearer hunter2", "X-Auth-Token:\n  Bearer <SENSITIVE_KEY>"),  # after a scheme
    # a YAML plain scalar on the lines after a key starting its line, deeper than the key
    ("password:\n  correct horse hunter2\nuser: bob", "password:\n  <SENSITIVE_KEY>\nuser: bob"),
    ("  token:\n    correct horse\n    hunter2 staple\n  port: 80", "  token:\n    <SENSITIVE_KEY>\n  port: 80"),
    ("{'cfg': 'password:\\n  correct hunter2\\nuser: bob'}", "{'cfg': 'password:\\n  <SENSITIVE_KEY>\\nuser: bob'}"),
    ("password: # set by ops\n  hunter2\nuser: bob", "password: # set by ops\n  <SENSITIVE_KEY>\nuser: bob"),  # a comment
    ("{'cfg': 'token: # ops\\n  hunter2\\nuser: bob'}", "{'cfg': 'token: # ops\\n  <SENSITIVE_KEY>\\nuser: bob'}"),
    ("password: #hunter2\nuser: bob", "password: <SENSITIVE_KEY>\nuser: bob"),  # "#" and a word: maybe a secret
    # after a comment, a key after punctuation too: as deep as its line
    ("config: password: # ops\n  hunter2\nuser: bob", "config: password: # ops\n  <SENSITIVE_KEY>\nuser: bob"),
    ("{'cfg': 'db: 1, token: # ops\\n  hunter2\\nuser: bob'}", "{'cfg': 'db: 1, token: # ops\\n  <SENSITIVE_KEY>\\nuser: bob'}"),
    # a YAML block scalar: its lines, up to the first no deeper than the key
    ("config:\n  password: |\n    hunter2\n  user: bob\n", "config:\n  password: |\n    <SENSITIVE_KEY>\n  user: bob\n"),
    ("password: >\n  hunter2\n  more\nuser: bob", "password: >\n  <SENSITIVE_KEY>\nuser: bob"),
    ("password: |-\n  hunter2\n\n  x\n\nuser: bob", "password: |-\n  <SENSITIVE_KEY>\n\nuser: bob"),  # blank lines inside
    ("password: >+\n  hunter2\n", "password: >+\n  <SENSITIVE_KEY>\n"),
    ("token: |2- # rotated\r\n    hunter2\r\nport: 80\r\n", "token: |2- # rotated\r\n    <SENSITIVE_KEY>\r\nport: 80\r\n"),
    ("- name: a\n  secret: |\n    hunter2\n  port: 80", "- name: a\n  secret: |\n    <SENSITIVE_KEY>\n  port: 80"),
    ("- secret: |\n    hunter2\n  port: 80", "- secret: |\n    <SENSITIVE_KEY>\n  port: 80"),  # a key after "- "
    ("password: |\n  hunter2", "password: |\n  <SENSITIVE_KEY>"),  # the text ends in the block
    ("password:\u00a0|\n  hunter2\nuser: bob", "password:\u00a0|\n  <SENSITIVE_KEY>\nuser: bob"),
    ("{'cfg': 'password: |\\n  hunter2\\n  x\\nuser: bob'}", "{'cfg': 'password: |\\n  <SENSITIVE_KEY>\\nuser: bob'}"),  # repr()
    ('{"cfg": "password: |\\n  hunter2', '{"cfg": "password: |\\n  <SENSITIVE_KEY>'),  # JSON cut short
    # a YAML sequence under a sensitive key: its items, up to a line no deeper than the key
    ("api_keys:\n  - hunter2\n  - k2\nother: 1", "api_keys:\n  - <SENSITIVE_KEY>\nother: 1"),
    ("passwords:\n- hunter2\n- k2\n", "passwords:\n- <SENSITIVE_KEY>\n"),  # items at the key's column
    ("- api_keys: # rotated\n  - hunter2\n\n  - k2\n- x: 1", "- api_keys: # rotated\n  - <SENSITIVE_KEY>\n- x: 1"),
    ("credentials:\n  - user: bob\n    key: hunter2\n", "credentials:\n  - <SENSITIVE_KEY>\n"),  # mappings
    ("{'cfg': 'api_keys:\\n  - k1\\n  - hunter2\\nn: 1'}", "{'cfg': 'api_keys:\\n  - <SENSITIVE_KEY>\\nn: 1'}"),  # repr()
    # header lists: a pair in a tuple, or in a list inside a list
    ("[(b'authorization', b'Token hunter2')]", "[(b'authorization', b'<SENSITIVE_KEY>')]"),
    ('("Authorization", "Bearer hunter2")', '("Authorization", "<SENSITIVE_KEY>")'),
    ('[["x-api-key", "hunter2"]]', '[["x-api-key", "<SENSITIVE_KEY>"]]'),  # JSON
    ('{"headers": [["Accept", "*/*"], ["Cookie", "hunter2"]]}', '{"headers": [["Accept", "*/*"], ["Cookie", "<SENSITIVE_KEY>"]]}'),
    ("{'headers': [['Cookie', 'hunter2']]", "{'headers': [['Cookie', '<SENSITIVE_KEY>']]"),
    ('[[\\"x-api-key\\", \\"hunter2\\"]]', '[[\\"x-api-key\\", \\"<SENSITIVE_KEY>\\"]]'),  # inside a JSON string
    ('[\n  [\n    "x-api-key",\n    "hunter2"\n  ]\n]', '[\n  [\n    "x-api-key",\n    "<SENSITIVE_KEY>"\n  ]\n]'),
    ('[("authorization", "Token hunter2', '[("authorization", "<SENSITIVE_KEY>'),  # cut short
    ('req.add_header("Authorization", "Basic hunter2")', 'req.add_header("Authorization", "<SENSITIVE_KEY>")'),
    ('s.replace("password", "hunter2")', 's.replace("password", "<SENSITIVE_KEY>")'),  # a value naming no key
    # a call setting what its first argument names: its value is the next, whatever follows
    ('[Environment]::SetEnvironmentVariable("API_KEY", "hunter2", "User")',
     '[Environment]::SetEnvironmentVariable("API_KEY", "<SENSITIVE_KEY>", "User")'),
    ("setenv('DB_PASSWORD', 'hunter2', 1)", "setenv('DB_PASSWORD', '<SENSITIVE_KEY>', 1)"),
    ('os.getenv("DB_PASSWORD","hunter2")', 'os.getenv("DB_PASSWORD","<SENSITIVE_KEY>")'),  # a default, no space
    # a JavaScript default after a read of an environment variable
    ('const pw = process.env.DB_PASSWORD || "hunter2";', 'const pw = process.env.DB_PASSWORD || "<SENSITIVE_KEY>";'),
    ("process.env.API_KEY ?? 'hunter2'", "process.env.API_KEY ?? '<SENSITIVE_KEY>'"),
    ('process.env["API_KEY"]||"hunter2"', 'process.env["API_KEY"]||"<SENSITIVE_KEY>"'),
    ('{"code": "k = process.env.API_KEY ?? \\"hunter2\\";"}', '{"code": "k = process.env.API_KEY ?? \\"<SENSITIVE_KEY>\\";"}'),
    # the same default in other languages, with an operator, a block or a keyword argument
    ('os.getenv("API_KEY") or "hunter2"', 'os.getenv("API_KEY") or "<SENSITIVE_KEY>"'),
    ("os.environ.get('API_TOKEN') or 'hunter2'", "os.environ.get('API_TOKEN') or '<SENSITIVE_KEY>'"),
    ('ENV["API_KEY"] || "hunter2"', 'ENV["API_KEY"] || "<SENSITIVE_KEY>"'),  # Ruby
    ('ENV.fetch("API_KEY") { "hunter2" }', 'ENV.fetch("API_KEY") { "<SENSITIVE_KEY>" }'),
    ('import.meta.env.VITE_API_KEY || "hunter2"', 'import.meta.env.VITE_API_KEY || "<SENSITIVE_KEY>"'),
    ('Deno.env.get("API_KEY") ?? "hunter2"', 'Deno.env.get("API_KEY") ?? "<SENSITIVE_KEY>"'),
    ('Environment.GetEnvironmentVariable("API_KEY") ?? "hunter2"',
     'Environment.GetEnvironmentVariable("API_KEY") ?? "<SENSITIVE_KEY>"'),  # C#
    ("$key = getenv('API_KEY') ?: 'hunter2';", "$key = getenv('API_KEY') ?: '<SENSITIVE_KEY>';"),  # PHP
    ("$key = $_ENV['API_KEY'] ?? 'hunter2';", "$key = $_ENV['API_KEY'] ?? '<SENSITIVE_KEY>';"),
    # Python's "or" after a subscript: no "|", "?" or "(" in the text
    ('os.environ["API_KEY"] or "hunter2"', 'os.environ["API_KEY"] or "<SENSITIVE_KEY>"'),
    ("os.environ['DB_PASSWORD'] or 'hunter2'", "os.environ['DB_PASSWORD'] or '<SENSITIVE_KEY>'"),
    ('env("API_KEY", default="hunter2")', 'env("API_KEY", default="<SENSITIVE_KEY>")'),  # django-environ
    ("x = env.str('API_KEY', default='hunter2')", "x = env.str('API_KEY', default='<SENSITIVE_KEY>')"),
    # a shell's default in docker-compose: the braces it opens close in the value
    ("POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-hunter2}", "POSTGRES_PASSWORD=<SENSITIVE_KEY>"),
    ("    - DB_PASSWORD=${DB_PASSWORD:-${FALLBACK:-hunter2}}\n    - PGDATA=/data", "    - DB_PASSWORD=<SENSITIVE_KEY>\n    - PGDATA=/data"),
    ("environment: {password: hunter2}", "environment: {password: <SENSITIVE_KEY>}"),  # not a brace it did not open
    # a default inside a variable reference is the secret: the reference goes whole
    ("password: ${X:=hunter2}", "password: <SENSITIVE_KEY>"),
    ("API_KEY=${X-hunter2}", "API_KEY=<SENSITIVE_KEY>"),
    ("api_key=$ecr3t!x", "api_key=<SENSITIVE_KEY>"),  # a password starting with "$", not a name
    # a secret glued to a reference: no placeholder, the value runs on past the brace
    ("password: ${DB_PASSWORD}S3cr3t", "password: <SENSITIVE_KEY>"),
    ("  token: ${TOKEN}x9Fq2Lm, next: 1", "  token: <SENSITIVE_KEY>, next: 1"),
    ("api_key=$ecr3tPa55", "api_key=<SENSITIVE_KEY>"),  # nor one in an environment variable's capitals
    ("password: {{ .Values.password | default \"hunter2\" }}", "password: <SENSITIVE_KEY>"),  # a filter's default
    ("token=<hunter2>", "token=<SENSITIVE_KEY>"),  # a digit: no usage text's word
    # a quoted value holding more than a reference, or a shell's variable in single quotes
    ('password: "${DB_PASSWORD}hunter2"', 'password: "<SENSITIVE_KEY>"'),
    ("password: 'hunter2${DB_PASSWORD}'", "password: '<SENSITIVE_KEY>'"),
    ('password: "${DB_PASSWORD:-hunter2}"', 'password: "<SENSITIVE_KEY>"'),
    ("password: '$DB_PASSWORD'", "password: '<SENSITIVE_KEY>'"),  # single quotes keep "$" as written
    ("password: '$x'", "password: '<SENSITIVE_KEY>'"),
    ('password: "{{ .Values.password | default \'hunter2\' }}"', 'password: "<SENSITIVE_KEY>"'),
    # a dotted call opened as a bare value is code: its literal argument is the value
    ('auth=requests.auth.HTTPBasicAuth(user, "hunter2")', 'auth=requests.auth.HTTPBasicAuth(user, "<SENSITIVE_KEY>")'),
    # so is an undotted one: its string literals after arguments naming variables are the value
    ("auth=HTTPBasicAuth(user, 'hunter2')", "auth=HTTPBasicAuth(user, '<SENSITIVE_KEY>')"),
    ("r = get(url, auth=HTTPBasicAuth(user, 'hunter2'))", "r = get(url, auth=HTTPBasicAuth(user, '<SENSITIVE_KEY>'))"),
    ("auth=Auth(user, 'hunter2')", "auth=Auth(user, '<SENSITIVE_KEY>')"),
    ('auth=requests.auth.HTTPDigestAuth(user, "hunter2")', 'auth=requests.auth.HTTPDigestAuth(user, "<SENSITIVE_KEY>")'),
    ("token=Token('hunter2')", "token=Token('<SENSITIVE_KEY>')"),
    # several literals: a plain name first, then a secret: the name stays (unsure: from the first to the last)
    ("credentials=Creds('bob', 'hunter2')", "credentials=Creds('bob', '<SENSITIVE_KEY>')"),
    ('auth=Auth("bob", get(realm), "hunter2")', 'auth=Auth("bob", get(realm), "<SENSITIVE_KEY>")'),
    # a keyword argument after it is no positional literal: its own key says what it holds
    ('auth=BasicAuth(user, "hunter2", encoding="latin1")', 'auth=BasicAuth(user, "<SENSITIVE_KEY>", encoding="latin1")'),
    ("token = Token(\n    user,\n    'hunter2',\n)", "token = Token(\n    user,\n    '<SENSITIVE_KEY>',\n)"),
    # SQL setting a password: a literal after PASSWORD or IDENTIFIED BY, in any case
    ("ALTER USER bob WITH PASSWORD 'hunter2';", "ALTER USER bob WITH PASSWORD '<SENSITIVE_KEY>';"),
    ("CREATE ROLE app LOGIN PASSWORD 'hunter2'", "CREATE ROLE app LOGIN PASSWORD '<SENSITIVE_KEY>'"),
    ("ALTER ROLE app ENCRYPTED PASSWORD 'hunter2'", "ALTER ROLE app ENCRYPTED PASSWORD '<SENSITIVE_KEY>'"),
    ("alter user bob with password 'hunter2'", "alter user bob with password '<SENSITIVE_KEY>'"),
    ("CREATE USER bob\n  WITH PASSWORD 'hunter2'", "CREATE USER bob\n  WITH PASSWORD '<SENSITIVE_KEY>'"),
    ("CREATE USER 'bob'@'%' IDENTIFIED BY 'hunter2';", "CREATE USER 'bob'@'%' IDENTIFIED BY '<SENSITIVE_KEY>';"),
    ("GRANT ALL ON db.* TO 'bob'@'%' identified by 'hunter2'", "GRANT ALL ON db.* TO 'bob'@'%' identified by '<SENSITIVE_KEY>'"),
    ("ALTER USER 'bob'@'%' IDENTIFIED WITH mysql_native_password BY 'hunter2'",
     "ALTER USER 'bob'@'%' IDENTIFIED WITH mysql_native_password BY '<SENSITIVE_KEY>'"),
    ("ALTER USER scott IDENTIFIED BY hunter2;", "ALTER USER scott IDENTIFIED BY <SENSITIVE_KEY>;"),  # Oracle
    ('CREATE USER scott IDENTIFIED BY "hunter2"', 'CREATE USER scott IDENTIFIED BY "<SENSITIVE_KEY>"'),
    ("ALTER USER scott IDENTIFIED BY VALUES 'S:hunter2'", "ALTER USER scott IDENTIFIED BY VALUES '<SENSITIVE_KEY>'"),
    ("SET PASSWORD FOR 'bob'@'%' = 'hunter2'", "SET PASSWORD FOR 'bob'@'%' = '<SENSITIVE_KEY>'"),
    ("SET PASSWORD FOR bob = PASSWORD('hunter2')", "SET PASSWORD FOR bob = PASSWORD('<SENSITIVE_KEY>')"),  # MySQL 5
    ("set password for bob = 'hunter2'", "set password for bob = '<SENSITIVE_KEY>'"),
    # after a sensitive key: what its value reads by a variable's name, or from a prompt
    ('api_key = os.getenv("API_KEY") or "hunter2"', 'api_key = os.getenv("API_KEY") or "<SENSITIVE_KEY>"'),
    ('SECRET_KEY = os.environ["SECRET_KEY"] or "hunter2"', 'SECRET_KEY = os.environ["SECRET_KEY"] or "<SENSITIVE_KEY>"'),
    ('token = input() or "hunter2"', 'token = input() or "<SENSITIVE_KEY>"'),
    ('token = read_token("Token: ") or "hunter2"', 'token = read_token("<SENSITIVE_KEY>"'),  # the prompt to the default
    ('cache.set( b"api_key" , b"hunter2", timeout=60)', 'cache.set( b"api_key" , b"<SENSITIVE_KEY>", timeout=60)'),
    ("Credentials:\n- hunter2secret", "Credentials:\n- <SENSITIVE_KEY>"),  # a one-token item under a heading
    # spaces before the comma, as hand-written lists and comma-first layouts put them
    ("[ ( 'authorization' , 'Bearer hunter2' ) ]", "[ ( 'authorization' , '<SENSITIVE_KEY>' ) ]"),
    ('[ [ "x-api-key" , "hunter2" ] ]', '[ [ "x-api-key" , "<SENSITIVE_KEY>" ] ]'),  # JSON
    ("[ ( 'authorization'\n  , 'Bearer hunter2'\n  )\n]", "[ ( 'authorization'\n  , '<SENSITIVE_KEY>'\n  )\n]"),
    # argument lists: a quoted flag, then its value as the next item
    ('["mysql", "--password", "hunter2", "shop"]', '["mysql", "--password", "<SENSITIVE_KEY>", "shop"]'),  # JSON
    ("Command '['psql', '--api-key', 'hunter2']' returned non-zero exit status 1.",  # a CalledProcessError
     "Command '['psql', '--api-key', '<SENSITIVE_KEY>']' returned non-zero exit status 1."),
    ("(b'-token', b'hunter2')", "(b'-token', b'<SENSITIVE_KEY>')"),
    ('[\\"app\\", \\"--password\\", \\"hunter2\\"]', '[\\"app\\", \\"--password\\", \\"<SENSITIVE_KEY>\\"]'),  # in a JSON string
    ('[\n  "app",\n  "--password",\n  "hunter2"\n]', '[\n  "app",\n  "--password",\n  "<SENSITIVE_KEY>"\n]'),
    ('["mysql", "--password", "hunter2', '["mysql", "--password", "<SENSITIVE_KEY>'),  # cut short
    ("[ 'mysql' , '--password' , 'hunter2' ]", "[ 'mysql' , '--password' , '<SENSITIVE_KEY>' ]"),
    # an argument list without brackets, as a log joins its items
    ("args: 'mysql', '--password', 'hunter2'", "args: 'mysql', '--password', '<SENSITIVE_KEY>'"),
    ('args: "mysql", "--api-key", "hunter2", "shop"', 'args: "mysql", "--api-key", "<SENSITIVE_KEY>", "shop"'),
    # a command setting a setting to the value after its name
    ("aws configure set aws_secret_access_key hunter2/K7MDENG", "aws configure set aws_secret_access_key <SENSITIVE_KEY>"),
    ("$ aws configure set aws_access_key_id hunter2 --profile dev", "$ aws configure set aws_access_key_id <SENSITIVE_KEY> --profile dev"),
    ("git config --global credential.token hunter2", "git config --global credential.token <SENSITIVE_KEY>"),
    ("npm config set _authToken hunter2", "npm config set _authToken <SENSITIVE_KEY>"),
    ("npm config set //registry.npmjs.org/:_authToken hunter2", "npm config set //registry.npmjs.org/:_authToken <SENSITIVE_KEY>"),
    ("setx OPENAI_API_KEY hunter2-abcdef", "setx OPENAI_API_KEY <SENSITIVE_KEY>"),  # Windows
    ("setx /M DB_PASSWORD hunter2secret", "setx /M DB_PASSWORD <SENSITIVE_KEY>"),
    ('setx DB_PASSWORD "hunter2 x" /M', 'setx DB_PASSWORD "<SENSITIVE_KEY>" /M'),
    ("SETX API_KEY hunter2", "SETX API_KEY <SENSITIVE_KEY>"),  # Windows ignores case
    ("Setx /M DB_PASSWORD hunter2", "Setx /M DB_PASSWORD <SENSITIVE_KEY>"),
    ("SetX API_KEY hunter2", "SetX API_KEY <SENSITIVE_KEY>"),
    ("CONFIG SET requirepass hunter2", "CONFIG SET requirepass <SENSITIVE_KEY>"),  # Redis
    ("redis-server --requirepass hunter2", "redis-server --requirepass <SENSITIVE_KEY>"),
    # a line setting a setting to the word after its name: redis.conf, fish, a Dockerfile's legacy ENV
    ("# redis.conf\nrequirepass hunter2\nport 6379", "# redis.conf\nrequirepass <SENSITIVE_KEY>\nport 6379"),
    ("masterauth hunter2", "masterauth <SENSITIVE_KEY>"),
    ("set -x API_KEY hunter2", "set -x API_KEY <SENSITIVE_KEY>"),
    ("  set -gx DB_PASSWORD 'hunter2 x'", "  set -gx DB_PASSWORD '<SENSITIVE_KEY>'"),
    ("FROM alpine\nENV API_KEY hunter2\nRUN make", "FROM alpine\nENV API_KEY <SENSITIVE_KEY>\nRUN make"),
    ("{'dockerfile': 'FROM x\\nENV API_KEY hunter2\\n'}", "{'dockerfile': 'FROM x\\nENV API_KEY <SENSITIVE_KEY>\\n'}"),
    ("heroku config:set API_KEY=hunter2 -a app", "heroku config:set API_KEY=<SENSITIVE_KEY> -a app"),
    ("kubectl create secret generic x --from-literal=api_key=hunter2", "kubectl create secret generic x --from-literal=api_key=<SENSITIVE_KEY>"),
    # flags that take a password in their command only, and Redis's AUTH
    ("redis-cli -h host -p 6379 -a hunter2 ping", "redis-cli -h host -p 6379 -a <SENSITIVE_KEY> ping"),
    ("$ redis-cli --pass hunter2", "$ redis-cli --pass <SENSITIVE_KEY>"),
    ("gh secret set API_TOKEN --body hunter2", "gh secret set API_TOKEN --body <SENSITIVE_KEY>"),
    ("gh secret set API_TOKEN --repo o/r -b hunter2", "gh secret set API_TOKEN --repo o/r -b <SENSITIVE_KEY>"),
    ('gh secret set API_TOKEN --body "hunter2 x"', 'gh secret set API_TOKEN --body "<SENSITIVE_KEY>"'),
    ("gh secret set API_TOKEN --body=hunter2", "gh secret set API_TOKEN --body=<SENSITIVE_KEY>"),  # after "=" too
    ("redis-cli --pass=hunter2 ping", "redis-cli --pass=<SENSITIVE_KEY> ping"),
    ("docker login -u bob -p hunter2 registry.io", "docker login -u bob -p <SENSITIVE_KEY> registry.io"),
    ("helm registry login r.io -u bob -p hunter2", "helm registry login r.io -u bob -p <SENSITIVE_KEY>"),
    ("echo ok; podman login -p hunter2 q.io", "echo ok; podman login -p <SENSITIVE_KEY> q.io"),
    ("sshpass -p 'hunter2 x' ssh bob@host", "sshpass -p '<SENSITIVE_KEY>' ssh bob@host"),
    ("curl -u bob:hunter2 https://example.com", "curl -u bob:<SENSITIVE_KEY> https://example.com"),  # after the user
    ("curl --user=bob:hunter2 https://example.com", "curl --user=bob:<SENSITIVE_KEY> https://example.com"),
    ("curl -s -U 'proxy:hunter2' https://example.com", "curl -s -U 'proxy:<SENSITIVE_KEY>' https://example.com"),
    ("curl -ubob:hunter2 https://example.com", "curl -ubob:<SENSITIVE_KEY> https://example.com"),  # attached
    # a command line's bare value runs to the next space, commas and all
    ("mytool --password hunter2,x,y --verbose", "mytool --password <SENSITIVE_KEY> --verbose"),
    ("mytool --password=hunter2,x -v", "mytool --password=<SENSITIVE_KEY> -v"),
    ('mytool --password "hunter2,x" -v', 'mytool --password "<SENSITIVE_KEY>" -v'),
    ("mysql -phunter2,x db", "mysql -p<SENSITIVE_KEY> db"),
    ("curl -u bob:hunter2,x https://example.com", "curl -u bob:<SENSITIVE_KEY> https://example.com"),
    ("setx API_KEY hunter2,x", "setx API_KEY <SENSITIVE_KEY>"),
    ("vercel env add API_KEY production <<< hunter2,x", "vercel env add API_KEY production <<< <SENSITIVE_KEY>"),
    ("run with --password hunter2, then --user bob, then go", "run with --password <SENSITIVE_KEY>, then --user bob, then go"),
    ("curl -s -U'proxy:hunter2' https://example.com", "curl -s -U'proxy:<SENSITIVE_KEY>' https://example.com"),
    # a password attached to "-p": MySQL's and MariaDB's clients, the login commands
    ("mysql -u root -phunter2 shop", "mysql -u root -p<SENSITIVE_KEY> shop"),
    ("mysql -uroot -phunter2", "mysql -uroot -p<SENSITIVE_KEY>"),  # ending the text
    ("mysqldump -u root -phunter2 -e x > a.sql", "mysqldump -u root -p<SENSITIVE_KEY> -e x > a.sql"),  # before a flag
    ("mariadb -u root -p'hunter2 x' shop", "mariadb -u root -p'<SENSITIVE_KEY>' shop"),
    ("docker exec db mysqladmin -p\"hunter2\" status", "docker exec db mysqladmin -p\"<SENSITIVE_KEY>\" status"),
    ("mysql -pPassword-hunter2 shop", "mysql -p<SENSITIVE_KEY> shop"),  # not a flag named "pPassword..."
    ("docker login -u bob -phunter2", "docker login -u bob -p<SENSITIVE_KEY>"),
    ("7z a -phunter2 out.7z dir", "7z a -p<SENSITIVE_KEY> out.7z dir"),  # 7-Zip: attached only
    ("7za x -p'hunter2 x' in.7z", "7za x -p'<SENSITIVE_KEY>' in.7z"),
    ("mysql -u root -password shop", "mysql -u root -p<SENSITIVE_KEY> shop"),  # one dash: "-p" and "assword"
    # mysql's unambiguous prefixes of --password, read as --password is
    ("run mysql --pass hunter2x -u bob", "run mysql --pass <SENSITIVE_KEY> -u bob"),
    ("mysql --pass=hunter2 shop", "mysql --pass=<SENSITIVE_KEY> shop"),
    ("mysql --passw hunter2x", "mysql --passw <SENSITIVE_KEY>"),
    ("mariadb-dump --passwo 'hunter2 x' shop", "mariadb-dump --passwo '<SENSITIVE_KEY>' shop"),
    ("docker exec db mysqladmin --passwor=hunter2 status", "docker exec db mysqladmin --passwor=<SENSITIVE_KEY> status"),
    # flags that take a password in the tools of everyday administration
    ("mongo -u bob -p hunter2 shop", "mongo -u bob -p <SENSITIVE_KEY> shop"),
    ("mongosh mongodb://db:27017/shop -u bob -p 'hunter2 x'", "mongosh mongodb://db:27017/shop -u bob -p '<SENSITIVE_KEY>'"),
    ("mongodump --host db -u bob -p hunter2 --out /backup", "mongodump --host db -u bob -p <SENSITIVE_KEY> --out /backup"),
    ("kubectl exec -it db -- mongosh -u root -p hunter2", "kubectl exec -it db -- mongosh -u root -p <SENSITIVE_KEY>"),
    ("az login -u bob -p hunter2", "az login -u bob -p <SENSITIVE_KEY>"),
    ("zip -r -P hunter2 out.zip dir", "zip -r -P <SENSITIVE_KEY> out.zip dir"),
    ("unzip -P 'hunter2 x' in.zip", "unzip -P '<SENSITIVE_KEY>' in.zip"),
    ("openssl enc -aes-256-cbc -k hunter2 -in f -out f.enc", "openssl enc -aes-256-cbc -k <SENSITIVE_KEY> -in f -out f.enc"),
    ("openssl enc -aes-128-cbc -K 00112233aabbccdd -iv 0 -in f", "openssl enc -aes-128-cbc -K <SENSITIVE_KEY> -iv 0 -in f"),
    ("openssl rsa -in k.pem -passin pass:hunter2 -out k2.pem", "openssl rsa -in k.pem -passin pass:<SENSITIVE_KEY> -out k2.pem"),
    ("openssl pkcs12 -export -passout 'pass:hunter2 x' -out a.p12", "openssl pkcs12 -export -passout '<SENSITIVE_KEY>' -out a.p12"),  # a quoted space: whole
    ("openssl enc -d -aes-256-cbc -pass pass:hunter2 -in f.enc", "openssl enc -d -aes-256-cbc -pass pass:<SENSITIVE_KEY> -in f.enc"),
    ("ldapsearch -x -D cn=admin,dc=ex -w hunter2 -b dc=ex", "ldapsearch -x -D cn=admin,dc=ex -w <SENSITIVE_KEY> -b dc=ex"),
    ("ldapmodify -x -D cn=admin -w 'hunter2 x' -f a.ldif", "ldapmodify -x -D cn=admin -w '<SENSITIVE_KEY>' -f a.ldif"),
    ("keytool -list -keystore k.jks -storepass hunter2", "keytool -list -keystore k.jks -storepass <SENSITIVE_KEY>"),
    ("keytool -genkey -alias a -keypass hunter2 -keystore k.jks", "keytool -genkey -alias a -keypass <SENSITIVE_KEY> -keystore k.jks"),
    ("keytool -importkeystore -srcstorepass hunter2 -destkeystore d.jks", "keytool -importkeystore -srcstorepass <SENSITIVE_KEY> -destkeystore d.jks"),
    ("jarsigner -keystore k.jks -storepass hunter2 app.jar me", "jarsigner -keystore k.jks -storepass <SENSITIVE_KEY> app.jar me"),
    ("smbclient //host/share -U bob%hunter2", "smbclient //host/share -U bob%<SENSITIVE_KEY>"),
    ("smbclient //host/share -U 'CORP\\bob%hunter2' -c ls", "smbclient //host/share -U 'CORP\\bob%<SENSITIVE_KEY>' -c ls"),
    ("curl -u 'bob:hunter2 x' https://example.com", "curl -u '<SENSITIVE_KEY>' https://example.com"),  # a quoted space: whole
    ("rpcclient -Ubob%hunter2 host", "rpcclient -Ubob%<SENSITIVE_KEY> host"),
    # htpasswd's batch mode: the password after the file's and the user's names (-n: no file)
    ("htpasswd -b .htpasswd bob hunter2", "htpasswd -b .htpasswd bob <SENSITIVE_KEY>"),
    ("sudo htpasswd -bc /etc/nginx/.htpasswd bob 'hunter2 x'", "sudo htpasswd -bc /etc/nginx/.htpasswd bob '<SENSITIVE_KEY>'"),
    ("htpasswd -bcB -C 10 .htpasswd bob hunter2 && ok", "htpasswd -bcB -C 10 .htpasswd bob <SENSITIVE_KEY> && ok"),
    ("htpasswd -c -b .htpasswd bob hunter2", "htpasswd -c -b .htpasswd bob <SENSITIVE_KEY>"),
    ("htpasswd -nbB bob hunter2", "htpasswd -nbB bob <SENSITIVE_KEY>"),
    # Windows' net user: the word after the user's name, an option after it
    ("net user bob hunter2 /add", "net user bob <SENSITIVE_KEY> /add"),
    # no option after it: the command starts its line, a code span or follows a prompt, and its password ends it
    ("net user bob Hunter2pass", "net user bob <SENSITIVE_KEY>"),
    ("C:\\> net user bob Hunter2pass && net localgroup administrators bob /add",
     "C:\\> net user bob <SENSITIVE_KEY> && net localgroup administrators bob /add"),
    ("Run `net user bob Hunter2pass` first", "Run `net user bob <SENSITIVE_KEY>` first"),
    ('$ net user "Bob Smith" "Hunter 2pass"; whoami', '$ net user "Bob Smith" "<SENSITIVE_KEY>"; whoami'),
    ("  net user bob Hunter2pass\nnet user alice", "  net user bob <SENSITIVE_KEY>\nnet user alice"),
    ("rabbitmqctl add_user bob hunter2", "rabbitmqctl add_user bob <SENSITIVE_KEY>"),  # RabbitMQ's users
    ('rabbitmqctl -n rabbit@mq change_password "bob" "hunter2 x"', 'rabbitmqctl -n rabbit@mq change_password "bob" "<SENSITIVE_KEY>"'),
    ('C:\\> NET USER "Bob Smith" "hunter2 x" /ADD /DOMAIN', 'C:\\> NET USER "Bob Smith" "<SENSITIVE_KEY>" /ADD /DOMAIN'),
    ("Net User administrator hunter2 /active:yes", "Net User administrator <SENSITIVE_KEY> /active:yes"),
    ("az keyvault secret set --vault-name v --name db --value hunter2", "az keyvault secret set --vault-name v --name db --value <SENSITIVE_KEY>"),
    ("az keyvault secret set --value='hunter2 x' -n db", "az keyvault secret set --value='<SENSITIVE_KEY>' -n db"),
    ("aws ssm put-parameter --name db --value hunter2 --type SecureString", "aws ssm put-parameter --name db --value <SENSITIVE_KEY> --type SecureString"),
    ("aws ssm put-parameter --type SecureString --value='hunter2 x' --name db", "aws ssm put-parameter --type SecureString --value='<SENSITIVE_KEY>' --name db"),
    # a password written to a command's flag that reads it from standard input
    ("echo hunter2 | docker login -u bob --password-stdin", "echo <SENSITIVE_KEY> | docker login -u bob --password-stdin"),
    ("echo -n 'hunter2 x' | podman login --password-stdin q.io", "echo -n '<SENSITIVE_KEY>' | podman login --password-stdin q.io"),
    ("printf '%s\\n' hunter2 | helm registry login r.io --password-stdin",
     "printf '%s\\n' <SENSITIVE_KEY> | helm registry login r.io --password-stdin"),
    ('{"cmd": "printf \\"%s\\\\n\\" \\"hunter2\\" | skopeo login --password-stdin r.io"}',  # JSON
     '{"cmd": "printf \\"%s\\\\n\\" \\"<SENSITIVE_KEY>\\" | skopeo login --password-stdin r.io"}'),
    # a here-string fed to a command naming a secret
    ("vercel env add API_KEY production <<< hunter2", "vercel env add API_KEY production <<< <SENSITIVE_KEY>"),
    ("x=$(gh secret set TOKEN <<< 'hunter2 x') && ok", "x=$(gh secret set TOKEN <<< '<SENSITIVE_KEY>') && ok"),
    ("vercel env add API_KEY production <<< $'hunter2'", "vercel env add API_KEY production <<< $'<SENSITIVE_KEY>'"),  # ANSI-C quotes
    ("gh secret set TOKEN <<<$'hunter2\\nx'", "gh secret set TOKEN <<<$'<SENSITIVE_KEY>'"),
    ("app --password $'hunter2 x' -v", "app --password $'<SENSITIVE_KEY>' -v"),
    ("api_key = $'hunter2 x'", "api_key = $'<SENSITIVE_KEY>'"),
    ("docker login -u bob --password-stdin r.io <<<hunter2", "docker login -u bob --password-stdin r.io <<<<SENSITIVE_KEY>"),
    ('{"cmd": "chpasswd <<< \\"bob:hunter2\\""}', '{"cmd": "chpasswd <<< \\"<SENSITIVE_KEY>\\""}'),  # JSON
    ("AUTH hunter2", "AUTH <SENSITIVE_KEY>"),
    ("OK\n  AUTH default hunter2\r\nOK", "OK\n  AUTH default <SENSITIVE_KEY>\r\nOK"),
    ("redis:6379> auth hunter2", "redis:6379> auth <SENSITIVE_KEY>"),
    ("redis-cli -h host AUTH hunter2", "redis-cli -h host AUTH <SENSITIVE_KEY>"),
    ("{'cmd': 'AUTH hunter2', 'n': 1}", "{'cmd': 'AUTH <SENSITIVE_KEY>', 'n': 1}"),
    ("{'log': 'x\\nAUTH hunter2\\nOK'}", "{'log': 'x\\nAUTH <SENSITIVE_KEY>\\nOK'}"),  # repr(): escaped lines
    # name/value records in text: a Python repr, JSON cut short or in a JSON string, YAML
    ("{'name': 'DB_PASSWORD', 'value': 'hunter2'}", "{'name': 'DB_PASSWORD', 'value': '<SENSITIVE_KEY>'}"),
    ("env=[{'value': 'hunter2', 'name': 'DB_PASSWORD'}]", "env=[{'value': '<SENSITIVE_KEY>', 'name': 'DB_PASSWORD'}]"),
    ("{'Key': 'api_key', 'Value': 1234}", "{'Key': 'api_key', 'Value': <SENSITIVE_KEY>}"),
    ('{"name": "DB_PASSWORD", "value": "hunter2', '{"name": "DB_PASSWORD", "value": "<SENSITIVE_KEY>'),
    ('{\\"name\\": \\"DB_PASSWORD\\", \\"value\\": \\"hunter2\\"}', '{\\"name\\": \\"DB_PASSWORD\\", \\"value\\": \\"<SENSITIVE_KEY>\\"}'),
    ("- name: DB_PASSWORD\n  value: hunter2\n", "- name: DB_PASSWORD\n  value: <SENSITIVE_KEY>\n"),
    ("Tags:\n  - Key: api_key\n    Value: 'hunter2'\n", "Tags:\n  - Key: api_key\n    Value: '<SENSITIVE_KEY>'\n"),
    ("- name: DB_PASSWORD\n  args:\n  - x\n  value: hunter2\n", "- name: DB_PASSWORD\n  args:\n  - x\n  value: <SENSITIVE_KEY>\n"),
    # a record written as a call, as a dataclass's repr writes one
    ('EnvVar(name="DB_PASSWORD", value="hunter2")', 'EnvVar(name="DB_PASSWORD", value="<SENSITIVE_KEY>")'),
    ("[V1EnvVar(name='API_TOKEN', value='hunter2', value_from=None)]",
     "[V1EnvVar(name='API_TOKEN', value='<SENSITIVE_KEY>', value_from=None)]"),
    ("Tag(Value = 'hunter2', Key = 'api_key')", "Tag(Value = '<SENSITIVE_KEY>', Key = 'api_key')"),
    # a widget's text input of the password type: its value is typed in hidden
    ('st.text_input("Password", type="password", value="hunter2")', 'st.text_input("Password", type="password", value="<SENSITIVE_KEY>")'),
    ("gr.Textbox(value='hunter2', label='Key', type='password')", "gr.Textbox(value='<SENSITIVE_KEY>', label='Key', type='password')"),
    # the name field below the value field
    ("- value: hunter2\n  name: DB_PASSWORD\n", "- value: <SENSITIVE_KEY>\n  name: DB_PASSWORD\n"),
    ("env:\n  - value: 'hunter2'\n    name: API_TOKEN\n  - name: PORT\n    value: 80\n",
     "env:\n  - value: '<SENSITIVE_KEY>'\n    name: API_TOKEN\n  - name: PORT\n    value: 80\n"),
    ("Value: hunter2\nKey: api_key\n", "Value: <SENSITIVE_KEY>\nKey: api_key\n"),
    # an XML element named by a sensitive key: its content, up to its closing tag
    ("<password>hunter2</password>", "<password><SENSITIVE_KEY></password>"),
    ('<ns:Password type="plain">hunter2</ns:Password>', '<ns:Password type="plain"><SENSITIVE_KEY></ns:Password>'),
    ("<Login>\n  <ApiKey>\n    hunter2\n  </ApiKey >\n</Login>", "<Login>\n  <ApiKey>\n    <SENSITIVE_KEY>\n  </ApiKey >\n</Login>"),
    ('{"body": "<password>hunter2<\\/password>', '{"body": "<password><SENSITIVE_KEY><\\/password>'),  # JSON cut short
    ("<password><![CDATA[hunter2]]></password>", "<password><SENSITIVE_KEY></password>"),
    ("<Credentials><user>bob</user><key>hunter2</key></Credentials>", "<Credentials><SENSITIVE_KEY></Credentials>"),
    ("<password><passwordHint>x</passwordHint>hunter2</password>", "<password><SENSITIVE_KEY></password>"),
    # a name/value record written as an XML tag's attributes, and an element named by its attribute
    ('<add key="ApiKey" value="hunter2" />', '<add key="ApiKey" value="<SENSITIVE_KEY>" />'),
    ("<Parameter Name='Password' Value='hunter2'/>", "<Parameter Name='Password' Value='<SENSITIVE_KEY>'/>"),
    ('{"cfg": "<add key=\\"ApiKey\\" value=\\"hunter2\\"/>', '{"cfg": "<add key=\\"ApiKey\\" value=\\"<SENSITIVE_KEY>\\"/>'),
    ('<add key="ApiKey" note="(a" value="hunter2"/>', '<add key="ApiKey" note="(a" value="<SENSITIVE_KEY>"/>'),  # in a tag
    ('<entry key="password">hunter2</entry>', '<entry key="password"><SENSITIVE_KEY></entry>'),
    ('<entry key = "password">hunter2</entry>', '<entry key = "password"><SENSITIVE_KEY></entry>'),
    ('<setting name="ApiKey" serializeAs="String">\n  <value>hunter2</value>\n</setting>',
     '<setting name="ApiKey" serializeAs="String">\n  <SENSITIVE_KEY>\n</setting>'),
    # prose stating a sensitive name's value: quoted, or a word that looks like a secret
    ("my password is hunter2", "my password is <SENSITIVE_KEY>"),
    ("password was hunter2! and then", "password was <SENSITIVE_KEY> and then"),
    ("my API key is hunter2XYZ, thanks", "my API key is <SENSITIVE_KEY>, thanks"),
    ("My secret key is `hunter2`.", "My secret key is `<SENSITIVE_KEY>`."),
    ("the password is 'correct horse'", "the password is '<SENSITIVE_KEY>'"),
    ("the token was \u201chunter\u201d", "the token was \u201c<SENSITIVE_KEY>\u201d"),
    ("**Password** is hunter2", "**Password** is <SENSITIVE_KEY>"),
    ("my PIN is 1234", "my PIN is <SENSITIVE_KEY>"),
    ('{"m": "the password is \\"hunter2\\"', '{"m": "the password is \\"<SENSITIVE_KEY>\\"'),  # JSON cut short
    # after a colon (the value maybe on the next line), a dash, "now" or "changed to"
    ("my password is: hunter2", "my password is: <SENSITIVE_KEY>"),
    ("the API key was: 'hunter2'", "the API key was: '<SENSITIVE_KEY>'"),
    ("The password is:\n  hunter2\nThanks", "The password is:\n  <SENSITIVE_KEY>\nThanks"),
    ("the API key is - hunter2", "the API key is - <SENSITIVE_KEY>"),
    ("the password is now hunter2", "the password is now <SENSITIVE_KEY>"),
    ("password was changed to hunter2.", "password was changed to <SENSITIVE_KEY>."),  # the full stop stays
    ("my password is hunter2.abc. Thanks", "my password is <SENSITIVE_KEY>. Thanks"),
    ("my password is 'hunter2.'", "my password is '<SENSITIVE_KEY>'"),  # quoted: the value's own
    ("the token was reset to `hunter2`", "the token was reset to `<SENSITIVE_KEY>`"),
    ("the password is now set to hunter2", "the password is now set to <SENSITIVE_KEY>"),
    # hyphens join a secret's parts too: only a short technical term before them is prose
    ("my password is hunter2-abc", "my password is <SENSITIVE_KEY>"),
    ("the token is p4ss-word", "the token is <SENSITIVE_KEY>"),
    ("the API key is 1234-5678", "the API key is <SENSITIVE_KEY>"),
    # a listed name's value that is no field name is a value ("email" alone is one)
    ('fields = ("password","email2")', 'fields = ("password","<SENSITIVE_KEY>")'),
    ('h = ("Authorization", "Token email")', 'h = ("Authorization", "<SENSITIVE_KEY>")'),
    # a value equal to its key's name only passes a variable on in a call, and only exactly
    ("api_key=api_key\nport=80", "api_key=<SENSITIVE_KEY>\nport=80"),
    ("x, api_key=api_key", "x, api_key=<SENSITIVE_KEY>"),
    ("call(api_key=api_key2)", "call(api_key=<SENSITIVE_KEY>)"),
    ("call(secret=Secret)", "call(secret=<SENSITIVE_KEY>)"),
    # single quotes keep a "$" as written, and a "$" inside a word is the password's
    ("curl -u 'bob:$hunter2' https://x.io", "curl -u 'bob:<SENSITIVE_KEY>' https://x.io"),
    ("curl -u bob:$hunter2$ https://x.io", "curl -u bob:<SENSITIVE_KEY> https://x.io"),
    ("curl -u bob:${hunter2:-x} https://x.io", "curl -u bob:<SENSITIVE_KEY> https://x.io"),  # a default may be one
    # echo's value ends at the pipe; a flag's value outside a pipe to standard input keeps its "|"
    ("echo hunter2|docker login --password-stdin", "echo <SENSITIVE_KEY>|docker login --password-stdin"),
    ("printf '%s' hunter2|podman login --password-stdin q.io", "printf '%s' <SENSITIVE_KEY>|podman login --password-stdin q.io"),
    ("app --password hunter2|x --verbose", "app --password <SENSITIVE_KEY> --verbose"),
]

NEGATIVE = [
    "token count: 42",
    "max_tokens=512",
    "session.id: 4f1c",
    "author: Jane",
    "the token: count was high",  # in prose, a plain word after a colon is prose
    "the token: count is 5 words",
    "if token == expected: return",
    "count := len(tokens)",
    "rule ::= token",
    "password: null",
    "password: <SENSITIVE_KEY>",  # already redacted
    "see https://example.com/token",
    "std::token::value",
    "gen_ai.usage.input_tokens=128, gen_ai.usage.output_tokens=12",
    "app --max-tokens=512 --verbose=true",
    "items['name'] = 'bob' and a ]: b",
    "app --password --verbose",  # a flag follows the flag: no value
    "see `x-token abc` and (a-token b) and [x--token c]",  # words with a dash, not flags
    "app --max-tokens 512 --token-limit 9",
    "the token:\ncount was high",
    "Token:\nWe rotated it yesterday.",  # the next line holds more than one value
    "auth:\n  oauth:\n    enabled: yes",  # a key opening a nested mapping is not a value
    "password:\n\nuser: bob",
    "Reset the password:\n  go to settings and click reset",  # in prose: a plain scalar only after a line's key
    "Passwords:\n  - must be 8 characters",  # a sequence of prose, not a scalar
    "secret:\n  name: db-creds\n  port: 80",  # a nested mapping
    "description: # set by ops\n  hunter2 staple\nuser: bob",  # a comment under a plain key
    '{"required": ["api_key", "query"], "n": 1}',  # a list of names, not a pair
    'fields = ["password", "email"]',
    '("password", "email", "name")',  # more than a pair
    '( "password" , "email" , "name" )',
    "names = [ 'password' , 'email' ]",  # a list of names, not in a list
    '[("token", 42)]',
    '["mysql", "-p", "shop"]',  # a one-letter flag may be any option
    '["docker", "login", "--password-stdin", "--username", "bob"]',  # the next item is a flag
    '["app", "--max-tokens", "512"]',
    '["app", "--password"]',
    "args: 'mysql', '-p', 'shop'",  # without brackets: a one-letter flag, a flag after the flag
    "flags: '--verbose', '--password', '--quiet'",
    "It takes '--token', 'json' or 'yaml' as input.",  # prose: the quoted word ends no item
    "{'Name': 'password', 'value': 'x'}",  # record fields pair by case
    "[{'name': 'api_key', 'type': 'str'}, {'name': 'n', 'value': 'x'}]",  # another record's value
    "{'name': 'api_key', 'meta': {'value': 'x'}}",  # a nested mapping's value
    "- name: api_key\n- value: x\n",  # two records
    "- value: x\n- name: api_key\n",
    "EnvVar(name='PORT', value='5432'), EnvVar(name='API_TOKEN', value_from=ref)",
    "Setting(name='password', default_value='x', value2='y')",
    'st.text_input("Name", type="default", value="bob"), Event(type="password_reset", value="abc123XYZ")',
    "check(value == 'x', name == 'DB_PASSWORD')",  # comparisons, not arguments
    "Field(name='password', value='x', " + ", ".join(f"f{n}={n}" for n in range(8)) + ")",  # ordinary data
    "- value: x\n  name: Jane\n- name: api_key\n",
    "- name: api_key\n  type: str\n- name: n\n  value: x\n",
    "name: api_key\nitems:\n  value: x\n",
    "The evaluation: value of the api_key field was checked",
    '{"--password": null}',
    "description: |\n  Reset the password: see the docs.\n  port: 80\n",  # a block under a plain key
    "echo $PW | docker login --password-stdin registry.example.com",  # a flag that takes no value
    'echo "$PW" | docker login --password-stdin r.io && printf %s "${TOKEN}" | oras login --password-stdin r.io',
    '{"cmd": "echo \\"$PW\\" | docker login --password-stdin r.io"}',  # a variable's value, in JSON
    "echo hello | grep token",  # no flag reading a secret from standard input
    "az tag create --resource-id x --name env --value prod",  # --value outside a secret set
    "aws ssm get-parameter --name db --with-decryption\naws ssm label-parameter-version --name db --value v2",  # no put-parameter before it
    'vercel env add API_KEY production <<< "$API_KEY"\njq -r .access_token <<< ${RESP}',  # a variable's value
    "base64 -d <<< aGVsbG8=",  # a command naming no secret
    "base64 -d <<< $'aGVsbG8=\\n'",
    "echo password; read -r user <<< bob",  # another command names it
    "<<<<<<< HEAD\nuse the token\n=======",  # a merge conflict
    "az keyvault secret show --name db --query value\naz appconfig kv set --key k --value blue",
    "echo done; docker login --password-stdin r.io",
    '["docker", "login", "--password-stdin", "registry.example.com"]',
    "Command '['docker', 'login', '--password-stdin', 'registry.example.com']' returned non-zero exit status 1.",
    "usage: tool [-h] [--password PASSWORD] [--api-key API_KEY]",  # placeholders, as argparse writes them
    "options:\n  --token TOKEN        the token\n  --db.password\tDB.PASSWORD",
    # a flag spoken about in prose: the word after it is the prose's, not the flag's value
    "use the --token flag to log in",
    "pass --password when prompted",
    "--api-key is required",
    "run with --token and --user, or with --password instead",
    "the --password option.",  # ending a sentence
    "(see the --token option)",
    "set it with `--token` or --password\tin the shell",
    "  --token value   the API token",  # a usage text's placeholder, as urfave/cli writes it
    "usage: tool [--password=PASSWORD] [--api-key=API_KEY]",  # placeholders after '='
    "Options:\n  --password TEXT     The password.\n  --port INTEGER",  # Click's types
    "curl -b cookies.txt --cookie-jar cookies.txt https://example.com",  # a file the tool writes
    '["curl", "--cookie-jar", "/tmp/c.txt"]',
    "password: |\n  <SENSITIVE_KEY>\nuser: bob",  # a block already redacted
    "Passwords:\n- must be 8 characters\n- one digit at least",  # a list of prose under a heading
    "Credentials:\n- rotate keys monthly\n- use a vault",
    # code: a call's arguments that both name keys, a flag naming a file
    's.replace("password", "secret")',
    "rename(b'token', b'api_key')",
    'translate("password", "Mot de passe", "fr")',  # a call's arguments: a setter's only
    'validate("api_key", "must be 32 characters", strict=True)',
    'settings.set("password", "secret", scope)',  # a setter whose value names a key
    "curl --cookie-jar=cookies.txt https://example.com",
    "api_keys:\n  - null\n",
    "tokens:\n  - k1\n",  # a plain key
    # commands setting a setting: no value, a placeholder, a plain setting, not the command
    "git config --get credential.token",
    "git config --global --unset credential.token && aws configure set region us-east-1",
    "aws configure set aws_secret_access_key AWS_SECRET_ACCESS_KEY",
    "see the config settings for the token, or reconfigure set token values",
    "git config token is what you need",
    'setx PATH "%PATH%;C:\\bin"',
    "the setx command sets a variable",
    'SETX PATH "%PATH%;C:\\bin" /M',
    "The SETX command sets a variable",
    "CONFIG SET maxmemory 100mb",
    "npm config set //registry.npmjs.org/:strict-ssl false",
    "CONFIG GET requirepass",
    "set the API key in settings",  # starting no line, or prose
    "we set -x API_KEY value here",
    "ENV vars are read at start",
    "ENV PATH /usr/local/bin",
    "the requirepass directive sets it",
    "then ENV API_KEY x is set",
    # flags that take a password in one command only, elsewhere or without it
    "ls -a /tmp && curl -b cookies.txt https://example.com",
    "gh pr create -b 'fix the bug' --title x",
    "redis-cli -h host -p 6379 ping",
    "redis-cli --askpass",
    "redis-cli info\nls -a /tmp",
    "gh secret set API_TOKEN < token.txt",
    "docker run -p 8080:80 nginx",  # -p is a port outside a login
    "docker login -u bob && docker run -p 8080:80 nginx",
    "ssh -p 2222 bob@host",
    "mysql -u root -p shop",  # "-p" and a space: mysql prompts, "shop" is the database
    "mysql -u root -p\nmysqldump -p --all-databases",
    "mysql --port=3306 -P 3306 -u root -p shop",
    "mkdir -p /tmp/x && docker run -p8080:80 nginx",  # "-p" attached elsewhere
    "mysql -u root -p shop | grep -pattern x",
    "mysql --password shop",  # "--password" and a space too: mysql prompts, "shop" is the database
    "mysql -u root --password shop\nmariadb-dump --password my_shop > a.sql",
    "sudo /usr/bin/mysql -h db --password shop",
    "mysql --pass shop\nmysql -u root --passw shop\nmariadb-dump --passwor my_shop > a.sql",  # its prefixes too
    "psql --passw x; x --passwo 3",  # another command's flags: their names decide
    "htpasswd -c .htpasswd bob\nhtpasswd -n bob",  # no -b: htpasswd prompts
    "htpasswd -b .htpasswd bob",  # no password: a user's name is no secret
    "htpasswd -nb bob",
    "usage: htpasswd -b[cmBdpsDv] [-C cost] passwordfile username password",
    "htpasswd -c .htpasswd bob; ls -b x y z",  # another command's flag
    "net user bob * /add",  # net prompts for it
    "net user bob /delete\nnet user bob /add /domain",  # options, no password
    "the net user command lists accounts, see /help",  # prose: no option after the word
    "net user bob *\nnet user bob /delete\nnet user bob\nnet user",  # no password, or net prompts for it
    "Run net user bob to list the account.\nthe net user command lists accounts",  # prose: no command starts there
    "net user bob Hunter2pass to add him",  # more words: prose, no command's end
    "curl -u bob https://example.com",  # a user's name alone: curl prompts
    "curl -u bob https://example.com -o out:x",
    "run --max-tokens 512,1024 --user bob,alice, then stop",  # no secret's flag
    "curl -uadmin https://example.com -o out:x\npsql -Upostgres -h db:5432\nmysql -uroot -p shop",  # no password attached
    "ps -u root | curl -U proxy https://example.com",
    "gh issue create --body=fix-the-bug --title x",
    "ls -a=all && gh pr create -b=draft",
    # AUTH in prose: not starting its line, or more than a user name and a password after it
    "AUTH failed for user bob",
    "The AUTH command takes a password",
    "OAUTH token flow",
    "auth failed",
    "The server replied > auth required now",
    # XML elements: nothing inside, a tag closing nothing, a plain name, a value already redacted
    "<password></password>",
    "<password/> and <password />",
    "<password>\n  </password>",
    "Enter <password> and <token> here",
    "log in as bob:<password> at https://example.com",
    "<password>null</password>",
    "<password><SENSITIVE_KEY></password>",
    "<author>Jane</author><max_tokens>512</max_tokens><token_count>5</token_count>",
    "<b>bold</b> and <i>italic</i>",
    '<add key="Port" value="80" /><entry key="user">bob</entry><input name="username" value="bob">',
    '<option value="password">Password</option><label for="password">Password</label>',
    '<input type="text" value="bob"><input type=hidden value=abc123XYZ><input type="password" value="">',
    "<p>type=password value=abc123XYZ</p>",  # outside a tag
    # five fields, but no .pgpass line: a port's digits or "*" second, words alone on the line
    "12:30:45 2024-01-01T10:00:00\na:b:c:d:e\nhost:5432: connection refused",
    "10:00:00:00:00\nsee db:5432:app:bob:x in prose\ndb:5432:app:bob:x and more",
    # a log line's level in capitals or an ISO timestamp first: no .pgpass host
    "ERROR:2024:main:db:timeout\nWARN:5432:main:db:retrying\nCRITICAL:1:worker:queue:full",
    "2024-01-01T12:00:00:123:timeout\nINFO:0:app:main:started",
    # a reference to a variable holding the secret, a usage text's placeholder: no value
    "PASSWORD=${DB_PASSWORD}\nDB_PASSWORD=$DB_PASS\nset PASSWORD=%DB_PASSWORD%",
    "password: ${{ secrets.DB_PASSWORD }}\n  token: {{ .Values.password }}",
    "{password: ${DB_PASSWORD}}, api_key=$API_KEY; token=%TOKEN%",
    # a reference quoted alone is the same reference (compose files, JSON and Helm quote them)
    'password: "${DB_PASSWORD}"\npassword: \'${DB_PASSWORD}\'\n{"password": "${DB_PASSWORD}", "user": "bob"}',
    'DB_PASSWORD="$DB_PASSWORD"; token: "{{ .Values.token }}", api_key: \'${{ secrets.API_KEY }}\'',
    '{"content": "{\\"password\\": \\"${DB_PASSWORD}\\"}"}\nargs: ["--password", "${DB_PASSWORD}"]',
    # a template's reference after "=", whole; a URL's password that is a reference alone
    "password={{x}}\npassword={{ .Values.password }} user=bob\nPwd={{ x }};",
    "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\ngit clone https://bob:${GITHUB_TOKEN}@github.com/x.git",
    "curl -u bob:<password> https://x\npassword=<your-password>\n--password <PASSWORD> --token <api_token>",
    "auth=requests.auth.HTTPBasicAuth(user, password)",
    # code reading a secret from a variable, or taking no argument: no value
    'apiKey := os.Getenv("X")\napi_key = os.getenv("OPENAI_API_KEY")\ntoken = os.environ["API_TOKEN"]',
    'let api_key = env::var("API_KEY").unwrap();\n{"secret": os.getenv( "SECRET" ), "token": get_token()}',
    'client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))',
    'mode = process.env.NODE_ENV || "development"; port = process.env.PORT ?? "3000"',  # no secret's name
    'key = process.env.API_KEY || fallbackKey || ""',  # a variable's value, an empty default
    'os.getenv("NODE_ENV") or "development"\nENV.fetch("RAILS_ENV") { "development" }',  # no secret's name
    'os.getenv("API_KEY") or default_key\napi_key = os.getenv("API_KEY") or DEFAULT_KEY\nx = env("API_KEY") or 42',
    'token = os.getenv("TOKEN") or None\nos.getenv("API_KEY") or ""\ntoken = input() or read_token()',
    # a call asking for the secret (a prompt's question) or looking it up: no value, nor a key in its question
    'token = getpass.getpass("Enter token: ")\nsecret = click.prompt("Secret", hide_input=True)',
    'api_key = keyring.get_password("svc", "bob")\nprint("Token: ", end="")\nprint("API key: " + key)',
    # a prompt's default where its question names no secret, or a variable passed on
    'click.prompt("Port", hide_input=False, default="8080")\nclick.prompt("Secret", hide_input=True, default=DEFAULT)',
    'f("Secret", default="x")\nsecret = click.prompt("Secret", hide_input=True, default=None)',
    "check the environment (dev or prod) or 'staging', see env(1) or the API key docs",  # prose
    "the password field is required; it was identified by the team, or IDENTIFIED BY the IT team",
    "ALTER USER bob IDENTIFIED BY :new_password;\nALTER USER bob IDENTIFIED BY ?\nALTER USER bob IDENTIFIED BY ''",
    "SELECT PASSWORD(pw_col), password_hash FROM users; ALTER USER bob PASSWORD NULL",
    "Don't reuse a password, it's not 'safe'; mysql_native_password 'x'; IDENTIFIED EXTERNALLY AS 'cn=bob'",
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="author" content="Jane2024">',
    "<p>set content=abc123XYZ, name=csrf-token</p>",
    '<add name="api_key" value="x" ' + " ".join(f'a{n}="{n}"' for n in range(8)) + "/>",  # ordinary data
    # prose about a secret, not stating it: words, counts, units
    "the password is incorrect",
    "your password is too short",
    "the API key is invalid",
    "the token is expired",
    "password is required",
    "the secret is out",
    "password is 8 characters",
    "the password is at least 12 characters long",
    "The password is case-sensitive.",
    "the token is JWT, the session is 4h",
    "the auth flow is OAuth2",  # two words whose first alone is the sensitive name: not its value
    "if token is None:",
    "the password is ********",
    "the token count is 1234",
    "This is a test. The weather was fine.",
    "the password is now expired",
    "the password is: incorrect",
    "the token was changed to expire in 2h",
    "the password was set to expire, the token is now required",
    "the password is - as always - case-sensitive",
    "the password was changed yesterday",
    "the status is: ok, the password is: weak",
    "password issue: fixed",  # a word the verb starts
    # a technical adjective or measure: a short term with digits, hyphens, a lower-case word
    "the token is base64-encoded",
    "the password is SHA-256-hashed, the API key is 256-bit",
    "the token was UTF-8-encoded and the secret is 2fa-protected.",
    'fields = ("password","email")',  # a list of fields: its next name holds no secret
    "[('token', 'User_Name')]",
    "call(api_key=api_key, timeout=5)",  # a call passing a variable on under its own name
    "client(\n    url, token=TOKEN,\n    retries=3)",
    "password: # set by ops\nuser: bob",  # only a comment, no value under it: no value
    "db:\n  token:\t#\n  port: 80",
    "curl -u bob:$API_PASSWORD https://api.example.com",  # a variable the shell expands
    'curl --user "bob:${API_PASSWORD}" https://api.example.com',
    # the tools whose flags take a password: without one, elsewhere, a source naming none
    "zip -r out.zip dir && 7z x in.7z -oout\nunzip -l in.zip",
    "7z a -p out.7z dir",  # "-p" alone: 7-Zip prompts, out.7z is the archive
    "mongo -u bob -p\nmongosh -u bob -p --quiet db",  # mongo prompts
    "ssh -p 22 host; scp -P 2222 f host:; mysql -P 3306 -h db",
    "docker run -d --name mongo -p 27017:27017 mongo:7",  # a container's name: -p is its port
    "openssl rsa -in k.pem -passin env:KEY_PASS -passout file:pw.txt\nopenssl pkcs12 -passin fd:3 -passout stdin",
    "curl -k https://example.com -w '%{http_code}' -U proxy -s",
    "ldapsearch -x -D cn=admin -W -b dc=ex",  # -W prompts
    "keytool -list -storepass:env STORE_PASS -keystore k.jks",  # keytool reads it from a variable
    "smbclient //host/share -U bob -N",
    "smbclient //host/share -U bob%$SMB_PASSWORD",
    "openssl rsa -passin pass:$KEY_PASS -in k.pem",
    "I zipped it with zip -P and sent the key by mail",
    "rabbitmqctl add_user bob\nrabbitmqctl list_users; rabbitmqctl delete_user bob",  # no password: read from stdin
    "usage: rabbitmqctl add_user <username> <password>",
    "rabbitmqctl add_user bob --pre-hashed-password",
    "basic = HTTPBasicAuth(user, password_from_vault)",  # variables: no secret written
    "the BasicAuth(user, pw) helper",
    '{"pass": 12, "fail": 3}',  # test results: "pass" alone names no secret
    "footprint: 12MB, hotpot=spicy2",  # "otp" inside a word
    "the seed phrase is twelve words long",
    "my recovery code is gone",
    "random_seed=42",
    "the machine login failed, password reset sent",  # prose: no login token before "password"
    "by default login with your password",
    "the default login password is incorrect",
    "the key: value",  # a qualifying noun after a word that names no secret with it
    "Primary key: id, Foreign key: user_id",
    "Token ID: 5",  # "token" names a secret alone: "ID" names its property
    "Your API key: revoked",  # in prose, a plain word after the colon
]


@pytest.fixture(scope="module")
def redactor() -> TextRedactor:
    return TextRedactor()


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_value_of_a_sensitive_key_is_redacted_and_the_key_stays(redactor: TextRedactor, text: str, expected: str) -> None:
    counter: Counter = Counter()
    assert redactor.redact_value(text, counter=counter) == expected
    assert counter == {"SENSITIVE_KEY": 1}
    assert redactor.redact_text(text) == expected  # the full walk agrees with the fast path


@pytest.mark.parametrize("text", NEGATIVE)
def test_ordinary_text_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    "text",
    [
        "setx OPENAI_API_KEY sk-abcdef123456",
        "127.0.0.1:6379> CONFIG SET requirepass s3cr3tPass",
        "127.0.0.1:6379> AUTH s3cr3tPass",
        "redis-cli -a s3cr3tPass ping",
        "gh secret set API_TOKEN -b s3cr3tPass",
        "kubectl create secret generic x --from-literal=password=s3cr3tPass",
        "SETX API_KEY s3cr3tPass",
        "gh secret set API_KEY --body=s3cr3tPass",
        '[Environment]::SetEnvironmentVariable("API_KEY", "s3cr3tPass", "User")',
        "# redis.conf\nrequirepass s3cr3tPass\nport 6379",
        "set -gx API_KEY s3cr3tPass",
        "ENV API_KEY s3cr3tPass",
        'api_key := "s3cr3tPass"',
        "npm config set //registry.npmjs.org/:_authToken s3cr3tPass",
        "password: # set by ops\n  s3cr3tPass\nuser: bob",
        "config: password: # set by ops\n  s3cr3tPass\nuser: bob",
        'apiKey := string("s3cr3tPass")',
        "docker login -u bob -p s3cr3tPass",
        "sshpass -p s3cr3tPass ssh bob@host",
        "curl -u bob:s3cr3tPass https://example.com",
        "mysql -u root -ps3cr3tPass shop",
        "mariadb-dump -uroot -ps3cr3tPass",
        "mysql -u root --password=s3cr3tPass shop",  # attached after "=": mysql's password
        "mysql -u root --password s3cr3tPass",  # a password where mysql reads a database: it goes all the same
        "mysql --password 's3cr3tPass' shop",
        "psql -h mysql.internal --password s3cr3tPass",  # a host named so: another command's flag
        "psql -d mysql --password s3cr3tPass",  # an option's value
        "mysql shop; mongosh --password s3cr3tPass",  # another command on the line
        "htpasswd -b .htpasswd bob s3cr3tPass",
        "htpasswd -nbB bob s3cr3tPass",
        "openssl enc -aes-256-cbc -k s3cr3tPass -in f",
        "openssl rsa -passin pass:s3cr3tPass -in k.pem",
        "zip -P s3cr3tPass out.zip f",
        "7z a -ps3cr3tPass out.7z f",
        "mongosh -u bob -p s3cr3tPass",
        "smbclient //h/s -U bob%s3cr3tPass",
        "ldapadd -x -D cn=admin -w s3cr3tPass -f a.ldif",
        "keytool -deststorepass s3cr3tPass -importkeystore",
        "az login -u bob -p s3cr3tPass",
        "rabbitmqctl add_user bob s3cr3tPass",
        "rabbitmqctl change_password bob s3cr3tPass",
        'echo "s3cr3tPass" | vault kv put secret/x password=-',
        "printf '%s' s3cr3tPass | vault write auth/userpass/users/bob password=- policies=dev",
        "net user bob s3cr3tPass /add",
        "net user bob s3cr3tPass",
        "az keyvault secret set --name db --vault-name v --value s3cr3tPass",
        "vercel env add API_KEY production <<< s3cr3tPass",
        "echo s3cr3tPass | docker login -u bob --password-stdin",
        "printf '%s' s3cr3tPass | podman login --password-stdin q.io",
    ],
)
def test_commands_setting_a_secret_lose_it(text: str) -> None:
    redacted = create_anonymizer()(text)
    assert "s3cr3tPass" not in redacted and "sk-abcdef123456" not in redacted and "<" in redacted


@pytest.mark.parametrize(
    "command",
    [
        "mysql -u root -ps3cr3tPass shop",
        "htpasswd -bc .htpasswd bob s3cr3tPass",
        "net user bob s3cr3tPass /add",
        "net user bob s3cr3tPass\nnet localgroup administrators bob /add",
        'echo "s3cr3tPass" | docker login -u bob --password-stdin',
        "openssl rsa -passout pass:s3cr3tPass -out k.pem",
        "ldapsearch -x -D 'cn=admin' -w 's3cr3tPass'",
        "smbclient //h/s -U 'bob%s3cr3tPass'",
        "rabbitmqctl add_user 'bob' 's3cr3tPass'",
        "echo s3cr3tPass | vault kv put secret/db password=-",
        "az keyvault secret set --name db --value 's3cr3tPass'",
        'vercel env add API_KEY production <<< "s3cr3tPass"',
    ],
)
def test_commands_in_json_lose_their_secret_and_stay_json(command: str) -> None:
    document = json.dumps({"tool": "shell", "arguments": {"command": command}})
    redacted = create_anonymizer()(document)
    assert "s3cr3tPass" not in redacted
    assert json.loads(redacted)["tool"] == "shell"


@pytest.mark.parametrize(
    "code",
    [
        'password = getpass() or "s3cr3tPass"',  # the connection-string detector takes "getpass()" alone
        'password = getpass("Password: ") or "s3cr3tPass"',
        'key = os.getenv("OPENAI_API_KEY") or "s3cr3tPass"\nclient = OpenAI(api_key=key)',
        'const key = import.meta.env.VITE_API_KEY || "s3cr3tPass";',
        "CREATE USER 'bob'@'%' IDENTIFIED BY 's3cr3tPass';",  # text-to-SQL
        "CREATE USER bob IDENTIFIED BY s3cr3tPass",
        # after a call asking for it: a default, a string joined to the answer
        'password = input("Password: ") or "s3cr3tPass"',
        'password = getpass("pw") + "s3cr3tPass"',
        'pw = getpass.getpass(prompt="Password: ") or "s3cr3tPass"',  # "pw": the question's key reads the default
        'password = SecretStr("s3cr3tPass")',
        'password = "s3cr3tPass"\npassword=s3cr3tPass\nPassword: s3cr3tPass',
        "Server=db;User Id=sa;Password=s3cr3tPass;",
        'password = myinput("Password: ", "s3cr3tPass")',  # an unknown call: its literals
        # a default after other arguments, with a key before the call or not
        'click.prompt("Secret", hide_input=True, default="s3cr3tPass")',
        'secret = click.prompt("Secret", hide_input=True, default="s3cr3tPass")',
        'x = click.prompt("Password", hide_input=True, prompt_suffix=": ", default="s3cr3tPass")',
        'questionary.password("Password:", default="s3cr3tPass").ask()',
        'token = env("API_TOKEN", cast=str, default="s3cr3tPass")',
        'api_key = os.getenv("API_KEY", default="s3cr3tPass")',
        # a default after a type annotation: a signature, a dataclass, a settings class
        'def connect(host: str, password: str = "s3cr3tPass"):',
        "class Settings(BaseSettings):\n    api_key: str = 's3cr3tPass'\n    debug: bool = False",
        'token: Optional[str] = "s3cr3tPass"',
        'token: SecretStr = SecretStr("s3cr3tPass")',
        # pydantic's Field given the secret as its default
        'api_key = Field(default="s3cr3tPass")',
        'api_key: str = Field(default="s3cr3tPass", description="the key")',
    ],
)
def test_code_writing_a_secret_loses_it_and_stays_json(code: str) -> None:
    document = json.dumps({"tool": "python", "arguments": {"code": code}})
    redacted = create_anonymizer()(document)
    assert "s3cr3tPass" not in redacted
    assert json.loads(redacted)["tool"] == "python"
    assert "s3cr3tPass" not in create_anonymizer()(code)


@pytest.mark.parametrize(
    "code",
    [
        'password=getpass("Password: ")',
        'password = getpass.getpass("Enter password: ")',
        'pw = getpass.getpass(prompt="Password: ")',
        'password = getpass.getpass(\n    prompt="Password: ",\n    stream=sys.stderr,\n)',
        'password = input("Password: ")',
        "password = raw_input('Password: ')",
        'secret = click.prompt("Secret", hide_input=True)',
        'token = typer.prompt("Token", hide_input=True)',
        'password = Prompt.ask("Password", password=True)',
        'password = questionary.password("Password:").ask()',
        'password = keyring.get_password("svc", "bob")',
        'api_key = os.getenv("API_KEY")\napi_key = os.environ.get("API_KEY")',
        'password = getpass("Password: ") or getpass("Again: ")',
        # a type annotation and a default that holds no secret
        "password: Optional[str] = None",
        'api_key: str = os.environ["API_KEY"]',
        "def login(user: str, password: str):",
    ],
)
def test_a_call_asking_for_a_secret_stays_as_written(code: str) -> None:
    """A prompt's question, a keyring's names and an environment variable's name say where the
    secret comes from: code shared with an assistant keeps them, as text and in JSON."""
    anonymizer = create_anonymizer()
    assert anonymizer.anonymize_text(code) == code
    document = json.dumps({"tool": "python", "arguments": {"code": code}})
    assert json.loads(anonymizer.anonymize_text(document))["arguments"]["code"] == code


@pytest.mark.parametrize(
    "text",
    [
        'say "password: " then hunter2',
        'echo "Password: " hunter2',
        '"api_key: " hunter2 # set by ops',
        'say "password: " then hunter2\nnext line',
    ],
)
def test_a_value_after_the_string_a_key_ends_goes(text: str) -> None:
    """A key's string that closes right after its separator, a word after it: the value is
    after the string, as the rest of the line after a key starting a string is."""
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert "hunter2" not in as_text and "hunter2" not in in_json
    assert "<SENSITIVE_KEY>" in as_text and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    "text",
    [
        'the prompt "Password: " appears',  # prose: plain words after the string
        'type "password: " then press enter',
        'read -sp "Password: " password',  # the variable the key names
        'echo "password: " $PW',  # a reference
        'print("Token: " if verbose else "")',  # code joining the string to more
        'print("password: ", pw)\nprint("API key: " + key)',
    ],
)
def test_words_or_code_after_the_string_a_key_ends_stay(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ('echo "password: " correcthorse', "correcthorse"),  # a plain word: echo's argument, no prose
        ("echo 'Password:' correcthorse", "correcthorse"),
        ('echo -n "api_key=" correcthorse', "correcthorse"),
        ('echo -n -e "token: " correcthorse && ls', "correcthorse"),
        ('echo "password: " "correct horse"', "correct horse"),  # quoted
        ("echo \"token: \" 'correcthorse'", "correcthorse"),
        # printf: the argument written for the directive after the key
        ('printf "token: %s\\n" sk9f8d7s6a5', "sk9f8d7s6a5"),
        ("printf 'password: %s\\n' correcthorse", "correcthorse"),
        ('printf "password: %-12s|" "correcthorse"', "correcthorse"),
        ('printf "user: %s password: %s\\n" bob correcthorse', "correcthorse"),
    ],
)
def test_what_a_writer_writes_after_the_string_a_key_ends_goes(text: str, secret: str) -> None:
    """``echo`` and ``printf`` write their next argument after their string: after a string
    ending in a key's separator, that argument is the value, a plain word too (no prose there)."""
    _assert_marked_as_text_and_in_json(text, secret)
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert as_text.count("bob") == in_json.count("bob") == text.count("bob")  # the argument before stays


@pytest.mark.parametrize(
    "text",
    [
        'echo "password: "',  # nothing after the string
        'echo "enter password: " >&2',  # a redirection
        'printf "password: %s\\n" "$PASS"',  # a variable's reference
        'printf "password: %s\\n" $PASS\necho "token: " "${API_TOKEN}"',
        'echo "password reset" done',  # no separator ends the string
        'echo "token: " | base64',  # a pipe
        'logger.info("password: %s", pw)\nprint("token: %s" % token)',  # code: a format's arguments after a comma, an operator
    ],
)
def test_a_writer_with_no_secret_after_the_string_a_key_ends_stays(text: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert as_text == text and json.loads(in_json)["content"] == text


@pytest.mark.parametrize(
    "value",
    ["${DB_PASSWORD}", "$DB_PASSWORD", "{{ .Values.password }}", "${{ secrets.DB_PASSWORD }}", "${DB_PASSWORD}hunter2",
     "hunter2${X}", "${X:-hunter2}", "$hunter2", "hunter2", "?", "%DB_PASSWORD%"],
)
def test_a_mapping_keeps_a_reference_as_the_text_does(value: str) -> None:
    """A sensitive key's value in a mapping (JSON's too) is kept where the same value quoted
    after the key in text is: a variable's reference alone."""
    anonymizer = create_anonymizer()
    text = f'password: "{value}"'
    kept = anonymizer.anonymize_text(text) == text
    assert kept == (value in ("${DB_PASSWORD}", "$DB_PASSWORD", "{{ .Values.password }}", "${{ secrets.DB_PASSWORD }}"))
    for data in ({"password": value}, {"env": [{"name": "DB_PASSWORD", "value": value}]}, [("authorization", value)]):
        assert (anonymizer.anonymize(data) == data) == kept
        redacted = anonymizer.anonymize_text(json.dumps(data))
        assert (json.loads(redacted) == json.loads(json.dumps(data))) == kept
        if not kept:
            assert value not in redacted


@pytest.mark.parametrize(
    "text",
    [
        'password = "${DB_PASSWORD}hunter2"',
        "password={{x}}hunter2",
        "DATABASE_URL=postgres://app:${DB_PASSWORD}hunter2@db/app",
        "https://api.example.com/v1?token=${API_TOKEN}hunter2&page=2",
    ],
)
def test_a_reference_joined_to_more_loses_the_rest(text: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert "hunter2" not in as_text and "hunter2" not in in_json
    json.loads(in_json)


@pytest.mark.parametrize(
    "text",
    [
        'password: "abc"hunter2',
        'PASSWORD="abc"hunter2;',
        "password: 'abc'hunter2 user=bob",
        "password={{ x }}hunter2",
        'password: "${DB_PASSWORD}"hunter2',  # a reference quoted, then more: no reference
        'the password is "abc"hunter2',
        "--password \"abc\"hunter2 --verbose",  # a shell joins them into one word
        "PASSWORD=\"abc\"'hunter2'",  # a quoted part glued on: one word too
        "--password \"abc\"'hunter2' --verbose",
        "password=\"abc\"x'hunter2' user=bob",  # a bare part, then a quoted one
        "password={{ x }}'hunter2'",
    ],
)
def test_a_quoted_or_braced_value_with_more_glued_on_loses_the_rest(text: str) -> None:
    """Word characters or a string right after a value's closing quote or brace are the value's too."""
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert "hunter2" not in as_text and "hunter2" not in in_json
    assert "<SENSITIVE_KEY>" in as_text and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    "text",
    [
        'password = "abc" "hunter2"',  # Python joins adjacent string literals
        "api_key = 'abc'  'hunter2'\nnext = 1",
        'token = "abc" f"hunter2" + suffix',  # after a prefix
        'token: "abc"\t"hunter2"',
        'settings = {"api_key": "abc" "hunter2"}',
        'password = "abc" "hunter2',  # cut short: to the end
    ],
)
def test_a_string_literal_joined_on_after_spaces_is_the_values_too(text: str) -> None:
    """Code joins a string literal to the next after spaces: after a key's ``=`` or ``:``, the
    second is the value's as the first is."""
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert "hunter2" not in as_text and "hunter2" not in in_json
    assert "<SENSITIVE_KEY>" in as_text and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]
    escaped = json.dumps({"content": text})[:-3]  # JSON cut short: its quotes escaped
    assert "hunter2" not in create_anonymizer().anonymize_text(escaped)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('password: "abc", user: "bob"', 'password: "<SENSITIVE_KEY>", user: "bob"'),
        ('{"password": "abc", "user": "bob"}', '{"password": "<SENSITIVE_KEY>", "user": "bob"}'),
        ("token=(abc) user=bob", "token=<SENSITIVE_KEY> user=bob"),
        ("password={{x}} user=bob", "password={{x}} user=bob"),  # a template's reference alone
        ('password: "abc" is wrong', 'password: "<SENSITIVE_KEY>" is wrong'),  # a word after a space is no string
        ('token="abc" user="bob"', 'token="<SENSITIVE_KEY>" user="bob"'),  # the next pair
        ('f(token="abc", "bob")', 'f(token="<SENSITIVE_KEY>", "bob")'),  # the next argument
        ('{"token": "abc" "user": "bob"}', '{"token": "<SENSITIVE_KEY>" "user": "bob"}'),  # a key: JSON without its comma
        ('--token "abc" "bob"', '--token "<SENSITIVE_KEY>" "bob"'),  # a command's next argument
    ],
)
def test_a_value_closed_before_a_delimiter_ends_there(text: str, expected: str) -> None:
    assert create_anonymizer().anonymize_text(text) == expected


def test_a_variable_piped_to_a_key_reading_stdin_stays() -> None:
    redacted = create_anonymizer()("echo $DB_PASSWORD | vault kv put secret/db password=- && echo done | vault kv put x note=-")
    assert "echo $DB_PASSWORD |" in redacted and "echo done |" in redacted


XML_SECRET = "Zq8rT2vX9kLm4Pn7"


@pytest.mark.parametrize(
    "text",
    [
        f"<password>{XML_SECRET}</password>",
        f"<ApiKey>{XML_SECRET}</ApiKey>",
        f"<ns:Password>{XML_SECRET}</ns:Password>",
        f'<password type="plain">{XML_SECRET}</password>',
        f'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n  <soap:Body>\n    <Login>\n'
        f"      <UserName>bob</UserName>\n      <Password>{XML_SECRET}</Password>\n    </Login>\n  </soap:Body>\n</soap:Envelope>",
        f'<wsse:UsernameToken><wsse:Password Type="x#PasswordText">{XML_SECRET}</wsse:Password></wsse:UsernameToken>',
        f"<passwordPolicy>{XML_SECRET}</passwordPolicy>",  # as passwordPolicy={XML_SECRET}
    ],
)
def test_an_xml_element_named_by_a_sensitive_key_loses_its_content(text: str) -> None:
    anonymizer = create_anonymizer()
    redacted = anonymizer.anonymize_text(text)
    assert XML_SECRET not in redacted and "<SENSITIVE_KEY>" in redacted
    for body in (json.dumps({"body": text}), json.dumps({"body": text}).replace("/", "\\/")):  # <\/password> too
        redacted = anonymizer.anonymize_text(body)
        assert XML_SECRET not in redacted and json.loads(redacted)["body"].count("<SENSITIVE_KEY>") == 1
    cut_short = json.dumps({"body": text, "n": 1})[:-8]
    assert XML_SECRET not in anonymizer.anonymize_text(cut_short)


@pytest.mark.parametrize(
    "text",
    [
        f'<appSettings>\n  <add key="ApiKey" value="{XML_SECRET}" />\n</appSettings>',  # .NET
        f'<bean id="ds">\n  <property name="password" value="{XML_SECRET}"/>\n</bean>',  # Spring, Hibernate
        f'<object><param name="apiKey" value="{XML_SECRET}"></object>',
        f'<properties>\n  <entry key="password">{XML_SECRET}</entry>\n</properties>',  # Java properties XML
        f'<input type="password" value="{XML_SECRET}">',  # HTML: an input's type names its value
        f'<input value="{XML_SECRET}" class="form-control" type="password" />',
        f"<input type=password value={XML_SECRET}>",  # unquoted, as HTML may write them
        f'<form>\n  <input name=api_key value="{XML_SECRET}" required>\n</form>',
        f'<head>\n  <meta name="csrf-token" content="{XML_SECRET}">\n</head>',  # a meta tag's name names its content
        f'<meta content="{XML_SECRET}" name="csrf-token" />',
        f'<meta property="api_key" content="{XML_SECRET}">',
        f"<meta name=csrf-token content={XML_SECRET}>",
    ],
)
def test_an_xml_attribute_naming_a_secret_names_the_value(text: str) -> None:
    anonymizer = create_anonymizer()
    redacted = anonymizer.anonymize_text(text)
    assert XML_SECRET not in redacted and "<SENSITIVE_KEY>" in redacted
    redacted = anonymizer.anonymize_text(json.dumps({"body": text}))
    assert XML_SECRET not in redacted and "<SENSITIVE_KEY>" in json.loads(redacted)["body"]


@pytest.mark.parametrize(
    "text",
    [
        f"my password is {XML_SECRET}",
        'the password is "hunter2"',
        "password was Summer2024!",
        "my API key is abc123XYZ789",
        "the token is ghx_R2vX9kLm4Pn7aB",
        f"my password is: {XML_SECRET}",
        f"the API key is - {XML_SECRET}",
        f"the password is now {XML_SECRET}",
        f"password was changed to {XML_SECRET}",
    ],
)
def test_prose_stating_a_secret_loses_it(text: str) -> None:
    secret = text.rsplit(" ", 1)[-1].strip('"')
    anonymizer = create_anonymizer()
    redacted = anonymizer.anonymize_text(text)
    assert secret not in redacted and "<SENSITIVE_KEY>" in redacted
    redacted = anonymizer.anonymize_text(json.dumps({"role": "user", "content": text}))
    assert secret not in redacted and "<SENSITIVE_KEY>" in json.loads(redacted)["content"]


UNLOCKING_SECRET = "abcd1234efgh"


def _redacted_as_text_and_in_json(text: str) -> Tuple[str, str]:
    """``text`` anonymized on its own, and as the string of a JSON document (that document's
    text, for a leak test on the bytes; it must still parse)."""
    anonymizer = create_anonymizer()
    return anonymizer.anonymize_text(text), anonymizer.anonymize_text(json.dumps({"content": text}))


def _assert_marked_as_text_and_in_json(text: str, secret: str) -> None:
    """``secret`` is gone from ``text`` anonymized on its own and inside a JSON document, a
    sensitive key's marker in its place in both."""
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert secret not in as_text and "<SENSITIVE_KEY>" in as_text
    assert secret not in in_json and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("credentials=Creds('bob', 'x9s8d7')", "credentials=Creds('bob', '<SENSITIVE_KEY>')"),
        ('auth = Login("alice",\n    "Hunter2!")', 'auth = Login("alice",\n    "<SENSITIVE_KEY>")'),
        ("credentials=Creds('bob', 'pw', 'x9s8d7')", "credentials=Creds('bob', '<SENSITIVE_KEY>')"),  # all after the name
        # unsure which is the secret: both go
        ("credentials=Creds('b0b', 'x9s8d7')", "credentials=Creds('<SENSITIVE_KEY>')"),
        ("token = Token('hunter', 'bearer')", "token = Token('<SENSITIVE_KEY>')"),
    ],
)
def test_a_call_after_a_sensitive_key_keeps_a_plain_name_before_its_secret(text: str, expected: str) -> None:
    assert create_anonymizer().anonymize_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"auth=HTTPBasicAuth(user, '{UNLOCKING_SECRET}')",
        f"auth=Auth(user, '{UNLOCKING_SECRET}')",
        f"credentials=Creds('bob', '{UNLOCKING_SECRET}')",
        f'auth=requests.auth.HTTPDigestAuth(user, "{UNLOCKING_SECRET}")',
        f"token=Token(user, '{UNLOCKING_SECRET}')",
        f"client = OpenAI(api_key=get_key(cfg, '{UNLOCKING_SECRET}'))",
        f"auth = Auth(\n    user,\n    '{UNLOCKING_SECRET}',\n)",
    ],
)
def test_a_call_after_a_sensitive_key_loses_its_literals_and_keeps_its_code(text: str) -> None:
    alone, in_json = _redacted_as_text_and_in_json(text)
    for redacted in (alone, json.loads(in_json)["content"]):
        assert UNLOCKING_SECRET not in redacted
        assert redacted.startswith(text[: text.index("(") + 1])  # the key and the call's name stay


@pytest.mark.parametrize(
    "text",
    [
        f'{{"passphrase": "{UNLOCKING_SECRET}"}}',
        f"ssh-keygen passphrase: {UNLOCKING_SECRET}",
        f'{{"seed_phrase": "{UNLOCKING_SECRET}"}}',
        f'{{"seed phrase": "{UNLOCKING_SECRET}"}}',
        f'{{"recovery_phrase": "{UNLOCKING_SECRET}"}}',
        f'{{"mnemonic": "abandon ability able {UNLOCKING_SECRET}"}}',
        f'{{"recovery_codes": ["{UNLOCKING_SECRET}", "x2"]}}',
        f'{{"backup_code": "{UNLOCKING_SECRET}"}}',
        f'{{"security_answer": "{UNLOCKING_SECRET}"}}',
        f'{{"security answer": "{UNLOCKING_SECRET}"}}',
        f'{{"otp": "{UNLOCKING_SECRET}"}}',
        f"otp: {UNLOCKING_SECRET}",
        f'{{"otp_code": "{UNLOCKING_SECRET}"}}',
        f'{{"totp_secret": "{UNLOCKING_SECRET}"}}',
        f'{{"pin_code": "{UNLOCKING_SECRET}"}}',
        f"otpauth://totp/x?secret={UNLOCKING_SECRET}",
        f"my seed phrase is {UNLOCKING_SECRET}",
        f"the security answer was {UNLOCKING_SECRET}",
        # a bare key of two words, the second qualifying the first
        f"seed phrase: {UNLOCKING_SECRET}",
        f"- Security answer: {UNLOCKING_SECRET}",
        f"Backup codes: {UNLOCKING_SECRET}",
        f"recovery code = {UNLOCKING_SECRET}",
        f"user: bob, API key: {UNLOCKING_SECRET}",
        f"Your API key: {UNLOCKING_SECRET}",
        f"passcode: {UNLOCKING_SECRET}",
        f'{{"passcode": "{UNLOCKING_SECRET}"}}',
        f"my passcode is {UNLOCKING_SECRET}",
        # a one-time code a login sends
        f"Your verification code is {UNLOCKING_SECRET}.",
        f"2FA code: {UNLOCKING_SECRET}",
        f"the MFA code was {UNLOCKING_SECRET}",
        f'{{"sms_code": "{UNLOCKING_SECRET}"}}',
    ],
)
def test_what_unlocks_as_a_password_does_loses_its_value(text: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert UNLOCKING_SECRET not in as_text
    assert UNLOCKING_SECRET not in in_json and json.loads(in_json)


@pytest.mark.parametrize(
    "text",
    [
        f"machine api.example.com login bob password {UNLOCKING_SECRET}",
        f"default login bob password {UNLOCKING_SECRET}",
        f"machine api.example.com\nlogin bob\npassword {UNLOCKING_SECRET}\n",
        f"machine h\n\tlogin bob\n\taccount acct\n\tpassword \"{UNLOCKING_SECRET}\"",
        f"machine a.com login x password y2z3\nmachine b.com login y password {UNLOCKING_SECRET} account x",
        f'echo "machine github.com login bob password {UNLOCKING_SECRET}" >> ~/.netrc',
    ],
)
def test_a_netrc_entry_loses_its_password(text: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert UNLOCKING_SECRET not in as_text and "password <SENSITIVE_KEY>" in as_text.replace('"', "")
    assert UNLOCKING_SECRET not in in_json and json.loads(in_json)


@pytest.mark.parametrize(
    "text",
    [
        # a password's name, a space alone before its value
        f"username bob password {UNLOCKING_SECRET}",
        f"user bob password {UNLOCKING_SECRET}",
        f"ssh bob@host # password {UNLOCKING_SECRET}",
        f"Password {UNLOCKING_SECRET} please",
        f"my password {UNLOCKING_SECRET}.",
        f"db_password {UNLOCKING_SECRET}",
        f"password {UNLOCKING_SECRET} (SHA256 hashed)",
        f"password MD5{UNLOCKING_SECRET}",  # more than a hash algorithm's name
        # a qualifier between a password's name and the verb stating its value
        f"the wifi password for Guest is {UNLOCKING_SECRET}",
        f"the password for bob is {UNLOCKING_SECRET}",
        f"the admin password on prod is {UNLOCKING_SECRET}",
        f"the password for the admin user was {UNLOCKING_SECRET}",
        f"the password for bob is: {UNLOCKING_SECRET}",
    ],
)
def test_a_password_named_without_a_separator_loses_its_value(text: str) -> None:
    _assert_marked_as_text_and_in_json(text, UNLOCKING_SECRET)


@pytest.mark.parametrize(
    "text",
    [
        "the password reset link",
        "Use a password manager",
        "Run user bob password reset",
        "the password policy for admins is 12 characters",
        "the password for bob is incorrect",
        "the password of bob on prod is hunter22",  # a qualifier of one word before the verb only
        "password (optional)",
        "password reset/change flow",
        "the password v2.1 release and password 1.2.3",
        "password SHA256 hashed",  # a hash algorithm's name: how it is stored
        "password argon2id hashed, password PBKDF2-SHA256 hashed, password sha-512.",
        "password 3 times, Password 2FA, the password 2nd-factor",
        "password **required**",
        "<p>type=password value=secret</p>",
        "otp verification failed",
        "recovery code sent to your phone",
        "PIN code",
        "ticket id 123456 for the password field",
    ],
)
def test_a_password_named_in_prose_keeps_the_words_after_it(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("my password is correcthorse", "correcthorse"),
        ("the wifi password is sunflower", "sunflower"),
        ("the wifi password is sunflower, thanks", "sunflower"),
        ("my password is Sunflower. Can you log in?", "Sunflower"),
        ("my password is sunflower and my username is bob", "sunflower"),
        ("my password is sunflower please reset it", "sunflower"),
        ("the password for bob is sunflower", "sunflower"),
        ("password was changed to sunflower", "sunflower"),
        ("my password is: sunflower\nthanks", "sunflower"),
        ("the passphrase is correcthorsebatterystaple!", "correcthorsebatterystaple"),
        ("**Password** is sunflower", "sunflower"),
        ("My PASSWORD is sunflower", "sunflower"),
        ("the default login password is admin", "admin"),
        ("the password is test", "test"),
    ],
)
def test_a_password_of_letters_stated_in_prose_goes(text: str, secret: str) -> None:
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "the password is incorrect",
        "your password is required",
        "the password is too short",
        "my password is the same as before",
        "the password is case-sensitive",
        "the password is stored in Vault",
        "the password is being reset",
        "the password is wrong, try again",
        "The password is Required.",
        "your password is weak!",
        "the password is different for each host",
        "my password was stolen",
        "the password is below:",
        "the password is optional",
        "the password is sixteen characters",
        "the password is valid for 90 days",
        "my password is sunflower daisy",  # more words after it: the sentence's, maybe
        "the password is correct horse battery staple",  # a passphrase of words is not read
        "the password is JSON, the password is Vault-managed",  # capitals, hyphens: a name, a term
        "the password is gone",
        "if password is sentinel:",
        "assert password is expected",
        # other secrets' names: their values hold more than letters
        "the API key is missing",
        "the token is rotating",
        "the secret is out",
        "the key is valid until May",
        "my recovery code is gone",
        "the session is over",
    ],
)
def test_words_prose_says_of_a_password_stay(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text
    in_json = json.dumps({"content": text})
    assert create_anonymizer().anonymize_text(in_json) == in_json


PIN_DIGITS = "4821"


@pytest.mark.parametrize(
    "text",
    [
        f"PIN {PIN_DIGITS}",
        f"my PIN {PIN_DIGITS} works",
        f"new PIN {PIN_DIGITS}, old PIN 87654321",
        f"PIN code {PIN_DIGITS}.",
        f"the PIN Number {PIN_DIGITS}9",
        f"(SIM-PIN {PIN_DIGITS})",
        f"PIN\t{PIN_DIGITS}",
    ],
)
def test_a_pin_named_without_a_separator_loses_its_digits(text: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert PIN_DIGITS not in as_text and "PIN" in as_text and "<SENSITIVE_KEY>" in as_text
    assert PIN_DIGITS not in in_json and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    "text",
    [
        # a noun naming the secret's value after a name that is a secret's alone
        f"PIN code: {PIN_DIGITS}",
        f"PIN number: {PIN_DIGITS}",
        f"my PIN code is {PIN_DIGITS}",
        f"OTP code is {PIN_DIGITS}19",
        f"otp code = {PIN_DIGITS}19",
        f"the auth code was {UNLOCKING_SECRET}",
        f"- Secret phrase: {UNLOCKING_SECRET}",
    ],
)
def test_a_secret_named_twice_over_loses_its_value(text: str) -> None:
    secret = UNLOCKING_SECRET if UNLOCKING_SECRET in text else PIN_DIGITS
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "PIN 2",  # a chip's pin: fewer digits than a PIN holds
        "PIN 17 is ground",
        "GPIO pin 17",  # in lower case: a pin of a chip or header
        "pin 4 of the header",
        "pin 4821 of the connector",
        "PIN 1234-5678",  # more than a PIN: a range, a date, a decimal, a longer number
        "PIN 2024-01-01",
        "PIN 1234.5",
        "PIN 12:30",
        "PIN 123456789",
        "PIN v1.2.3",
        "SPIN 4821 and PINs 4821",  # not the word PIN
        "the OTP code is incorrect",
        "the verification code is incorrect, error code: E1234, status code: 404",
        "Token ID: 5",
        "code 200, status code 404, exit code 1, error code E1234",
        "zip code 90210 and postal code 10115",
        "the code 3 times",
    ],
)
def test_a_pin_look_alike_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("card 4111, CVV 123", "123"),
        ("CVV 123.", "123"),
        ("CVC code 4821", "4821"),
        ("CVC\t9876", "9876"),
        ("DOB 1980-02-13", "1980-02-13"),
        ("patient DOB 02/13/1980, seen today", "02/13/1980"),
        ("DOB 13.02.1980", "13.02.1980"),
        # in lower case, as chat users type them
        ("card 4111 1111 1111 1111 exp 12/27 cvv 123", "123"),
        ("my cvv 123, thanks", "123"),
        ("cvc 4821", "4821"),
        ("the cvv\t987 is on the back", "987"),
        ("name: Jane Roe, dob 1980-02-13", "1980-02-13"),
        ("dob 02/13/1980", "02/13/1980"),
    ],
)
def test_a_card_code_or_birth_name_without_a_separator_loses_its_value(text: str, secret: str) -> None:
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "CVV 12",  # fewer digits than a card code holds
        "CVV 1234-5678",  # more than a code: a range, a decimal, a version
        "CVV 1.2.3",
        "CVV 4821 of the batch",
        "CVV check failed",
        "DOB unknown",
        "DOB 1980",  # a year alone is no date
        "the DOB field",
        "cvv 12",
        "cvv 1234-5678",
        "the cvv field is empty",
        "xcvv 123, cvv_len 4",  # not the word cvv
        "dob unknown",
        "dob 1980",
        "the job 1980-02-13 ran, a knob 2024-01-01",  # not the word dob
    ],
)
def test_a_card_code_or_birth_name_look_alike_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, my name is Jane Roe and I need help with my order", "Roe"),
        ("My name is Vanessa P. Hertzog but everyone calls me Van", "Hertzog"),
        ("My name is Ruth R Montez.", "Montez"),
        ("My name is J\u00e1n M. Nov\u00e1k.", "Nov\u00e1k"),
        ("my name is John Smith I need help", "Smith"),
        ("Her name was Dr. Ana de la Cruz, a surgeon", "Cruz"),
        ("My name is Jan van der Berg", "Berg"),
        ("your name is Mary-Jane O'Neil", "O'Neil"),
        ('My name is "jroe" here', "jroe"),
        # a sensitive name that names a person's name: its value is a name, not a secret's shape
        ("my first name is Jane", "Jane"),
        ("The customer name is Jane Roe.", "Roe"),
        ("my last name is Roe, thanks", "Roe"),
        ("**Full name** is Jane Q. Roe", "Roe"),
        ("She was born on 2/8/1935. Her maiden name is Clark", "Clark"),  # the Presidio dataset's
    ],
)
def test_a_persons_name_stated_in_prose_loses_its_value(text: str, name: str) -> None:
    _assert_marked_as_text_and_in_json(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "the first name is required",  # what prose says of a field: no capital
        "the last name is empty, the full name is too long",
        "their name is unknown",
        "the file name is Report.pdf",  # no person's: a name with no owner before it
        "The name is Bond",
        "the username is Admin",  # not a person's name
        "tell me what my name is.",
        "my name is: see the form",  # a colon: read as a key's separator
    ],
)
def test_a_name_stated_in_prose_look_alike_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


SESSION_ID = "abc123def"


@pytest.mark.parametrize(
    "text",
    [
        # a session's id is its secret: whoever holds it takes the session over (as session_id: x)
        f"session id: {SESSION_ID}",
        f"Session ID: {SESSION_ID}",
        f"SESSION ID = {SESSION_ID}",
        f"session-id: {SESSION_ID}",
        f"- Session Id: {SESSION_ID}",
        f"the session id is {SESSION_ID}",
        f"my session ID was `{SESSION_ID}`",
        f"the session id for bob is {SESSION_ID}.",
    ],
)
def test_a_session_id_in_text_loses_its_value(text: str) -> None:
    _assert_marked_as_text_and_in_json(text, SESSION_ID)


@pytest.mark.parametrize(
    "text",
    [
        "add a session id column to the table",  # no value
        "a new session id was issued",  # prose states a word of letters
        "the session id is invalid",
        "the session id is stored in a cookie",
        "session name: weekly sync",  # a session's name is no secret
        "session ids are rotated hourly",
    ],
)
def test_a_session_id_in_prose_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    "text",
    [
        # a qualifier between another sensitive name and the verb stating its value
        f"the API key for prod is {UNLOCKING_SECRET}",
        f"the token for staging was {UNLOCKING_SECRET}",
        f"the secret for the webhook is {UNLOCKING_SECRET}",
        f"the access key of the bot was {UNLOCKING_SECRET}",
        f"The recovery code for my account is {UNLOCKING_SECRET}.",
        f"the OTP for the admin login is: {UNLOCKING_SECRET}",
        f"the **API key** for prod is `{UNLOCKING_SECRET}`",
        # a qualifier in brackets, as before a key's separator ("Password (new): x")
        f"the password (new) is {UNLOCKING_SECRET}",
        f"the password (new) is: {UNLOCKING_SECRET}",
        f"my API key (prod) was {UNLOCKING_SECRET}.",
        f"the token (if any) is {UNLOCKING_SECRET}",
        f"Social security number (SSN) is {UNLOCKING_SECRET}",
    ],
)
def test_a_qualified_sensitive_name_loses_its_stated_value(text: str) -> None:
    _assert_marked_as_text_and_in_json(text, UNLOCKING_SECRET)


@pytest.mark.parametrize(
    "text",
    [
        "the key for this map is the user id",  # "key" alone names no secret, and "the" is prose
        "the token for each request is refreshed",  # a stated word of prose
        "the API key for prod is rotated weekly",
        "the secret to good pasta is 00-flour",
        "the token limit for this model is 128000",  # a limit of tokens: the word before "for" names none
        "one of the tokens is v2.0",  # nor does "one" before "of"
        "the password policy for admins is 12345678",  # the nearest qualifier's name only
        "the password (optional) is required",  # a stated word of prose after brackets too
        "the password (see below) is 8 characters",
        "the token (if any) is refreshed",
        "f(password) is None",  # a call's brackets, glued on
        "the service (new) is abc123x",  # the word before the brackets names no secret
        "the password policy (v2) is 12345678",
    ],
)
def test_a_qualified_name_before_prose_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a qualifier in brackets between a sensitive name and its separator
        ("Social security number (SSN): 536-90-4399x", "536-90-4399x"),
        ("Password (new): hunter2x", "hunter2x"),
        ("API key (prod): sk-abc123x", "sk-abc123x"),
        ("Date of birth (DOB): 1980-02-13", "1980-02-13"),
        ("Date of birth (DOB): March 12, 1985", "March 12, 1985"),
        ("PASSWORD (NEW) : hunter2x", "hunter2x"),
        ("the token (if any): hunter2x", "hunter2x"),
        ("API key (for the prod env): sk-abc123x", "sk-abc123x"),
        ("user: bob\nPassword (new):\n  hunter2x", "hunter2x"),
        ("a (new): b, c any): d, Password (new): hunter2x, the token (if any): hunter3x", "hunter"),  # met before
    ],
)
def test_a_bracketed_qualifier_after_a_sensitive_name_keeps_its_value_a_secret(text: str, secret: str) -> None:
    alone, in_json = _redacted_as_text_and_in_json(text)
    assert secret not in alone and "<SENSITIVE_KEY>" in alone
    assert secret not in in_json and "<SENSITIVE_KEY>" in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    "text",
    [
        "Password (optional)",  # no separator, no value
        "password (see below)",
        "the token (if any): none",
        "Notes (password reset): see the wiki",  # the brackets name the secret, not the word before them
        "def check(password): return True",  # a call's brackets, glued on
        "if (password): x = 1",
        "Service (new): abc123x",
    ],
)
def test_a_bracketed_qualifier_after_another_word_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


def _code_stays(redactor: TextRedactor, text: str) -> None:
    """``text`` (code, its types and documentation) comes out as written: alone, in a JSON
    message, and in JSON held in a JSON string."""
    assert redactor.redact_value(text) is text
    in_json = json.dumps({"content": text, "n": 1})
    assert create_anonymizer().anonymize_text(in_json) == in_json
    nested = json.dumps({"tool": json.dumps({"content": text})})
    assert create_anonymizer().anonymize_text(nested) == nested


@pytest.mark.parametrize(
    "text",
    [
        # code and its documentation: an argument's type, and the words describing it
        "    password (str): The password to use.",
        "Args:\n    password (str): The password to use when\n        connecting.\n    user (str): The user.",
        "    api_key (Optional[str]): API key for the service. Defaults to None.",
        "    token (str, optional): Bearer token.",
        "    token (str | None): the token, if any",
        "Args: password (str): The password.",
        "Parameters\n----------\npassword : str\n    The password to use.\n",
        "    password : str, optional\n        The password to use.",
        ":param password: The password to use.\n:type password: str",
        "class Login(BaseModel):\n    password: SecretStr\n    api_key: Optional[str]",
        "def login(user: str, password: str) -> bool:",
    ],
)
def test_an_arguments_type_and_description_stay(redactor: TextRedactor, text: str) -> None:
    _code_stays(redactor, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a value marked as a secret after a type, or words that are no description
        ("password (str): hunter2x", "hunter2x"),
        ("    password (str): Hunter2", "Hunter2"),
        ("password (str): The password is hunter2x", "hunter2x"),
        ("password (str): abcXYZde", "abcXYZde"),
        ("password (str): dragon", "dragon"),  # one plain word: no sentence describes it
        ("token (str): `hunter2x`", "hunter2x"),
        ("Password (new): correct horse battery", "correct horse battery"),  # no type: a qualifier
        ("password: The password to use.", "The password to use."),  # no type: a passphrase, maybe
        ("password : hunter2x\n    The password.", "hunter2x"),
        ("password: str123", "str123"),
        ("password: Optional[hunter2x]", "hunter2x"),
    ],
)
def test_a_secret_after_an_arguments_type_goes(text: str, secret: str) -> None:
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        # a key starting its line, then words describing the secret, then the secret quoted
        'password: The password "correcthorse"',
        'password: The password is "correcthorse"',
        "token: set to 'correcthorse'",
        'api_key: the key is "correcthorse" for prod',
        'DB_PASSWORD=The password "correcthorse"',
    ],
)
def test_a_quoted_secret_after_words_describing_it_goes(text: str) -> None:
    _assert_marked_as_text_and_in_json(text, "correcthorse")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('password: hunter2x "note"', '"note"'),  # a value that is no description: the quote after it stays
        ('password: The password\n"note"', '"note"'),  # the next line's
        ('{"password": "correcthorse", "user": "bob"}', '"user": "bob"'),  # JSON's pairs
        ("password: 'correcthorse', user: 'bob'", "user: 'bob'"),
        ('user: The admin "bob"', 'user: The admin "bob"'),  # no sensitive key
        ('the password: The password "to use"', "the password: The password"),  # a key in prose: one word
    ],
)
def test_a_quote_after_a_value_that_is_no_description_stays(text: str, kept: str) -> None:
    as_text, in_json = _redacted_as_text_and_in_json(text)
    assert kept in as_text and kept in json.loads(in_json)["content"]


@pytest.mark.parametrize(
    "text",
    [
        # a field declaration giving no secret as its default: code and its documentation
        "class S(BaseModel):\n    password: str = Field(default=None)",
        'api_key: str = Field(default_factory=lambda: os.environ["K"])',
        'api_key: SecretStr = Field(default_factory=lambda: os.getenv("OPENAI_API_KEY"))',
        "password: SecretStr = Field(..., min_length=8)",
        'api_key: str = Field(..., description="OpenAI API key")',
        'api_key: Optional[str] = Field(None, alias="OPENAI_API_KEY")',
        'token: str = Field(\n    default=None,\n    description="The token",\n)',
        "token: list = dataclasses.field(default_factory=list)",
        "secret = Field(...)",
        "password: Optional[str] = None",
        'token: str = ""',
    ],
)
def test_a_field_declaration_without_a_secret_default_stays(redactor: TextRedactor, text: str) -> None:
    _code_stays(redactor, text)


@pytest.mark.parametrize(
    "text",
    [
        # a field declaration's default, a literal: positional first, or by its keyword wherever it stands
        f'password: str = Field("{UNLOCKING_SECRET}")',
        f'class S(BaseModel):\n    password: str = Field(default="{UNLOCKING_SECRET}")',
        f'token: str = Field(min_length=8, default="{UNLOCKING_SECRET}")',
        f'api_key: str = Field(alias="API_KEY", default=f"{UNLOCKING_SECRET}", description="The key")',
        f'api_key = Field(default_factory=lambda: "{UNLOCKING_SECRET}")',
        f'token: str = Field(\n    default="{UNLOCKING_SECRET}",\n    description="The token",\n)',
        f'token = dataclasses.field(default="{UNLOCKING_SECRET}")',
    ],
)
def test_a_field_declarations_default_goes(text: str) -> None:
    _assert_marked_as_text_and_in_json(text, UNLOCKING_SECRET)


@pytest.mark.parametrize(
    "text",
    [
        f"user=bob pass={UNLOCKING_SECRET}",
        f"login=bob pass={UNLOCKING_SECRET}",
        f"login: bob, pass: {UNLOCKING_SECRET}",
        f"pass={UNLOCKING_SECRET}",  # its value looks like a secret
        f'PASS="{UNLOCKING_SECRET}"',
        f"-u bob -pass {UNLOCKING_SECRET}",
        f"mysql --user=bob --pass={UNLOCKING_SECRET} shop",
        f"user=ci pass={UNLOCKING_SECRET[4:8]}",  # a number after a user's name: a PIN
    ],
)
def test_a_bare_pass_key_after_a_user_or_with_a_secret_loses_its_value(text: str) -> None:
    secret = UNLOCKING_SECRET if UNLOCKING_SECRET in text else UNLOCKING_SECRET[4:8]
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "pass=12 fail=0 skip=3",  # a test report counts passes
        "tests: pass=98.5% fail=1.5%",
        "Tests pass: 12/15",
        "pass=true fail=false",
        "pass=PASSED",
        "You shall not pass: Gandalf",
        "x --pass 3",  # a flag counting passes: no user before it
        "openssl enc -pass env:PW -in f",
        "compass=north1234",
    ],
)
def test_a_bare_pass_key_counting_or_in_prose_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    "value",
    [
        {"user": "bob", "pass": "hunter"},  # beside a user's name: a password, whatever it looks like
        {"username": "bob", "pass": "hunter"},
        {"USERNAME": "bob", "pass": "hunter"},  # a user's name in any case and spelling, as in text
        {"user.name": "bob", "Pass": "hunter"},
        {"pass": "hunter2x"},  # alone: a value that looks like a secret
        '{"pass": "hunter2x", "n": 1}',  # JSON text: its quoted key
        "{'user': 'bob', 'pass': 'hunter'}",  # a Python repr: a user's name in quotes before it
        '[{"user": "bob", "pass": "hunter"}]',
    ],
)
def test_a_pass_key_in_a_mapping_or_json_loses_its_password(value: object) -> None:
    redacted = create_anonymizer()(value)
    assert "hunter" not in str(redacted) and "<SENSITIVE_KEY>" in str(redacted)
    assert "bob" in str(redacted) or "bob" not in str(value)


@pytest.mark.parametrize(
    "value",
    [
        {"pass": 12, "fail": 0},  # a test report's counts
        {"pass": "12", "fail": "0"},
        {"pass": "PASSED", "suite": "unit"},
        '{"pass": "98.5%", "fail": "1.5%"}',
        {"compass": "north", "bypass": "on"},
        {"user_id": "bob", "pass": "hunter"},  # no user's name: an id
        {1: "bob", "pass": "PASSED"},
    ],
)
def test_a_pass_key_counting_in_a_mapping_or_json_stays(value: object) -> None:
    assert create_anonymizer()(value) == value


@pytest.mark.parametrize(
    "text",
    [
        "Session number: 3",  # an ordinal, a status, a count: one to three digits under a code or a number
        "auth code: 200",
        "session_number=3 user=bob",
        "sessionNumber: 12",
        '{"auth_code": 200, "state": "ok"',  # JSON cut short
        "{'auth_code': '404'}",
        "--auth-code 200",
        "GPIO PIN number: 17",  # a chip's
        "session: 3",  # a session's secret is its id, key, token or cookie: never three digits
        "sessions=3 users=2",
        "user_sessions: 12",
    ],
)
def test_a_count_under_a_code_or_number_key_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    "value",
    [
        {"session_number": 3},
        {"Session number": "3"},
        {"auth_code": 200, "state": "ok"},
        {"authCode": 404},
        {"headers": [("auth_code", 200)]},
        {"session": 3},
        {"activeSessions": "12"},
    ],
)
def test_a_count_under_a_code_or_number_key_stays_in_a_mapping_or_json(value: object) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer(value) == value
    assert json.loads(anonymizer.anonymize_text(json.dumps(value))) == json.loads(json.dumps(value))
    assert TextRedactor().redact_value(next(iter(value.values())), key=next(iter(value))) == next(iter(value.values()))


REPOSITORIES = [
    {"full_name": "octocat/Hello-World"},  # GitHub's repository object names its owner/repo so
    {"repository": {"id": 1296269, "full_name": "octocat/Hello-World", "private": False}},
    {"repo_full_name": "my-org/api.v2_x"},
    {"fullName": "octocat/Spoon-Knife"},
]


@pytest.mark.parametrize("value", REPOSITORIES)
def test_a_repository_under_a_full_name_key_stays_in_a_mapping_or_json(value: object) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer(value) == value
    assert json.loads(anonymizer.anonymize_text(json.dumps(value))) == value
    assert TextRedactor().redact_value("octocat/Hello-World", key="full_name") == "octocat/Hello-World"


@pytest.mark.parametrize(
    "text",
    ["full_name: octocat/Hello-World", "Full Name: octocat/Hello-World", "{'full_name': 'octocat/Hello-World'}"],
)
def test_a_repository_under_a_full_name_key_stays_in_text(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # a person's full name, or anything not shaped owner/repo, goes whole
        ({"full_name": "Jane Doe"}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"full_name": "Jane/Doe Smith"}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"full_name": "Doe/Jane, Dr."}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"full_name": "a/b/c"}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"full_name": "octocat/"}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"full_name": ["octocat/Hello-World"]}, {"full_name": "<SENSITIVE_KEY>"}),
        ({"user_full_names": "octocat/Hello-World"}, {"user_full_names": "<SENSITIVE_KEY>"}),
        # a repository's shape is still read by the detectors
        ({"full_name": "415-555-0132/home"}, {"full_name": "<PHONE_NUMBER>/home"}),
        ({"full_name": "AKIAIOSFODNN7EXAMPLE/x"}, {"full_name": "<AWS_ACCESS_KEY_ID>/x"}),
    ],
)
def test_a_full_name_not_shaped_as_a_repository_is_redacted(value: Dict[str, Any], expected: Dict[str, Any]) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer(value) == expected
    assert json.loads(anonymizer.anonymize_text(json.dumps(value))) == expected
    key, text = next(iter(value.items()))
    if isinstance(text, str):
        assert anonymizer.anonymize_text(f"{key}: {text}") == f"{key}: {expected[key]}"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("auth code: 482913", "482913"),  # a one-time code: four digits or more
        ("PIN code: 4821", "4821"),
        ("OTP code is 845120", "845120"),
        ("session_token: 3x9Fq2", "3x9Fq2"),
        ("session_token: 317", "317"),  # a token's key: no count's
        ("session_id: 317", "317"),
        ("security code: 317", "317"),  # a card's security code: three digits
        ("CVV code: 317", "317"),
        ("cvc_code=317", "317"),
        ("auth code: 3170", "3170"),
        ("auth code: -317", "-317"),
        ("auth code: 3.17", "3.17"),
    ],
)
def test_a_secret_under_a_code_or_number_key_goes(text: str, secret: str) -> None:
    alone, in_json = _redacted_as_text_and_in_json(text)
    assert secret not in alone and secret not in json.loads(in_json)["content"]
    key = text.split(":")[0].split("=")[0].split(" is ")[0]
    value: object = int(secret) if secret.isdigit() else secret
    assert secret not in str(create_anonymizer()({key: value}))
    assert secret not in create_anonymizer().anonymize_text(json.dumps({key: secret}))


@pytest.mark.parametrize(
    "text",
    [
        # when or how long a session was: no secret of it
        "the session for bob was 2024-01-01",
        "the session for bob was 12:30",
        "the session was 2h30m",
        "the session for bob was 1440 minutes",
        "session: 12:30",
        "session: 2024-01-01 10:00",
        "Session (last): 2024-01-01T10:00:00Z",
        "{'session': '12:30', 'user': 'bob'}",
        "the session id was 09:15:02.123Z",
    ],
)
def test_a_date_or_time_under_a_session_name_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the session token for bob was abc123x", "abc123x"),
        ("the session for bob was abc123x", "abc123x"),
        ("session: abc123x", "abc123x"),
        ("session: 12345678", "12345678"),  # a session's id in digits: no count, no date
        ("session: 1234", "1234"),
        ("session id: 2024-01-01x", "2024-01-01x"),  # more than a date
        ("the session was 2h30mx", "2h30mx"),
        ("the session was 1440 apples", "1440"),  # no unit of time after it
        ("the cookie for bob was 2024-01-01", "2024-01-01"),  # a date under another name is its value
    ],
)
def test_a_secret_under_a_session_name_goes(text: str, secret: str) -> None:
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    "value",
    [
        # when or how long a session was, in a mapping as in text
        {"session": "2024-01-01T10:00:00Z"},
        {"session": "2024-01-01", "user": "bob"},
        {"Session": "12:30"},
        {"session": "2h30m"},
        {"session_id": "09:15:02.123Z"},
        {"user": {"session": "2024-01-01 10:00"}},
    ],
)
def test_a_date_or_time_under_a_session_name_stays_in_a_mapping_or_json(value: Dict[str, Any]) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer(value) == value
    assert json.loads(anonymizer.anonymize_text(json.dumps(value))) == value
    key, text = next(iter(value.items()))
    if isinstance(text, str):
        assert TextRedactor().redact_value(text, key=key) == text


@pytest.mark.parametrize(
    ("value", "secret"),
    [
        ({"session": "abc123x"}, "abc123x"),
        ({"session": "2024-01-01x"}, "2024-01-01x"),  # more than a date
        ({"session": "12345678"}, "12345678"),  # a session's id in digits
        ({"cookie": "2024-01-01"}, "2024-01-01"),
        ({"session": ["2024-01-01"]}, "2024-01-01"),  # a structure under the key goes whole
    ],
)
def test_a_secret_under_a_session_name_goes_in_a_mapping_or_json(value: Dict[str, Any], secret: str) -> None:
    anonymizer = create_anonymizer()
    assert secret not in str(anonymizer(value))
    assert secret not in anonymizer.anonymize_text(json.dumps(value))



@pytest.mark.parametrize(
    "text",
    [
        f"db.example.com:5432:app:bob:{UNLOCKING_SECRET}",
        f"*:*:*:bob:{UNLOCKING_SECRET}",
        f"localhost:*:mydb:postgres:{UNLOCKING_SECRET}",
        f"db:5432:app:bob:x1\ndb:5432:app:alice:{UNLOCKING_SECRET}",  # the same host and port again
        f"*:*:*:bob:pa\\:{UNLOCKING_SECRET}",  # an escaped colon inside the password
        f"echo 'localhost:6432:app:bob:{UNLOCKING_SECRET}' >> ~/.pgpass",
        f"machine h login bob password x1\n*:*:*:bob:{UNLOCKING_SECRET}",  # after a .netrc entry
        f"localhost:5432:*:postgres:{UNLOCKING_SECRET}",
        f"ERROR:2024:main:db:timeout\nerrors.example.com:5432:app:bob:{UNLOCKING_SECRET}",  # a host, after a log line
        f"ERRORS:5432:app:bob:{UNLOCKING_SECRET}",  # a word in capitals that is no log level
    ],
)
def test_a_pgpass_line_loses_its_password(text: str) -> None:
    anonymizer = create_anonymizer()
    redacted = anonymizer.anonymize_text(text)
    assert UNLOCKING_SECRET not in redacted and ":<SENSITIVE_KEY>" in redacted
    redacted = anonymizer.anonymize_text(json.dumps({"content": text, "n": 1}))
    assert UNLOCKING_SECRET not in redacted and json.loads(redacted)["n"] == 1


def test_a_comment_after_a_key_in_prose_takes_no_line_under_it() -> None:
    """After words, a key's comment is prose's "#" ("number of"): the lines under it stay."""
    redacted = create_anonymizer().anonymize_text("the token: # of requests\n  was high today\nthe password: # ops\n  ok")
    assert "was high today" in redacted and redacted.endswith("\n  ok")


def test_an_auth_scheme_stays_and_the_detector_names_the_credential(redactor: TextRedactor) -> None:
    assert redactor.redact_value("Authorization: Bearer 4f9a1c2e7b3d4f9a1c2e") == "Authorization: Bearer <AUTH_HEADER>"


def test_findings_merge_with_the_detectors(redactor: TextRedactor) -> None:
    text = "password=hunter2 mail=jane@example.com token=abc123"
    assert redactor.redact_value(text) == (
        "password=<CONNECTION_STRING_PASSWORD> mail=<EMAIL_ADDRESS> token=<SENSITIVE_KEY>"
    )


def test_strings_inside_json_that_parses_are_searched_too(redactor: TextRedactor) -> None:
    text = json.dumps({"log": "retry with token=abc123", "n": 1})
    assert json.loads(redactor.redact_value(text)) == {"log": "retry with token=<SENSITIVE_KEY>", "n": 1}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"q": "the token: [abc123", "n": 1}, {"q": "the token: <SENSITIVE_KEY>", "n": 1}),  # cut short in a string
        ({"log": "auth: {'user': 'bob'"}, {"log": "auth: <SENSITIVE_KEY>"}),
        (["{'password': 'abc123"], ["{'password': '<SENSITIVE_KEY>"]),
        ({"m": 'say "password: abc123"'}, {"m": 'say "password: <SENSITIVE_KEY>"'}),
        ({"m": "use the --token flag: --token When2024!"}, {"m": "use the --token flag: --token <SENSITIVE_KEY>"}),
        ({"cfg": "db:\n  password: |\n    abc123\n  user: bob\n", "n": 1},  # a YAML block scalar
         {"cfg": "db:\n  password: |\n    <SENSITIVE_KEY>\n  user: bob\n", "n": 1}),
        ({"cfg": "password:\n  correct horse abc123\nuser: bob", "n": 1},  # a YAML plain scalar
         {"cfg": "password:\n  <SENSITIVE_KEY>\nuser: bob", "n": 1}),
    ],
)
def test_json_whose_strings_hold_pairs_stays_json(redactor: TextRedactor, data: object, expected: object) -> None:
    assert json.loads(redactor.redact_value(json.dumps(data))) == expected


def test_nested_values_and_anonymizer(redactor: TextRedactor) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer({"note": ["password: hunter2"]}) == {"note": ["password: <SENSITIVE_KEY>"]}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"headers": [("authorization", "Token hunter2")]}, {"headers": [("authorization", "<SENSITIVE_KEY>")]}),
        ([(b"host", b"x"), (b"cookie", b"sid=hunter2")], [(b"host", b"x"), (b"cookie", "<SENSITIVE_KEY>")]),  # ASGI
        ({"h": [["X-Api-Key", "hunter2"], ["Accept", "*/*"]]}, {"h": [["X-Api-Key", "<SENSITIVE_KEY>"], ["Accept", "*/*"]]}),
        ({"required": ["api_key", "query"]}, {"required": ["api_key", "query"]}),  # a list of names, not in a list
        ([("token", 42), ("token", None)], [("token", "<SENSITIVE_KEY>"), ("token", None)]),  # as {"token": 42}
        ([("session", True), ["cookie", False]], [("session", True), ["cookie", False]]),  # settings
        ([("password", "a", "b")], [("password", "a", "b")]),
    ],
)
def test_pairs_in_lists_are_header_lists(data: object, expected: object) -> None:
    assert create_anonymizer()(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"header": ("Authorization", "Token hunter2")}, {"header": ("Authorization", "<SENSITIVE_KEY>")}),
        (("x-api-key", b"hunter2"), ("x-api-key", "<SENSITIVE_KEY>")),
        ({"h": {"a": ("cookie", "sid=hunter2")}}, {"h": {"a": ("cookie", "<SENSITIVE_KEY>")}}),
        ({"fields": ["password", "email"]}, {"fields": ["password", "email"]}),  # a list alone: names
        ({"h": ("token", None)}, {"h": ("token", None)}),
        ({"h": ("Accept", "*/*")}, {"h": ("Accept", "*/*")}),
    ],
)
def test_a_tuple_alone_is_a_pair(data: object, expected: object) -> None:
    """A 2-tuple is a pair wherever it stands, not only in a list: its value goes after a
    sensitive name (a 2-list alone is as often a list of names: it stays a list)."""
    assert create_anonymizer()(data) == expected


def test_a_tuple_attribute_is_a_pair(provider, exporter) -> None:
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    tracer = provider.get_tracer("pairs")
    with tracer.start_as_current_span("s") as span:  # the key and strings alone are clean, and remembered so
        span.set_attribute("header", "Authorization")
        span.set_attribute("scheme", "Token hunter2")
    with tracer.start_as_current_span("s") as span:
        span.set_attribute("header", ("Authorization", "Token hunter2"))
    assert provider.force_flush()
    assert exporter.spans[1].attributes["header"] == ("Authorization", "<SENSITIVE_KEY>")


@pytest.mark.parametrize("value", [["Bearer hunter2"], ("hunter2",), {"sid": "hunter2"}, {"hunter2"}])
def test_the_container_value_of_a_pair_goes_whole(value: object) -> None:
    """A sensitive pair's value goes whole whatever it is, as a sensitive key's does."""
    anonymizer = create_anonymizer()
    assert anonymizer([("authorization", value), ["cookie", value]]) == [
        ("authorization", "<SENSITIVE_KEY>"), ["cookie", "<SENSITIVE_KEY>"]
    ]


@pytest.mark.parametrize(
    "value", [12345678, 1234.5678, b"hunter2", bytearray(b"hunter2"), memoryview(b"hunter2"), Path("/hunter2")]
)
def test_the_value_of_a_pair_goes_whatever_its_type(value: object) -> None:
    """A pair's value goes as a sensitive key's does (``{"password": 12345678}``), not only a
    string: a number, bytes in any buffer, any object the walk would read as ``str(obj)``."""
    anonymizer = create_anonymizer()
    out = anonymizer([("password", value), [memoryview(b"api_key"), value]])
    assert out == [("password", "<SENSITIVE_KEY>"), [memoryview(b"api_key"), "<SENSITIVE_KEY>"]]
    assert out[0][1] == anonymizer({"password": value})["password"]


NAME_VALUE_RECORDS = [
    ({"env": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "PORT", "value": "5432"}]},  # Kubernetes
     {"env": [{"name": "DB_PASSWORD", "value": "<SENSITIVE_KEY>"}, {"name": "PORT", "value": "5432"}]}),
    ({"headers": [{"name": "Authorization", "value": "Bearer hunter2", "comment": ""}]},  # HAR
     {"headers": [{"name": "Authorization", "value": "<SENSITIVE_KEY>", "comment": ""}]}),
    ({"Tags": [{"Key": "api_key", "Value": "hunter2"}]}, {"Tags": [{"Key": "api_key", "Value": "<SENSITIVE_KEY>"}]}),
    ({"Parameter": {"Name": "/prod/db_password", "Type": "SecureString", "Value": "hunter2", "Version": 3,  # SSM
                    "DataType": "text", "ARN": "arn:aws:ssm:us-east-1:000000000000:parameter/prod/db_password"}},
     {"Parameter": {"Name": "/prod/db_password", "Type": "SecureString", "Value": "<SENSITIVE_KEY>", "Version": 3,
                    "DataType": "text", "ARN": "arn:aws:ssm:us-east-1:000000000000:parameter/prod/db_password"}}),
    ({"key": "x-api-key", "value": "hunter2", "type": "text"}, {"key": "x-api-key", "value": "<SENSITIVE_KEY>", "type": "text"}),
    ([{"field": "password", "value": "hunter2", "message": "too short"}],
     [{"field": "password", "value": "<SENSITIVE_KEY>", "message": "too short"}]),
    ({"header": "Cookie", "value": "sid=hunter2"}, {"header": "Cookie", "value": "<SENSITIVE_KEY>"}),
    ({"name": "pin", "value": 1234}, {"name": "pin", "value": "<SENSITIVE_KEY>"}),  # any type, as {"pin": 1234}
]

ORDINARY_RECORDS = [
    {"name": "Jane", "value": 3},
    {"name": "token_count", "value": 12},  # a property of a token, as the key token_count is
    {"name": "session.id", "value": "4f1c"},  # allowed, as the key is
    {"name": "password", "value": None},  # None stays, as under a sensitive key
    {"name": "password", "description": "the user's password", "required": True},  # no value field
    {"Name": "password", "value": "x"},  # the spellings pair by case
    {"name": 42, "value": "x"},
    {"name": "Password manager plan", "value": 49.99},  # a title, not a key
    {"name": "password", "value": "x", **{f"field{n}": n for n in range(7)}},  # nine fields: ordinary data
    {"env": [{"name": "DB_PASSWORD", "valueFrom": {"configMapKeyRef": {"name": "db", "key": "pass"}}}]},
]


@pytest.mark.parametrize(("data", "expected"), NAME_VALUE_RECORDS)
def test_the_value_of_a_record_naming_a_secret_goes(data: object, expected: object) -> None:
    """A name/value record is a key and its value written as two fields: the value goes whole,
    as a sensitive key's does, in the data and in its JSON text, however deep."""
    counter: Counter = Counter()
    assert TextRedactor().redact_value(data, counter=counter) == expected and counter == {"SENSITIVE_KEY": 1}
    anonymizer = create_anonymizer()
    assert json.loads(anonymizer(json.dumps(data))) == expected
    assert json.loads(json.loads(anonymizer(json.dumps({"a": json.dumps(data, indent=2)})))["a"]) == expected


@pytest.mark.parametrize(("data", "expected"), NAME_VALUE_RECORDS)
def test_a_record_written_as_a_python_repr_or_yaml_loses_its_value(data: object, expected: object) -> None:
    """Text that writes a record (a Python repr, YAML in either field order) loses the value as
    the data does."""
    counter: Counter = Counter()
    redacted = TextRedactor().redact_value(repr(data), counter=counter)
    assert redacted in (repr(expected), repr(expected).replace("'<SENSITIVE_KEY>'", "<SENSITIVE_KEY>"))
    assert counter == {"SENSITIVE_KEY": 1}
    anonymizer = create_anonymizer()
    for sort_keys in (False, True):
        redacted = anonymizer(yaml.safe_dump(data, sort_keys=sort_keys))
        assert SECRET not in redacted
        # a bare value keeps its auth scheme, as after a key (Authorization: Bearer <SENSITIVE_KEY>)
        assert yaml.safe_load(redacted.replace("Bearer <SENSITIVE_KEY>", "<SENSITIVE_KEY>")) == expected


def test_a_record_is_read_whatever_its_field_order() -> None:
    data = {"value": "hunter2", "name": "DB_PASSWORD"}
    assert json.loads(create_anonymizer()(json.dumps(data))) == {"value": "<SENSITIVE_KEY>", "name": "DB_PASSWORD"}


@pytest.mark.parametrize("data", ORDINARY_RECORDS)
def test_ordinary_records_stay(data: object) -> None:
    text = json.dumps(data)
    anonymizer = create_anonymizer()
    assert anonymizer(data) is data and anonymizer(text) is text


@pytest.mark.parametrize("data", ORDINARY_RECORDS)
def test_ordinary_records_written_as_text_stay(data: object) -> None:
    anonymizer = create_anonymizer()
    for text in (repr(data), yaml.safe_dump(data), yaml.safe_dump(data, sort_keys=False)):
        assert anonymizer(text) is text


def test_a_record_goes_whole_with_remove() -> None:
    anonymizer = create_anonymizer(strategies={"SENSITIVE_KEY": "remove"})
    data = {"env": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "PORT", "value": "5432"}]}
    assert anonymizer(data) == json.loads(anonymizer(json.dumps(data))) == {"env": [{"name": "PORT", "value": "5432"}]}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (["mysql", "--password", "hunter2", "shop"], ["mysql", "--password", "<SENSITIVE_KEY>", "shop"]),
        (("psql", "--api-key", "hunter2"), ("psql", "--api-key", "<SENSITIVE_KEY>")),
        (["app", "-token", "hunter2", "--verbose"], ["app", "-token", "<SENSITIVE_KEY>", "--verbose"]),
        (["mysql", "--password=hunter2"], ["mysql", "--password=<SENSITIVE_KEY>"]),  # the text's key-value pair
        (["mysql", "-p", "shop"], ["mysql", "-p", "shop"]),  # a one-letter flag may be any option
        (["curl", "--header", "Accept: */*"], ["curl", "--header", "Accept: */*"]),
        (["docker", "login", "--password-stdin", "--username", "bob"], ["docker", "login", "--password-stdin", "--username", "bob"]),
        (["docker", "login", "--password-stdin", "registry.example.com"],  # a flag that takes no value
         ["docker", "login", "--password-stdin", "registry.example.com"]),
        (["app", "--max-tokens", "512"], ["app", "--max-tokens", "512"]),
        (["app", "--password", 42], ["app", "--password", 42]),  # not an argument
        (frozenset({"--password", "hunter2"}), frozenset({"--password", "hunter2"})),  # no order
    ],
)
def test_the_argument_after_a_flag_naming_a_secret_goes(data: object, expected: object) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer(data) == expected
    if data == expected:
        assert anonymizer(data) is data
    elif isinstance(data, list):
        assert json.loads(anonymizer(json.dumps(data))) == expected


def test_a_one_letter_flag_names_nothing() -> None:
    """``-p`` is a password to mysql, a port to ssh and psql: even a sensitive ``p`` leaves its argument."""
    anonymizer = create_anonymizer(sensitive_keys=["p"])
    assert anonymizer(["psql", "-p", "5432"]) == ["psql", "-p", "5432"]
    assert anonymizer(["app", "--p2", "x"]) == ["app", "--p2", "<SENSITIVE_KEY>"]


def test_a_flag_found_clean_alone_is_not_remembered_as_clean() -> None:
    """A tuple of strings all found clean passes the span filter as it is (``unsettled``):
    a flag naming a secret must not be one of them, or the argument after it would pass."""
    redactor = TextRedactor()
    for text in ("mysql", "--password", "hunter2", "--verbose"):
        assert redactor.redact_value(text) is text
    assert "--password" not in redactor._memo.clean_texts and "--verbose" in redactor._memo.clean_texts
    attributes = {"process.command_args": ("mysql", "--password", "hunter2")}
    assert changes(redactor, attributes) == [("process.command_args", ("mysql", "--password", "<SENSITIVE_KEY>"))]


def test_a_header_list_in_json_that_is_parsed_is_walked() -> None:
    """The token key has the JSON parsed and walked: the pair is a list there, not text."""
    text = json.dumps({"token": "abc", "headers": [["x-api-key", "hunter2"]]}, indent=2)
    assert json.loads(create_anonymizer()(text)) == {"token": "<SENSITIVE_KEY>", "headers": [["x-api-key", "<SENSITIVE_KEY>"]]}


def test_a_pair_goes_whole_with_remove() -> None:
    anonymizer = create_anonymizer(strategies={"SENSITIVE_KEY": "remove"})
    assert anonymizer({"h": [("cookie", "sid=hunter2"), ("accept", "*/*")]}) == {"h": [("accept", "*/*")]}


def test_key_options_apply() -> None:
    custom = TextRedactor(sensitive_keys=["employee_code"], allowed_keys=["token"])
    assert custom.redact_value("employee_code=E12345") == "employee_code=<SENSITIVE_KEY>"
    assert custom.redact_value("token=abc123") == "token=abc123"
    assert TextRedactor(redact_keys=False).redact_value("token=abc123") == "token=abc123"


def test_rules_with_key_detection() -> None:
    anonymizer = create_anonymizer(rules=[("foo", "bar")], redact_keys=True)
    assert anonymizer("foo token=abc123") == "bar token=<SENSITIVE_KEY>"  # not at a line start: one word
    assert create_anonymizer(rules=[("foo", "bar")])("token=abc123 foo") == "token=abc123 bar"


def test_strategy_applies() -> None:
    redactor = TextRedactor(strategies={"SENSITIVE_KEY": "mask"})
    redacted = redactor.redact_value("password: correct-horse-battery")
    assert redacted.startswith("password: ") and "correct-horse" not in redacted


def test_time_limit() -> None:
    finder = KeyValueFinder(KeyMatcher().is_sensitive, timeout=1e-9)
    for text in ("a=1 " * 5000, "--a 1 " * 5000, '("a", "1") ' * 5000):
        with pytest.raises(TimeoutError):
            finder.scan(text)
    assert TextRedactor(timeout=1e-9, entities=[]).redact_text("token=x " * 5000) == "<UNSCANNABLE>"


def test_long_runs_of_separators_stay_linear() -> None:
    finder = KeyValueFinder(KeyMatcher().is_sensitive)
    started = time.perf_counter()
    text = 'password: "' * 20_000  # each quoted value holds the next key, the key after it glued on: one pair in three
    assert len(finder.scan(text)[0]) == 6_667
    text = "password=[" * 20_000  # a structure cut short runs to the end: one finding
    assert [(f.start, f.end) for f in finder.scan(text)[0]] == [(9, len(text))]
    assert len(finder.scan("--password " * 20_000)[0]) == 0  # each value is the next flag
    assert len(finder.scan("--password x " * 20_000)[0]) == 20_000
    assert len(finder.scan('[("password", "x"), ' * 20_000)[0]) == 20_000
    assert len(finder.scan('("password", "x", ' * 20_000)[0]) == 0  # no pair closes
    assert len(finder.scan('["--password", "x", ' * 20_000)[0]) == 20_000  # argument lists
    assert len(finder.scan('["-a line", "-b line", ' * 20_000)[0]) == 0  # diff lines
    assert len(finder.scan("password:\n" * 20_000)[0]) == 0  # each next line is a key
    assert time.perf_counter() - started < 15  # linear: about 1.4 s here; quadratic work would take minutes


def test_yaml_block_scalars_stay_linear() -> None:
    finder = KeyValueFinder(KeyMatcher().is_sensitive)
    started = time.perf_counter()
    assert len(finder.scan("password: |\n" * 20_000)[0]) == 20_000  # each block is empty: "|" goes
    assert len(finder.scan("password: |\n  x\n" * 20_000)[0]) == 20_000
    assert len(finder.scan("password: |\n" + "  password: |\n" * 20_000)[0]) == 1  # one block holds the rest
    assert time.perf_counter() - started < 15  # quadratic work on 20,000 lines would take minutes


def test_xml_elements_stay_linear() -> None:
    """Each closing tag looks for its opening tag a bounded stretch back, past a few others."""
    finder = KeyValueFinder(KeyMatcher().is_sensitive)
    started = time.perf_counter()
    assert len(finder.scan("<password>x</password>" * 20_000)[0]) == 20_000
    assert len(finder.scan("<passwordHint>" * 20_000 + "</password>" * 20_000)[0]) == 0
    assert len(finder.scan("</password>" * 20_000)[0]) == 0  # nothing opens
    assert len(finder.scan("<password>" * 20_000 + "x" + "</password>" * 20_000)[0]) == 1  # the innermost
    assert time.perf_counter() - started < 15


def test_html_tags_prose_and_calls_stay_linear() -> None:
    """Each meta tag, input, stating verb and call reads a bounded stretch around it."""
    finder = KeyValueFinder(KeyMatcher().is_sensitive)
    started = time.perf_counter()
    assert len(finder.scan('<meta name="token" content="x">' * 20_000)[0]) == 20_000
    assert len(finder.scan("<meta " + "content=" * 40_000)[0]) == 0  # names nothing
    assert len(finder.scan('<input type="password" value="x">' * 20_000)[0]) == 20_000
    assert len(finder.scan("my password is: x1y2 " * 20_000)[0]) == 20_000
    assert len(finder.scan("status is: " * 20_000)[0]) == 0
    assert len(finder.scan('api_key = os.getenv("API_KEY")\n' * 20_000)[0]) == 0
    assert len(finder.scan('os.getenv("API_KEY") or "x"\n' * 20_000)[0]) == 20_000
    assert len(finder.scan("env(env(env(" * 20_000)[0]) == 0
    assert len(finder.scan("ALTER USER bob WITH PASSWORD 'x'; " * 20_000)[0]) == 20_000
    assert len(finder.scan("set password for " * 20_000 + "= ' IDENTIFIED WITH BY " * 20_000)[0]) == 0
    assert time.perf_counter() - started < 15


def test_records_stay_linear() -> None:
    """Each value field reads a bounded stretch around it, however many there are."""
    finder = KeyValueFinder(KeyMatcher().is_sensitive)
    started = time.perf_counter()
    assert len(finder.scan("{'name': 'password', 'value': 'x'}, " * 20_000)[0]) == 20_000
    assert len(finder.scan("{" + "'name': 'password', 'value': 'x', " * 20_000)[0]) == 0  # one record too big
    assert len(finder.scan("'value': 'x', " * 20_000)[0]) == 0  # no brace opens a record
    assert len(finder.scan("- name: password\n  value: x\n" * 20_000)[0]) == 20_000
    assert len(finder.scan("- name: password\n" + "  a: b\n" * 20_000 + "  value: x\n")[0]) == 0
    assert len(finder.scan("  value: x\n" * 20_000)[0]) == 0
    assert len(finder.scan("value:" * 20_000)[0]) == 0
    assert len(finder.scan('<add key="password" value="x"/>' * 20_000)[0]) == 20_000  # XML attributes
    assert len(finder.scan('<entry key="password">x</entry> <a href="y=1">z</a>' * 20_000)[0]) == 20_000
    assert time.perf_counter() - started < 15


PROSE = (
    "The quick brown fox jumps over the lazy dog while the model answers questions about the weather, "
    "travel plans and the history of the river valley; results may vary between runs. "
)


class CountingMatcher:
    """A key check that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self._matcher = KeyMatcher()

    def __call__(self, key: str) -> bool:
        self.calls += 1
        return self._matcher.is_sensitive(key)


def test_gate_is_cheap_on_clean_prose() -> None:
    """4 KB of prose: no key read without separators, one per distinct word before one."""
    check = CountingMatcher()
    finder = KeyValueFinder(check)
    text = (PROSE * 30)[:4096]
    assert finder.scan(text) == ([], False) and check.calls == 0
    with_colons = text[:1000] + "Note: a" + text[1007:2000] + "Summary: b" + text[2010:] + " Note: c"
    assert finder.scan(with_colons) == ([], False)
    assert check.calls == 2  # "Note" and "Summary": the second "Note:" is remembered as plain


def test_repeated_json_keys_are_read_once() -> None:
    check = CountingMatcher()
    text = json.dumps([{"role": "user", "content": f"message {n}"} for n in range(50)])
    assert KeyValueFinder(check).scan(text) == ([], False)
    assert check.calls == 3  # 100 colons, three words before them: '[{"role"', '{"role"', '"content"'


JSON_KEYS = st.lists(
    st.sampled_from(["password", "api_key", "token", "role", "content", "max_tokens", "x", "my key", "Pass"])
    | st.sampled_from(["\\n", "\\t", '\\"', "\\\\", "\\u0074", " ", "_", "-"])
    | st.text(max_size=3),
    min_size=1,
    max_size=4,
).map("".join)


@settings(max_examples=400, deadline=None)
@example([('password\\"x', ":")], "")  # an escaped quote: the word's last quote is not the key's first
@example([("my password", ":")], "")  # a space: the word before the colon is not the whole key
@example([("\\\\token", ":")], "")  # an escaped backslash, then "token", read as a tab escape
@example([("password", " " * 120 + ":")], "")  # the key is further back than a key is read
@example([("password", ":")], "x" * 150)  # the key is longer than a key is read
@example([("role", ":"), ('password\\"max_tokensPass', " " * 120 + ":")], "")  # the key window cuts the key after its escape
@given(
    st.lists(st.tuples(JSON_KEYS, st.sampled_from([":", " :", "\n  :", " " * 120 + ":", ":\n"])), min_size=1, max_size=4),
    st.sampled_from(["", "x" * 150]),
)
def test_json_keys_sensitive_means_suspect(keys: List[tuple], padding: str) -> None:
    """Whenever the JSON key check would find a sensitive key, the finder's scan says so."""
    text = "{" + ", ".join(f'"{padding}{key}"{colon} 1' for key, colon in keys) + "}"
    matcher = KeyMatcher()
    if any(map(matcher.is_sensitive, _JSON_KEY.findall(text))):
        scanned = _LETTER_ESCAPES.sub("  ", text)
        assert KeyValueFinder(matcher.is_sensitive).scan(scanned)[1], text


# --- through pii_filter, checked on the exported OTLP bytes -------------------------------------------

FORMATS: List[str] = [
    '{"password": "hunter2", "items": [1, 2',
    "{'password': 'hunter2', 'n': 1}",
    'sent {"api_key": "hunter2" to the server',
    "password: hunter2",
    "token=hunter2",
    '"Authorization": "Basic hunter2"',
    "app --password hunter2 --verbose",
    "Password:\n  hunter2",
    "[(b'authorization', b'Token hunter2')]",
]


def test_span_attributes_events_and_name(provider, exporter) -> None:
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    tracer = provider.get_tracer("key-values")
    with tracer.start_as_current_span("login token=hunter2") as span:
        for index, text in enumerate(FORMATS):
            span.set_attribute(f"input.value.{index}", text)
        span.set_attribute("gen_ai.prompt", ("user: bob", "password: hunter2"))
        span.add_event("exception", {"exception.message": "auth failed: {'password': 'hunter2'"})
        span.set_attribute("llm.token_count.prompt", 42)
        span.set_attribute("note", "token count: 42, max_tokens=512, author: Jane")
    assert provider.force_flush()
    assert not exporter.contains(SECRET)
    (span,) = exporter.spans
    assert span.name == "login token=<SENSITIVE_KEY>"
    assert span.attributes["input.value.3"] == "password: <SENSITIVE_KEY>"
    assert span.attributes["note"] == "token count: 42, max_tokens=512, author: Jane"
    assert "SENSITIVE_KEY" in span.attributes["otel_redact.redacted_types"]
    for key in ("password", "api_key", "Authorization", "token"):
        assert exporter.contains(key)  # keys stay


# --- property: a credential after a sensitive key never survives, in any of these formats ------------

KEYS = ["password", "passwd", "api_key", "apiKey", "X-Api-Key", "secret", "client_secret", "token",
        "access_token", "Authorization", "cookie", "db.password", "AWS_SECRET_ACCESS_KEY", "private_key"]
PAIR_FORMATS = ["{k}: {v}", "{k}={v}", "{k} = {v}", '"{k}": "{v}"', "'{k}': '{v}'", '{{"{k}": "{v}', "{{'{k}': '{v}',",
                '{k}: "{v}"', "{k}={v}&page=2", "({k}={v})", '\\"{k}\\": \\"{v}\\"', "{k}: {v}\n", "- {k}: {v}",
                "--{k} {v}", "{k}:\n  {v}\n", '[("{k}", "{v}")]', "[['{k}', '{v}']]", '["app", "--{k}", "{v}"]',
                "['-{k}', '{v}', '-v']", "{k}: |\n  {v}\n  more\n", "- {k}: >-\n    x\n\n    {v}\n  n: 1",
                "<{k}>{v}</{k}>", '<x:{k} a="1">\n  {v}\n</x:{k}>']
CREDENTIAL_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_.+/!$%*"
credentials = st.text(CREDENTIAL_CHARS, min_size=6, max_size=24).filter(
    lambda v: any(c.isdigit() for c in v) and any(c.isalpha() for c in v) and v[0] not in "-_.+/!$%*"
)
words = st.lists(st.sampled_from(["please", "the", "user", "said", "Note", "retry", "ok", "To"]), max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KEYS), credentials, st.sampled_from(PAIR_FORMATS), words, st.sampled_from([" ", ", ", "; ", "\n"]), words)
def test_a_credential_after_a_sensitive_key_never_survives(key, secret, form, before, glue, after):
    text = f"{before}{glue if before else ''}{form.format(k=key, v=secret)}{' ' + after if after else ''}"
    redacted = TextRedactor().redact_text(text)
    assert secret not in redacted, (text, redacted)
    assert key in redacted


@pytest.mark.parametrize(
    "filler",
    [
        "Plain prose around the request, without brackets, long enough to make them sparse. " * 8,
        "f(x), g[y], h(z)[0] " * 20,  # brackets dense, as in code: one search of the text
    ],
    ids=["sparse brackets", "dense brackets"],
)
def test_header_lists_are_found_among_sparse_and_dense_brackets(filler: str) -> None:
    text = f'{filler} headers = [("Accept", "*/*"), (b"authorization", b"Token hunter2")] {filler}'
    out = create_anonymizer().anonymize_text(text)
    assert "hunter2" not in out and '(b"authorization", b"<SENSITIVE_KEY>")' in out and '("Accept", "*/*")' in out


CUSTOMER = {
    "first_name": "Johnathan", "last_name": "Smithson", "full_name": "Jane Q. Doe", "driver_license": "D1234567",
    "account_number": "000123456789", "routing_number": "021000021", "tax_id": "12-3456789", "tin": "98-7654321",
    "street_address": "123 Main St", "home_address": "9 Elm Rd, Springfield",
    "billing_address": {"line1": "77 Oak Ave", "city": "Shelbyville", "zip": "49001"}, "sort_code": "12-34-56",
}
"""A customer record as an agent's tool call carries it: each value is personal data under its key."""


def _customer_values() -> List[str]:
    return [v for value in CUSTOMER.values() for v in (value.values() if isinstance(value, dict) else [value])]


@pytest.mark.parametrize("form", ["mapping", "json", "key: value", "key=value"])
def test_personal_data_under_its_key_is_redacted(form: str) -> None:
    """A name, an id, a bank account or an address goes whole under its key, whatever it looks
    like; under an address's key a mapping goes whole, as under any sensitive key's."""
    anonymizer = create_anonymizer()
    flat = {key: value for key, value in CUSTOMER.items() if isinstance(value, str)}
    if form == "mapping":
        redacted = anonymizer.anonymize(dict(CUSTOMER, plan="gold"))
        assert redacted["billing_address"] == "<SENSITIVE_KEY>" and redacted["plan"] == "gold"
    elif form == "json":
        redacted = anonymizer.anonymize_text(json.dumps(dict(CUSTOMER, plan="gold")))
        assert json.loads(redacted)["plan"] == "gold"
    elif form == "key: value":
        redacted = anonymizer.anonymize_text("".join(f"{key.replace('_', ' ').title()}: {value}\n" for key, value in flat.items()))
    else:
        redacted = anonymizer.anonymize_text(" ".join(f"{key}={json.dumps(value)}" for key, value in flat.items()))
    for value in _customer_values() if form in ("mapping", "json") else flat.values():
        assert value not in str(redacted), value


@pytest.mark.parametrize(
    "text",
    [
        "First Name: Johnathan\nLast Name: Smithson",
        "firstName=Johnathan lastName=Smithson",
        "Billing address: 123 Main St, Springfield",
        "Driver's License: D1234567",
        "Tax ID: 12-3456789",
        "TIN: 98-7654321",
        "EIN=98-7654321",
        "Sort code: 12-34-56",
        'my last name is "Smithson"',
    ],
)
def test_personal_data_under_a_name_in_text_is_redacted(text: str) -> None:
    secret = next(word for word in ("Johnathan", "Smithson", "123 Main St", "D1234567", "12-3456789", "98-7654321", "12-34-56") if word in text)
    _assert_marked_as_text_and_in_json(text, secret)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # three words name the personal data where the last two name nothing alone
        ("Driver License Number: D1234567", "D1234567"),
        ("driver license number: D1234567", "D1234567"),
        ("DRIVER LICENSE NUMBER: D1234567", "D1234567"),
        ("Driver's License Number: D1234567", "D1234567"),
        ("driving licence number = MORGA753116SM9IJ", "MORGA753116SM9IJ"),
        ("Social Security Number: 536-90-4399x", "536-90-4399x"),  # glued on: no SSN for its detector
        ("Tax ID Number: TX12345678", "TX12345678"),
        ("National Insurance Number: QQ123456C", "QQ123456C"),
        ("Bank Account ID: 000123456789x", "000123456789x"),  # a licence's or an account's id is the data
        ("Driver License ID: D1234567", "D1234567"),
        ("My Social Security Number is 536-90-4399x.", "536-90-4399x"),
        ("the social security number for the admin is 536-90-4399x", "536-90-4399x"),
        ("please note that the driver license number of the new hire is D1234567x", "D1234567x"),
        ("Name: Jo\nDriver License Number:\n  D1234567", "D1234567"),
    ],
)
def test_personal_data_under_a_three_word_name_in_text_is_redacted(text: str, value: str) -> None:
    _assert_marked_as_text_and_in_json(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a bank account's two words, the last naming nothing alone
        ("Bank Account: AB1234x", "AB1234x"),
        ("bank account: 12345678", "12345678"),
        ("BANK ACCOUNT = 12345678", "12345678"),
        ("- Bank account: DE89370400440532013000x", "DE89370400440532013000x"),
        ("my bank account is 12345678", "12345678"),
        ("the bank account for payroll is AB1234x", "AB1234x"),
    ],
)
def test_a_bank_account_named_in_two_words_in_text_is_redacted(text: str, value: str) -> None:
    _assert_marked_as_text_and_in_json(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "name: gpt-4o",
        "tool_name: search",
        "file name: notes.txt",
        "the last name field is required",
        "address: 0x1234",
        "memory address: 0x7ffe",
        "wallet address: bc1qxy",
        "sort: asc",
        "Secret name: db-creds",  # a secret's name, not its value
        "session name: weekly sync",
        "testing=1 setting=2 protein: 30g",
        "Service Account ID: 1234567",  # three words naming no personal data
        "Order ID Number: A123x",
        "Windows Security ID: S-1-5-21-3623811015",
        "the driver license number field is required",  # no value
        "the tax id number is required",  # prose states a word of letters
        "API Key ID: abc123",  # an identifier of a secret
        "Service Account: bot",  # a service account's name is no secret, nor is a user's account
        "user account: bob",
        "account: 3",
        "the user account was locked",
    ],
)
def test_names_of_things_and_look_alikes_stay(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


# --- Markdown: a key in emphasis or a code span, as LLM answers write it ------------------------------

MARKDOWN_KEYS = [
    ("**password**: abcd1234efgh", "**password**: <SENSITIVE_KEY>"),
    ("- **API key**: sk-live-abc", "- **API key**: <SENSITIVE_KEY>"),
    ("**Password:** hunter2x", "**Password:** <SENSITIVE_KEY>"),  # the colon inside the bold
    ("**API Key:** sk-live-abc", "**API Key:** <SENSITIVE_KEY>"),
    ("*token*: abc123xyz", "*token*: <SENSITIVE_KEY>"),
    ("***password***: hunter2x", "***password***: <SENSITIVE_KEY>"),
    ("`password`: hunter2x", "`password`: <SENSITIVE_KEY>"),
    ("`password:` hunter2x", "`password:` <SENSITIVE_KEY>"),
    ("__password__: abc123xy", "__password__: <SENSITIVE_KEY>"),  # worked before: keep it so
    ("password: `hunter2x`", "password: <SENSITIVE_KEY>"),
    ("- **Password**: correct horse battery", "- **Password**: <SENSITIVE_KEY>"),  # a list item's line
    ("Use these:\n- **Username**: bob\n- **Password**: hunter2x\n", "Use these:\n- **Username**: bob\n- **Password**: <SENSITIVE_KEY>\n"),
    ("~~password~~: x9s8d7", "~~password~~: <SENSITIVE_KEY>"),  # a strikethrough
    ("~~Password:~~ x9s8d7", "~~Password:~~ <SENSITIVE_KEY>"),
    ("- ~~token~~: abc123xyz", "- ~~token~~: <SENSITIVE_KEY>"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_KEYS)
def test_a_key_in_markdown_emphasis_loses_its_value(text: str, expected: str) -> None:
    anonymizer = create_anonymizer()
    assert anonymizer.anonymize_text(text) == expected
    message = json.dumps({"role": "assistant", "content": f"Here you go:\n\n{text}\n"})  # escaped \n in a JSON string
    assert json.loads(anonymizer.anonymize_text(message))["content"] == f"Here you go:\n\n{expected}\n"


@pytest.mark.parametrize(
    "text",
    [
        "**Password** reset instructions",
        "**Note**: the password: field is required",
        "**token** counts: 42",
        "**Token usage**: 1234",
        "**Auth code**: 200",  # a status
        "**Full name**: octocat/Hello-World",
        "the **password**: field",
        "~~password~~ reset: done",
        "~~token~~ counts: 42",
        "the ~~password~~: field",
    ],
)
def test_a_markdown_look_alike_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


def _exported_through_pii_filter(provider, exporter, content: str, secrets: Sequence[str]) -> Any:
    """The one span exported after ``pii_filter`` with ``content`` as an assistant's JSON
    message and as ``output.value``, checked to hold none of ``secrets`` in its bytes."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    tracer = provider.get_tracer("markdown")
    with tracer.start_as_current_span("chat") as span:
        span.set_attribute("gen_ai.output.messages", json.dumps([{"role": "assistant", "content": content}]))
        span.set_attribute("output.value", content)
    assert provider.force_flush()
    for secret in secrets:
        assert not exporter.contains(secret)
    (span,) = exporter.spans
    return span


def test_a_markdown_key_loses_its_value_through_pii_filter(provider, exporter) -> None:
    content = "Your login:\n\n- **API key**: sk-live-abc\n- **Password:** hunter2x\n- `token`: abc123xyz"
    span = _exported_through_pii_filter(provider, exporter, content, ("sk-live-abc", "hunter2x", "abc123xyz"))
    assert span.attributes["output.value"] == (
        "Your login:\n\n- **API key**: <SENSITIVE_KEY>\n- **Password:** <SENSITIVE_KEY>\n- `token`: <SENSITIVE_KEY>"
    )


# --- Markdown tables: a row whose first cell names a secret, as LLM answers write credentials -----

CREDENTIALS_TABLE = "| Key | Value |\n|-----|-------|\n| username | bob |\n| password | hunter2x |\n| API key | sk-live-abc123 |"

MARKDOWN_TABLES = [
    ("| password | hunter2x |", "| password | <SENSITIVE_KEY> |"),
    (CREDENTIALS_TABLE,  # a user's name stays, as under "username: bob"; the header and delimiter rows too
     "| Key | Value |\n|-----|-------|\n| username | bob |\n| password | <SENSITIVE_KEY> |\n| API key | <SENSITIVE_KEY> |"),
    ("|password|hunter2x|", "|password|<SENSITIVE_KEY>|"),
    ("  | **Password** | hunter2x |", "  | **Password** | <SENSITIVE_KEY> |"),
    ("| password | `hunter2x` |", "| password | `<SENSITIVE_KEY>` |"),
    ("| Password (new) | hunter2x |", "| Password (new) | <SENSITIVE_KEY> |"),
    ("| password | correct horse battery staple |", "| password | <SENSITIVE_KEY> |"),  # no word of a description
    ("| token | ghp-abc123x | rotate monthly |", "| token | <SENSITIVE_KEY> | rotate monthly |"),  # the next cell only
    ("| password | hunter2x\n| user | bob |", "| password | <SENSITIVE_KEY>\n| user | bob |"),  # no closing pipe
    ("| API key | sk-live-abc123 |\r\n| Region | eu |", "| API key | <SENSITIVE_KEY> |\r\n| Region | eu |"),
    ("| Secret | Value |\n| :-- | --: |\n| client_secret | abc123xyz |",
     "| Secret | Value |\n| :-- | --: |\n| client_secret | <SENSITIVE_KEY> |"),  # a header naming a secret stays
    # a column under a header cell naming a secret, in every row up to the table's end
    ("| Name | Token |\n|---|---|\n| prod | x9s8d7k2 |\n| dev | q8w7e6r5 |",
     "| Name | Token |\n|---|---|\n| prod | <SENSITIVE_KEY> |\n| dev | <SENSITIVE_KEY> |"),
    ("| Password | Expires |\n|---|---|\n| x9s8d7k2 | 2024-01-01 |\n| 90 days | 2024-01-01 |",  # a duration stays
     "| Password | Expires |\n|---|---|\n| <SENSITIVE_KEY> | 2024-01-01 |\n| 90 days | 2024-01-01 |"),
    ("| Name | API key | Notes |\n|---|---|---|\n| prod | sk-abc123x | rotate |\n| dev |  | none |\n| qa | ${QA_KEY} | x |\n| st | **** | y |",
     "| Name | API key | Notes |\n|---|---|---|\n| prod | <SENSITIVE_KEY> | rotate |\n| dev |  | none |\n| qa | ${QA_KEY} | x |\n| st | **** | y |"),
    ("| User | PIN |\n|:--|--:|\n| bob | 4821 |", "| User | PIN |\n|:--|--:|\n| bob | <SENSITIVE_KEY> |"),
    ("| **Token** | Name |\n|---|---|\n| `x9s8d7k2` | prod |", "| **Token** | Name |\n|---|---|\n| `<SENSITIVE_KEY>` | prod |"),
    ("| Secret | Value |\n|---|---|\n| prod-db | hunter2x |", "| Secret | Value |\n|---|---|\n| prod-db | <SENSITIVE_KEY> |"),  # its values' column
    ("| Name | Token |\n|---|---|\n| prod | x9s8d7k2 |\n\nthe token | x9s8d7k2 |",  # the table ended
     "| Name | Token |\n|---|---|\n| prod | <SENSITIVE_KEY> |\n\nthe token | x9s8d7k2 |"),
    # a header row far along its line (its last cell past 100 characters)
    ("| Service name | Region name | Owner team | Created at | Last rotated at | Environment | Secret key | Password |\n"
     "|---|---|---|---|---|---|---|---|\n| db | eu | ops | 2024 | 2025 | prod | sk-abc123x | hunter2xyz |",
     "| Service name | Region name | Owner team | Created at | Last rotated at | Environment | Secret key | Password |\n"
     "|---|---|---|---|---|---|---|---|\n| db | eu | ops | 2024 | 2025 | prod | <SENSITIVE_KEY> | <SENSITIVE_KEY> |"),
    # GitHub's tables without their outer pipes, as LLMs write them: the delimiter row makes a header of a line
    ("| Service | Password\n|---|---\n| db | hunter2xyz", "| Service | Password\n|---|---\n| db | <SENSITIVE_KEY>"),
    ("Service | Password\n---|---\ndb | hunter2xyz\nweb | s3cr3tPass9",  # several rows; no loose value: "Password\\n---|---"
     "Service | Password\n---|---\ndb | <SENSITIVE_KEY>\nweb | <SENSITIVE_KEY>"),
    ("Name | Token\n--- | ---\nprod | ab34Xk98Lq", "Name | Token\n--- | ---\nprod | <SENSITIVE_KEY>"),
    ("Service | API key | Notes\n:--- | :---: | ---:\ndb | sk-abc123x | rotate\n| web | sk-def456y | |",  # a column in the middle
     "Service | API key | Notes\n:--- | :---: | ---:\ndb | <SENSITIVE_KEY> | rotate\n| web | <SENSITIVE_KEY> | |"),
    ("Password | Service\n---|---\nhunter2xyz | db", "Password | Service\n---|---\n<SENSITIVE_KEY> | db"),
    ("Service | Pass\\|word | Token\n---|---|---\ndb\\|x | a\\|b | ab34Xk98Lq",  # escaped pipes inside cells
     "Service | Pass\\|word | Token\n---|---|---\ndb\\|x | a\\|b | <SENSITIVE_KEY>"),
    ("**Service** | **Password**\n---|---\ndb | `hunter2xyz`", "**Service** | **Password**\n---|---\ndb | `<SENSITIVE_KEY>`"),
    ("Secret | Value\n---|---\nprod-db | hunter2xyz", "Secret | Value\n---|---\nprod-db | <SENSITIVE_KEY>"),
    ("Name | Token\n---|---\nprod | ab34Xk98Lq\n\nthe token | ab34Xk98Lq",  # a blank line ends the table
     "Name | Token\n---|---\nprod | <SENSITIVE_KEY>\n\nthe token | ab34Xk98Lq"),
    ("Name | Token\n---|---\nprod | ab34Xk98Lq\nSee the docs.\nthe token | ab34Xk98Lq",  # so does a line without a pipe
     "Name | Token\n---|---\nprod | <SENSITIVE_KEY>\nSee the docs.\nthe token | ab34Xk98Lq"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_TABLES)
def test_a_markdown_table_row_naming_a_secret_loses_its_value(text: str, expected: str) -> None:
    anonymizer = create_anonymizer()
    answer = json.dumps([{"content": text}])  # an answer that opens with its table: the string's quote opens the row
    assert json.loads(anonymizer.anonymize_text(answer))[0]["content"] == expected  # first: the text not yet seen
    assert anonymizer.anonymize_text(text) == expected
    message = json.dumps({"role": "assistant", "content": f"Here you go:\n\n{text}\n"})  # escaped \n in a JSON string
    assert json.loads(anonymizer.anonymize_text(message))["content"] == f"Here you go:\n\n{expected}\n"


@pytest.mark.parametrize(
    "text",
    [
        "grep password | awk '{print $2}'",  # a shell's pipes
        "cat pw.txt | docker login --password-stdin",
        "echo $TOKEN | gh auth login --with-token",
        "if token || fallback: pass",
        "x | password | hunter2x |",  # no row: its line does not open with a pipe
        'say "| password | hunter2x |"',  # nor does a string after a word
        "Pick a | b: the password | the token",  # prose
        "| Password | Expires |\n|---|---|\n| 90 days | 2024-01-01 |",  # a header row
        "| Field | Type |\n|---|---|\n| password | string |\n| api_key | str? |\n| token | `text` |\n| secret | required |",
        "| api_key | Your API key from the dashboard |",  # a description
        "| Password | The user's password |",
        "| password | |",  # empty
        "| password || hunter2x |",
        "| password | N/A |",
        "| password | ${DB_PASSWORD} |",  # a placeholder
        "| password | ******** |",
        "| Auth code | 200 |",  # a status
        "| Session | 2024-01-01 |",  # when, not its secret
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3.5 | $4.99 |",  # numbers
        "| Metric | Value |\n|---|---|\n| Prompt tokens | 1,234 |\n| latency | 12 ms |\n| version | 1.2.3 |",
        "| Step | Command |\n|---|---|\n| 1 | `cat key.txt | base64` |",
        "| Field | Type |\n|---|---|\n| password | string |\n| token | str |",  # no header names a secret
        "| Name | Notes on password |\n|---|---|\n| a | hunter2x |",  # a header cell naming one in its words
        "| Name | Token usage |\n|---|---|\n| gpt-4 | 1,234 |",
        "| Variable | Secret | Description |\n|---|---|---|\n| DB_PASSWORD | yes | the database's |",
        "| Session | Duration |\n|---|---|\n| 3 | 12 min |",  # a count under a session's name
        "| Token | Expires |\n|---|---|\n| | 2024-01-01 |\n| ******** | 90 days |",
        # without outer pipes: a line is a header only over its delimiter row, a cell for each of its cells
        "password | hunter2xyz",  # a lone row
        "Service | Password\ndb | hunter2xyz",  # no delimiter row
        "Service | Password\n---\ndb | hunter2xyz",  # a heading's underline, no pipe
        "Service | Password\n---|---|---\ndb | hunter2xyz",  # a delimiter row of more cells
        "Service | Password\n---|abc\ndb | hunter2xyz",
        "Pick a | the password\n---|---\nb | hunter2xyz",  # a header cell naming it in its words
        "Name | Token usage\n---|---\ngpt-4 | 1,234",
        "Service | Password | Expires\n---|---|---\ndb | 90 days | 2024-01-01",  # when, how long
        "Secret | Value\n---|---\ndb_password | ${DB_PASSWORD}",  # a key/value table's names, a placeholder
        "cat token | base64\necho $PASSWORD | docker login --password-stdin\n--- | ---\nx | y",  # a shell's pipes
    ],
)
def test_a_markdown_table_look_alike_stays(redactor: TextRedactor, text: str) -> None:
    assert redactor.redact_value(text) is text


@pytest.mark.parametrize(
    "text",
    [
        'table = "| password | hunter2x |"',
        'print("| Name | Token |\\n|---|---|\\n| prod | hunter2x |")',
        '{"content": "| Key | Value |\\n|---|---|\\n| password | hunter2x |"}',
    ],
)
def test_a_string_that_opens_with_a_table_row_loses_its_secret(redactor: TextRedactor, text: str) -> None:
    assert "hunter2x" not in redactor.redact_value(text)


def test_a_markdown_table_loses_its_secrets_through_pii_filter(provider, exporter) -> None:
    span = _exported_through_pii_filter(provider, exporter, CREDENTIALS_TABLE, ("hunter2x", "sk-live-abc123"))
    assert span.attributes["output.value"] == CREDENTIALS_TABLE.replace("hunter2x", "<SENSITIVE_KEY>").replace(
        "sk-live-abc123", "<SENSITIVE_KEY>"
    )
    assert "| username | bob |" in span.attributes["gen_ai.output.messages"]
