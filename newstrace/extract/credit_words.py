"""Credit cues in languages other than English: "Quelle: dpa", "Источник: РИА Новости",
"Fuente: EFE", "المصدر: رويترز", "Źródło: PAP", "Zdroj: ČTK", "Source : AFP", "Dieser Artikel
erschien zuerst bei X", "Publicado originalmente en X".

Each cue is the words a credit line starts with, in the language's usual spelling; the outlet
that follows is read as for an English credit. "According to X" ("laut", "по данным",
"según") is no credit: it cites X as a source of a statement, not of the text.
"""

from __future__ import annotations

import unicodedata

# "Source:" in other languages; a colon must follow, as in every credit line that uses them.
SOURCE_WORDS = (
    r"quellen?",  # German
    r"fuentes?",  # Spanish
    r"fontes?",  # Portuguese
    r"fonti|fonte",  # Italian
    r"источник(?:и)?",  # Russian
    r"джерело",  # Ukrainian
    r"извор|izvor",  # Serbian, Croatian, Bosnian
    r"źródł[oa]",  # Polish
    r"zdroj(?:e)?",  # Czech, Slovak
    r"bron(?:nen)?",  # Dutch
    r"kaynak",  # Turkish
    r"källa|kilde",  # Swedish, Danish and Norwegian
    r"forrás",  # Hungarian
    r"surs[aă]",  # Romanian
    r"πηγή",  # Greek
    r"المصدر|مصدر",  # Arabic
    r"منبع",  # Persian
    r"מקור",  # Hebrew
    r"来源|來源|出处|出典|出所|출처",  # Chinese, Japanese, Korean
)
# Credit lines without a colon: "По материалам RT" (from RT's material), "نقلا عن رويترز".
SOURCE_PHRASES = (
    r"по материалам",  # Russian
    r"за матеріалами",  # Ukrainian
    r"نقلا عن|نقلاً عن",  # Arabic
    r"mit material (?:von|der|des)",  # German
)
# "Originally published at/in X" in other languages.
ORIGINAL_PHRASES = (
    r"(?:dieser (?:artikel|beitrag|text) )?(?:erschien|ist) (?:zuerst|ursprünglich|erstmals)"
    r"(?: erschienen)? (?:bei|in|auf|im)",
    r"(?:zuerst|ursprünglich|erstmals) (?:erschienen|veröffentlicht) (?:bei|in|auf|im|von)",
    r"(?:cet article a été |article )?(?:publié|paru)"
    r" (?:initialement|à l'origine|originellement|d'abord|pour la première fois)"
    r" (?:sur|dans|par|chez)",
    r"(?:este artículo (?:fue|ha sido) )?publicado (?:originalmente|inicialmente|por primera vez)"
    r" (?:en|por)",
    r"(?:este artigo foi )?publicado (?:originalmente|inicialmente) (?:em|no|na|por)",
    r"(?:articolo )?pubblicato (?:originariamente|originalmente|inizialmente|per la prima volta)"
    r" (?:su|da|in|sul)",
    r"(?:статья |материал )?(?:впервые|первоначально|изначально) (?:был[аои]? )?"
    r"опубликован[аоы]? (?:в|на|во)(?: сайте| газете| журнале)?",
    r"(?:artykuł )?(?:pierwotnie|oryginalnie) (?:opublikowany|ukazał się) (?:w|na|przez)",
    r"(?:článek )?(?:původně|poprvé) (?:vyšel|publikován|zveřejněn)[a-zá]* (?:v|na|ve)",
)

# Cyrillic and Greek letters in their common Latin spelling, so a credit to "РИА Новости"
# meets the outlet "RIA Novosti"; scripts without one spelling (Arabic, CJK) stay as written.
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
        **{"ъ": "", "ь": "", "ю": "yu", "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g"},
        **dict(zip("αβγδεζηθικλμνξοπρστυφχψως", "abgdezitiklmnxoprstyfxpos", strict=True)),
    }
)  # fmt: skip


def latin_spelling(name: str) -> str:
    """A name in lower-case Latin letters without accents ("РИА Новости" -> "ria novosti",
    "Agência Lusa" -> "agencia lusa")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", bare).translate(_LATIN)
