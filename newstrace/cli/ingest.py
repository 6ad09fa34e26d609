"""Commands that read inputs: ingest them into a store, or extract articles without storing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newstrace.cli import changes, options, render
from newstrace.cli.options import Output, config_option, output_options
from newstrace.cli.summary import print_summary
from newstrace.ingest import iter_items
from newstrace.ingest.run import (
    IngestOptions,
    IngestSummary,
    extract_one,
    ingest,
    with_default_outlet,
)
from newstrace.models import Article, Document, Failure
from newstrace.settings import Settings

FORMATS = ["html", "text", "markdown", "warc", "feed", "jsonl", "json", "csv"]

_format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Read every input as this format."
)
_map_option = click.option(
    "--map", "mapping", metavar="FIELD=COLUMN,...",
    help="Field mapping for JSONL/JSON/CSV, e.g. text=body_text,outlet=publisher,published=publish_date; "
    "outlet.KEY=COLUMN stores an outlet attribute (outlet.reliability=reliability). Ingesting a "
    "file again with another mapping replaces what it stored.",
)  # fmt: skip
_outlet_option = click.option("--outlet", help="Outlet for items that name none (e.g. Reuters).")


@click.command(name="ingest")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True)
@_map_option
@_format_option
@_outlet_option
@click.option(
    "--fetch", is_flag=True, help="Fetch the linked page of feed entries with no content."
)
@click.option(
    "--allow-private", is_flag=True, help="Allow fetching loopback and private addresses."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0, 64),
    default=None,
    help="Extraction processes (default 0: one per CPU core for large inputs).",
)
@click.option("--strict", is_flag=True, help="Exit non-zero when any item fails.")
@click.option("--silent", is_flag=True, help="No progress bar and no summary.")
@config_option
def ingest_command(
    db: str, inputs: tuple[str, ...], mapping: str | None, fmt: str | None, outlet: str | None,
    fetch: bool, allow_private: bool, jobs: int | None, strict: bool, silent: bool, config: Path | None,
) -> None:  # fmt: skip
    """Ingest pages, archives, feeds, exports and URLs into a SQLite file.

    A missing path is a failed item (exit 1); when no input exists no database is created.

    Example: newstrace ingest news.db pages/ feed.xml crawl.warc.gz https://example.org/story

    Example: newstrace ingest news.db recovery.csv --map outlet=publisher,outlet.bias=political_bias
    """
    settings = options.settings_from(
        config,
        jobs=jobs,
        fetch_linked_pages=fetch or None,
        allow_private_addresses=allow_private or None,
    )
    wanted = IngestOptions(options.mapping_option(mapping), fmt, outlet)
    present, missing = changes.local_inputs(inputs)
    if not present:
        created = "" if Path(db).exists() else f"; {db} was not created"
        raise click.ClickException(
            f"no such file or folder: {', '.join(missing)}; nothing ingested{created}"
        )
    database = options.open_store(db, create=True)
    replaced = changes.replace_remapped(database, present, wanted.mapping, settings, silent)
    summary = _run_ingest(database, present, settings, wanted, silent)
    _missing_items(summary, missing)
    described, merged = changes.after_ingest(database, present, wanted.mapping)
    if not silent:
        print_summary(summary, Console(stderr=True, highlight=False))
    _report_changes(database, settings, replaced, described, merged, silent)
    nothing = summary.articles_stored == 0 and summary.already_stored == 0
    if nothing or missing or (strict and summary.failures):
        sys.exit(1)


def _missing_items(summary: IngestSummary, missing: list[str]) -> None:
    """A missing input path is a failed item of its own kind, never counted as a file."""
    for path in missing:
        summary.items_by_kind["missing path"] += 1
        summary.failures.append(Failure(path, "no such file or folder", None, "missing path"))


def _report_changes(
    db: Any, settings: Settings, replaced: Any, described: int, merged: int, silent: bool
) -> None:
    if replaced is not None:
        changes.say(
            f"replaced: {len(replaced.article_ids)} articles stored from "
            "the same sources with another --map were removed first",
            silent,
        )
    if described:
        changes.say(f"outlets described from --map outlet.* columns: {described}", silent)
    if merged:
        changes.say(f"outlet names merged by alias or domain: {merged}", silent)
    if merged:
        changes.say(changes.rebuild(db, settings), silent)


def _run_ingest(
    db: Any, inputs: list[str], settings: Settings, wanted: IngestOptions, silent: bool
) -> IngestSummary:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), disable=silent, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)

        def advance(count: int, source: str) -> None:
            bar.update(task, advance=count, description=f"ingesting {Path(source).name[:40]}")

        return ingest(db, inputs, settings, wanted, advance)


@click.command(name="extract")
@click.argument("inputs", nargs=-1, required=True)
@_format_option
@_map_option
@_outlet_option
@output_options("article")
@config_option
def extract_command(
    inputs: tuple[str, ...], fmt: str | None, mapping: str | None, outlet: str | None,
    output: Output, config: Path | None,
) -> None:  # fmt: skip
    """Extract articles without storing them and print them as JSON.

    Prints a JSON array unless --nl or --csv is given.

    Example: newstrace extract page.html --nl
    """
    settings = options.settings_from(config)
    run = _ExtractRun(
        iter_items(list(inputs), settings, options.mapping_option(mapping), fmt, outlet),
        settings,
        outlet,
    )
    if output is Output.CSV:
        render.write_csv(run, sys.stdout)
    else:
        options.write_output((a.to_json() for a in run), output)
    for failure in run.failures:
        click.echo(f"failed: {failure.source}{_record(failure)}: {failure.reason}", err=True)
    if run.failures and not run.articles:
        sys.exit(1)


def _record(failure: Failure) -> str:
    return f" #{failure.source_id}" if failure.source_id else ""


class _ExtractRun:
    """Articles extracted from a stream of items, counting them and keeping the failures."""

    def __init__(
        self, items: Iterator[Document | Failure], settings: Settings, outlet: str | None
    ) -> None:
        self.items, self.settings, self.outlet = items, settings, outlet
        self.failures: list[Failure] = []
        self.articles = 0

    def __iter__(self) -> Iterator[Article]:
        for item in self.items:
            if isinstance(item, Failure):
                self.failures.append(item)
                continue
            result = with_default_outlet(extract_one(item, self.settings), self.outlet)
            if result.article is None:
                self.failures.append(
                    Failure(item.source, result.error or "", item.source_id, str(item.format))
                )
                continue
            self.articles += 1
            yield result.article
