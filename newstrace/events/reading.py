"""One candidate sentence read into a partial event: type, roles, status, attribution, details."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newstrace.events.actors import ActorContext, country_words, find_actors, with_focus
from newstrace.events.attribution import attribute
from newstrace.events.classify import Reading, is_targeted, read
from newstrace.events.counts import fatalities
from newstrace.events.equipment import equipment
from newstrace.events.lexicon import Trigger, lexicon
from newstrace.events.refine import refine
from newstrace.events.sentences import Sentence
from newstrace.events.tokens import doc_text, doc_words, token_words
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
# Strategic developments named for nobody: only lootings (by an unidentified group) and arrests.
_DEFAULT_STRATEGIC = {"Looting/property destruction": ("Unidentified Armed Group", 3)}
_DEFAULT_ARREST = ("Police Forces of {country}", 1)  # who arrests when nobody is named
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


def _as_government(mention: ActorMention) -> ActorMention:
    """ "Russia and Turkey agreed": a state named by its country or capital agrees as a government."""
    bare = mention.mention.casefold().removeprefix("the ")
    if bare in country_words() and mention.name.startswith("Military Forces of "):
        name = "Government of " + mention.name.removeprefix("Military Forces of ")
        return replace(mention, name=name)
    return mention


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
    event_type, sub = refine(rule, doc, actors, recipients)
    if is_targeted(event_type, sub) != targeted:
        actors, recipients = _roles(doc, sentence, reading, found, not targeted, attribution.source)
    actors, recipients = _swap_for_protest(event_type, actors, recipients)
    if sub == "Agreement":
        actors = [_as_government(a) for a in actors]
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
CLAUSE_REACH = 4  # heads above a trigger searched for the subject of its clause


def _object_lemmas(trigger: Any) -> set[str]:
    """What the trigger acts on or is done by: its objects, subject and prepositional objects."""
    found: set[str] = set()
    # "Covid-19 is on track to kill ...": the subject of the verb the trigger completes
    heads = [trigger, trigger.head] if trigger.dep_ in {"xcomp", "ccomp", "conj"} else [trigger]
    if trigger.dep_ in {"relcl", "acl"}:  # "an illness that kills", "an illness killing"
        found |= {trigger.head.lemma_.lower(), trigger.head.text.lower()}
    found |= _clause_subject(trigger)
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


def _clause_subject(trigger: Any) -> set[str]:
    """The subject of the nearest clause above a trigger with none of its own ("Covid-19 is on
    track to kill")."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in trigger.children):
        return set()
    for head in list(trigger.ancestors)[:CLAUSE_REACH]:
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return {w for c in subjects for w in (c.lemma_.lower(), c.text.lower())}
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"xcomp", "acl", "prep", "pcomp"}:
            return set()
    return set()


