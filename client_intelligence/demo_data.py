"""Deterministic SYNTHETIC demo data: advisors' notes and sales of invented luxury clients.

SYNTHETIC. Every client, note and sale is generated here from a seeded random generator; no
real client, advisor or sale is involved. Client IDs look like ``SYN-C0000123`` (notes
``SYN-N...``, sales ``SYN-T...``) so that nobody can mistake them for real ones, and the texts
carry no names, phone numbers or e-mail addresses.

Why it exists: the dbt project and its models need data with the shape of the real exports
(twelve languages, messy dates, broken rows) and with a signal worth learning. The signal comes
from a generative story, real but noisy, that the tests and the ML models downstream rely on:

- Latent traits per client. *Affluence* (lognormal) sets the basket size, the budgets advisors
  write down and how often high-end products (watches, fine jewelry, trunks, exotic leathers)
  come up. *Engagement* (gamma) sets how often the client is written about and buys, and how
  often notes voice purchase intent. *Loyalty* (beta) sets the hazard of churning: a client may
  have a churn date after which they never buy again; notes in the five months before it (and
  the few written after it) mostly turn negative: complaints, hesitation, competitors, price
  objections, or a relocation. *Life events* (birthdays, weddings, anniversaries, births,
  promotions...) are dated in the period: a gift note naming the occasion usually precedes the
  event by one to eight weeks, and a purchase just before the event usually follows.
- Notes. About three per client (1 + Poisson from engagement, plus the event notes), over
  ``months`` months ending at ``end_date``, in the client's language (mostly; a skewed mix of
  twelve). A note picks 2 to 6 concepts from the lexicon seeds (``seeds/concepts.csv`` and
  ``seeds/concept_aliases.csv``) according to the traits, renders each as an alias in the
  note's language inside short connective templates, and may add a budget written the way
  advisors write it ("Budget 3-4K", "€1500", "presupuesto alrededor de 10-20K") for an amount
  near the client's basket. Noise on purpose: a fifth of the concepts are drawn at random, some
  notes are chit-chat with one or two concepts, and about one non-English note in ten drops in
  an English product word (code-mixing, more in Japanese, Chinese and Arabic notes).
- Sales. A Poisson process from engagement until the churn date (never after it), amounts
  lognormal from affluence and the category (~200 to 50,000 EUR), plus a purchase within ~90
  days after many intent notes and one just before most life events.
- Broken rows at ``bad_row_rate`` of each file (empty text, impossible date, unknown language,
  duplicated IDs; bad amount, missing client, bad date, duplicated IDs) so that the staging
  models' rejections have work to do.

Everything is vectorized with numpy and pyarrow and written in blocks of clients, so a million
clients (about three million notes) take minutes and little memory. Same seed, same bytes: the
only randomness is one ``numpy.random.Generator`` seeded from ``seed``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

LANGUAGES = ("fr", "en", "it", "es", "de", "pt", "nl", "ru", "ar", "zh", "ja", "ko")
# Skewed like a global luxury clientele: French, English, Chinese, Japanese dominate.
LANGUAGE_WEIGHTS = (0.18, 0.18, 0.07, 0.07, 0.06, 0.02, 0.02, 0.05, 0.06, 0.13, 0.11, 0.05)
LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "it": "Italian",
    "es": "Spanish",
    "de": "German",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
}
EN = LANGUAGES.index("en")
FR = LANGUAGES.index("fr")
NO_SPACE = frozenset({"zh", "ja"})  # scripts written without spaces between words
# Share of a language's notes that drop in an English product word.
CODE_MIXING = {"ja": 0.2, "zh": 0.2, "ar": 0.16}
CODE_MIXING_DEFAULT = 0.06

CATEGORIES = (
    "leather_goods",
    "watches",
    "jewelry",
    "ready_to_wear",
    "fragrance",
    "accessories",
    "travel",
    "home",
)
# Price level of each category relative to the client's basket.
CATEGORY_PRICE = np.array([1.0, 3.2, 2.2, 0.9, 0.2, 0.35, 2.0, 0.8])
CATEGORY_WEIGHTS = np.array([0.30, 0.05, 0.10, 0.18, 0.12, 0.15, 0.04, 0.06])
CATEGORY_WEIGHTS_AFFLUENT = np.array([0.26, 0.18, 0.20, 0.12, 0.04, 0.06, 0.10, 0.04])
CATEGORY_WEIGHTS_GIFT = np.array([0.30, 0.12, 0.30, 0.06, 0.12, 0.10, 0.0, 0.0])
# Product concept id fragments -> category (first match wins: "earrings" before "ring").
CATEGORY_RULES = (
    ("watch", "watches"),
    ("earring", "jewelry"),
    ("trunk", "travel"),
    ("luggage", "travel"),
    ("travel", "travel"),
    ("jewel", "jewelry"),
    ("ring", "jewelry"),
    ("necklace", "jewelry"),
    ("bracelet", "jewelry"),
    ("cufflink", "jewelry"),
    ("fragrance", "fragrance"),
    ("perfume", "fragrance"),
    ("home", "home"),
    ("table", "home"),
    ("champagne", "home"),
    ("spirit", "home"),
    ("dress", "ready_to_wear"),
    ("suit", "ready_to_wear"),
    ("coat", "ready_to_wear"),
    ("couture", "ready_to_wear"),
    ("ready_to_wear", "ready_to_wear"),
    ("shoe", "ready_to_wear"),
    ("sneaker", "ready_to_wear"),
    ("leather", "leather_goods"),
    ("bag", "leather_goods"),
    ("tote", "leather_goods"),
    ("clutch", "leather_goods"),
    ("backpack", "leather_goods"),
    ("wallet", "leather_goods"),
)

# Concept ids the story prefers. All are looked up defensively: whatever is missing from the
# installed lexicon falls back to its bucket, so the generator survives lexicon edits.
GIFT_IDS = ("gift_for_partner", "gift_for_child", "gift_for_parent", "gift_for_friend", "gift")
STRONG_INTENT_IDS = (
    "ready_to_buy",
    "looking_to_buy",
    "self_purchase",
    "wishlist",
    "collection_completion",
    "replacement",
    *GIFT_IDS,
)
WEAK_INTENT_IDS = ("browsing",)
LIFE_EVENT_IDS = (
    "birthday",
    "milestone_birthday",
    "wedding",
    "wedding_anniversary",
    "engagement",
    "baby_birth",
    "graduation",
    "retirement",
    "promotion",
    "housewarming",
)
HIGH_END_IDS = (
    "watch",
    "fine_jewelry",
    "necklace",
    "bracelet",
    "ring",
    "engagement_ring",
    "earrings",
    "trunk",
    "couture",
    "cufflinks",
)
LUXE_PREFERENCE_IDS = (
    "exotic_leather",
    "diamond",
    "platinum",
    "limited_edition",
    "metal_white_gold",
    "pearls",
)
NEGATIVE_IDS = (
    "complaint",
    "disappointed",
    "hesitation",
    "delivery_delay",
    "quality_issue",
    "competitor_mention",
    "considering_competitor",
    "price_objection",
    "lost_interest",
)
NEGATIVE_FRAGMENTS = ("complain", "disappoint", "hesitat", "competitor", "objection", "lost")
POSITIVE_IDS = ("very_satisfied", "loyal_client", "excited", "service_praise")
PRICE_IDS = ("price_sensitive", "discount_request", "price_comparison", "budget_cap")
RICH_BUDGET_IDS = ("high_budget", "investment_piece", "budget_flexible")
RELOCATION_IDS = ("relocation",)
STRONG_ACTION_IDS = (
    "reserve_item",
    "book_appointment",
    "private_viewing",
    "call_back",
    "send_photos",
    "waitlist",
    "boutique_visit",
)
GIFT_ACTION_IDS = ("wrap_gift",)
# Calendar occasions mentioned in notes written in the weeks before them: (id, from, to).
SEASONAL_OCCASIONS = (
    ("valentines_day", (1, 20), (2, 13)),
    ("mothers_day", (4, 15), (5, 10)),
    ("fathers_day", (5, 25), (6, 18)),
    ("christmas", (11, 15), (12, 23)),
    ("new_year", (12, 24), (12, 31)),
)

# Connective templates per language. Families: "open"/"chat" start a note, one family per
# lexicon bucket renders a single concept ({x}), "need_for" renders a product for an occasion
# and "need_state" a product with an intent ({a} the product, {b} the other concept).
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "open": (
            "Client came to the boutique.",
            "Phone call with the client.",
            "Saw the client in store today.",
        ),
        "chat": ("Short chat, nothing specific today.", "Courtesy call, mostly small talk."),
        "intent": ("Intent: {x}.", "Client mentioned {x}."),
        "occasion": ("Occasion coming up: {x}.", "Talked about the {x}."),
        "product": ("Interested in {x}.", "Looked at {x}, asked about availability."),
        "preference": ("Prefers {x}.", "Likes {x}, as noted before."),
        "constraint": ("Keep in mind: {x}.", "Important, {x}."),
        "lifestyle": ("Talked about {x}.", "Into {x} lately."),
        "budget": ("On price: {x}.", "Noted: {x}."),
        "sentiment": ('Said it plainly: "{x}".', "Overall {x}."),
        "next_action": ("Next step: {x}.", "To do: {x}."),
        "need_for": ("Client looking for {a} for {b}.", "Wants {a} for the {b}."),
        "need_state": ("Interested in {a}, {b}.", "Came for {a}: {b}."),
    },
    "fr": {
        "open": (
            "Cliente venue en boutique.",
            "Appel avec le client.",
            "Échange en magasin ce jour.",
        ),
        "chat": (
            "Échange rapide, rien de précis aujourd'hui.",
            "Appel de courtoisie, discussion légère.",
        ),
        "intent": ("Intention : {x}.", "La cliente évoque {x}."),
        "occasion": ("Occasion à venir : {x}.", "A parlé de {x}."),
        "product": ("Intéressée par {x}.", "A regardé {x}, demande la disponibilité."),
        "preference": ("Préfère {x}.", "Aime {x}, comme noté précédemment."),
        "constraint": ("À noter : {x}.", "Important, {x}."),
        "lifestyle": ("Discussion autour de {x}.", "Passionnée de {x}."),
        "budget": ("Côté prix : {x}.", "Noté : {x}."),
        "sentiment": ('A dit clairement : "{x}".', "Dans l'ensemble, {x}."),
        "next_action": ("Prochaine étape : {x}.", "À faire : {x}."),
        "need_for": ("Cliente à la recherche de {a}, pour {b}.", "Souhaite {a} pour {b}."),
        "need_state": ("Intéressée par {a}, {b}.", "Venue pour {a} : {b}."),
    },
    "it": {
        "open": (
            "Cliente passata in boutique.",
            "Telefonata con il cliente.",
            "Incontro in negozio oggi.",
        ),
        "chat": (
            "Breve chiacchierata, niente di specifico.",
            "Chiamata di cortesia, due parole e basta.",
        ),
        "intent": ("Intenzione: {x}.", "La cliente parla di {x}."),
        "occasion": ("Occasione in arrivo: {x}.", "Ha parlato di {x}."),
        "product": ("Interessata a {x}.", "Ha visto {x}, chiede la disponibilità."),
        "preference": ("Preferisce {x}.", "Ama {x}, come già annotato."),
        "constraint": ("Da ricordare: {x}.", "Importante, {x}."),
        "lifestyle": ("Abbiamo parlato di {x}.", "Appassionata di {x}."),
        "budget": ("Sul prezzo: {x}.", "Annotato: {x}."),
        "sentiment": ('Ha detto: "{x}".', "Nel complesso {x}."),
        "next_action": ("Prossimo passo: {x}.", "Da fare: {x}."),
        "need_for": ("Cliente alla ricerca di {a} per {b}.", "Desidera {a} per {b}."),
        "need_state": ("Interessata a {a}, {b}.", "Venuta per {a}: {b}."),
    },
    "es": {
        "open": (
            "Cliente pasó por la boutique.",
            "Llamada con el cliente.",
            "Encuentro en tienda hoy.",
        ),
        "chat": ("Charla breve, nada concreto hoy.", "Llamada de cortesía, conversación ligera."),
        "intent": ("Intención: {x}.", "La clienta menciona {x}."),
        "occasion": ("Ocasión próxima: {x}.", "Habló de {x}."),
        "product": ("Interesada en {x}.", "Vio {x}, pregunta por la disponibilidad."),
        "preference": ("Prefiere {x}.", "Le gusta {x}, como ya se anotó."),
        "constraint": ("A tener en cuenta: {x}.", "Importante, {x}."),
        "lifestyle": ("Hablamos de {x}.", "Aficionada a {x}."),
        "budget": ("En cuanto al precio: {x}.", "Anotado: {x}."),
        "sentiment": ('Dijo: "{x}".', "En general, {x}."),
        "next_action": ("Próximo paso: {x}.", "Pendiente: {x}."),
        "need_for": ("Cliente buscando {a} para {b}.", "Quiere {a} para {b}."),
        "need_state": ("Interesada en {a}, {b}.", "Viene por {a}: {b}."),
    },
    "de": {
        "open": (
            "Kundin war in der Boutique.",
            "Telefonat mit dem Kunden.",
            "Gespräch im Geschäft heute.",
        ),
        "chat": ("Kurzes Gespräch, nichts Konkretes.", "Höflichkeitsanruf, lockere Unterhaltung."),
        "intent": ("Absicht: {x}.", "Kundin erwähnt {x}."),
        "occasion": ("Anlass steht bevor: {x}.", "Hat über {x} gesprochen."),
        "product": ("Interessiert an {x}.", "Hat {x} angesehen, fragt nach Verfügbarkeit."),
        "preference": ("Bevorzugt {x}.", "Mag {x}, wie schon notiert."),
        "constraint": ("Bitte beachten: {x}.", "Wichtig, {x}."),
        "lifestyle": ("Gespräch über {x}.", "Hobby: {x}."),
        "budget": ("Zum Preis: {x}.", "Notiert: {x}."),
        "sentiment": ('Sagte: "{x}".', "Insgesamt {x}."),
        "next_action": ("Nächster Schritt: {x}.", "Zu erledigen: {x}."),
        "need_for": ("Kundin sucht {a} für {b}.", "Möchte {a} für {b}."),
        "need_state": ("Interessiert an {a}, {b}.", "Kam wegen {a}: {b}."),
    },
    "pt": {
        "open": ("Cliente veio à boutique.", "Chamada com o cliente.", "Encontro na loja hoje."),
        "chat": ("Conversa rápida, nada de específico.", "Chamada de cortesia, conversa leve."),
        "intent": ("Intenção: {x}.", "A cliente menciona {x}."),
        "occasion": ("Ocasião próxima: {x}.", "Falou de {x}."),
        "product": ("Interessada em {x}.", "Viu {x}, pergunta pela disponibilidade."),
        "preference": ("Prefere {x}.", "Gosta de {x}, como já anotado."),
        "constraint": ("Atenção: {x}.", "Importante, {x}."),
        "lifestyle": ("Conversamos a respeito de {x}.", "Apaixonada por {x}."),
        "budget": ("Quanto ao preço: {x}.", "Anotado: {x}."),
        "sentiment": ('Disse: "{x}".', "No geral, {x}."),
        "next_action": ("Próximo passo: {x}.", "A fazer: {x}."),
        "need_for": ("Cliente à procura de {a} para {b}.", "Quer {a} para {b}."),
        "need_state": ("Interessada em {a}, {b}.", "Veio por {a}: {b}."),
    },
    "nl": {
        "open": (
            "Klant kwam langs in de boetiek.",
            "Telefoongesprek met de klant.",
            "Gesprek in de winkel vandaag.",
        ),
        "chat": ("Kort gesprek, niets concreets.", "Beleefdheidsgesprek, wat gekletst."),
        "intent": ("Intentie: {x}.", "Klant noemt {x}."),
        "occasion": ("Gelegenheid komt eraan: {x}.", "Sprak over {x}."),
        "product": ("Geïnteresseerd in {x}.", "Bekeek {x}, vraagt naar beschikbaarheid."),
        "preference": ("Voorkeur voor {x}.", "Houdt van {x}, zoals eerder genoteerd."),
        "constraint": ("Let op: {x}.", "Belangrijk, {x}."),
        "lifestyle": ("Gesprek over {x}.", "Liefhebber van {x}."),
        "budget": ("Over de prijs: {x}.", "Genoteerd: {x}."),
        "sentiment": ('Zei: "{x}".', "Over het algemeen {x}."),
        "next_action": ("Volgende stap: {x}.", "Te doen: {x}."),
        "need_for": ("Klant zoekt {a} voor {b}.", "Wil {a} voor {b}."),
        "need_state": ("Geïnteresseerd in {a}, {b}.", "Kwam voor {a}: {b}."),
    },
    "ru": {
        "open": ("Клиентка пришла в бутик.", "Звонок клиенту.", "Разговор в магазине сегодня."),
        "chat": ("Короткий разговор, ничего конкретного.", "Звонок вежливости, общая беседа."),
        "intent": ("Намерение: {x}.", "Клиентка упомянула: {x}."),
        "occasion": ("Скоро повод: {x}.", "Говорили про {x}."),
        "product": ("Интересуется: {x}.", "Смотрела {x}, спрашивает о наличии."),
        "preference": ("Предпочитает {x}.", "Нравится {x}, как отмечено ранее."),
        "constraint": ("Учесть: {x}.", "Важно, {x}."),
        "lifestyle": ("Обсуждали {x}.", "Увлекается: {x}."),
        "budget": ("По цене: {x}.", "Отмечено: {x}."),
        "sentiment": ('Сказала: "{x}".', "В целом {x}."),
        "next_action": ("Следующий шаг: {x}.", "Сделать: {x}."),
        "need_for": ("Клиентка ищет {a}, повод: {b}.", "Ищет {a} (повод: {b})."),
        "need_state": ("Интерес: {a}, {b}.", "Пришла ради {a}: {b}."),
    },
    "ar": {
        "open": ("زارت العميلة البوتيك.", "مكالمة هاتفية مع العميل.", "لقاء في المتجر اليوم."),
        "chat": ("حديث قصير، لا شيء محدد.", "مكالمة مجاملة، حديث عام."),
        "intent": ("النية: {x}.", "ذكرت العميلة {x}."),
        "occasion": ("مناسبة قريبة: {x}.", "تحدثنا عن {x}."),
        "product": ("مهتمة بـ {x}.", "شاهدت {x}، وتسأل عن التوفر."),
        "preference": ("تفضل {x}.", "تحب {x}، كما ذكر سابقا."),
        "constraint": ("يجب مراعاة: {x}.", "مهم، {x}."),
        "lifestyle": ("تحدثنا عن {x}.", "تهتم بـ {x}."),
        "budget": ("بخصوص السعر: {x}.", "ملاحظة: {x}."),
        "sentiment": ('قالت: "{x}".', "بشكل عام {x}."),
        "next_action": ("الخطوة التالية: {x}.", "للمتابعة: {x}."),
        "need_for": ("العميلة تبحث عن {a} من أجل {b}.", "تريد {a} لمناسبة {b}."),
        "need_state": ("مهتمة بـ {a}، {b}.", "جاءت من أجل {a}: {b}."),
    },
    "zh": {
        "open": ("客户今天到店。", "与客户电话沟通。", "今日店内接待。"),
        "chat": ("简单寒暄，没有具体需求。", "礼节性来电，闲聊几句。"),
        "intent": ("意向：{x}。", "客户提到{x}。"),
        "occasion": ("即将到来：{x}。", "聊到{x}。"),
        "product": ("对{x}感兴趣。", "看了{x}，询问库存。"),
        "preference": ("偏好{x}。", "喜欢{x}，之前已记录。"),
        "constraint": ("注意：{x}。", "重要，{x}。"),
        "lifestyle": ("聊到{x}。", "平时喜欢{x}。"),
        "budget": ("价格方面：{x}。", "备注：{x}。"),
        "sentiment": ("原话：“{x}”。", "总体{x}。"),
        "next_action": ("下一步：{x}。", "待办：{x}。"),
        "need_for": ("客户在找{a}，用于{b}。", "想为{b}选{a}。"),
        "need_state": ("对{a}感兴趣，{b}。", "为{a}而来：{b}。"),
    },
    "ja": {
        "open": ("お客様が店頭へ。", "お客様と電話。", "本日店頭にて対応。"),
        "chat": ("世間話のみ、特になし。", "ご挨拶の電話、雑談。"),
        "intent": ("意向：{x}。", "{x}について言及。"),
        "occasion": ("近々{x}。", "{x}の話題。"),
        "product": ("{x}に興味あり。", "{x}をご覧になり、在庫を確認。"),
        "preference": ("{x}がお好み。", "{x}が好き（既出）。"),
        "constraint": ("注意：{x}。", "重要：{x}。"),
        "lifestyle": ("{x}の話で盛り上がる。", "趣味は{x}。"),
        "budget": ("価格について：{x}。", "メモ：{x}。"),
        "sentiment": ("「{x}」とのこと。", "全体的に{x}。"),
        "next_action": ("次のステップ：{x}。", "対応：{x}。"),
        "need_for": ("{b}のために{a}をお探し。", "{b}用に{a}をご希望。"),
        "need_state": ("{a}に興味あり、{b}。", "{a}の件で：{b}。"),
    },
    "ko": {
        "open": ("고객 매장 방문.", "고객과 통화.", "오늘 매장 상담."),
        "chat": ("짧은 대화, 특별한 내용 없음.", "안부 전화, 가벼운 대화."),
        "intent": ("의향: {x}.", "{x} 언급."),
        "occasion": ("곧 {x}.", "{x} 이야기."),
        "product": ("{x}에 관심.", "{x} 보고 재고 문의."),
        "preference": ("{x} 선호.", "{x} 좋아함, 이전 기록과 같음."),
        "constraint": ("주의: {x}.", "중요, {x}."),
        "lifestyle": ("{x} 이야기 나눔.", "취미: {x}."),
        "budget": ("가격 관련: {x}.", "메모: {x}."),
        "sentiment": ('"{x}"라고 함.', "전반적으로 {x}."),
        "next_action": ("다음 단계: {x}.", "할 일: {x}."),
        "need_for": ("{b}을 위해 {a} 찾는 중.", "{b}용 {a} 희망."),
        "need_state": ("{a}에 관심, {b}.", "{a} 때문에 상담: {b}."),
    },
}
FAMILIES = (
    "open",
    "chat",
    "intent",
    "occasion",
    "product",
    "preference",
    "constraint",
    "lifestyle",
    "budget",
    "sentiment",
    "next_action",
    "need_for",
    "need_state",
)
GENERIC_FAMILY = "lifestyle"  # "Talked about {x}.": fits a concept of a bucket added later

# Budget wording per language: keyword, "around", the "flexible" suffix.
BUDGET_WORDS = {
    "en": ("Budget", "around", " flexible"),
    "fr": ("Budget", "environ", " flexible"),
    "it": ("Budget", "circa", " flessibile"),
    "es": ("Presupuesto", "alrededor de", " flexible"),
    "de": ("Budget", "etwa", " flexibel"),
    "pt": ("Orçamento", "aproximadamente", " flexível"),
    "nl": ("Budget", "ongeveer", " flexibel"),
    "ru": ("Бюджет", "около", ", гибкий"),
    "ar": ("ميزانية", "حوالي", " مرنة"),
    "zh": ("预算", "约", "，可调整"),
    "ja": ("予算", "約", "、柔軟に対応可"),
    "ko": ("예산", "약", " 유동적"),
}
BUDGET_FORMS = 6  # range, around, €amount, range flexible, bare range, around a range

NOTE_COLUMNS = ("ID", "Date", "Duration", "Language", "Length", "Transcription", "client_id")
TRANSACTION_COLUMNS = ("transaction_id", "client_id", "transaction_date", "amount_eur", "category")
CHUNK_CLIENTS = 100_000  # clients per block: bounds memory, part of the deterministic recipe
SLOTS = 6  # concepts per note at most


@dataclass(frozen=True)
class Lexicon:
    """The concept lexicon as arrays: aliases per (language, concept) and the story's pools."""

    concept_ids: tuple[str, ...]
    aliases: pa.Array  # every alias, grouped by language then concept; last entry is ""
    alias_offset: np.ndarray  # (language, concept) -> first alias index
    alias_count: np.ndarray  # (language, concept) -> number of aliases (fallbacks filled in)
    family: np.ndarray  # concept -> template family index
    bucket: np.ndarray  # concept -> bucket name
    category: np.ndarray  # concept -> transaction category index, -1 when not a product
    pools: dict[str, np.ndarray]  # story role -> concept indices
    seasonal: tuple[tuple[int, tuple[int, int], tuple[int, int]], ...]

    @property
    def empty_alias(self) -> int:
        return len(self.aliases) - 1


