"""Markup: values in XML and HTML tags, in name/value records and in Markdown, read as a key's
value is:

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
  <password> here``) and an empty element (``<password/>``) name no value;
- a Markdown table row whose first cell names a secret (``| password | hunter2x |``, a
  key/value table's ``| API key | sk-live-abc123 |``): the next cell (:func:`_next_cell`), where
  the row's line opens with a pipe and no delimiter row follows it (a header: ``| Password |
  Expires |`` over ``|---|``), read on the text as written (an escaped ``\\n`` ends it); not a
  shell's pipe (``grep password | awk``), an empty cell, a schema's type or requirement
  (``string``, ``str?``, ```text```, ``required``, ``N/A``), a placeholder (``${API_KEY}``),
  plain words describing the field (``| api_key | Your API key from the dashboard |``:
  :data:`_DESCRIBING_WORDS`; a passphrase holds none of them), a count or when a session was;
- a Markdown table's column under a header cell naming a secret, whole (``| Name | Token |``
  over ``|---|---|``): each row's cell in it, up to the table's end (:func:`_column_keys`), read
  as a row's next cell is, and no date, time or duration (``| Password | Expires |`` over ``| 90
  days | 2024-01-01 |``); in a key/value table the values' column (``| Secret | Value |``). Found
  from the header keys the pipes' reading found: text naming no secret before a pipe pays nothing;
- Markdown emphasis, a strikethrough or a code span around a key, before its separator or around both
  (``**password**: x``, ``~~password~~: x``, ```token`: x``, ``**Password:** x``), read past to the key and its value.

XML elements cost text without ``<`` one more ``memchr``; text with ``</`` (or ``<\\/``) one
search for closing tags (``re``'s, in C) and a remembered check of each tag's name; a sensitive
name, or any name in text with an ``=`` (for its attributes), a bounded ``rfind`` and a match
for its opening tag (then two searches of its attributes), and a sensitive element's content
one search for its closing tag. A value field before ``=`` costs one more bounded ``rfind``
and ``find``: whether a tag or a call holds it. Text with ``<`` and ``=`` that passes the screen
costs one more ``memchr`` and a substring search for ``content=`` (a meta tag's content: at
each, a bounded ``rfind``, and a ``find`` of ``name`` and of ``property`` in its tag, matched
where found: about 1.5 microseconds a meta tag).
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import regex

from otel_redact._detectors import time_left
from otel_redact._key_values._code import _before_a_listed_name
from otel_redact._key_values._reading import (
    _AFTER_CELL,
    _AFTER_COLUMN,
    _AFTER_SEPARATOR,
    _CHECK_EVERY,
    _Key,
    _MAX_ALIGNMENT,
    _MAX_INDENT,
    _MAX_KEY,
    _RECORD_SPAN,
    _found,
    _line_start,
    _matches_at,
)
from otel_redact._key_values._values import _PLAIN_WORD, _held_secret, _is_placeholder, _tells_the_time


RECORD_FIELDS = (("value", ("name", "key", "header", "field")), ("Value", ("Name", "Key")))
"""The value field of a name/value record, and the name fields it pairs with: Kubernetes env
vars and HAR headers (``name``/``value``), AWS tags and SSM parameters (``Key``/``Value``,
``Name``/``Value``), HTTP clients' and forms' ``header``/``field``."""
MAX_RECORD_FIELDS = 8
"""Fields a name/value record may hold, its name and value included (``valueFrom``, a HAR
``comment``, an SSM parameter's ``Type``, ``Version``, ``ARN``...): a bigger mapping that
happens to hold both is ordinary data."""
# The end of a record's value field, found from its literal "alue" (the letter before it, and
# what stands before that, are read in Python): quoted, as a Python repr, JSON cut short or a
# JSON string's escaped quotes write it ('value':, \"value\":; group 1), bare, as YAML does,
# or as a keyword argument of a call (value=).
_VALUE_FIELD_END = re.compile(r"""alue(\\*+["'])?[ \t]*+(?::|=(?!=))""")
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
_EMPHASIS_MARKS = "*`~"
"""What Markdown puts around a key before its separator (``**password**: x``, ```token`: x``,
a strikethrough's ``~~password~~: x``) or around the key and its separator (``**Password:** x``):
read past, to the key and its value."""
_EMPHASIS_RUN = regex.compile(r"[*`~]++")
_ROW_OPENING = regex.compile(r"[ \t]*+\|[ \t]*+")
"""What comes before a Markdown table row's first cell on its line: its opening pipe."""
_CELL = regex.compile(r"[ \t]*+((?:[^|\\\r\n]++|\\\\\||\\(?![nr]).?)*+)")
"""A table cell's text, group 1, up to its closing pipe or its line's end (an escaped ``\\n``
in a JSON string too; a Markdown ``\\|`` is a pipe inside the cell, and so is a JSON string's
``\\\\|``, as it writes that)."""
_DELIMITER = r":?+-++:?+[ \t]*+"
"""A delimiter row's cell, as a row's cells are read (its spaces after it too): ``---``, ``:--``, ``--:``."""
_DELIMITER_OPENING = r"[ \t]*+\|?+[ \t]*+" + _DELIMITER
"""A delimiter row's first cell, on its line, up to the pipe closing it (``---``, ``| :--``)."""
_HEADER_ROW = regex.compile(r"(?:[^\r\n\\]++|\\(?![nr]).?)*+(?:\r?+\n|(?:\\r)?+\\n)" + _DELIMITER_OPENING + r"\|")
"""The rest of a table's header row, matched from one of its pipes: its line break, then the
delimiter row under it (``|---|``, ``| :-- |``, ``---|``)."""
_DELIMITER_LEAD = regex.compile(_DELIMITER_OPENING)
_DELIMITER_CELL = regex.compile(_DELIMITER)
_HEADER_SPAN = 1000
"""Characters a table's header row may take before its last cell's end."""
_LINE_BREAK = regex.compile(r"\r?+\n|(?:\\r)?+\\n")
"""A table row's line break, as written or escaped in a JSON string."""
_VALUE_HEADERS = frozenset(("value", "values"))
"""A header cell (in lower case) naming the column of a key/value table's values: after a header
cell naming a secret (``| Secret | Value |``), the rows' names stand under that one, their secrets under this."""
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


def _next_cell(text: str, lines: str, at: int, key_start: int) -> Optional[Tuple[int, int]]:
    """The span of the cell after the pipe at ``at`` where the key at ``key_start`` fills the
    first cell of a Markdown table's data row (``| password | x |``; not a shell's pipe, ``grep
    password | awk``, nor a header row, the delimiter row under it: ``| Password | Expires
    |``), unless it holds no secret: empty, emphasis or a code span around a type's name
    (``| password | string |``, ``| token | `str` |``), a placeholder (``| API key | ${API_KEY}
    |``), or plain words describing the field (``| api_key | Your API key from the dashboard
    |``). ``lines``: ``text`` as written, where an escaped ``\\n`` ends a row."""
    row = _row_start(lines, key_start)
    if row < 0 or _ROW_OPENING.fullmatch(lines, row, key_start) is None:
        return None
    if _HEADER_ROW.match(lines, at) is not None:
        return None
    return _cell_value(text, lines, at, key_start, at)


def _cell_value(text: str, lines: str, before: int, key_start: int, key_end: int) -> Optional[Tuple[int, int]]:
    """The span of the table cell after ``before`` (its opening pipe, or its line's break), the
    value of the key at ``key_start:key_end``, unless it holds no secret (as :func:`_next_cell` says)."""
    cell = _CELL.match(lines, before + 1)
    assert cell is not None  # an empty cell too
    begin, end = cell.span(1)
    while end > begin and lines[end - 1] in " \t":
        end -= 1
    marks = _EMPHASIS_RUN.match(text, begin, end)
    if marks is not None and end - begin > 2 * len(marks.group()) and text.endswith(marks.group(), begin, end):
        begin, end = marks.end(), end - len(marks.group())  # **hunter2x**, `hunter2x`
    if _SCHEMA_CELL.fullmatch(text, begin, end) or _is_placeholder(text, begin, end) or _describes(text[begin:end]):
        return None
    return _held_secret(text, key_end, key_start, begin, end)


def _column_keys(text: str, lines: str, keys: List[_Key], deadline: Optional[float]) -> List[_Key]:
    """``(what stands before the cell, header name start, _AFTER_COLUMN)`` of the cells of the
    Markdown tables in ``lines`` (the text as written) under a header cell that ``keys`` found
    naming a secret, whole (``| Name | Token |`` over ``|---|---|``; not ``| Notes on password
    |``), in each row up to the table's end (a line not opening with a pipe); in a key/value table,
    under its values' header (``| Secret | Value |``: the rows' names stay)."""
    headers: Dict[int, Tuple[int, Dict[int, int]]] = {}  # a header row's start: its delimiter row's, its secrets' columns
    for at, key_start, after in keys:
        if after != _AFTER_CELL:
            continue
        row = _row_start(lines, key_start, _HEADER_SPAN)
        delimiter = _HEADER_ROW.match(lines, at) if row >= 0 else None
        if delimiter is None:
            continue
        cells, row_end = _row_cells(lines, row)
        if _ROW_OPENING.match(lines, row) is None and not _delimits(lines, _next_row(lines, row_end), len(cells)):
            continue  # a line of prose holding a pipe: without its opening pipe, a header needs its whole delimiter row
        for column, (_, begin, end) in enumerate(cells):
            if begin == key_start:
                following = cells[column + 1] if column + 1 < len(cells) else (0, 0, 0)
                if text[following[1] : following[2]].strip().lower() in _VALUE_HEADERS:
                    column += 1
                headers.setdefault(row, (delimiter.end(), {}))[1][column] = key_start
                break
    found: List[_Key] = []
    for delimiter_cells, columns in headers.values():
        row = _next_row(lines, _row_cells(lines, delimiter_cells - 1)[1])  # read from its first cell's closing pipe
        seen = 0
        while row >= 0:
            seen += 1
            if deadline is not None and seen % _CHECK_EVERY == 0:
                time_left(deadline)
            cells, row_end = _row_cells(lines, row)
            if not cells:
                break  # the table's end
            found += [(before, columns[column], _AFTER_COLUMN) for column, (before, _, _) in enumerate(cells) if column in columns]
            row = _next_row(lines, row_end)
    return found


def _row_start(lines: str, at: int, reach: int = _MAX_INDENT) -> int:
    """Where the table row holding ``at`` starts in ``lines`` (the text as written): its line's
    start, or right after the opening quote of a JSON string that the row opens (``{"content":
    "| password | x |"}``, ``{"content": "Name | Token\\n---|---"}``, an answer that starts with
    its table); -1 where neither is found within ``reach`` before ``at``."""
    line_start = _line_start(lines, at, reach)
    if line_start >= 0 and _ROW_OPENING.match(lines, line_start) is not None:
        return line_start
    quote = lines.rfind('"', max(line_start, at - reach, 0), at)
    if quote > 0 and _before_a_listed_name(lines, quote + 1)[-1:] in ("[", ",", ":", "=", "("):  # an item, a value, an assignment, an argument
        return quote + 1
    return line_start


def _row_cells(lines: str, row: int) -> Tuple[List[Tuple[int, int, int]], int]:
    """``(what stands before it: its opening pipe or the row's start - 1, start, end)`` of each
    cell of the table row starting at ``row``, opening with a pipe or not (GitHub's tables may
    leave out the outer pipes: ``db | x``; a last pipe closes the last cell), and where its line
    ends; no cell where its line holds no pipe (a line of prose, a blank line)."""
    opening = _ROW_OPENING.match(lines, row)
    before = row - 1 if opening is None else row + opening.group().index("|")
    cells: List[Tuple[int, int, int]] = []
    while True:
        cell = _CELL.match(lines, before + 1)
        assert cell is not None  # an empty cell too
        if lines[cell.end() : cell.end() + 1] != "|":
            if cell.end(1) > cell.start(1) and (cells or opening is not None):
                cells.append((before, *cell.span(1)))
            return cells, cell.end()
        cells.append((before, *cell.span(1)))
        before = cell.end()


def _delimits(lines: str, row: int, count: int) -> bool:
    """Whether the line starting at ``row`` is a table's delimiter row of ``count`` cells, each of
    dashes and its alignment's colons (``---|:--:``), as GitHub's tables need one under their header."""
    cells = _row_cells(lines, row)[0]
    return len(cells) == count and all(_DELIMITER_CELL.fullmatch(lines, begin, end) is not None for _, begin, end in cells)


def _unclosed_header_cell(lines: str, at: int) -> Optional[Tuple[int, int]]:
    """The span of the last cell of the table header row over the delimiter row whose first cell
    the pipe at ``at`` closes, where no pipe closes that cell (``Service | Password`` over
    ``---|---``, ``| Service | Password`` over ``|---|---``): the pipes' reading, which reads the
    key before each pipe, does not see it. ``None`` where ``at`` closes no delimiter row's first
    cell, no row stands over it or a pipe closes its last cell. ``lines``: the text as written."""
    row = _line_start(lines, at)
    if row <= 0 or _DELIMITER_LEAD.fullmatch(lines, row, at) is None:
        return None
    header = _row_start(lines, row - 1, _HEADER_SPAN)  # from its line break
    cells, header_end = _row_cells(lines, header) if header >= 0 else ([], header)
    if not cells or cells[-1][2] != header_end:
        return None
    begin, end = cells[-1][1:]
    return begin, begin + len(lines[begin:end].rstrip())


def _next_row(lines: str, line_end: int) -> int:
    """The start of the line after the line break at ``line_end``, or -1 where none is."""
    line_break = _LINE_BREAK.match(lines, line_end)
    return -1 if line_break is None else line_break.end()


def _column_cell(text: str, lines: str, before: int, name_start: int) -> Optional[Tuple[int, int]]:
    """The span of the cell after ``before`` under the header cell naming a secret at
    ``name_start`` (:func:`_column_keys`), unless it holds no secret, as a row's next cell
    (:func:`_cell_value`), or it tells when or how long (``| Password | Expires |`` over ``| 90
    days | 2024-01-01 |``: a policy's table)."""
    header = _CELL.match(lines, name_start)
    assert header is not None  # an empty cell too
    span = _cell_value(text, lines, before, name_start, header.end())
    return None if span is None or _tells_the_time(text, *span) else span


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