def _has_agent(trigger: Any) -> bool:
    """Whether someone named does the act: a subject or a "by" agent that is no pronoun."""
    doers = [c for c in trigger.children if c.dep_ in {"nsubj", "agent"}]
    doers += [g for c in doers if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(d.pos_ in {"NOUN", "PROPN"} for d in doers)


def _spaceflight(doc: Any, text: str) -> bool:
    """A rocket, a launch or a firing told with words of spaceflight ("payload", "orbit")."""
    words = {lower for lower, _ in token_words(doc)}
    return any((w in text if " " in w else w in words) for w in lexicon()["non_conflict_context"])


def _armed(mention: ActorMention, rule: Trigger) -> bool:
    """An armed actor: a government ("the government battles mistrust") carries no arms, nor
    does a country or capital named alone doing what states do in words ("Trump attacks China",
    "Ankara fights inflation"); "Kyiv prepares a counteroffensive" is armed."""
    if mention.inter not in _ARMED_INTER or mention.name.startswith("Government of"):
        return False
    bare = mention.mention.casefold().removeprefix("the ") in country_words()
    return not bare or rule.lemma not in lexicon()["everyday_verbs"]


def _lemma_of(token: Any) -> str:
    return str(token.lemma_).lower()


def figurative(doc: Any, trigger: Any, rule: Trigger, actors: list[ActorMention]) -> bool:
    """A figure of speech, not an event: "fight the pandemic", "rally behind the flag".

    A trigger whose object or subject is a disease or an abstraction is one; so is a trigger
    that also names everyday acts ("fight", "rally", "withdraw") when nothing in the sentence
    is armed (forces, weapons, an armed actor) or protesting (protesters, a crowd, police).
    """
    data = lexicon()
    # a protest against a lockdown is a protest; a fight against a virus is a figure
    protest = rule.event_type == "Protests"
    if not protest and _object_lemmas(trigger) & set(data["figurative_targets"]):
        return True
    text = f" {doc_text(doc).lower()} "
    if any(f" {idiom} " in text or f" {idiom}," in text for idiom in data["idioms"]):
        return True
    similes = set(data["simile_heads"])  # "compared his response to fighting a war"
    if any(_lemma_of(t) in similes for t in [trigger, *list(trigger.ancestors)[:3]]):
        return True
    if rule.event_type == "Explosions/Remote violence" and _spaceflight(doc, text):
        return True  # "SpaceX fired the rocket's engines": spaceflight, not war
    kinds = data["context_triggers"]
    words = doc_words(doc, skip=trigger.i)
    if rule.lemma in kinds["armed"] or _unarmed_violence(rule, trigger):
        armed = any(_armed(a, rule) for a in actors)
        if not armed and words & {*data["sport_context"], *data["accident_context"]}:
            return True  # "the fighters' bout", "five people killed in a crash"
        # sticks and stones arm a fight too ("the groups attacked each other with axes")
        armed_words = words & {*data["armed_context"], *data["melee_weapons"]}
        if not armed and not armed_words and words & set(data["speech_context"]):
            return True  # "attacked the governor on Twitter"
        harm = rule.lemma in data["harm_verbs"] or rule.event_type == "Violence against civilians"
        harm = harm or bool(words & set(data["casualty_words"]))
        # "an outbreak ended up killing three": no one named does it and a disease is told
        disease = not _has_agent(trigger) and bool(words & set(data["figurative_targets"]))
        victims = harm and not disease and bool(words & set(data["victim_words"]))
        return not armed and not victims and not armed_words
    if rule.lemma in kinds["protest"]:
        protesting = any(a.inter in {5, 6} for a in actors)
        return not protesting and not words & set(data["protest_cues"])
    return False


def _unarmed_violence(rule: Trigger, trigger: Any) -> bool:
    """A violent trigger that is no weapon word itself ("attack", "bombard", "advance into"):
    like the context triggers, it needs an armed or victim context."""
    if rule.event_type not in _VIOLENT - {"Riots"}:
        return False  # a crowd's acts (stones, fires) have needs of their own
    if rule.needs is not None and rule.event_type != "Battles":
        return False  # "fired rockets": the needs name the weapon; "advance into" names none
    armed_words = set(lexicon()["armed_context"])
    return trigger.text.lower() not in armed_words and _lemma_of(trigger) not in armed_words


_CROWDS = {"Protests": ("Protesters", 6), "Riots": ("Rioters", 5)}
_CROWD_INTER = {5, 6, 7}  # rioters, protesters, civilians: the crowd, however it is named


def _crowd_first(event: SentenceEvent, country: str | None) -> SentenceEvent:
    """ACLED names the crowd of a protest or riot first, as "Protesters (X)" or "Rioters (X)",
    whoever its members are ("residents", "health workers"); the others follow."""
    name, inter = _CROWDS[event.event_type]
    crowd = [a for a in event.actors if a.inter in _CROWD_INTER]
    where = crowd[0] if crowd else None
    start = where.start if where else event.sentence.start
    end = where.end if where else event.sentence.start
    first = with_focus(
        ActorMention(name, where.mention if where else "", inter, start, end), country
    )
    rest = tuple(a for a in event.actors if a.inter not in _CROWD_INTER)
    return replace(event, actors=((first,) if first else ()) + rest)


def default_actor(event: SentenceEvent, country: str | None = None) -> SentenceEvent:
    """An event nobody is named for: protesters, rioters, the police who arrested, or an
    unidentified armed group, with the article's country ("Protesters (Chile)")."""
    if event.event_type in _CROWDS:
        return _crowd_first(event, country)
    defaults = {**_DEFAULT_ACTORS, **_DEFAULT_STRATEGIC}
    if country:
        defaults["Arrests"] = _DEFAULT_ARREST
    key = event.sub_event_type if event.sub_event_type in defaults else event.event_type
    if event.actors or key not in defaults:
        return event
    name, inter = defaults[key]
    start = event.sentence.start
    mention = with_focus(ActorMention(name, "", inter, start, start), country)
    return replace(event, actors=(mention,) if mention else ())
