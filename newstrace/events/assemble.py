"""Events of article bodies: candidate sentences parsed in batches, read, merged, placed and dated."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newstrace.events.actors import country_words, with_focus
from newstrace.events.attribution import stated_source
from newstrace.events.counts import fatalities
from newstrace.events.lexicon import disorder_for, lexicon, plover_for
from newstrace.events.parsing import ArticleText, Parsed, SentenceReader, process_count
from newstrace.events.places import GeocoderLike, article_country, geocode
from newstrace.events.reading import SentenceEvent, default_actor
from newstrace.events.sentences import Sentence, split_sentences
from newstrace.events.when import EventDate, default_date, is_history, resolve_date
from newstrace.models.events import ActorMention, Event, EventAttribution
from newstrace.models.places import Place

_PREPOSITIONS = {
    "in",
    "into",
    "to",
    "from",
    "across",
    "near",
    "of",
    "at",
    "inside",
    "throughout",
    "the",
}
MERGE_GAP_SENTENCES = (
    1  # sentences with no event that may stand between an event and its continuation
)
_SAME_TIME = re.compile(r"^(?:at the same time|meanwhile|simultaneously)\b", re.I)
SOURCE_LOOKBACK_SENTENCES = 2
REGION_PRECISION = 3  # ACLED geo_precision of a province or country, not a town
NEAR_PRECISION = 2  # ACLED geo_precision of an event near or in part of a named town
SHORT_PARAGRAPH_CHARS = 600  # a paragraph this short tells one report: its date holds throughout
VIOLENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
}  # "They note ..." looks this far back for the source it stands for


@dataclass(slots=True)
class _Draft:
    """An event being assembled from one sentence and the sentences that continue it."""

    head: SentenceEvent
    parts: list[SentenceEvent] = field(default_factory=list)

    @property
    def last(self) -> SentenceEvent:
        return self.parts[-1] if self.parts else self.head

    @property
    def all(self) -> list[SentenceEvent]:
        return [self.head, *self.parts]


def _names(mentions: Sequence[ActorMention]) -> set[str]:
    return {m.name for m in mentions}


def _same_source(a: EventAttribution, b: EventAttribution) -> bool:
    return a.source is None or b.source is None or a.source.casefold() == b.source.casefold()


def _continues(draft: _Draft, part: SentenceEvent) -> bool:
    """Whether a sentence tells more of the event just told (same paragraph, next sentence)."""
    last, head = draft.last, draft.head
    gap = part.index - last.index - 1
    if part.sentence.paragraph != last.sentence.paragraph or not 0 <= gap <= MERGE_GAP_SENTENCES:
        return False
    if part.status == "speculative" or not _same_source(_attribution(draft), part.attribution):
        return False
    if part.outcome_only and head.violent:
        return True
    same_kind = (part.event_type, part.sub_event_type) == (head.event_type, head.sub_event_type)
    own_actors = _names(part.actors) - _names(
        [m for p in draft.all for m in (*p.actors, *p.recipients)]
    )
    if not same_kind or own_actors:
        return False
    return part.status == head.status or part.anaphoric


def _attribution(draft: _Draft) -> EventAttribution:
    """The first attributed claim among the sentences, with the first hedge among them."""
    attributed = next(
        (p.attribution for p in draft.all if p.attribution.cue), draft.head.attribution
    )
    hedge = next((p.attribution.hedge for p in draft.all if p.attribution.hedge), None)
    return replace(attributed, hedge=hedge)


def _drafts(events: list[SentenceEvent]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for event in events:
        if drafts and _continues(drafts[-1], event):
            drafts[-1].parts.append(event)
        else:
            drafts.append(_Draft(event))
    return drafts


def _earlier_source(sentences: list[Sentence], event: SentenceEvent) -> EventAttribution | None:
    """The source named in the sentences just before, in the same paragraph ("They note ...")."""
    for sentence in reversed(
        sentences[max(0, event.index - SOURCE_LOOKBACK_SENTENCES) : event.index]
    ):
        if sentence.paragraph == event.sentence.paragraph:
            found = stated_source(sentence.text)
            if found is not None:
                return found
    return None


def _with_antecedents(drafts: list[_Draft], sentences: list[Sentence]) -> list[_Draft]:
    """ "they left the base": a pronoun subject stands for the actors of the event before."""
    previous: tuple[ActorMention, ...] = ()
    previous_source: EventAttribution | None = None
    for draft in drafts:
        head = draft.head
        if not head.actors and head.pronoun_subject and previous:
            draft.head = replace(head, actors=previous)
        earlier = _earlier_source(sentences, head) if head.source_pronoun else None
        earlier = earlier or (previous_source if head.source_pronoun else None)
        if earlier is not None and earlier.source:
            draft.head = replace(
                draft.head,
                attribution=replace(
                    head.attribution, source=earlier.source, source_class=earlier.source_class
                ),
            )
        previous = draft.head.actors or previous
        previous_source = (
            draft.head.attribution if draft.head.attribution.source else previous_source
        )
    return drafts


def _date(draft: _Draft, previous: EventDate | None, published: str | None) -> EventDate | None:
    """The date a sentence states, else the paragraph's previous event's, else the past week."""
    stated = next((p.date for p in draft.all if p.date is not None), None)
    return stated or previous or default_date(published)


def _modifier(body: str, place: Place) -> bool:
    """ "US bases", "Syrian troops": a country word before a common noun names no place."""
    after = body[place.end : place.end + 2]
    before = body[max(0, place.start - 12) : place.start].split()
    after_preposition = bool(before) and before[-1].casefold() in _PREPOSITIONS
    noun_follows = after[:1] == " " and after[1:].islower()
    words = (place.mention or "").casefold()
    return words in country_words() and noun_follows and not after_preposition


def _places(draft: _Draft, places: list[Place], body: str) -> tuple[Place, ...]:
    """Toponyms inside the event's sentences that are not part of an actor's name."""
    ranges = [(p.sentence.start, p.sentence.end) for p in draft.all]
    mentions = [
        (m.start, m.end)
        for p in draft.all
        for m in (*p.actors, *p.recipients)
        if m.mention and m.start is not None and m.end is not None
    ]
    inside = [pl for pl in places if any(s <= pl.start and pl.end <= e for s, e in ranges)]
    free = [
        pl
        for pl in inside
        if not any(s < pl.end and pl.start < e for s, e in mentions) and not _modifier(body, pl)
    ]
    sources = _attribution(draft).source or ""
    own = [pl for pl in free if (pl.mention or "") not in sources] or free
    if not own:  # no place in the event's sentences: the last one named before, in its paragraph
        paragraph = body.rfind("\n\n", 0, draft.head.sentence.start) + 1
        before = [pl for pl in places if paragraph <= pl.start < draft.head.sentence.start]
        # a plan or a fear has no spot of its own to borrow: only a reported event does
        reported = draft.head.status == "reported"
        own = before[-1:] or (_lede_place(places, body, paragraph) if reported else [])
    # The event's place first: the most specific named (a town before its province or country).
    return tuple(sorted(own, key=lambda pl: (pl.geo_precision >= REGION_PRECISION, pl.start)))


def _lede_place(places: list[Place], body: str, paragraph: int) -> list[Place]:
    """No place named before the event in its paragraph: the first named in the article's
    opening paragraph (its dateline or lede), where the story is. Unless that is the event's
    own paragraph, the event's spot is not told: coded near that place (ACLED precision 2)."""
    end = body.find("\n\n")
    lede = [pl for pl in places if pl.start < (end if end >= 0 else len(body))][:1]
    if paragraph == 0:
        return lede
    return [replace(pl, geo_precision=max(pl.geo_precision, NEAR_PRECISION)) for pl in lede]