@dataclass(frozen=True)
class Templates:
    """Connective templates flattened into piece arrays, so rendering is a few array takes."""

    pre: pa.Array
    mid: pa.Array
    post: pa.Array
    swapped: np.ndarray  # True when {b} comes before {a}
    offset: np.ndarray  # (language, family) -> first template index; index 0 is the empty one
    count: np.ndarray
    budget_pre: pa.Array  # (language * BUDGET_FORMS + form) -> text before the low amount
    budget_mid: pa.Array  # between low and high amounts ("-" or "")
    budget_post: pa.Array  # after the amounts ("K", "K flexible", "")
    separator: pa.Array  # language -> space between sentences ("" in Chinese and Japanese)
    full_stop: pa.Array  # language -> sentence end


@dataclass(frozen=True)
class Clients:
    """Latent traits of one block of clients (days count from the period start)."""

    number: np.ndarray  # global 1-based client number
    affluence: np.ndarray
    engagement: np.ndarray
    loyalty: np.ndarray
    basket: np.ndarray  # typical amount spent on a leather-goods purchase, EUR
    affluent: np.ndarray
    language: np.ndarray
    start: np.ndarray  # first day they can appear in the data
    churn: np.ndarray  # day from which they never buy again (may lie beyond the period)
    relocating: np.ndarray  # churn reason: moving away
    favourite: np.ndarray  # favourite product concept
    favourite_category: np.ndarray  # its transaction category (-1 when not a product)
    colours: np.ndarray  # (client, 3) preference, constraint or -1, lifestyle concepts


