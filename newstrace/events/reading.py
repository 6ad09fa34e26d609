"""One candidate sentence read into a partial event: type, roles, status, attribution, details."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newstrace.events.actors import ActorContext, country_words, find_actors
from newstrace.events.attribution import attribute
from newstrace.events.classify import Reading, is_targeted, read
from newstrace.events.counts import fatalities
from newstrace.events.equipment import equipment
from newstrace.events.lexicon import Trigger, lexicon
from newstrace.events.sentences import Sentence
from newstrace.events.when import EventDate, resolve_date
from newstrace.models.events import ActorMention, EventAttribution, Fatalities

_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_DEFAULT_ACTORS = {
    "Protests": ("Protesters", 6),
    "Riots": ("Rioters", 5),
    "Battles": ("Unidentified Armed Group", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group", 3),
    "Violence against civilians": ("Unidentified Armed Group", 3),
}
_ARMED_INTER = {1, 2, 3, 4, 8}


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """What one sentence says about an event, before merging with its neighbours."""

    sentence: Sentence
    index: int  # position of the sentence in the body
    event_type: str
    sub_event_type: str
    rule: Trigger
    trigger: str
    status: str
    actors: tuple[ActorMention, ...]
    recipients: tuple[ActorMention, ...]
    mentions: tuple[ActorMention, ...]  # every actor mention of the sentence (kept out of places)
    attribution: EventAttribution
    source_pronoun: str | None
    date: EventDate | None
    fatalities: Fatalities | None
    equipment: tuple[str, ...]
    pronoun_subject: bool
    anaphoric: bool

    @property
    def outcome_only(self) -> bool:
        """A killing or destruction with no other trigger: the outcome of an event told before."""
        return self.rule.priority == 1

    @property
    def violent(self) -> bool:
        """Battles, explosions, violence against civilians and riots."""
        return self.event_type in _VIOLENT


def _in_sentence(mention: ActorMention, sentence: Sentence) -> tuple[int, int]:
    """A mention's offsets in its sentence; mentions found in a text always carry offsets."""
    if mention.start is None or mention.end is None:
        raise ValueError(f"actor mention {mention.mention!r} has no offsets")
    return mention.start - sentence.start, mention.end - sentence.start