def _fatalities(draft: _Draft) -> Any:
    return next((p.fatalities for p in draft.all if p.fatalities is not None), None)


def _event(draft: _Draft, body: str, places: list[Place], date: EventDate | None) -> Event:
    head, last = draft.head, draft.last
    actors = tuple(m for p in draft.all for m in p.actors)
    recipients = tuple(m for p in draft.all for m in p.recipients if m.name not in _names(actors))
    equipment = tuple(dict.fromkeys(e for p in draft.all for e in p.equipment))
    evidence = [f"trigger '{head.trigger}' ({head.rule.lemma})"]
    evidence += [f"continued by '{p.trigger}' in the next sentence" for p in draft.parts]
    if date is not None and date.text:
        evidence.append(f"date from '{date.text}'")
    return Event(
        event_type=head.event_type, sub_event_type=head.sub_event_type,
        disorder_type=disorder_for(head.event_type, head.sub_event_type),
        plover=plover_for(head.sub_event_type, head.rule), status=head.status,
        actors=actors, recipients=recipients, places=_places(draft, places, body),
        date_start=date.start.isoformat() if date else None,
        date_end=date.end.isoformat() if date else None,
        time_precision=date.precision if date else None, fatalities=_fatalities(draft),
        equipment=equipment, attribution=_attribution(draft),
        sentence=body[head.sentence.start : last.sentence.end],
        sentence_start=head.sentence.start, sentence_end=last.sentence.end,
        trigger=head.trigger, evidence=tuple(evidence),
    )  # fmt: skip