@dataclass(frozen=True)
class Notes:
    """One block of notes before rendering: who, when, and what the advisor had in mind."""

    client: np.ndarray  # index into the block's Clients
    day: np.ndarray
    event: np.ndarray  # written ahead of a life event
    occasion: np.ndarray  # the life event's occasion concept, -1 otherwise
    negative: np.ndarray
    chat: np.ndarray
    intent: np.ndarray
    language: np.ndarray


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ids(index: dict[str, int], wanted: Sequence[str], fallback: np.ndarray) -> np.ndarray:
    """Indices of the wanted concept ids that exist, in the order given; else the fallback."""
    found = [index[concept] for concept in wanted if concept in index]
    return np.array(found, dtype=np.int64) if found else fallback


def _without(pool: np.ndarray, removed: np.ndarray) -> np.ndarray:
    kept = pool[~np.isin(pool, removed)]
    return kept if len(kept) else pool


def _category_of(concept_id: str) -> int:
    for fragment, category in CATEGORY_RULES:
        if fragment in concept_id:
            return CATEGORIES.index(category)
    return CATEGORIES.index("accessories")


def load_lexicon(seeds_dir: Path) -> Lexicon:
    """Read the lexicon seeds into arrays; every role of the story gets a non-empty pool.

    Concepts are sorted by id and aliases by text, so the output does not depend on the
    order of the seed files. A concept with no alias in a language borrows the English ones
    (or those of the first language that has any); a concept with no alias at all is unused.
    """
    concepts = sorted(
        (row["concept_id"].strip(), (row.get("bucket") or "").strip())
        for row in _read_csv(seeds_dir / "concepts.csv")
        if (row.get("concept_id") or "").strip()
    )
    by_key: dict[tuple[str, str], set[str]] = {}
    for row in _read_csv(seeds_dir / "concept_aliases.csv"):
        alias = (row.get("alias") or "").strip()
        if alias:
            key = ((row.get("concept_id") or "").strip(), (row.get("language") or "").strip())
            by_key.setdefault(key, set()).add(alias)
    usable = [
        (concept, bucket)
        for concept, bucket in concepts
        if any((concept, language) in by_key for language in LANGUAGES)
    ]
    if not usable:
        raise ValueError(f"no concept with aliases in {seeds_dir}")
    concept_ids = tuple(concept for concept, _ in usable)
    buckets = np.array([bucket for _, bucket in usable], dtype=object)
    flat: list[str] = []
    offset = np.zeros((len(LANGUAGES), len(concept_ids)), dtype=np.int64)
    count = np.zeros_like(offset)
    for lang_index, language in enumerate(LANGUAGES):
        for concept_index, concept in enumerate(concept_ids):
            aliases = sorted(by_key.get((concept, language), ()))
            offset[lang_index, concept_index] = len(flat)
            count[lang_index, concept_index] = len(aliases)
            flat.extend(aliases)
    for concept_index in range(len(concept_ids)):
        donors = [EN] + [i for i in range(len(LANGUAGES)) if count[i, concept_index]]
        donor = next(i for i in donors if count[i, concept_index])
        missing = count[:, concept_index] == 0
        offset[missing, concept_index] = offset[donor, concept_index]
        count[missing, concept_index] = count[donor, concept_index]
    flat.append("")
    index = {concept: i for i, concept in enumerate(concept_ids)}
    family_index = {name: i for i, name in enumerate(FAMILIES)}
    family = np.array(
        [family_index.get(bucket, family_index[GENERIC_FAMILY]) for bucket in buckets]
    )
    category = np.array(
        [
            _category_of(c) if b == "product" else -1
            for c, b in zip(concept_ids, buckets, strict=True)
        ]
    )
    seasonal = tuple(
        (index[concept], start, end)
        for concept, start, end in SEASONAL_OCCASIONS
        if concept in index
    )
    return Lexicon(
        concept_ids=concept_ids,
        aliases=pa.array(flat, type=pa.string()),
        alias_offset=offset,
        alias_count=count,
        family=family,
        bucket=buckets,
        category=category,
        pools=_pools(concept_ids, buckets),
        seasonal=seasonal,
    )


