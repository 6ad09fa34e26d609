"""Scale-out commands: trace sharded article files on Ray, load the results into SQLite."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from newstrace.cli.options import config_option, open_store, settings_from


@click.command(name="trace-shards")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--address", help="Ray cluster to use (e.g. auto); a local one is started if none.")
@click.option("--workers", type=int, help="CPUs of the local cluster started when no --address.")
@click.option(
    "--partitions",
    type=int,
    help="Index partitions (default: two per CPU of the cluster); more make smaller tasks.",
)
@click.option("--restart", is_flag=True, help="Discard the checkpoints in OUTPUT and start over.")
@click.option("--silent", is_flag=True, help="No progress and no summary.")
@config_option
def trace_shards_command(
    inputs: tuple[Path, ...],
    output: Path,
    address: str | None,
    workers: int | None,
    partitions: int | None,
    restart: bool,
    silent: bool,
    config: Path | None,
) -> None:
    """Find copies among sharded JSONL or Parquet article files; write links and families as Parquet.

    INPUTS are .jsonl or .parquet files or folders of them; each record has id, outlet and body
    (or text). OUTPUT gets links/ and families/ Parquet shards and _checkpoints/: run the same
    command again to resume an interrupted run.

    Example: newstrace trace-shards articles/ results/ --address auto
    """
    from newstrace import progress
    from newstrace.engines.ray import RayEngine
    from newstrace.shards.corpus import ShardError
    from newstrace.shards.run import CheckpointMismatch, trace_shards

    console = Console(stderr=True, highlight=False, quiet=silent)
    output.mkdir(parents=True, exist_ok=True)
    try:
        with progress.shown(enabled=not silent, console=console):
            summary = trace_shards(
                list(inputs),
                output,
                settings_from(config),
                RayEngine(address=address, workers=workers, partitions=partitions),
                restart=restart,
            )
    except (ShardError, CheckpointMismatch) as error:
        raise click.ClickException(str(error)) from error
    resumed = f"  resumed: {', '.join(summary.resumed_stages)}" if summary.resumed_stages else ""
    console.print(
        Text(
            f"articles: {summary.articles}  links: {summary.links} (cross-outlet: "
            f"{summary.cross_outlet_links})  families: {summary.families}{resumed}"
        ),
        soft_wrap=True,
    )


@click.command(name="load")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--family", "families", type=int, multiple=True, help="Load this family (repeatable)."
)
@click.option(
    "--outlet", "outlets", multiple=True, help="Load the families with this outlet (repeatable)."
)
@click.option(
    "--min-members", type=int, default=2, show_default=True, help="Smallest family loaded."
)
@click.option("--silent", is_flag=True, help="No progress and no summary.")
@config_option
def load_command(
    db: str,
    output: Path,
    families: tuple[int, ...],
    outlets: tuple[str, ...],
    min_members: int,
    silent: bool,
    config: Path | None,
) -> None:
    """Bring a trace-shards result (or the families you pick) into a newstrace SQLite file.

    Articles, links and passages are stored, then families, origins, changes and the outlet
    network are built as `newstrace trace` builds them; browse with `newstrace report` or
    Datasette. Loading the same result again adds nothing.

    Example: newstrace load news.db results/ --outlet "Riverside Tribune"
    """
    from newstrace import progress
    from newstrace.shards.load import LoadFilter, load_results

    if not (output / "_SUCCESS").exists():
        raise click.ClickException(
            f"{output} holds no finished trace-shards result: run newstrace trace-shards first"
        )
    wanted = LoadFilter(families, outlets, min_members)
    with progress.shown(enabled=not silent):
        summary = load_results(open_store(db, create=True), output, wanted, settings_from(config))
    if not silent:
        Console(stderr=True, highlight=False).print(
            Text(
                f"articles loaded: {summary.articles}  links stored: {summary.links}  "
                f"families: {summary.families}"
            )
        )