def _token_ids(doc: Any, sentence: Sentence, mention: ActorMention) -> set[int]:
    span = doc.char_span(*_in_sentence(mention, sentence), alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def _roles(
    doc: Any,
    sentence: Sentence,
    reading: Reading,
    mentions: list[ActorMention],
    targeted: bool,
    source: str | None,
) -> tuple[list[ActorMention], list[ActorMention]]:
    actors: list[ActorMention] = []
    recipients: list[ActorMention] = []
    others: list[ActorMention] = []
    source_at = sentence.text.find(source) if source else -1
    for mention in mentions:
        offset, _ = _in_sentence(mention, sentence)
        if source and source_at <= offset < source_at + len(source):
            continue  # the source of the claim is not a party to the event
        ids = _token_ids(doc, sentence, mention)
        if _is_place_use(doc, sentence, mention):
            continue
        if ids & reading.agent_tokens:
            actors.append(mention)
        elif ids & reading.patient_tokens:
            (recipients if targeted else actors).append(mention)
        elif ids & reading.clause_tokens:
            others.append(mention)
    if not actors and not recipients and not others:
        others = [m for m in mentions if not _is_place_use(doc, sentence, m)]
    for mention in others:
        if not actors:
            actors.append(mention)
        else:
            (recipients if targeted else actors).append(mention)
    return actors, recipients


_LOCATIVE = {
    "in",
    "into",
    "to",
    "from",
    "across",
    "inside",
    "within",
    "near",
    "around",
    "throughout",
    "of",
    "at",
    "toward",
    "towards",
}


def _is_place_use(doc: Any, sentence: Sentence, mention: ActorMention) -> bool:
    """ "in Iraq", "to Damascus": a bare country or capital after a preposition is a place."""
    if mention.mention.casefold().removeprefix("the ") not in country_words():
        return False
    span = doc.char_span(*_in_sentence(mention, sentence), alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.text.lower() in _LOCATIVE


def _words(doc: Any) -> set[str]:
    return {t.text.lower() for t in doc} | {t.lemma_.lower() for t in doc}


def _has_any(text: str, words: list[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(f" {w}" in lowered for w in words)


def _refine(
    rule: Trigger, doc: Any, actors: list[ActorMention], recipients: list[ActorMention]
) -> tuple[str, str]:
    """The sub-event type given the words around the trigger and who the parties are."""
    data, words, text = lexicon(), _words(doc), doc.text
    event_type, sub = rule.event_type, rule.sub_event_type
    if event_type == "Explosions/Remote violence":
        for candidate in (
            "Suicide bomb",
            "Chemical weapon",
            "Grenade",
            "Remote explosive/landmine/IED",
            "Air/drone strike",
            "Shelling/artillery/missile attack",
        ):
            if _has_any(text, data["by_word"][candidate]):
                sub = (
                    candidate
                    if not (
                        rule.lemma in {"strike", "bomb"}
                        and candidate == "Remote explosive/landmine/IED"
                        and "air" in words
                    )
                    else sub
                )
                break
    if rule.lemma in data["territory_verbs"]:
        if words & set(data["weapon_objects"]):
            return "Strategic developments", "Disrupted weapons use"
        state = any(a.inter == 1 for a in actors)
        sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    inters = {r.inter for r in recipients}
    armed_target = bool(inters & _ARMED_INTER) or bool(words & set(data["armed_targets"]))
    if rule.lemma in data["attack_verbs"] or (
        rule.priority == 1 and event_type == "Violence against civilians"
    ):
        if 7 in inters:
            event_type, sub = "Violence against civilians", "Attack"
        elif armed_target and event_type == "Violence against civilians":
            event_type, sub = "Battles", "Armed clash"
    return _protest_refine(event_type, sub, text, actors, recipients)


def _protest_refine(
    event_type: str, sub: str, text: str, actors: list[ActorMention], recipients: list[ActorMention]
) -> tuple[str, str]:
    data = lexicon()
    parties = {a.inter for a in (*actors, *recipients)}
    protest_context = bool(parties & {5, 6}) or _has_any(text, data["protest_context"])
    if event_type == "Protests":
        if _has_any(text, data["lethal_words"]):
            return "Protests", "Excessive force against protesters"
        if _has_any(text, data["intervention_words"]):
            return "Protests", "Protest with intervention"
    if _has_any(text, data["mob_words"]) and event_type in {
        "Riots",
        "Violence against civilians",
        "Battles",
    }:
        return "Riots", "Mob violence"
    if protest_context and event_type == "Battles":
        return "Riots", "Violent demonstration"
    if protest_context and sub == "Looting/property destruction":
        return "Riots", "Violent demonstration"
    if 6 in {r.inter for r in recipients} and sub in {"Arrests", "Attack"}:
        lethal = sub == "Attack" or _has_any(text, data["lethal_words"])
        return (
            "Protests",
            "Excessive force against protesters" if lethal else "Protest with intervention",
        )
    return event_type, sub


def _swap_for_protest(
    event_type: str, actors: list[ActorMention], recipients: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """ACLED names the protesters first and the force that intervened second."""
    if event_type == "Protests" and any(r.inter == 6 for r in recipients):
        return [r for r in recipients if r.inter == 6], [
            *actors,
            *(r for r in recipients if r.inter != 6),
        ]
    return actors, recipients


def _anaphoric(doc: Any, reading: Reading, previous_trigger: str | None) -> bool:
    """Refers back to what came before: "these facilities", "the newly formed units"."""
    if previous_trigger and reading.trigger.lemma_.lower() == previous_trigger:
        return True
    return any(
        t.dep_ == "det" and t.text.lower() in {"these", "those", "this", "that"} for t in doc
    )


def read_sentence(
    doc: Any,
    sentence: Sentence,
    index: int,
    published: str | None,
    context: ActorContext,
    previous_trigger: str | None,
) -> SentenceEvent | None:
    """The partial event a parsed candidate sentence carries, or None."""
    reading = read(doc)
    found = [context.resolve(m, kind) for m, kind in find_actors(sentence.text, sentence.start)]
    if reading is None or figurative(doc, reading.trigger, reading.rule, found):
        return None
    attribution, pronoun = attribute(doc, reading.trigger)
    rule = reading.rule
    targeted = is_targeted(rule.event_type, rule.sub_event_type)
    actors, recipients = _roles(doc, sentence, reading, found, targeted, attribution.source)
    event_type, sub = _refine(rule, doc, actors, recipients)
    if is_targeted(event_type, sub) != targeted:
        actors, recipients = _roles(doc, sentence, reading, found, not targeted, attribution.source)
    actors, recipients = _swap_for_protest(event_type, actors, recipients)
    return SentenceEvent(
        sentence=sentence, index=index, event_type=event_type, sub_event_type=sub, rule=rule,
        trigger=reading.trigger.text, status=reading.status, actors=tuple(actors),
        recipients=tuple(r for r in recipients if r.name not in {a.name for a in actors}),
        mentions=tuple(found), attribution=attribution, source_pronoun=pronoun,
        date=resolve_date(sentence.text, published), fatalities=fatalities(sentence.text),
        equipment=tuple(equipment(doc)), pronoun_subject=reading.pronoun_subject,
        anaphoric=_anaphoric(doc, reading, previous_trigger),
    )  # fmt: skip


_OBJECT_DEPS = {"dobj", "obj", "nsubj", "nsubjpass", "attr", "pobj", "conj", "agent"}
_OBJECT_PREPS = {"against", "off", "on"}  # "the fight against the pandemic", "fighting off viruses"
_ARMED_INTER = {1, 2, 3, 4, 8}


def _object_lemmas(trigger: Any) -> set[str]:
    """What the trigger acts on or is done by: its objects, subject and prepositional objects."""
    found: set[str] = set()
    # "Covid-19 is on track to kill ...": the subject of the verb the trigger completes
    heads = [trigger, trigger.head] if trigger.dep_ in {"xcomp", "ccomp"} else [trigger]
    stack = [
        c
        for head in heads
        for c in head.children
        if (c.dep_ in _OBJECT_DEPS and (head is trigger or c.dep_.startswith("nsubj")))
        or (head is trigger and c.dep_ in {"prep", "prt"} and c.text.lower() in _OBJECT_PREPS)
    ]
    while stack:
        token = stack.pop()
        found |= {token.lemma_.lower(), token.text.lower()}
        stack += [c for c in token.children if c.dep_ in {"pobj", "conj", "compound", "dobj"}]
    return found


def figurative(doc: Any, trigger: Any, rule: Trigger, actors: list[ActorMention]) -> bool:
    """A figure of speech, not an event: "fight the pandemic", "rally behind the flag".

    A trigger whose object or subject is a disease or an abstraction is one; so is a trigger
    that also names everyday acts ("fight", "rally", "withdraw") when nothing in the sentence
    is armed (forces, weapons, an armed actor) or protesting (protesters, a crowd, police).
    """
    data = lexicon()
    if _object_lemmas(trigger) & set(data["figurative_targets"]):
        return True
    kinds = data["context_triggers"]
    words = {t.text.lower() for t in doc if t.i != trigger.i} | {
        t.lemma_.lower() for t in doc if t.i != trigger.i
    }
    if rule.lemma in kinds["armed"]:
        armed = any(a.inter in _ARMED_INTER for a in actors)
        return not armed and not words & set(data["armed_context"])
    if rule.lemma in kinds["protest"]:
        protesting = any(a.inter in {5, 6} for a in actors)
        return not protesting and not words & set(data["protest_cues"])
    return False


def default_actor(event: SentenceEvent) -> SentenceEvent:
    """An event nobody is named for: protesters, rioters, or an unidentified armed group."""
    if event.actors or event.event_type not in _DEFAULT_ACTORS:
        return event
    name, inter = _DEFAULT_ACTORS[event.event_type]
    start = event.sentence.start
    return replace(event, actors=(ActorMention(name, "", inter, start, start),))