def _pools(concept_ids: Sequence[str], buckets: np.ndarray) -> dict[str, np.ndarray]:
    """Concept pools for each role of the story, preferred ids first, bucket as fallback."""
    index = {concept: i for i, concept in enumerate(concept_ids)}
    everything = np.arange(len(buckets), dtype=np.int64)

    def bucket(name: str) -> np.ndarray:
        found = np.flatnonzero(buckets == name).astype(np.int64)
        return found if len(found) else everything

    intent = bucket("intent")
    sentiment = bucket("sentiment")
    products = bucket("product")
    lifestyle = bucket("lifestyle")
    gift_like = np.array([i for i in intent if "gift" in concept_ids[i]], dtype=np.int64)
    gift = _ids(index, GIFT_IDS, gift_like if len(gift_like) else intent)
    weak_intent = _ids(index, WEAK_INTENT_IDS, np.array([], dtype=np.int64))
    negative_like = np.array(
        [i for i in sentiment if any(f in concept_ids[i] for f in NEGATIVE_FRAGMENTS)],
        dtype=np.int64,
    )
    negative = _ids(index, NEGATIVE_IDS, negative_like if len(negative_like) else sentiment)
    high_end = _ids(index, HIGH_END_IDS, products)
    relocation = _ids(index, RELOCATION_IDS, negative)
    strong_action = _ids(index, STRONG_ACTION_IDS, bucket("next_action"))
    return {
        "all": everything,
        "gift": gift,
        "strong_intent": _without(_ids(index, STRONG_INTENT_IDS, intent), weak_intent),
        "weak_intent": weak_intent,
        "life_event": _ids(index, LIFE_EVENT_IDS, bucket("occasion")),
        "high_end": high_end,
        "entry": _without(products, high_end),
        "luxe_preference": _ids(index, LUXE_PREFERENCE_IDS, bucket("preference")),
        "preference": bucket("preference"),
        "constraint": bucket("constraint"),
        "lifestyle": _without(lifestyle, relocation),
        "negative": negative,
        "relocation": relocation,
        "positive": _ids(index, POSITIVE_IDS, _without(sentiment, negative)),
        "price": _ids(index, PRICE_IDS, bucket("budget")),
        "rich": _ids(index, RICH_BUDGET_IDS, bucket("budget")),
        "strong_action": strong_action,
        "gift_action": _ids(index, GIFT_ACTION_IDS, strong_action),
        "action": bucket("next_action"),
    }


def _split_template(template: str) -> tuple[str, str, str, bool]:
    """(text before, between, after the placeholders, whether {b} comes first)."""
    if "{x}" in template:
        before, after = template.split("{x}")
        return before, "", after, False
    if "{a}" not in template:
        return template, "", "", False
    swapped = template.index("{b}") < template.index("{a}")
    first, second = ("{b}", "{a}") if swapped else ("{a}", "{b}")
    before, rest = template.split(first)
    between, after = rest.split(second)
    return before, between, after, swapped


