"""Checks that turn regex candidates into findings: checksums, number plans, decodings."""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import ipaddress
import json
import operator
import re
from typing import Dict, FrozenSet, List, Tuple

_DIGITS = frozenset("0123456789")

# Per-country IBAN lengths (ISO 13616 registry, SWIFT release 2024, plus partner countries).
_IBAN_LENGTHS: Dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    # Partner countries using the French and other national formats.
    "AO": 25, "BF": 28, "BJ": 28, "CF": 27, "CG": 27, "CI": 28, "CM": 27, "CV": 25, "DZ": 26,
    "GA": 27, "GQ": 27, "GW": 25, "IR": 26, "KM": 27, "MA": 28, "MG": 27, "ML": 28, "MZ": 25,
    "NE": 28, "SN": 28, "TD": 27, "TG": 28,
}

# Card issuer ranges: (lowest prefix, highest prefix, allowed lengths); prefixes compare as text.
_CARD_RANGES: Tuple[Tuple[str, str, FrozenSet[int]], ...] = tuple(
    (low, high, frozenset(lengths))
    for low, high, lengths in (
        ("4", "4", (13, 16, 19)),  # Visa
        ("51", "55", (16,)),  # Mastercard
        ("2221", "2720", (16,)),  # Mastercard 2-series
        ("34", "34", (15,)),  # American Express
        ("37", "37", (15,)),
        ("6011", "6011", (16, 17, 18, 19)),  # Discover
        ("644", "649", (16, 17, 18, 19)),
        ("65", "65", (16, 17, 18, 19)),
        ("35", "35", (15, 16, 17, 18, 19)),  # JCB (the 35 block)
        ("2131", "2131", (15,)),
        ("1800", "1800", (15,)),
        ("300", "305", (14, 15, 16, 17, 18, 19)),  # Diners Club
        ("3095", "3095", (14, 15, 16, 17, 18, 19)),
        ("36", "36", (14, 15, 16, 17, 18, 19)),
        ("38", "39", (14, 15, 16, 17, 18, 19)),
        ("50", "50", range(12, 20)),  # Maestro
        ("56", "69", range(12, 20)),  # Maestro, UnionPay (62), RuPay (60)
        ("2200", "2204", (16, 17, 18, 19)),  # Mir
        ("81", "82", (16,)),  # RuPay
    )
)


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


FEWEST_CARD_DIGITS = min(min(lengths) for _, _, lengths in _CARD_RANGES)
_CARD_LENGTHS = range(FEWEST_CARD_DIGITS, max(max(lengths) for _, _, lengths in _CARD_RANGES) + 1)
FEWEST_PHONE_DIGITS = 7
SMALLEST_PHONE_SIZED = 10 ** (FEWEST_PHONE_DIGITS - 1)
"""The smallest integer with as many digits as a phone number: smaller ones hold none."""


def _digits_of(text: str) -> str:
    """The digits of a number written with separators ("536-90-4399": "536904399")."""
    return "".join(char for char in text if char in _DIGITS)


def card_ok(text: str) -> bool:
    """A payment card number: known issuer range and length, one kind of separator, Luhn."""
    if text.isascii() and text.isdigit():  # most candidates (ids, timestamps): no separator to check
        digits = text
    elif len(set(text) - _DIGITS) > 1:
        return False
    else:
        digits = text.replace(" ", "").replace("-", "").replace(".", "")
    length = len(digits)
    if not _CARD_LENGTHS.start <= length < _CARD_LENGTHS.stop:
        return False
    for low, high, lengths in _CARD_RANGES:
        if length in lengths and low <= digits[: len(low)] <= high:
            return luhn_ok(digits)
    return False


def iban_lengths() -> Dict[str, int]:
    """Country code -> length of its IBANs."""
    return dict(_IBAN_LENGTHS)


