"""The sub-event type of a read sentence from the words around its trigger and its parties:
remote weapons, gunfire, unarmed victims, what a crowd did."""

from __future__ import annotations

import re
from typing import Any

from newstrace.events.lexicon import Trigger, lexicon
from newstrace.events.tokens import doc_text, doc_words
from newstrace.models.events import ActorMention

_ARMED_INTER = {1, 2, 3, 4, 8}
_LAUNCHER = re.compile(r"\bgrenade[- ]launcher", re.I)


def _has_any(text: str, words: list[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(f" {w}" in lowered for w in words)


def refine(
    rule: Trigger, doc: Any, actors: list[ActorMention], recipients: list[ActorMention]
) -> tuple[str, str]:
    """The sub-event type given the words around the trigger and who the parties are."""
    data, words = lexicon(), doc_words(doc)
    text = _LAUNCHER.sub("launcher", doc_text(doc))  # a grenade launcher fires shells, not grenades
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
        else:
            sub = _repeated_blasts(rule, text, sub)
    if rule.lemma in data["territory_verbs"]:
        if words & set(data["weapon_objects"]):
            return "Strategic developments", "Disrupted weapons use"
        state = any(a.inter == 1 for a in actors)
        sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    event_type, sub = _remote_or_gunfire(rule, event_type, sub, text)
    inters = {r.inter for r in recipients}
    # "gunmen shot a farmer": the attackers' own words do not make the target armed
    attackers = {w.lower() for a in actors for w in a.mention.split()}
    armed_target = bool(inters & _ARMED_INTER) or bool(
        (words - attackers) & set(data["armed_targets"])
    )
    if rule.lemma in data["attack_verbs"] or (
        rule.priority == 1 and event_type == "Violence against civilians"
    ):
        unarmed = bool(words & set(data["victim_words"])) and not armed_target
        if 7 in inters or (unarmed and event_type == "Battles"):
            event_type, sub = "Violence against civilians", "Attack"
        elif armed_target and event_type == "Violence against civilians":
            event_type, sub = "Battles", "Armed clash"
    return _protest_refine(event_type, sub, text, actors, recipients)


_REPEATED_BLASTS = re.compile(r"\b(?:explosions|blasts|detonations)\b", re.I)


def _repeated_blasts(rule: Trigger, text: str, sub: str) -> str:
    """Explosions told in the plural with no device named ("12 explosions were heard near the
    town") are rounds fired from afar, not a planted bomb: shelling."""
    if rule.lemma in {"explosion", "blast", "explode"} and _REPEATED_BLASTS.search(text):
        return "Shelling/artillery/missile attack"
    return sub


def _remote_or_gunfire(rule: Trigger, event_type: str, sub: str, text: str) -> tuple[str, str]:
    """An attack with remote weapons is remote violence ("air force attacked", "explosive
    attacks"); fire from guns alone at an enemy is an armed clash ("fired machine guns at")."""
    data = lexicon()
    remote = _has_any(text, data["remote_weapons"])
    if rule.lemma in data["attack_verbs"] and event_type == "Battles" and remote:
        return "Explosions/Remote violence", _remote_sub(text, "Shelling/artillery/missile attack")
    if rule.lemma == "fire" and _has_any(text, data["gun_words"]):
        return "Battles", "Armed clash"  # guns used with or without heavier weapons: a clash
    return event_type, sub


def _remote_sub(text: str, default: str) -> str:
    """The remote-violence sub-type the sentence's weapon words name."""
    by_word = lexicon()["by_word"]
    for candidate in ("Suicide bomb", "Chemical weapon", "Air/drone strike", "Grenade",
                      "Remote explosive/landmine/IED", "Shelling/artillery/missile attack"):  # fmt: skip
        if _has_any(text, by_word[candidate]):
            return candidate
    return default


def _protest_refine(
    event_type: str, sub: str, text: str, actors: list[ActorMention], recipients: list[ActorMention]
) -> tuple[str, str]:
    data = lexicon()
    parties = {a.inter for a in (*actors, *recipients)}
    protest_context = bool(parties & {5, 6}) or _has_any(text, data["protest_context"])
    if event_type == "Protests":
        if _has_any(text, data["riot_acts"]):
            return "Riots", "Violent demonstration"
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
    if event_type == "Battles" and _unorganised(text, parties):
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


def _unorganised(text: str, parties: set[int]) -> bool:
    """A fight of groups nobody armed or organised ("two groups attacked each other with
    sticks", "villagers clashed over land") is mob violence, not an armed clash: no armed party
    named, no armed men or guns told, and sticks and stones or groups of people told."""
    data = lexicon()
    if parties & _ARMED_INTER or _has_any(text, data["armed_men"]):
        return False
    return _has_any(text, data["melee_weapons"]) or _has_any(text, data["crowd_groups"])