def build_templates() -> Templates:
    """Flatten TEMPLATES and BUDGET_WORDS into arrays indexed by (language, family)."""
    pre, mid, post, swapped = [""], [""], [""], [False]  # index 0: the empty clause
    offset = np.zeros((len(LANGUAGES), len(FAMILIES)), dtype=np.int64)
    count = np.zeros_like(offset)
    for lang_index, language in enumerate(LANGUAGES):
        for family_index, family in enumerate(FAMILIES):
            offset[lang_index, family_index] = len(pre)
            for template in TEMPLATES[language][family]:
                parts = _split_template(template)
                pre.append(parts[0])
                mid.append(parts[1])
                post.append(parts[2])
                swapped.append(parts[3])
            count[lang_index, family_index] = len(TEMPLATES[language][family])
    budget_pre, budget_mid, budget_post = [], [], []
    for language in LANGUAGES:
        keyword, around, flexible = BUDGET_WORDS[language]
        space = "" if language in NO_SPACE else " "
        forms = (
            (f"{keyword}{space}", "-", "K"),
            (f"{keyword}{space}{around}{space}", "", "K"),
            ("€", "", ""),
            (f"{keyword}{space}", "-", f"K{flexible}"),
            ("", "-", "K"),
            (f"{keyword}{space}{around}{space}", "-", "K"),
        )
        for form_pre, form_mid, form_post in forms:
            budget_pre.append(form_pre)
            budget_mid.append(form_mid)
            budget_post.append(form_post)
    return Templates(
        pre=pa.array(pre),
        mid=pa.array(mid),
        post=pa.array(post),
        swapped=np.array(swapped),
        offset=offset,
        count=count,
        budget_pre=pa.array(budget_pre),
        budget_mid=pa.array(budget_mid),
        budget_post=pa.array(budget_post),
        separator=pa.array(["" if lang in NO_SPACE else " " for lang in LANGUAGES]),
        full_stop=pa.array(["。" if lang in NO_SPACE else "." for lang in LANGUAGES]),
    )


def period_bounds(end_date: dt.date, months: int) -> tuple[dt.date, int]:
    """First day and length in days of the `months` calendar months ending on `end_date`."""
    year, month = divmod(end_date.year * 12 + end_date.month - 1 - months, 12)
    day = min(end_date.day, calendar.monthrange(year, month + 1)[1])
    start = dt.date(year, month + 1, day) + dt.timedelta(days=1)
    return start, (end_date - start).days + 1


def _draw(rng: np.random.Generator, pool: np.ndarray, size: int) -> np.ndarray:
    if len(pool) == 0:
        return np.full(size, -1, dtype=np.int64)
    return pool[rng.integers(0, len(pool), size)]


def draw_clients(
    rng: np.random.Generator, first_number: int, size: int, days: int, lexicon: Lexicon
) -> Clients:
    """Latent traits: the causes behind everything the notes and the sales show."""
    pools = lexicon.pools
    affluence = rng.lognormal(0.0, 0.75, size)
    engagement = rng.gamma(2.0, 0.5, size)
    loyalty = rng.beta(5.0, 2.0, size)
    language = rng.choice(len(LANGUAGES), size=size, p=np.array(LANGUAGE_WEIGHTS))
    first_contact = rng.integers(-days, int(days * 0.85), size)
    start = np.maximum(first_contact, 0)
    lifetime = rng.exponential(4000.0 * loyalty**3)
    churn = np.maximum(first_contact + 60 + lifetime.astype(np.int64), start + 30)
    relocating = rng.random(size) < 0.25
    p_high_end = 1.0 / (1.0 + np.exp(-2.2 * (np.log(affluence) - 0.45)))
    affluent = rng.random(size) < p_high_end
    favourite = np.where(
        affluent, _draw(rng, pools["high_end"], size), _draw(rng, pools["entry"], size)
    )
    preference = np.where(
        affluent & (rng.random(size) < 0.5),
        _draw(rng, pools["luxe_preference"], size),
        _draw(rng, pools["preference"], size),
    )
    constraint = np.where(rng.random(size) < 0.3, _draw(rng, pools["constraint"], size), -1)
    colours = np.stack([preference, constraint, _draw(rng, pools["lifestyle"], size)], axis=1)
    return Clients(
        number=np.arange(first_number, first_number + size, dtype=np.int64),
        affluence=affluence,
        engagement=engagement,
        loyalty=loyalty,
        basket=1200.0 * affluence,
        affluent=affluent,
        language=language,
        start=start,
        churn=churn,
        relocating=relocating,
        favourite=favourite,
        favourite_category=lexicon.category[favourite],
        colours=colours,
    )


@dataclass(frozen=True)
class Events:
    """Life events of one block of clients, and whether an advisor heard of them."""

    client: np.ndarray
    day: np.ndarray
    occasion: np.ndarray
    note_day: np.ndarray
    noted: np.ndarray  # a gift note was written before the event


def draw_events(rng: np.random.Generator, clients: Clients, days: int, lexicon: Lexicon) -> Events:
    """Birthdays, weddings, births...: dated in (or just after) the period, after first contact."""
    per_client = np.minimum(rng.poisson(0.45, len(clients.number)), 3)
    client = np.repeat(np.arange(len(clients.number)), per_client)
    earliest = clients.start[client] + 20
    day = earliest + (rng.random(len(client)) * np.maximum(days + 45 - earliest, 1)).astype(int)
    occasion = _draw(rng, lexicon.pools["life_event"], len(client))
    note_day = day - rng.integers(7, 61, len(client))
    noted = (
        (rng.random(len(client)) < 0.85)
        & (note_day >= 0)
        & (note_day < days)
        & (note_day < clients.churn[client] + 30)
    )
    return Events(client=client, day=day, occasion=occasion, note_day=note_day, noted=noted)


def draw_notes(rng: np.random.Generator, clients: Clients, events: Events, days: int) -> Notes:
    """When advisors write, and what frame of mind each note reflects."""
    size = len(clients.number)
    regular = 1 + rng.poisson(2.0 * clients.engagement)
    client = np.repeat(np.arange(size), regular)
    last = np.minimum(days, clients.churn + 60)
    window = np.maximum(last - clients.start, 1)[client]
    day = clients.start[client] + (rng.random(len(client)) * window).astype(np.int64)
    client = np.concatenate([client, events.client[events.noted]])
    day = np.concatenate([day, events.note_day[events.noted]])
    event = np.concatenate(
        [np.zeros(len(day) - events.noted.sum(), bool), events.noted[events.noted]]
    )
    occasion = np.concatenate(
        [np.full(len(day) - events.noted.sum(), -1), events.occasion[events.noted]]
    )
    order = np.lexsort((event, day, client))
    client, day, event, occasion = client[order], day[order], event[order], occasion[order]

    count = len(client)
    draws = rng.random((count, 5))
    to_churn = clients.churn[client] - day
    negative = ~event & (
        ((to_churn > 0) & (to_churn <= 150) & (draws[:, 0] < 0.6))
        | ((to_churn <= 0) & (draws[:, 0] < 0.9))
        | (draws[:, 1] < 0.04)
    )
    chat = ~event & ~negative & (draws[:, 2] < 0.12)
    p_intent = np.clip(0.12 + 0.22 * clients.engagement[client], 0.0, 0.7)
    p_intent = np.where(negative, 0.3 * p_intent, p_intent)
    intent = ~event & ~chat & (draws[:, 3] < p_intent)
    own = clients.language[client]
    language = np.where(draws[:, 4] < 0.92, own, np.where(own == EN, FR, EN))
    return Notes(
        client=client,
        day=day,
        event=event,
        occasion=occasion,
        negative=negative,
        chat=chat,
        intent=intent,
        language=language,
    )


def _seasonal_concepts(lexicon: Lexicon, start: dt.date, days: int) -> np.ndarray:
    """For each day of the period, the calendar occasion coming up (or -1)."""
    result = np.full(days, -1, dtype=np.int64)
    dates = [start + dt.timedelta(days=offset) for offset in range(days)]
    for concept, (from_month, from_day), (to_month, to_day) in lexicon.seasonal:
        for offset, day in enumerate(dates):
            if (from_month, from_day) <= (day.month, day.day) <= (to_month, to_day):
                result[offset] = concept
    return result