def iban_ok(text: str) -> bool:
    """An IBAN: known country, that country's length, mod-97 check."""
    compact = text.replace(" ", "").replace("-", "").upper()
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[4:].isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def ssn_ok(text: str) -> bool:
    """A US SSN as issued: area not 000, 666 or 9xx, group not 00, serial not 0000."""
    digits = _digits_of(text)
    if len(digits) != 9 or len(set(text) - _DIGITS) > 1:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def itin_ok(text: str) -> bool:
    """A US ITIN as the IRS issues it: nine digits, the first a 9, the fourth and fifth in
    50-65, 70-88, 90-92 or 94-99."""
    digits = _digits_of(text)
    if len(digits) != 9 or digits[0] != "9" or len(set(text) - _DIGITS) > 1:
        return False
    group = int(digits[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


def nhs_ok(text: str) -> bool:
    """A UK NHS number: ten digits whose last is the modulus 11 check of the nine before."""
    digits = [ord(char) - 48 for char in text if char in _DIGITS]
    if len(digits) != 10:
        return False
    check = 11 - sum(digit * weight for digit, weight in zip(digits, range(10, 1, -1))) % 11
    return check != 10 and check % 11 == digits[9]


def aadhaar_ok(text: str) -> bool:
    """An Indian Aadhaar number: twelve digits, the first 2-9, the last a Verhoeff check."""
    digits = [ord(char) - 48 for char in text if char in _DIGITS]
    return len(digits) == 12 and digits[0] >= 2 and _verhoeff_ok(digits)


def pesel_ok(text: str) -> bool:
    """A Polish PESEL: eleven digits, the first six a real birth date whose month carries the
    century (81-92: the 1800s, 01-12: the 1900s, 21-32, 41-52, 61-72: the next three), the last
    the weighted mod-10 check of the ten before."""
    if len(text) != 11 or not (text.isascii() and text.isdigit()):
        return False
    digits = [ord(char) - 48 for char in text]
    if -sum(digit * weight for digit, weight in zip(digits, _PESEL_WEIGHTS)) % 10 != digits[10]:
        return False
    month = int(text[2:4])
    try:
        datetime.date(_PESEL_CENTURIES[month // 20] + int(text[:2]), month % 20, int(text[4:6]))
    except ValueError:
        return False
    return True


_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_PESEL_CENTURIES = (1900, 2000, 2100, 2200, 1800)
"""The century a PESEL's month adds to its two-digit year, by the month divided by 20."""


def nif_ok(text: str) -> bool:
    """A Spanish NIF (the DNI's number): seven or eight digits and the control letter their
    number's remainder mod 23 picks, in either case."""
    digits = _digits_of(text)
    return 7 <= len(digits) <= 8 and text[-1].upper() == _NIF_LETTERS[int(digits) % 23]


def nie_ok(text: str) -> bool:
    """A Spanish NIE: X, Y or Z (read as a leading 0, 1 or 2), seven digits and the control
    letter of that number, as a NIF's."""
    digits = _digits_of(text)
    if len(digits) != 7 or text[0] not in "XYZ":
        return False
    return text[-1] == _NIF_LETTERS[("XYZ".index(text[0]) * 10**7 + int(digits)) % 23]


_NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
"""The control letter of a NIF or NIE, by its number's remainder mod 23."""


def fiscal_code_ok(text: str) -> bool:
    """An Italian fiscal code (codice fiscale): sixteen capitals and digits, the last the check
    letter of the fifteen before, each read as its value in the table of its place (odd or even)."""
    if len(text) != 16 or not (text.isascii() and text.isalnum() and text.isupper()):
        return False
    total = 0
    for place, char in enumerate(text[:15]):
        value = ord(char) - (48 if char.isdigit() else 65)  # digits are worth what A to J are
        total += value if place % 2 else _FISCAL_ODD_VALUES[value]
    return text[15] == chr(65 + total % 26)


_FISCAL_ODD_VALUES = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23)
"""What a fiscal code's character in an odd place (the first, third...) adds, by its value."""


def _verhoeff_ok(digits: List[int]) -> bool:
    """Whether ``digits`` pass the Verhoeff check (the dihedral group D5: every single-digit
    error and every swap of neighbours is caught)."""
    check = 0
    for index, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_PRODUCT[check][_VERHOEFF_PERMUTATION[index % 8][digit]]
    return check == 0


_VERHOEFF_PRODUCT = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_PERMUTATION = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def ipv4_ok(text: str) -> bool:
    """A dotted-quad IPv4 address with octets 0-255 and no leading zeros."""
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def ipv6_ok(text: str) -> bool:
    """An IPv6 address (full, compressed, zone or IPv4 suffix) with at least two non-zero groups."""
    try:
        address = ipaddress.IPv6Address(text.partition("%")[0])  # some Pythons cannot explode a zone
    except ValueError:
        return False
    return sum(1 for group in address.exploded.split(":") if group != "0000") >= 2


def mac_ok(text: str) -> bool:
    """A MAC address that names a device: not the all-zero or the broadcast address."""
    digits = text.replace(text[2], "").upper()  # the separator after the first pair
    return digits != "000000000000" and digits != "FFFFFFFFFFFF"


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUES = {char: value for value, char in enumerate(_BECH32)}
_BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_BECH32_FEEDBACK = tuple(
    functools.reduce(operator.xor, (generator for bit, generator in enumerate(_BECH32_GENERATOR) if top >> bit & 1), 0)
    for top in range(32)
)
"""The generators' XOR for each value of the checksum's top five bits: one look-up a character."""
_BECH32_CONSTANT = 1
_BECH32M_CONSTANT = 0x2BC830A3


def segwit_address_ok(text: str) -> bool:
    """A Bitcoin segwit address ("bc1..."): one case, the BIP-173 checksum with witness
    version 0 (20- or 32-byte program), the BIP-350 (bech32m) one with versions 1 to 16
    (2 to 40 bytes; a taproot address is version 1); the reference code of BIP-173 written short."""
    lower = text.lower()
    if text != lower and text != text.upper():
        return False
    hrp, _, data = lower.rpartition("1")
    values = [_BECH32_VALUES.get(char, -1) for char in data]
    if hrp != "bc" or len(values) < 7 or -1 in values:
        return False
    checksum = 1
    for value in [ord(char) >> 5 for char in hrp] + [0] + [ord(char) & 31 for char in hrp] + values:
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value ^ _BECH32_FEEDBACK[checksum >> 25]
    version = values[0]
    if version > 16 or checksum != (_BECH32_CONSTANT if version == 0 else _BECH32M_CONSTANT):
        return False
    length, padding = divmod(5 * (len(values) - 7), 8)  # the program's bytes, five bits a character
    if padding >= 5 or values[-7] & ((1 << padding) - 1):  # padding: under five bits, all zero
        return False
    return length in (20, 32) if version == 0 else 2 <= length <= 40


_MIXED_PHONE = re.compile(r"(?:1[ .-])?(?:[0-9]{2,4} [0-9]{3,4}[.-]|[0-9]{3}(?:-[0-9]{3}[ .]|\.[0-9]{3}-))[0-9]{4}")
"""The phone numbers written with two kinds of separators: an area or trunk code and a space
before a local number in one separator ("415 555-0132", "020 7946-0958", "0171 555.0132"), or
NANP's 3-3-4 groups as "415-555 0132", "415-555.0132" and "415.555-0132"; a country code 1 may lead. Other
mixes are versions, prices, dates and times side by side in number-dense text ("1.2.3 4567-89",
"12 2024-05-12", "123.456 2024")."""


def phone_ok(text: str) -> bool:
    """A phone number: 7 to 15 digits before any extension, not shaped like a date, in one
    kind of separator or a mixed shape that a phone number has (:data:`_MIXED_PHONE`), after
    an area code's bracket or slash."""
    if text.isascii() and text.isdigit():  # a bare run of digits: no extension, bracket or date
        return FEWEST_PHONE_DIGITS <= len(text) <= 15
    number = text
    for marker in ("ext", "x", "X", "#"):  # "ext" first: its "x" would leave an "e" behind
        cut = number.find(marker)
        if cut > 0:
            number = number[:cut]
    digits = sum(map(_DIGITS.__contains__, number))
    if not FEWEST_PHONE_DIGITS <= digits <= 15:
        return False
    if number[0] in "+(" or "(" in number:
        return True
    if "/" in number:  # an area code's slash ("415/555-0132"): the local number's separators tell
        number = number.partition("/")[2]
    number = number.strip()
    if len(set(number) - _DIGITS) > 1:
        # Each mixed shape ends in a separator and four digits: most dates and versions are told
        # apart by that character, for less than the pattern costs.
        return number[-5] in "-. " and _MIXED_PHONE.fullmatch(number) is not None
    return not _date_like(number)


def _date_like(text: str) -> bool:
    """Whether three separated parts read as year-month-day or day-month-year."""
    parts = text.replace(".", "-").replace("/", "-").replace(" ", "-").split("-")
    if len(parts) != 3 or not all(map(str.isdigit, parts)):
        return False
    if len(parts[0]) == 4:
        return 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 31
    if len(parts[2]) == 4:
        return day_and_month(int(parts[0]), int(parts[1]))
    return False


def day_and_month(first: int, second: int) -> bool:
    """Whether ``first`` and ``second`` read as a day and a month in either order (``2/8``,
    ``24/6``, ``6/24``): both 1 to 31, one of them 12 at most."""
    return 1 <= first <= 31 and 1 <= second <= 31 and (first <= 12 or second <= 12)


def jwt_ok(text: str) -> bool:
    """A JSON Web Token: the header decodes to a JSON object with an "alg"."""
    header = text.split(".", 1)[0]
    try:
        decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    except (ValueError, binascii.Error):
        return False
    return isinstance(decoded, dict) and "alg" in decoded


def token_like(text: str) -> bool:
    """Random-looking credential text: has both letters and digits."""
    return any(char.isdigit() for char in text) and any(char.isalpha() for char in text)


def mixed_case(text: str) -> bool:
    """Random-looking letters: has both upper- and lower-case ones (not a word or a name)."""
    return any(char.isupper() for char in text) and any(char.islower() for char in text)


def mixed_case_token(text: str) -> bool:
    """Random-looking credential text in mixed case: upper- and lower-case letters and digits
    (not a hex digest, which has one case)."""
    return any(char.isdigit() for char in text) and mixed_case(text)
