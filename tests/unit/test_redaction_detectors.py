"""The Python detectors of digit-bearing identifiers (no dbt): check digits, phones by region,
and the guards that keep budgets, dates, prices and order numbers."""

from __future__ import annotations

import duckdb
import pytest

from client_intelligence.redaction import national_ids as ids
from client_intelligence.redaction.detect import redact_digit_identifiers
from client_intelligence.redaction.duckdb_udf import register
from client_intelligence.redaction.names import redact_names
from client_intelligence.redaction.spans import Span, merge_spans

# Published specimen numbers (valid) and the same with one digit changed (invalid).
CHECKSUMS = [
    (ids.nir_is_valid, "1 09 04 10 856 100 04", "1 09 04 10 856 100 05"),
    (ids.codice_fiscale_is_valid, "RSSMRA85T10A562S", "RSSMRA85T10A562T"),
    (ids.dni_is_valid, "12345678Z", "12345678A"),
    (ids.dni_is_valid, "X1234567L", "X1234567M"),
    (ids.nif_pt_is_valid, "123456789", "123456788"),
    (ids.cpf_is_valid, "111.444.777-35", "111.444.777-36"),
    (ids.steuer_id_is_valid, "86095742719", "86095742718"),
    (ids.bsn_is_valid, "111222333", "111222334"),
    (ids.cn_resident_id_is_valid, "11010519491231002X", "110105194912310021"),
    (ids.my_number_is_valid, "123456789018", "123456789017"),
    (ids.rrn_is_valid, "890801-2045617", "890801-2045618"),
    (ids.luhn_is_valid, "4111 1111 1111 1111", "4111 1111 1111 1112"),
]


@pytest.mark.parametrize(("check", "valid", "invalid"), CHECKSUMS)
def test_check_digits(check, valid: str, invalid: str):
    assert check(valid) is True
    assert check(invalid) is False


def test_all_equal_cpf_and_ssn_ranges_are_rejected():
    assert not ids.cpf_is_valid("111.111.111-11")
    assert not ids.ssn_is_plausible("666-12-3456") and not ids.ssn_is_plausible("123-00-4567")
    assert ids.ssn_is_plausible("512-48-7730")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("NIR 1 09 04 10 856 100 04", "fr"),
        ("CF RSSMRA85T10A562S in fattura", "it"),
        ("DNI 12.345.678-Z", "es"),
        ("CPF 111.444.777-35", "pt"),
        ("Steuer-ID 86 095 742 719", "de"),
        ("BSN 111222333", "nl"),
        ("身份证 11010519491231002X", "zh"),
        ("マイナンバー 1234 5678 9018", "ja"),
        ("주민등록번호 890801-2045617", "ko"),
        ("SSN 512-48-7730", "en"),
        ("رقم الهوية 784-1983-8252480-3", "ar"),
    ],
)
def test_national_ids_become_placeholders(text: str, language: str):
    assert "[NATIONAL_ID]" in redact_digit_identifiers(text, language)


def test_a_mistyped_id_after_its_name_is_still_redacted():
    assert redact_digit_identifiers("CPF 111.444.777-99", "pt") == "CPF [NATIONAL_ID]"


def test_a_checksum_valid_number_without_context_is_an_id_but_an_invalid_one_is_kept():
    assert "[NATIONAL_ID]" in redact_digit_identifiers("ref client 111.444.777-35", "pt")
    assert redact_digit_identifiers("lot 111.444.777-99 en stock", "pt") is not None


@pytest.mark.parametrize(
    ("number", "language"),
    [
        ("333 123 4567", "it"),
        ("612 345 678", "es"),
        ("912 345 678", "pt"),
        ("(11) 98765-4321", "pt"),
        ("(212) 555-0147", "en"),
        ("8 (916) 555-12-34", "ru"),
        ("138 0013 8000", "zh"),
        ("090-1234-5678", "ja"),
        ("010-1234-5678", "ko"),
        ("050 123 4567", "ar"),
        ("06 12 34 56 78", "fr"),
        ("0151 2345 6789", "de"),
        ("06-12345678", "nl"),
        ("+44 20 7946 0958", None),
    ],
)
def test_phones_in_national_formats(number: str, language: str | None):
    assert redact_digit_identifiers(f"tel {number}, merci", language) == "tel [PHONE], merci"


def test_the_fallback_catches_a_dialable_run_in_an_unexpected_market():
    assert redact_digit_identifiers("mobile 0039 06 1234 5678 ok", "ja") == "mobile [PHONE] ok"


@pytest.mark.parametrize(
    "text",
    [
        "Budget 3-4K, €1500 max, range 10-20K",
        "budget 25000 euros pour la montre",
        "Commande n° 4500123456 arrivée",
        "Order #7781203345 ready",
        "Заказ № 4500556677 прибыл",
        "الطلب رقم 4500889900 وصل",
        "RDV le 12/03/2026 à 15h, puis 2026-04-18 14:30",
        "prix 12 500 000 KRW, ₩12,500,000, ¥1,250,000, 1.250.000 €",
        "Il a 45 ans, taille 38, collection 2026",
    ],
)
def test_budgets_dates_prices_and_order_numbers_are_kept(text: str):
    assert redact_digit_identifiers(text, "fr") == text


def test_cards_are_luhn_checked_and_win_over_phone():
    assert redact_digit_identifiers("carte 4111 1111 1111 1111", "fr") == "carte [CARD]"


def test_overlapping_spans_merge_and_the_first_detector_names_them():
    merged = merge_spans([Span(0, 10, "card"), Span(5, 15, "phone"), Span(20, 25, "phone")])
    assert merged == [Span(0, 15, "card"), Span(20, 25, "phone")]