def choose_concepts(
    rng: np.random.Generator,
    lexicon: Lexicon,
    clients: Clients,
    notes: Notes,
    seasonal: np.ndarray,
) -> np.ndarray:
    """Concepts of each note in slots (need, purpose, gift/season, colour, mood, action).

    The slots follow the frame of mind of the note (event, intent, negative, chit-chat) and the
    client's traits; then a fifth of them are replaced at random and repeats are dropped.
    """
    pools = lexicon.pools
    size = len(notes.client)
    client = notes.client
    event, chat, intent, negative = notes.event, notes.chat, notes.intent, notes.negative
    regular = ~event & ~chat
    draws = rng.random((size, 9))
    slots = np.full((size, SLOTS), -1, dtype=np.int64)

    product = np.where(
        draws[:, 0] < 0.5,
        clients.favourite[client],
        np.where(
            clients.affluent[client] & (draws[:, 1] < 0.8),
            _draw(rng, pools["high_end"], size),
            _draw(rng, pools["entry"], size),
        ),
    )
    slots[:, 0] = np.where(event | (regular & (draws[:, 2] < 0.85)), product, -1)
    slots[:, 1] = np.where(
        event,
        notes.occasion,
        np.where(
            regular & intent,
            _draw(rng, pools["strong_intent"], size),
            np.where(regular & (draws[:, 3] < 0.12), _draw(rng, pools["weak_intent"], size), -1),
        ),
    )
    season = seasonal[np.clip(notes.day, 0, len(seasonal) - 1)]
    slots[:, 2] = np.where(
        event & (draws[:, 4] < 0.8),
        _draw(rng, pools["gift"], size),
        np.where(regular & intent & (draws[:, 4] < 0.35), season, -1),
    )
    colour = clients.colours[client, rng.integers(0, 3, size)]
    colour = np.where(colour < 0, clients.colours[client, 2], colour)
    p_colour = np.where(chat, 0.9, np.where(event, 0.35, 0.55))
    slots[:, 3] = np.where(draws[:, 5] < p_colour, colour, -1)

    moving = clients.relocating[client] & (draws[:, 6] < 0.6)
    complaint = np.where(moving, _draw(rng, pools["relocation"], size), -1)
    complaint = np.where(complaint < 0, _draw(rng, pools["negative"], size), complaint)
    mood_draw = draws[:, 7]
    loyal = clients.loyalty[client]
    slots[:, 4] = np.select(
        [
            negative,
            ~chat & (mood_draw < 0.3 * loyal),
            ~chat & ~clients.affluent[client] & (mood_draw > 0.9),
            ~chat & clients.affluent[client] & (mood_draw > 0.85),
        ],
        [
            complaint,
            _draw(rng, pools["positive"], size),
            _draw(rng, pools["price"], size),
            _draw(rng, pools["rich"], size),
        ],
        default=-1,
    )
    slots[:, 5] = np.select(
        [
            event & (draws[:, 8] < 0.5),
            (event | intent) & (draws[:, 8] < 0.75),
            ~chat & (draws[:, 8] < 0.2),
        ],
        [
            _draw(rng, pools["gift_action"], size),
            _draw(rng, pools["strong_action"], size),
            _draw(rng, pools["action"], size),
        ],
        default=-1,
    )
    # at least two concepts in a working note, at least one in a chat
    filled = (slots >= 0).sum(axis=1)
    short = ((filled < 2) & ~chat) | (filled == 0)
    slots[:, 3] = np.where(short & (slots[:, 3] < 0), colour, slots[:, 3])
    filled = (slots >= 0).sum(axis=1)
    slots[:, 5] = np.where(
        (filled < 2) & ~chat & (slots[:, 5] < 0), _draw(rng, pools["action"], size), slots[:, 5]
    )
    noise = (slots >= 0) & (rng.random((size, SLOTS)) < 0.2)
    random_concepts = _draw(rng, pools["all"], size * SLOTS).reshape(size, SLOTS)
    slots = np.where(noise, random_concepts, slots)
    for later in range(1, SLOTS):
        for earlier in range(later):
            repeat = slots[:, later] == slots[:, earlier]
            slots[:, later] = np.where(repeat, -1, slots[:, later])
    return slots


def _pick(rng: np.random.Generator, offset: np.ndarray, count: np.ndarray) -> np.ndarray:
    """A uniformly chosen index in [offset, offset + count) per row."""
    return offset + (rng.random(len(offset)) * count).astype(np.int64)


def _take(values: pa.Array, indices: np.ndarray) -> pa.Array:
    return values.take(pa.array(indices, type=pa.int64()))


def render_notes(
    rng: np.random.Generator,
    lexicon: Lexicon,
    templates: Templates,
    clients: Clients,
    notes: Notes,
    slots: np.ndarray,
) -> pa.Array:
    """Compose each note from template pieces and aliases, all with array takes and joins."""
    size = len(notes.client)
    language = notes.language
    buckets = lexicon.bucket
    safe = np.maximum(slots, 0)
    present = slots >= 0

    mixing = np.array([CODE_MIXING.get(lang, CODE_MIXING_DEFAULT) for lang in LANGUAGES])
    code_mixed = (
        (language != EN)
        & present[:, 0]
        & (buckets[safe[:, 0]] == "product")
        & (rng.random(size) < mixing[language])
    )
    aliases = []
    for slot in range(SLOTS):
        alias_language = np.where(code_mixed, EN, language) if slot == 0 else language
        offset = lexicon.alias_offset[alias_language, safe[:, slot]]
        count = lexicon.alias_count[alias_language, safe[:, slot]]
        chosen = np.where(present[:, slot], _pick(rng, offset, count), lexicon.empty_alias)
        aliases.append(_take(lexicon.aliases, chosen))

    family_index = {name: i for i, name in enumerate(FAMILIES)}
    families = lexicon.family[safe]
    first_is_product = present[:, 0] & (buckets[safe[:, 0]] == "product")
    need_for = first_is_product & present[:, 1] & (buckets[safe[:, 1]] == "occasion")
    need_state = first_is_product & present[:, 1] & (buckets[safe[:, 1]] == "intent")
    families[:, 0] = np.select(
        [need_for, need_state],
        [family_index["need_for"], family_index["need_state"]],
        default=families[:, 0],
    )
    combined = need_for | need_state
    present[:, 1] &= ~combined

    def template_index(family: np.ndarray, used: np.ndarray) -> np.ndarray:
        offset = templates.offset[language, family]
        count = templates.count[language, family]
        return np.where(used, _pick(rng, offset, count), 0)

    separator = _take(templates.separator, language)
    opening = template_index(
        np.where(notes.chat, family_index["chat"], family_index["open"]), np.ones(size, bool)
    )
    pieces: list[pa.Array] = [_take(templates.pre, opening)]

    # the need clause: a product alone, or a product with its occasion or intent
    first = template_index(families[:, 0], present[:, 0])
    swap = pa.array(templates.swapped[first] & combined)
    second_alias = pc.if_else(pa.array(combined), aliases[1], "")
    aliases[1] = pc.if_else(pa.array(combined), "", aliases[1])  # rendered in the need clause
    pieces += [
        pc.if_else(pa.array(present[:, 0]), separator, ""),
        _take(templates.pre, first),
        pc.if_else(swap, second_alias, aliases[0]),
        _take(templates.mid, first),
        pc.if_else(swap, aliases[0], second_alias),
        _take(templates.post, first),
    ]
    for slot in (1, 2, 3, 4):
        pieces += _clause(
            templates,
            template_index(families[:, slot], present[:, slot]),
            present[:, slot],
            separator,
            aliases[slot],
        )
    pieces += _budget_clause(rng, templates, clients, notes, separator)
    # the next action closes the note, now and then on a new line
    on_new_line = present[:, 5] & (rng.random(size) < 0.03)
    action_separator = pc.if_else(pa.array(on_new_line), "\n", separator)
    pieces += _clause(
        templates,
        template_index(families[:, 5], present[:, 5]),
        present[:, 5],
        action_separator,
        aliases[5],
    )
    return pc.binary_join_element_wise(*pieces, "")


def _clause(
    templates: Templates,
    index: np.ndarray,
    used: np.ndarray,
    separator: pa.Array,
    alias: pa.Array,
) -> list[pa.Array]:
    return [
        pc.if_else(pa.array(used), separator, ""),
        _take(templates.pre, index),
        alias,
        _take(templates.post, index),
    ]


