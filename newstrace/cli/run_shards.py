"""`newstrace run-shards`: extract, read events and trace a sharded corpus on Ray."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from newstrace.cli.options import config_option, mapping_option, settings_from
from newstrace.ingest.base import KINDS

STAGE_CHOICES = ("extract", "events", "trace")


@click.command(name="run-shards")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--map", "mapping", metavar="FIELD=COLUMN,...", help="As for ingest.")
@click.option("--format", "fmt", type=click.Choice(sorted(KINDS)), help="Read every input as this.")
@click.option("--outlet", help="Outlet for items that name none.")
@click.option(
    "--stages",
    default=",".join(STAGE_CHOICES),
    show_default=True,
    help="Stages to run after extraction (extract always runs): events, trace.",
)
@click.option("--address", help="Ray cluster to use (e.g. auto); a local one is started if none.")
@click.option("--workers", type=int, help="CPUs of the local cluster started when no --address.")
@click.option("--restart", is_flag=True, help="Discard what OUTPUT holds and start over.")
@click.option("--silent", is_flag=True, help="No progress and no summary.")
@config_option
def run_shards_command(
    inputs: tuple[Path, ...], output: Path, mapping: str | None, fmt: str | None,
    outlet: str | None, stages: str, address: str | None, workers: int | None, restart: bool,
    silent: bool, config: Path | None,
) -> None:  # fmt: skip
    """Extract articles, read their events and find copies on Ray, one task per shard.

    INPUTS are files or folders of anything ingest reads (JSONL, CSV, WARC, HTML, feeds);
    each input file is one extraction task. OUTPUT gets articles/, failures/ and events/
    (JSON lines per shard) and links/ and families/ (Parquet, as trace-shards writes them).
    Each finished shard is kept: run the same command again to resume an interrupted run.
    `newstrace load DB OUTPUT` brings the results into a SQLite file.

    Example: newstrace run-shards crawl/ results/ --map text=body,outlet=site --address auto
    """
    from newstrace import progress
    from newstrace.engines.ray import RayEngine
    from newstrace.shards.corpus import ShardError
    from newstrace.shards.pipeline import ExtractOptions, run_shards
    from newstrace.shards.run import CheckpointMismatch

    chosen = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(STAGE_CHOICES))
    if unknown:
        raise click.BadParameter(f"unknown stage {', '.join(unknown)}", param_hint="--stages")
    console = Console(stderr=True, highlight=False, quiet=silent)
    options = ExtractOptions(mapping_option(mapping), fmt, outlet)
    try:
        with progress.shown(enabled=not silent, console=console):
            summary = run_shards(
                list(inputs), output, settings_from(config),
                RayEngine(address=address, workers=workers), options, chosen, restart,
            )  # fmt: skip
    except (ShardError, CheckpointMismatch, FileNotFoundError) as error:
        raise click.ClickException(str(error)) from error
    kept = ", ".join(f"{stage} {n} shards" for stage, n in summary.resumed.items())
    traced = summary.trace
    console.print(
        Text(
            f"inputs: {summary.inputs}  articles: {summary.articles}  failed items: "
            f"{summary.failures}  events: {summary.events}  links: "
            f"{traced.links if traced else 0}  families: {traced.families if traced else 0}"
            + (f"  resumed: {kept}" if kept else "")
        ),
        soft_wrap=True,
    )
