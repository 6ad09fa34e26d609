"""Candidate sentences parsed once and read: in this process, or in a pool of worker processes
that each load the spaCy model once and serve a whole run.

A worker reads whole articles (an article's sentences are read in order: an earlier sentence's
coalition or trigger informs a later one), so its results are the same as this process's.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.events.actors import ActorContext, alias_table, find_actors
from newstrace.events.lexicon import candidate_pattern, lacks_context
from newstrace.events.reading import SentenceEvent, read_sentence
from newstrace.events.sentences import (
    MAX_SENTENCE_CHARS,
    PIPE_BATCH_SENTENCES,
    Sentence,
    is_candidate,
    load_nlp,
    split_sentences,
)
from newstrace.events.tokens import set_lemmas

# A worker pays for itself (its own copy of the model, loaded in about a second) only over
# enough articles; below this many per process the run is read in this process.
MIN_ARTICLES_PER_PROCESS = 150
# Articles sent to a worker at a time: at least this many, so this process never waits long...
CHUNK_ARTICLES = 8
# ...and more while they are short, up to these characters: spaCy batches of a few short
# reports cost a third more per sentence than batches of a few dozen.
CHUNK_CHARS = 16_000
MAX_CHUNK_ARTICLES = 64
# The entity recogniser has its own embedding layer, so it can run after the rest of the parse.
ENTITY_COMPONENTS = ("ner",)
# The lemmatizer's own rules, applied in bulk after the parse (`tokens.set_lemmas`).
LEMMATIZER = "lemmatizer"


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What event extraction reads of an article: the body and the day it was published."""

    body: str
    published: str | None


@dataclass(slots=True)
class Parsed:
    """What the one parse gave of an article: its sentence readings, the named entities of its
    parsed sentences (body offsets) and those sentences' ranges."""

    readings: list[SentenceEvent] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)


def worth_parsing(sentence: Sentence) -> bool:
    """Whether a sentence may carry an event: a trigger word, and for a context trigger alone
    ("fight", "rally") a word of its context or an actor named, as the reading requires."""
    if not is_candidate(sentence):
        return False
    return not lacks_context(sentence.text) or bool(find_actors(sentence.text))


def _candidates(articles: Sequence[ArticleText]) -> list[tuple[int, int, Sentence]]:
    """(article number, sentence index, sentence) of every sentence worth parsing, in order."""
    return [
        (number, index, sentence)
        for number, article in enumerate(articles)
        for index, sentence in enumerate(split_sentences(article.body))
        if worth_parsing(sentence)
    ]


def read_articles(articles: Sequence[ArticleText], nlp: Any = None) -> list[Parsed]:
    """Each article's candidate sentences parsed in one `nlp.pipe` over all of them, then read;
    the entities (for places) are recognised only where the article tells an event."""
    nlp = nlp or load_nlp()
    candidates = _candidates(articles)
    texts = [sentence.text for _, _, sentence in candidates]
    later = [name for name in (*ENTITY_COMPONENTS, LEMMATIZER) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=later):
        docs = list(nlp.pipe(texts, batch_size=PIPE_BATCH_SENTENCES))
    if LEMMATIZER in nlp.pipe_names:
        set_lemmas(nlp.get_pipe(LEMMATIZER), docs)
    for text, doc in zip(texts, docs, strict=True):
        doc.user_data["text"] = text  # spaCy rebuilds doc.text from its tokens at each call
    parsed = [Parsed() for _ in articles]
    contexts = [ActorContext() for _ in articles]
    for (number, index, sentence), doc in zip(candidates, docs, strict=True):
        into = parsed[number]
        previous = into.readings[-1].rule.lemma if into.readings else None
        found = read_sentence(
            doc, sentence, index, articles[number].published, contexts[number], previous
        )
        if found is not None:
            into.readings.append(found)
    candidates, docs = _with_ledes(nlp, articles, candidates, docs, parsed)
    _recognise_entities(nlp, candidates, docs, parsed)
    return parsed