def _budget_clause(
    rng: np.random.Generator,
    templates: Templates,
    clients: Clients,
    notes: Notes,
    separator: pa.Array,
) -> list[pa.Array]:
    """Budgets as advisors write them, for an amount near the client's basket (noisy)."""
    size = len(notes.client)
    client = notes.client
    p_budget = 0.22 + 0.2 * (notes.intent | notes.event) + 0.1 * clients.affluent[client]
    stated = ~notes.chat & (rng.random(size) < p_budget)
    amount = clients.basket[client] * 1.3 * rng.lognormal(0.0, 0.35, size)
    low = np.maximum(1, np.rint(amount / 1000)).astype(np.int64)
    high = low + np.maximum(1, np.rint(low * rng.uniform(0.2, 0.7, size))).astype(np.int64)
    form = rng.integers(0, BUDGET_FORMS, size)
    form = np.where(amount < 1500, 2, form)  # small budgets are written in euros
    euros = np.maximum(100, np.rint(amount / 100) * 100).astype(np.int64)
    low_text = np.where(form == 2, euros, low)
    has_high = np.isin(form, (0, 3, 4, 5))
    index = notes.language * BUDGET_FORMS + form
    stated_mask = pa.array(stated)
    high_mask = pa.array(stated & has_high)
    return [
        pc.if_else(stated_mask, separator, ""),
        pc.if_else(stated_mask, _take(templates.budget_pre, index), ""),
        pc.if_else(stated_mask, pc.cast(pa.array(low_text), pa.string()), ""),
        pc.if_else(high_mask, _take(templates.budget_mid, index), ""),
        pc.if_else(high_mask, pc.cast(pa.array(high), pa.string()), ""),
        pc.if_else(stated_mask, _take(templates.budget_post, index), ""),
        pc.if_else(stated_mask, _take(templates.full_stop, notes.language), ""),
    ]


@dataclass(frozen=True)
class Sales:
    """One block of transactions before formatting."""

    client: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    category: np.ndarray


def draw_sales(
    rng: np.random.Generator,
    clients: Clients,
    notes: Notes,
    events: Events,
    days: int,
) -> Sales:
    """Purchases: a Poisson process until churn, plus boosts after intent notes and events."""
    size = len(clients.number)
    stop = np.minimum(clients.churn, days)  # never a purchase from the churn date on
    span = np.maximum(stop - clients.start, 0)
    base_count = rng.poisson(1.0 * clients.engagement * span / 365.0)
    base_client = np.repeat(np.arange(size), base_count)
    base_day = clients.start[base_client] + (
        rng.random(len(base_client)) * span[base_client]
    ).astype(np.int64)

    boosted = notes.intent & ~notes.negative & (rng.random(len(notes.client)) < 0.45)
    boost_client = notes.client[boosted]
    delay = 1 + np.minimum(88, rng.exponential(25.0, len(boost_client)).astype(np.int64))
    boost_day = notes.day[boosted] + delay

    bought = rng.random(len(events.client)) < np.where(events.noted, 0.75, 0.3)
    gift_client = events.client[bought]
    gift_day = events.day[bought] - rng.integers(0, 12, len(gift_client))

    client = np.concatenate([base_client, boost_client, gift_client])
    day = np.concatenate([base_day, boost_day, gift_day])
    is_gift = np.concatenate(
        [np.zeros(len(base_client) + len(boost_client), bool), np.ones(len(gift_client), bool)]
    )
    keep = (day >= 0) & (day < stop[client]) & (day >= clients.start[client])
    client, day, is_gift = client[keep], day[keep], is_gift[keep]
    order = np.lexsort((day, client))
    client, day, is_gift = client[order], day[order], is_gift[order]

    count = len(client)
    weights = np.where(
        is_gift[:, None],
        CATEGORY_WEIGHTS_GIFT,
        np.where(clients.affluent[client][:, None], CATEGORY_WEIGHTS_AFFLUENT, CATEGORY_WEIGHTS),
    )
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    drawn = (rng.random(count)[:, None] > cumulative).sum(axis=1)
    drawn = np.minimum(drawn, len(CATEGORIES) - 1)
    favourite = clients.favourite_category[client]
    category = np.where((favourite >= 0) & (rng.random(count) < 0.5), favourite, drawn)
    amount = (
        clients.basket[client]
        * CATEGORY_PRICE[category]
        * np.where(is_gift, 1.2, 1.0)
        * rng.lognormal(0.0, 0.45, count)
    )
    amount = np.clip(amount, rng.uniform(150.0, 300.0, count), 60000.0)  # a soft floor
    step = np.where(amount >= 1000, 50.0, 5.0)
    amount = np.maximum(np.rint(amount / step) * step, 150.0)
    with_cents = rng.random(count) < 0.15  # tax-free refunds, discounts, currency conversion
    amount = np.where(with_cents, amount - rng.integers(1, 100, count) / 100.0, amount)
    return Sales(client=client, day=day, amount=amount, category=category)


MINUTES = (10, 15, 20, 25, 30, 35, 45, 60, 75, 90)
# Characters: short below the first limit, long from the second (CJK says more per character).
LENGTH_LIMITS = {"zh": (28, 40), "ja": (33, 48), "ko": (33, 48)}
LENGTH_LIMITS_DEFAULT = (90, 135)
BAD_NOTE_DATES = ("31/02/2025", "unknown")
BAD_AMOUNTS = ("n/a", "", "12O0.00", "EUR")
BAD_SALE_DATES = ("2025-13-45", "31/02/2025", "unknown")


@dataclass(frozen=True)
class Calendar:
    """Date strings for every day of the period, so that formatting is an array take."""

    start: dt.date
    days: int
    iso: pa.Array  # day -> YYYY-MM-DD
    dates: pa.Array  # day -> YYYY-MM-DD, then day + days -> DD/MM/YYYY

    @classmethod
    def build(cls, start: dt.date, days: int) -> Calendar:
        every_day = [start + dt.timedelta(days=offset) for offset in range(days)]
        iso = [day.isoformat() for day in every_day]
        european = [day.strftime("%d/%m/%Y") for day in every_day]
        return cls(start, days, pa.array(iso), pa.array(iso + european))


def _numbered(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers, type=pa.int64()), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _bad_rows(rng: np.random.Generator, size: int, rate: float, done: int, seen: int) -> np.ndarray:
    """Rows to break in this block: the running total stays at round(rate * rows so far)."""
    wanted = int(round(rate * (seen + size))) - done
    wanted = min(max(wanted, 0), size)
    return np.sort(rng.choice(size, wanted, replace=False)) if wanted else np.array([], int)


def _replace(values: pa.Array, rows: np.ndarray, replacement: pa.Array | str) -> pa.Array:
    mask = np.zeros(len(values), bool)
    mask[rows] = True
    return pc.if_else(pa.array(mask), replacement, values)


