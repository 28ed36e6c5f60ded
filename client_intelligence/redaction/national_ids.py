"""National identity numbers of the twelve markets, found by shape and confirmed by checksum.

A number of the right shape is taken for an identifier when its check digits are valid (so a
budget or an order number of the same length is not), or, recall first, when a word naming the
identifier ("NIR", "CPF", "BSN", "身份证" ...) stands just before it, whatever its check digits
(advisors mistype). Formats without a checksum (US SSN, KR RRN issued since 2020) count on a
strict layout with separators or on the trigger word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from client_intelligence.redaction.spans import Span

# Words that name an identity number, any language; a number right after one is an identifier.
ID_TRIGGER = re.compile(
    r"(?:\bNIR\b|s[ée]cu(?:rit[ée] sociale)?|\bn°\s*ss\b|num[ée]ro\s+fiscal|codice\s+fiscale|"
    r"\bC\.?F\.?(?=\W)|\bDNI\b|\bNIE\b|\bNIF\b|\bCPF\b|\bRG\b|steuer[- ]?id|steuer-?nr|"
    r"steueridentifikationsnummer|\bIdNr\b|identifikationsnummer|\bBSN\b|burgerservicenummer|"
    r"\bSSN\b|social\s+security|\bSNILS\b|СНИЛС|ИНН|паспорт|身份证|身份證|证件号|マイナンバー|"
    r"個人番号|주민등록번호|주민번호|\bRRN\b|الهوية|رقم الهوية|emirates\s+id|national\s+id|"
    r"\bID\b|identit[éey]|identidad|identità|ausweis|cart[ae]\s+d'identit[ée]|documento)"
    r"[^\n\d]{0,12}$",
    re.IGNORECASE,
)


_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class IdFormat:
    """One identifier format: its shape, and a check of the digits where the format has one."""

    name: str
    shape: re.Pattern[str]
    is_valid: Callable[[str], bool]
    # a layout no budget or order number takes: redacted on shape alone, whatever the checksum
    # (a mistyped codice fiscale is still one; KR numbers issued since 2020 have no check digit)
    strong_shape: bool = False


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def nir_is_valid(text: str) -> bool:
    """French NIR: 13 digits (Corsica 2A/2B read as 19/18) and a key of 97 - (n mod 97)."""
    compact = re.sub(r"[\s.-]", "", text).upper()
    if len(compact) != 15:
        return False
    body, key = compact[:13], compact[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if not (body.isdigit() and key.isdigit()):
        return False
    return 97 - int(body) % 97 == int(key)


_CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20]
        + [11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
        strict=True,
    )
)  # fmt: skip


def codice_fiscale_is_valid(text: str) -> bool:
    """Italian codice fiscale: 15 characters and a check letter (odd/even position tables)."""
    code = text.upper()
    if len(code) != 16:
        return False
    total = 0
    for position, char in enumerate(code[:15]):
        if position % 2 == 0:
            total += _CF_ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return chr(ord("A") + total % 26) == code[15]


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_is_valid(text: str) -> bool:
    """Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): mod 23 letter."""
    compact = re.sub(r"[\s.-]", "", text).upper()
    if len(compact) != 9:
        return False
    if compact[0] in "XYZ":
        compact = str("XYZ".index(compact[0])) + compact[1:]
    number, letter = compact[:8], compact[8]
    return number.isdigit() and _DNI_LETTERS[int(number) % 23] == letter


def _weighted_mod11(digits: str, weights: list[int]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11


def nif_pt_is_valid(text: str) -> bool:
    """Portuguese NIF: 9 digits, mod 11 check digit (weights 9..2)."""
    digits = _digits(text)
    if len(digits) != 9 or digits[0] not in "1235689":
        return False
    check = 11 - _weighted_mod11(digits[:8], list(range(9, 1, -1)))
    return (0 if check >= 10 else check) == int(digits[8])


def cpf_is_valid(text: str) -> bool:
    """Brazilian CPF: 11 digits, two mod 11 check digits; all-equal digits are invalid."""
    digits = _digits(text)
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    for length in (9, 10):
        weights = range(length + 1, 1, -1)
        total = sum(int(d) * w for d, w in zip(digits[:length], weights, strict=True))
        check = total * 10 % 11 % 10
        if check != int(digits[length]):
            return False
    return True


def steuer_id_is_valid(text: str) -> bool:
    """German Steuer-ID: 11 digits, no leading 0, ISO 7064 MOD 11,10 check digit."""
    digits = _digits(text)
    if len(digits) != 11 or digits[0] == "0":
        return False
    product = 10
    for char in digits[:10]:
        total = (int(char) + product) % 10 or 10
        product = total * 2 % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(digits[10])


def bsn_is_valid(text: str) -> bool:
    """Dutch BSN: 9 digits, the 11-test (weights 9..2 and -1)."""
    digits = _digits(text)
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    return total % 11 == 0


def cn_resident_id_is_valid(text: str) -> bool:
    """Chinese resident ID: 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X)."""
    code = text.upper()
    if len(code) != 18 or not code[:17].isdigit():
        return False
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(code[:17], weights, strict=True))
    return "10X98765432"[total % 11] == code[17]


def my_number_is_valid(text: str) -> bool:
    """Japanese My Number: 12 digits, mod 11 check digit (weights 6,5,4,3,2,7,6,5,4,3,2)."""
    digits = _digits(text)
    if len(digits) != 12:
        return False
    remainder = _weighted_mod11(digits[:11], [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def rrn_is_valid(text: str) -> bool:
    """Korean RRN (pre-2020 numbers): 13 digits, weights 2..9,2..5, (11 - sum mod 11) mod 10."""
    digits = _digits(text)
    if len(digits) != 13:
        return False
    remainder = _weighted_mod11(digits[:12], [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])
    return (11 - remainder) % 10 == int(digits[12])


def ssn_is_plausible(text: str) -> bool:
    """US SSN has no checksum; the SSA never issues area 000, 666 or 9xx, group 00, serial 0000."""
    digits = _digits(text)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return (
        len(digits) == 9
        and area not in ("000", "666")
        and not area.startswith("9")
        and group != "00"
        and serial != "0000"
    )


def luhn_is_valid(text: str) -> bool:
    """Luhn (payment cards, the UAE Emirates ID)."""
    digits = _digits(text)
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return len(digits) >= 12 and total % 10 == 0


_SEP = r"[ .\-]?"
ID_FORMATS = [
    IdFormat(
        "fr_nir",
        re.compile(rf"\b[12]{_SEP}\d\d{_SEP}\d\d{_SEP}(?:\d\d|2[AB]){_SEP}\d{{3}}{_SEP}\d{{3}}"
                   rf"{_SEP}\d\d\b", re.IGNORECASE),
        nir_is_valid,
    ),
    IdFormat(
        "it_codice_fiscale",
        re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b", re.IGNORECASE),
        codice_fiscale_is_valid,
        strong_shape=True,
    ),
    IdFormat(
        "cn_resident_id",
        re.compile(r"\b\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx]\b"),
        cn_resident_id_is_valid,
    ),
    IdFormat(
        "kr_rrn",
        re.compile(r"\b\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-\s?[1-8]\d{6}\b"),
        rrn_is_valid,
        strong_shape=True,
    ),
    IdFormat("emirates_id", re.compile(r"\b784-?\d{4}-?\d{7}-?\d\b"), luhn_is_valid),
    IdFormat("jp_my_number", re.compile(r"\b\d{4}[ -]?\d{4}[ -]?\d{4}\b"), my_number_is_valid),
    IdFormat("br_cpf", re.compile(r"\b\d{3}\.?\d{3}\.?\d{3}[-.]?\d{2}\b"), cpf_is_valid),
    IdFormat("de_steuer_id", re.compile(r"\b\d{2} ?\d{3} ?\d{3} ?\d{3}\b"), steuer_id_is_valid),
    IdFormat(
        "es_dni_nie",
        re.compile(r"\b(?:[XYZ][ -]?)?\d{1,2}\.?\d{3}\.?\d{3}[ -]?[A-Z]\b", re.IGNORECASE),
        dni_is_valid,
    ),
    IdFormat("us_ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b"), ssn_is_plausible),
    IdFormat("nl_bsn", re.compile(r"\b\d{4}\.?\d{2}\.?\d{3}\b|\b\d{3}[ .]\d{3}[ .]\d{3}\b"),
             bsn_is_valid),
    IdFormat("pt_nif", re.compile(r"\b\d{3} ?\d{3} ?\d{3}\b"), nif_pt_is_valid),
]  # fmt: skip

# Any run of at least 6 digits (with letters or separators) right after an identifier word.
_TRIGGERED_NUMBER = re.compile(r"[A-Z]{0,2}\d[\d .\-/]{4,22}\d[A-Z]?\b", re.IGNORECASE)


def has_trigger_before(text: str, start: int) -> bool:
    """Whether a word naming an identity number stands just before position `start`."""
    window = text[max(0, start - 40) : start]
    # every trigger has a letter: windows of digit soup skip the costly search
    return bool(_LETTER.search(window)) and bool(ID_TRIGGER.search(window))


def find_national_ids(text: str) -> Iterator[Span]:
    """Identity numbers in `text`, most specific format first; spans may overlap (merged later)."""
    for id_format in ID_FORMATS:
        for match in id_format.shape.finditer(text):
            value = match.group()
            if (
                id_format.strong_shape
                or (id_format.is_valid(value) and _digits_count(value) >= 8)
                or has_trigger_before(text, match.start())
            ):
                yield Span(match.start(), match.end(), "national_id")
    for match in _TRIGGERED_NUMBER.finditer(text):
        if _digits_count(match.group()) >= 6 and has_trigger_before(text, match.start()):
            yield Span(match.start(), match.end(), "national_id")


def _digits_count(text: str) -> int:
    return sum(char.isdigit() for char in text)
