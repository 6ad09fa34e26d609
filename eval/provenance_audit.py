"""The provenance audit: newstrace's links and families against judgments made by hand.

eval/gold/provenance/links.jsonl holds, for links newstrace reported on ReCOVery (all 142 it
reported before link kinds existed) and on Helsinki (a uniform random sample of 60 of its
4,635 cross-outlet links, plus 12 drawn from those it now labels boilerplate), a judgment
made by reading both texts: `republication` (one carries the other's reporting, or both carry
one wire story), `quotation` (what both share is what both quote), `boilerplate` (widget,
footer, script) or `other` (a photo caption, a live blog's recurring intro). Articles are
named by stable keys, `<file>#<record id>`; the reasons are one line in the judge's words.

eval/gold/provenance/families.jsonl names, for each family a careful reader can decide from
the texts, the origin that reader names (an outlet, or one outside the corpus: "Associated
Press", "The Hechinger Report"); `null` where the texts do not decide. A family is found by
its `anchor` article; `aliases` lists other names of the judged outlet (its domain when the
brand differs: "HuffPost" is huffingtonpost.com).

Figures (gates in eval/floors.json):
- republication precision: of judged links newstrace labels `republication`, the share
  judged republication;
- quotations told apart: of links judged quotation, the share labelled `shared quotation`;
- families standing on non-copies: families with a parent edge judged boilerplate or
  quotation (gate: 0); those with an edge judged `other` are counted apart;
- origin agreement: of decidable families newstrace forms, the share whose origin names the
  judged one (outlet names compared as newstrace compares them; a judged name inside a longer
  credit, "Associated Press" in "Lisa Mascaro, Associated Press", counts).

A store traced before link kinds existed has no kinds: every link counts as the copy it was
reported as, which gives the "before" figures.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import sqlite_utils

from newstrace.reuse.evidence import same_outlet_name
from newstrace.store.links import iter_links

GOLD = Path(__file__).resolve().parent / "gold" / "provenance"
_KEYS_SQL = """SELECT a.id, d.source, d.source_id FROM articles a
JOIN documents d ON d.id = a.document_id"""
_FAMILIES_SQL = """SELECT f.id, f.origin_article, f.origin_outlet, f.external, o.name
FROM families f LEFT JOIN articles a ON a.id = f.origin_article
LEFT JOIN outlets o ON o.id = a.outlet_id"""
Pair = tuple[str, str]


def _gold(name: str, corpus: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (GOLD / name).read_text().splitlines() if line.strip()]
    return [row for row in rows if row["corpus"] == corpus]


def _keys(db: sqlite_utils.Database) -> dict[int, str]:
    return {
        article_id: f"{Path(source).name}#{source_id if source_id is not None else article_id}"
        for article_id, source, source_id in db.execute(_KEYS_SQL)
    }


def _labels(db: sqlite_utils.Database, keys: dict[int, str]) -> dict[Pair, str]:
    """newstrace's label of every cross-outlet link; no kind stored means "republication"."""
    labels = {}
    for link in iter_links(db.conn):
        a, b = sorted((keys[link.a], keys[link.b]))
        labels[(a, b)] = link.kind.kind if link.kind else "republication"
    return labels


def link_figures(db: sqlite_utils.Database, corpus: str) -> dict[str, Any]:
    """Republication precision and quotations told apart, on the judged links."""
    keys = _keys(db)
    labels = _labels(db, keys)
    judged = {(g["a"], g["b"]): g["judged"] for g in _gold("links.jsonl", corpus)}
    found = {pair: labels[pair] for pair in judged if pair in labels}
    republications = [p for p, label in found.items() if label == "republication"]
    quotations = [p for p, kind in judged.items() if kind == "quotation" and p in found]
    wrong = [
        {"a": p[0], "b": p[1], "judged": judged[p]}
        for p in republications
        if judged[p] != "republication"
    ]
    return {
        "links_judged": len(judged),
        "judged_links_found": len(found),
        "confusion": _confusion(found, judged),
        "republication_precision": _share(len(republications) - len(wrong), len(republications)),
        "quotations_told_apart": _share(
            sum(found[p] == "shared quotation" for p in quotations), len(quotations)
        ),
        "boilerplate_reported_as_copy": sum(
            judged[p] == "boilerplate" and found[p] == "republication" for p in found
        ),
        "wrong_republications": wrong[:20],
    }


def _confusion(found: dict[Pair, str], judged: dict[Pair, str]) -> dict[str, int]:
    """How many judged links of each kind newstrace gave each label ("judged -> label")."""
    counts = Counter(f"{judged[p]} -> {label}" for p, label in found.items())
    return dict(sorted(counts.items()))


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _tool_families(db: sqlite_utils.Database, keys: dict[int, str]) -> dict[int, dict[str, Any]]:
    families: dict[int, dict[str, Any]] = {}
    for family_id, origin, outlet, external, origin_outlet in db.execute(_FAMILIES_SQL):
        name = outlet if external or origin is None else (origin_outlet or outlet)
        families[family_id] = {
            "origin": name,
            "external": bool(external),
            "members": set(),
            "edges": [],
        }
    for family_id, article, parent in db.execute(
        "SELECT family_id, article_id, parent_id FROM family_members"
    ):
        families[family_id]["members"].add(keys[article])
        if parent is not None:
            families[family_id]["edges"].append(tuple(sorted((keys[article], keys[parent]))))
    return families


def _names(judged: str, family: dict[str, Any]) -> bool:
    """Whether newstrace's origin names the judged origin ("external": any origin outside)."""
    tool = family["origin"]
    if judged == "external":
        return family["external"]
    if not tool:
        return False
    squash = lambda s: "".join(ch for ch in s.casefold() if ch.isalnum())  # noqa: E731
    return same_outlet_name(judged, tool) or squash(judged).removeprefix("the") in squash(tool)


def family_figures(db: sqlite_utils.Database, corpus: str) -> dict[str, Any]:
    """Families standing on non-copies, and origin agreement on the decidable families."""
    keys = _keys(db)
    families = _tool_families(db, keys)
    judged = {(g["a"], g["b"]): g["judged"] for g in _gold("links.jsonl", corpus)}
    on_noncopy = [
        family_id
        for family_id, family in families.items()
        if any(judged.get(edge) in ("boilerplate", "quotation") for edge in family["edges"])
    ]
    on_other = [
        family_id
        for family_id, family in families.items()
        if any(judged.get(edge) == "other" for edge in family["edges"])
    ]
    rows, agree, missing, disagreements = _gold("families.jsonl", corpus), 0, 0, []
    decidable = [row for row in rows if row["origin"]]
    for row in decidable:
        family = next((f for f in families.values() if row["anchor"] in f["members"]), None)
        if family is None:
            missing += 1
        elif any(_names(name, family) for name in [row["origin"], *row.get("aliases", [])]):
            agree += 1
        else:
            disagreements.append(
                {"anchor": row["anchor"], "judged": row["origin"], "newstrace": family["origin"]}
            )
    return {
        "families": len(families),
        "families_on_noncopies": len(on_noncopy),  # a parent edge judged boilerplate/quotation
        "families_on_other": len(on_other),  # a parent edge judged other (caption, live-blog intro)
        "families_judged_decidable": len(decidable),
        "judged_families_formed": len(decidable) - missing,
        "origin_agreement": _share(agree, len(decidable) - missing),
        "origin_disagreements": disagreements[:30],
    }


def measure_audit(db: sqlite_utils.Database, corpus: str) -> dict[str, Any]:
    """Every audit figure of one traced store."""
    return {"status": "measured", **link_figures(db, corpus), **family_figures(db, corpus)}