def _with_ledes(
    nlp: Any,
    articles: Sequence[ArticleText],
    candidates: list[tuple[int, int, Sentence]],
    docs: list[Any],
    parsed: list[Parsed],
) -> tuple[list[tuple[int, int, Sentence]], list[Any]]:
    """The candidates with each article's opening sentence (its dateline and lede: where the
    story is) added where the article tells an event and that sentence is no candidate; only
    tokenised, as the entity recogniser needs nothing more."""
    parsed_first = {number for number, index, _ in candidates if index == 0}
    extra = []
    for number, article in enumerate(articles):
        if parsed[number].readings and number not in parsed_first:
            sentences = split_sentences(article.body)
            if sentences and len(sentences[0].text) <= MAX_SENTENCE_CHARS:
                extra.append((number, 0, sentences[0]))
    if not extra:
        return candidates, docs
    extra_docs = [nlp.make_doc(sentence.text) for _, _, sentence in extra]
    return [*candidates, *extra], [*docs, *extra_docs]


def _recognise_entities(
    nlp: Any, candidates: list[tuple[int, int, Sentence]], docs: list[Any], parsed: list[Parsed]
) -> None:
    """Named entities of the parsed sentences in the paragraphs that tell an event: the only
    places an event takes are there, so the entity recogniser (half the parse) runs on no other."""
    told = {(n, r.sentence.paragraph) for n, p in enumerate(parsed) for r in p.readings}
    told |= {(n, 0) for n, p in enumerate(parsed) if p.readings}  # the lede: where the story is
    wanted = [
        (number, sentence, doc)
        for (number, _, sentence), doc in zip(candidates, docs, strict=True)
        if (number, sentence.paragraph) in told
    ]
    recognised = iter([doc for _, _, doc in wanted])
    for name in ENTITY_COMPONENTS:
        if name in nlp.pipe_names:
            recognised = nlp.get_pipe(name).pipe(recognised, batch_size=PIPE_BATCH_SENTENCES)
    for (number, sentence, _), doc in zip(wanted, recognised, strict=True):
        into = parsed[number]
        into.ranges.append((sentence.start, sentence.end))
        into.entities += [
            (sentence.start + e.start_char, sentence.start + e.end_char, e.label_) for e in doc.ents
        ]


def warm_up() -> None:
    """Load the model and build the lexicons' tables (a worker needs them all)."""
    load_nlp()
    alias_table()
    candidate_pattern()


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    warm_up()


def _worker_read(articles: list[ArticleText]) -> list[Parsed]:
    return read_articles(articles)


def chunked(articles: Sequence[ArticleText]) -> list[list[ArticleText]]:
    """Articles in order, in chunks of `CHUNK_ARTICLES` or more, up to `CHUNK_CHARS` of text."""
    chunks: list[list[ArticleText]] = []
    chars = 0
    for article in articles:
        full = chunks and (
            len(chunks[-1]) >= MAX_CHUNK_ARTICLES
            or (len(chunks[-1]) >= CHUNK_ARTICLES and chars >= CHUNK_CHARS)
        )
        if not chunks or full:
            chunks.append([])
            chars = 0
        chunks[-1].append(article)
        chars += len(article.body)
    return chunks


def process_count(articles: int, processes: int) -> int:
    """How many worker processes to read `articles` with (0 `processes`: one per core); 1 means
    none, the articles are read in this process."""
    wanted = processes or os.cpu_count() or 1
    return max(1, min(wanted, articles // MIN_ARTICLES_PER_PROCESS))


class SentenceReader:
    """Reads articles' candidate sentences, in this process or in a pool kept for a whole run.

    Use as a context manager so the pool's workers end with the run.
    """

    def __init__(self, processes: int = 1, nlp: Any = None) -> None:
        """`processes` worker processes (1: none, read here with `nlp` or the default model).

        A caller's own `nlp` cannot travel to workers: given one, the reading stays here."""
        self.nlp = nlp
        self.processes = processes
        self._pool: Any = None
        if processes > 1 and nlp is None:
            # Forked workers start at once and need no `__main__` guard in the caller's script;
            # elsewhere fork is unsafe and each worker starts afresh.
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            if context.get_start_method() == "fork":
                warm_up()  # loaded once here, shared by the forked workers
            self._pool = context.Pool(processes, initializer=_worker_start)

    def read(self, articles: Sequence[ArticleText]) -> Iterator[Parsed]:
        """Each article's parse, in order; from the pool, as soon as the workers give it.

        The work is handed to the pool at once, so a caller may start the next batch's reading
        before it uses this one's (the workers parse while it stores)."""
        if self._pool is None:
            return iter(read_articles(articles, self.nlp))
        results = self._pool.imap(_worker_read, chunked(articles))
        return (parsed for chunk in results for parsed in chunk)

    def close(self) -> None:
        """End the workers (if any)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> SentenceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