def _focused(event: SentenceEvent, country: str | None) -> SentenceEvent:
    """The event with "the army", "police" named as the article's country's forces."""

    def keep(mentions: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
        return tuple(m for m in (with_focus(m, country) for m in mentions) if m is not None)

    return replace(
        event,
        actors=keep(event.actors),
        recipients=keep(event.recipients),
        mentions=keep(event.mentions),
    )


def _assemble(article: ArticleText, parsed: Parsed, geocoder: GeocoderLike | None) -> list[Event]:
    readings = parsed.readings
    if not readings:
        return []
    places = geocode(geocoder, article.body, parsed.entities, parsed.ranges)
    country = article_country(places, article.body)
    readings = [_focused(r, country) for r in readings]
    drafts = _with_antecedents(_drafts(readings), split_sentences(article.body))
    # A plan or a hypothetical with nobody named ("they will be arrested if they leave") is talk,
    # not an event; one with a named party ("the army will deploy") is kept with its status.
    # A crowd is often named by what its members are ("owners of transport firms"): kept.
    drafts = [d for d in drafts if d.head.actors or d.head.status == "reported" or _crowd(d)]
    for draft in drafts:
        draft.head = default_actor(draft.head, country)
    drafts = [d for d in drafts if d.head.actors]
    events: list[Event] = []
    previous: EventDate | None = None
    last_stated: EventDate | None = None
    paragraph = -1
    for draft in drafts:
        if draft.head.sentence.paragraph != paragraph:
            previous, paragraph = None, draft.head.sentence.paragraph
        inherited = previous or (last_stated if _continues_report(draft) else None)
        inherited = inherited or _earlier_date(article, draft.head.sentence.start)
        date = _date(draft, inherited, article.published)
        if date is not None and date.text:
            previous = last_stated = date
        if not is_history(date, article.published, draft.head.sentence.text):
            events.append(_event(draft, article.body, places, date))
    return _riots(_later_tolls(events, article.body), article.body)


def _crowd(draft: _Draft) -> bool:
    """A protest or a riot (its crowd need not be named as an actor), or an event of armed men
    not named ("the rebels may attempt to seize the town")."""
    words = set(re.findall(r"[\w-]+", draft.head.sentence.text.lower()))
    armed = bool(words & set(lexicon()["armed_context"]))
    return armed or draft.head.event_type in {"Protests", "Riots"}


def _riots(events: list[Event], body: str) -> list[Event]:
    """A peaceful protest whose report goes on to tell of stones thrown, fires set or barricades
    (in its paragraph, before the next event) was a riot: ACLED types a crowd by what it did.
    One the police went on to disperse or arrest (before the next protest) met intervention."""
    found = []
    for number, event in enumerate(events):
        if (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest"):
            end = events[number + 1].sentence_start if number + 1 < len(events) else len(body)
            told = body[event.sentence_start : max(event.sentence_end, end)].split("\n\n")[0]
            if any(act in told.lower() for act in lexicon()["riot_acts"]):
                event = _as_riot(event)
            elif _met_intervention(events[number + 1 :], body, event):
                event = replace(event, sub_event_type="Protest with intervention")
        found.append(event)
    return found


def _met_intervention(later: list[Event], body: str, event: Event) -> bool:
    """Whether the protest's paragraph goes on to tell, before the next peaceful protest or
    riot, of the crowd dispersed ("Police fired tear gas.") or its members arrested."""
    crowds = [
        e.sentence_start
        for e in later
        if e.event_type == "Riots" or e.sub_event_type == "Peaceful protest"
    ]
    end = crowds[0] if crowds else len(body)
    told = body[event.sentence_end : max(event.sentence_end, end)].split("\n\n")[0].lower()
    data = lexicon()
    for sentence in split_sentences(told):
        words = f" {sentence.text}"
        if any(f" {word}" in words for word in data["dispersal_words"]):
            return True
        # an arrest of the crowd, not of the person it protested for ("the blogger was arrested")
        crowd = any(f" {word}" in words for word in data["crowd_members"])
        if crowd and any(f" {word}" in words for word in data["intervention_words"]):
            return True
    return False


def _as_riot(event: Event) -> Event:
    actors = tuple(
        replace(a, name="Rioters" + a.name.removeprefix("Protesters"), inter=5)
        if a.name.startswith("Protesters")
        else a
        for a in event.actors
    )
    return replace(
        event, event_type="Riots", sub_event_type="Violent demonstration", actors=actors,
        disorder_type=disorder_for("Riots", "Violent demonstration"),
        plover=plover_for("Violent demonstration"),
    )  # fmt: skip


def _later_tolls(events: list[Event], body: str) -> list[Event]:
    """ "... shot a man. The victim died in hospital. 1 fatality.": a violent event that states
    no toll takes one stated after it, in its paragraph, before the next event."""
    found = []
    for number, event in enumerate(events):
        if event.fatalities is None and event.event_type in VIOLENT_TYPES:
            end = events[number + 1].sentence_start if number + 1 < len(events) else len(body)
            after = body[event.sentence_end : max(event.sentence_end, end)].split("\n\n")[0]
            toll = fatalities(after)
            event = replace(event, fatalities=toll) if toll is not None else event
        found.append(event)
    return found


def _earlier_date(article: ArticleText, start: int) -> EventDate | None:
    """ "On 3 May, protesters gathered ... Police arrested two.": a sentence stating no date in
    a short paragraph takes the date stated earlier in it."""
    paragraph = article.body.rfind("\n\n", 0, start) + 1
    before = article.body[paragraph:start]
    if len(before) > SHORT_PARAGRAPH_CHARS:
        return None
    return resolve_date(before, article.published) if before.strip() else None


def _continues_report(draft: _Draft) -> bool:
    """ "..., it added.", "At the same time, ...": the sentence goes on with the report before,
    across a paragraph break, so it shares that report's date."""
    head = draft.head
    return head.source_pronoun is not None or bool(_SAME_TIME.match(head.sentence.text))


def assemble_events(
    articles: Sequence[ArticleText], parses: Iterable[Parsed], geocoder: GeocoderLike | None
) -> list[list[Event]]:
    """The events of each article from its parse (`SentenceReader.read`), in order."""
    return [_assemble(a, p, geocoder) for a, p in zip(articles, parses, strict=True)]


def extract_events(
    articles: Sequence[ArticleText],
    geocoder: GeocoderLike | None = None,
    nlp: Any = None,
    processes: int = 1,
    reader: SentenceReader | None = None,
) -> list[list[Event]]:
    """The events of each article, in order.

    Each candidate sentence is parsed once, in batches: its tags and dependencies give the event
    reading, its named entities the toponyms. `reader` is a run's reader (its worker pool);
    without one, enough articles are read in `processes` processes (0 for one per core).
    """
    if reader is not None:
        return assemble_events(articles, reader.read(articles), geocoder)
    with SentenceReader(process_count(len(articles), processes), nlp) as own:
        return extract_events(articles, geocoder, reader=own)