def test_none_short_and_huge_texts():
    assert redact_digit_identifiers(None, "fr") is None
    assert redact_digit_identifiers("", None) == ""
    soup = "12 34 56 78 90 " * 70_000  # ~1 MB of digits: bounded work, every digit run redacted
    redacted = redact_digit_identifiers(soup, None)
    assert redacted is not None and not any(char.isdigit() for char in redacted[:10_000])


def test_the_duckdb_function_redacts_a_vector():
    connection = duckdb.connect()
    register(connection)
    rows = connection.sql(
        "select redact_digit_identifiers(t, l) from (values ('tel 333 123 4567', 'it'),"
        " (null, 'fr'), ('Budget 3-4K', null)) as v(t, l)"
    ).fetchall()
    assert rows == [("tel [PHONE]",), (None,), ("Budget 3-4K",)]


# Names written without an honorific (client_intelligence/redaction/names.py). Invented
# surnames with common given names, written the way advisors write them.
NAMES_REDACTED = [
    (
        "en",
        "Olivia Brennan came in this morning, loved the Cartier Love bracelet",
        "Olivia Brennan",
    ),
    ("en", "Mtg w/ Tom Okafor re anniversary gift", "Tom Okafor"),
    ("en", "call with Priya Ramaswamy - wants a Rolex Datejust", "Priya Ramaswamy"),
    ("en", "JAMES WHITLOCK PHONED, ASKED ABOUT THE VAN CLEEF ALHAMBRA", "JAMES WHITLOCK"),
    ("en", "lunch with sarah o'donnell about the Hermès Kelly", "sarah o'donnell"),
    ("fr", "Appel de Bertrand Lefebvre-Roussel, cherche une montre", "Bertrand Lefebvre-Roussel"),
    ("fr", "Vu Aurélie Kermarrec en boutique avec son mari", "Aurélie Kermarrec"),
    ("fr", "Inès Benali est passée, intéressée par un sac Louis Vuitton", "Inès Benali"),
    ("it", "Incontrato Lorenzo Castellucci, cerca un Bulgari Serpenti", "Lorenzo Castellucci"),
    ("es", "Llamada de Ximena Arrieta: quiere un Cartier Tank", "Ximena Arrieta"),
    ("de", "Treffen mit Jürgen Hollerbach wegen einer Rolex", "Jürgen Hollerbach"),
    ("nl", "Gesprek met Femke de Graaf over een Hermès Birkin", "Femke de Graaf"),
    ("pt", "Joana Valadares passou na loja com a filha", "Joana Valadares"),
    ("ru", "Звонок от Ольги Верещагиной, хочет часы Cartier", "Ольги Верещагиной"),
    ("ru", "Дмитрий Соколовский зашел вечером", "Дмитрий Соколовский"),
    ("ar", "مريم الشامسي مرت صباح اليوم وتريد ساعة", "مريم الشامسي"),
    ("ar", "اتصال من خالد بن سعيد الكعبي", "خالد بن سعيد الكعبي"),
    ("zh", "林雨桐今天来店，想看项链", "林雨桐"),
    ("zh", "与欧阳明轩通话，确认周末试戴", "欧阳明轩"),
    ("ja", "藤原美咲とお打ち合わせ。新作のリング", "藤原美咲"),
    ("ja", "本日高橋健一来店、時計を試着", "高橋健一"),
    ("ja", "佐々木陽菜よりお電話、指輪のサイズ直し", "佐々木陽菜"),
    ("ko", "박서연 오후 방문, 반지 관심", "박서연"),
    ("ko", "오늘 최민호 통화, 시계 문의", "최민호"),
]


@pytest.mark.parametrize(("language", "text", "name"), NAMES_REDACTED)
def test_names_without_honorific_are_redacted(language: str, text: str, name: str):
    redacted = redact_names(text, language)
    assert name not in redacted and "[NAME]" in redacted


NAMES_KEPT = [
    ("en", "Bought a Louis Vuitton Keepall and a Christian Dior scarf"),
    ("en", "Meeting with Van Cleef team in New York next week"),
    ("fr", "Vu le nouveau Santos de Cartier, très intéressée"),
    ("fr", "Cliente fidèle, adore Hermès et Saint Laurent"),
    ("it", "Incontro con il team di Bottega Veneta a Milano"),
    ("de", "Mit Ehemann da, sucht ein Geschenk zu Weihnachten"),
    ("ru", "Звонила, хочет браслет Cartier к Новому году"),
    ("zh", "客户今天来店，喜欢黄金项链"),
    ("ja", "本日ご来店、ネックレスを購入"),
    ("ja", "お客様と電話。結婚記念日のギフト"),
    ("ko", "오늘 방문 고객, 반지 문의"),
    ("ko", "오전에 방문, 선글라스 구매"),
    ("ar", "العميلة تريد ساعة من كارتييه"),
]


@pytest.mark.parametrize(("language", "text"), NAMES_KEPT)
def test_brands_places_and_common_words_are_not_names(language: str, text: str):
    assert redact_names(text, language) == text


def test_name_next_to_a_brand_keeps_the_brand():
    redacted = redact_names("Met Charlotte Vandermeer at the Cartier counter, loves Rolex", "en")
    assert redacted == "Met [NAME] at the Cartier counter, loves Rolex"


def test_names_udf_is_registered():
    connection = duckdb.connect()
    register(connection)
    rows = connection.sql("select redact_names('Appel de Claire Fontanel.', 'fr')").fetchall()
    assert rows == [("Appel de [NAME].",)]