def _duplicate_previous(numbers: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Give each row the number of the row before it (of the next one for the first row)."""
    numbers = numbers.copy()
    for row in rows:
        if len(numbers) > 1:
            numbers[row] = numbers[row - 1] if row > 0 else numbers[1]
    return numbers


def note_columns(
    rng: np.random.Generator,
    calendar_: Calendar,
    clients: Clients,
    notes: Notes,
    slots: np.ndarray,
    text: pa.Array,
    first_number: int,
    width: int,
    bad: np.ndarray,
) -> list[pa.Array]:
    """The advisors' export columns, with the rows in `bad` broken in four ways in turn."""
    size = len(notes.client)
    numbers = np.arange(first_number, first_number + size, dtype=np.int64)
    kinds = np.arange(len(bad)) % 4 if size > 1 else np.zeros(len(bad), int)
    european = rng.random(size) < 0.1
    dates = _take(calendar_.dates, notes.day + calendar_.days * european)
    concepts = (slots >= 0).sum(axis=1)
    minute_index = np.clip(concepts + rng.integers(-1, 3, size), 0, len(MINUTES) - 1)
    durations = pa.array([f"{m} min" for m in MINUTES] + [str(m) for m in MINUTES])
    bare = rng.random(size) < 0.4
    duration = _take(durations, minute_index + len(MINUTES) * bare)
    names = pa.array([lang.upper() for lang in LANGUAGES] + [LANGUAGE_NAMES[x] for x in LANGUAGES])
    spelled = rng.random(size) < 0.12
    language = _take(names, notes.language + len(LANGUAGES) * spelled)
    bad_dates = _take(pa.array(BAD_NOTE_DATES), rng.integers(0, len(BAD_NOTE_DATES), size))

    text = _replace(text, bad[kinds == 0], "")
    dates = _replace(dates, bad[kinds == 1], bad_dates)
    language = _replace(language, bad[kinds == 2], "XX")
    numbers = _duplicate_previous(numbers, bad[kinds == 3])

    limits = np.array([LENGTH_LIMITS.get(lang, LENGTH_LIMITS_DEFAULT) for lang in LANGUAGES])
    characters = pc.utf8_length(text).to_numpy(zero_copy_only=False)
    level = (characters >= limits[notes.language, 0]).astype(int) + (
        characters >= limits[notes.language, 1]
    )
    length = _take(pa.array(["short", "medium", "long"]), level)
    return [
        _numbered("SYN-N", numbers, 9),
        dates,
        duration,
        language,
        length,
        text,
        _numbered("SYN-C", clients.number[notes.client], width),
    ]


def sale_columns(
    rng: np.random.Generator,
    calendar_: Calendar,
    clients: Clients,
    sales: Sales,
    first_number: int,
    width: int,
    bad: np.ndarray,
) -> list[pa.Array]:
    """The sales export columns, with the rows in `bad` broken in four ways in turn."""
    size = len(sales.client)
    numbers = np.arange(first_number, first_number + size, dtype=np.int64)
    kinds = np.arange(len(bad)) % 4 if size > 1 else np.zeros(len(bad), int)
    cents = np.rint(sales.amount * 100).astype(np.int64)
    amount = pc.binary_join_element_wise(
        pc.cast(pa.array(cents // 100), pa.string()),
        pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), 2, "0"),
        ".",
    )
    client_id = _numbered("SYN-C", clients.number[sales.client], width)
    dates = _take(calendar_.iso, sales.day)
    bad_amounts = _take(pa.array(BAD_AMOUNTS), rng.integers(0, len(BAD_AMOUNTS), size))
    bad_dates = _take(pa.array(BAD_SALE_DATES), rng.integers(0, len(BAD_SALE_DATES), size))

    amount = _replace(amount, bad[kinds == 0], bad_amounts)
    client_id = _replace(client_id, bad[kinds == 1], "")
    dates = _replace(dates, bad[kinds == 2], bad_dates)
    numbers = _duplicate_previous(numbers, bad[kinds == 3])
    return [
        _numbered("SYN-T", numbers, 10),
        client_id,
        dates,
        amount,
        _take(pa.array(CATEGORIES), sales.category),
    ]


def _csv_field(values: pa.Array) -> pa.Array:
    """Quote a field only when it needs it (comma, quote, line break), like csv.QUOTE_MINIMAL."""
    needs_quotes = pc.match_substring_regex(values, r'[",\r\n]')
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    return pc.if_else(needs_quotes, quoted, values)


def _csv_lines(columns: Sequence[pa.Array]) -> pa.Array:
    fields = [_csv_field(column.fill_null("")) for column in columns]
    return pc.binary_join_element_wise(pc.binary_join_element_wise(*fields, ","), "\n", "")


class AtomicFile:
    """A file written under a temporary name and moved into place only once complete.

    Readers (dbt, a dashboard) never see a half-written export, and a failed run leaves the
    previous files untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        self.temporary = Path(temporary)
        self.handle: BinaryIO = os.fdopen(handle, "wb")

    def write_lines(self, lines: pa.Array) -> None:
        """Write the values of a string array back to back (they end with newlines)."""
        if len(lines) == 0:
            return
        offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[
            lines.offset : lines.offset + len(lines) + 1
        ]
        self.handle.write(lines.buffers()[2][int(offsets[0]) : int(offsets[-1])])

    def commit(self) -> None:
        self.handle.close()
        os.chmod(self.temporary, 0o644)
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)


def _write_text(path: Path, text: str) -> None:
    target = AtomicFile(path)
    try:
        target.handle.write(text.encode("utf-8"))
        target.commit()
    except BaseException:
        target.abort()
        raise


def readme_text(
    counts: dict[str, int], seed: int, end_date: dt.date, months: int, rate: float
) -> str:
    """The README of the output folder: what the data is (SYNTHETIC) and how to regenerate it."""
    return f"""# Demo data: SYNTHETIC

Everything in this folder is **SYNTHETIC**. It was generated by `scripts/generate_demo_data.py`
(logic in `client_intelligence/demo_data.py`) from a seeded random generator. No real client,
advisor, note or sale is involved: client IDs look like `SYN-C0000001`, note IDs `SYN-N...`,
transaction IDs `SYN-T...`, and the notes contain no names, phone numbers or e-mail addresses.

| file | rows | what |
| --- | --- | --- |
| `notes.csv` | {counts["notes"]:,} | advisors' notes export: `{",".join(NOTE_COLUMNS)}` |
| `transactions.csv` | {counts["transactions"]:,} | sales: `{",".join(TRANSACTION_COLUMNS)}` |

Parameters: {counts["clients"]:,} clients, seed {seed}, {months} months ending {end_date}, bad-row
rate {rate} ({counts["bad_notes"]} broken notes, {counts["bad_transactions"]} broken sales, on
purpose: empty texts, impossible dates, unknown languages, duplicated IDs, bad amounts, missing
clients).

The notes follow a generative story (affluence, engagement, loyalty and churn, life events)
documented in `client_intelligence/demo_data.py`, so they carry a real but noisy signal about
purchases, churn and value. Same parameters, same bytes.

Regenerate:

    python scripts/generate_demo_data.py --clients {counts["clients"]} --seed {seed} \\
        --end-date {end_date} --months {months} --bad-row-rate {rate} --output-dir <folder>
"""


def generate(
    output_dir: Path,
    clients: int,
    seed: int = 42,
    end_date: dt.date = dt.date(2026, 6, 30),
    months: int = 24,
    bad_row_rate: float = 0.002,
    seeds_dir: Path | None = None,
) -> dict[str, int]:
    """Write notes.csv, transactions.csv and README.md into `output_dir`; return the counts.

    Clients are generated in blocks of CHUNK_CLIENTS from one seeded generator, so memory stays
    flat whatever the size and the same arguments always give the same bytes.
    """
    if clients < 0 or months < 1 or not 0.0 <= bad_row_rate < 1.0:
        raise ValueError("need clients >= 0, months >= 1 and 0 <= bad_row_rate < 1")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    lexicon = load_lexicon(Path(seeds_dir) if seeds_dir else SEEDS_DIR)
    templates = build_templates()
    start, days = period_bounds(end_date, months)
    calendar_ = Calendar.build(start, days)
    seasonal = _seasonal_concepts(lexicon, start, days)
    rng = np.random.default_rng(seed)
    width = max(7, len(str(clients)))
    counts = {"clients": clients, "notes": 0, "transactions": 0}
    counts |= {"bad_notes": 0, "bad_transactions": 0}
    notes_file = AtomicFile(output_dir / "notes.csv")
    sales_file = AtomicFile(output_dir / "transactions.csv")
    try:
        notes_file.handle.write((",".join(NOTE_COLUMNS) + "\n").encode())
        sales_file.handle.write((",".join(TRANSACTION_COLUMNS) + "\n").encode())
        for first in range(0, clients, CHUNK_CLIENTS):
            block = draw_clients(rng, first + 1, min(CHUNK_CLIENTS, clients - first), days, lexicon)
            events = draw_events(rng, block, days, lexicon)
            notes = draw_notes(rng, block, events, days)
            slots = choose_concepts(rng, lexicon, block, notes, seasonal)
            text = render_notes(rng, lexicon, templates, block, notes, slots)
            sales = draw_sales(rng, block, notes, events, days)

            size = len(notes.client)
            bad = _bad_rows(rng, size, bad_row_rate, counts["bad_notes"], counts["notes"])
            columns = note_columns(
                rng, calendar_, block, notes, slots, text, counts["notes"] + 1, width, bad
            )
            notes_file.write_lines(_csv_lines(columns))
            counts["notes"] += size
            counts["bad_notes"] += len(bad)

            size = len(sales.client)
            bad = _bad_rows(
                rng, size, bad_row_rate, counts["bad_transactions"], counts["transactions"]
            )
            columns = sale_columns(
                rng, calendar_, block, sales, counts["transactions"] + 1, width, bad
            )
            sales_file.write_lines(_csv_lines(columns))
            counts["transactions"] += size
            counts["bad_transactions"] += len(bad)
        notes_file.commit()
        sales_file.commit()
    except BaseException:
        notes_file.abort()
        sales_file.abort()
        raise
    _write_text(output_dir / "README.md", readme_text(counts, seed, end_date, months, bad_row_rate))
    return counts
