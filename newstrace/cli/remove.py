"""The remove command: undo an ingest by source, source id, outlet or article id."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newstrace.cli import changes
from newstrace.cli.options import config_option, db_argument, open_store, settings_from
from newstrace.store.remove import RemovalPlan, Selection, plan_removal


@click.command(name="remove")
@db_argument
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="PATH",
    help="Articles ingested from this file, or from any file under this folder.",
)
@click.option(
    "--source-id",
    "source_ids",
    multiple=True,
    metavar="ID",
    help="Articles with this record id (a JSONL/CSV id, a WARC record).",
)
@click.option("--outlet", "outlets", multiple=True, help="Every article of this outlet.")
@click.option(
    "--article",
    "article_ids",
    multiple=True,
    type=int,
    metavar="ID",
    help="The article with this id.",
)
@click.option("--yes", is_flag=True, help="Remove; without it, only say what would be removed.")
@click.option("--json", "as_json", is_flag=True, help="The plan as a JSON object.")
@config_option
def remove_command(
    db: str, sources: tuple[str, ...], source_ids: tuple[str, ...], outlets: tuple[str, ...],
    article_ids: tuple[int, ...], yes: bool, as_json: bool, config: Path | None,
) -> None:  # fmt: skip
    """Remove articles ingested by mistake; links, families and the network follow.

    Without --yes it is a dry run that says what would go. With --yes the articles, their
    documents, links, passages and the events read in them are deleted; only the families
    that held them are regrouped (origins, evidence, changes) and only the outlet edges their
    copies made are recomputed. Every other family, link, edge and event stays as it was.

    \b
    Example: newstrace remove news.db --source exports/wrong.csv  (then again with --yes)
    """
    selection = Selection(sources, source_ids, outlets, article_ids)
    if selection.is_empty():
        raise click.UsageError("say what to remove: --source, --source-id, --outlet or --article")
    store = open_store(db)
    plan = plan_removal(store.conn, selection)
    if as_json:
        click.echo(json.dumps(plan.to_json(), ensure_ascii=False))
    else:
        changes.say(_describe(plan, yes))
    if not plan.article_ids and not plan.document_ids:
        raise click.ClickException(
            f"nothing to remove: no {', no '.join(plan.missing)} in {db}"
            f"; list articles with: newstrace articles {db}"
        )
    if plan.missing:
        changes.say("not found: " + ", ".join(plan.missing))
    if not yes:
        changes.say("dry run: nothing removed; run again with --yes to remove")
        return
    from newstrace.reuse.refamily import remove_and_refamily

    done = remove_and_refamily(store, plan, settings_from(config))
    changes.say(f"removed {len(plan.article_ids)} articles")
    changes.say(changes.recomputed(done))


def _describe(plan: RemovalPlan, done: bool) -> str:
    verb = "removing" if done else "would remove"
    families = ", ".join(map(str, plan.families[:10])) + (" …" if len(plan.families) > 10 else "")
    return (
        f"{verb}: {len(plan.article_ids)} articles ({len(plan.document_ids)} documents), "
        f"{plan.links} links, {plan.events} events; families touched: {families or 'none'}"
    )
