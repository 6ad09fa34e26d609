"""The geoparse command: find and resolve the places in JSON lines of text."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from newstrace.cli.options import Output, write_output


class BadLine(ValueError):
    """An input line that is not a JSON object with a text and well-formed spans."""


def parse_line(line: str, line_number: int) -> tuple[str, list[tuple[int, int]] | None]:
    """The text and the spans (None when not given) of one input line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"line {line_number}: not JSON ({error.msg})") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise BadLine(f'line {line_number}: expected an object with a "text" string')
    text, spans = record["text"], record.get("spans")
    if spans is None:
        return text, None
    if not isinstance(spans, list):
        raise BadLine(f'line {line_number}: "spans" must be a list of [start, end] pairs')
    return text, [_span(span, text, line_number) for span in spans]


def _span(span: Any, text: str, line_number: int) -> tuple[int, int]:
    """One [start, end] span, checked against the text."""
    ok = isinstance(span, list | tuple) and len(span) == 2
    ok = ok and all(isinstance(v, int) and not isinstance(v, bool) for v in span)
    if not ok or not 0 <= span[0] < span[1] <= len(text):
        raise BadLine(
            f"line {line_number}: span {json.dumps(span)} is not [start, end] with "
            f"0 <= start < end <= {len(text)} (the text's length)"
        )
    return int(span[0]), int(span[1])


class _GeoparseRun:
    """One output object per input line, counting the lines that failed."""

    def __init__(self, lines: IO[str], focus_country: str | None) -> None:
        """A run over the lines of an open file."""
        self.lines, self.focus_country = lines, focus_country
        self.failed = self.done = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The output objects, one per input line."""
        from newstrace import progress
        from newstrace.geo import default_geocoder

        geocoder = default_geocoder()
        for line_number, line in enumerate(self.lines, start=1):
            progress.advance()
            try:
                text, spans = parse_line(line, line_number)
                places = geocoder.resolve(text, spans, self.focus_country)
            except BadLine as error:
                self.failed += 1
                click.echo(f"error: {error}", err=True)
                yield {"error": str(error)}
                continue
            self.done += 1
            yield {"places": [p.to_json() if p else None for p in places]}


@click.command(name="geoparse")
@click.argument("input_file", metavar="INPUT.jsonl", type=click.File("r", encoding="utf-8"))
# JSON only: a CSV row cannot hold a line's list of places.
@click.option(
    "--json",
    "output",
    flag_value=Output.JSON,
    default=Output.DEFAULT,
    help="A JSON array of output objects (the default).",
)
@click.option("--nl", "output", flag_value=Output.NL, help="One JSON object per line.")
@click.option("--focus", "focus_country", metavar="CC",
              help="ISO 3166-1 alpha-2 code of the country the texts are about, e.g. SY.")  # fmt: skip
@click.option("--silent", is_flag=True, help="No progress bar and no closing summary on stderr.")
def geoparse_command(
    input_file: IO[str], output: str, focus_country: str | None, silent: bool
) -> None:
    """Geocode the places in JSON lines: {"text": ..., "spans": [[start, end], ...]}.

    Each input line gives one output object {"places": [...]} with one place (or null)
    per span, in order; without "spans" the place names are found in the text. A bad
    line gives {"error": ...} and a message naming its line on stderr; the rest go on.
    INPUT.jsonl may be - for standard input.

    Example: newstrace geoparse texts.jsonl --nl
    """
    if focus_country is not None and (len(focus_country) != 2 or not focus_country.isalpha()):
        raise click.BadParameter(
            "give a two-letter ISO country code, e.g. SY", param_hint="--focus"
        )
    from newstrace import progress

    run = _GeoparseRun(input_file, focus_country)
    with progress.shown(enabled=not silent), progress.stage("geoparse", None, "lines"):
        write_output(iter(run), Output(output), sys.stdout)  # click passes the flag's plain str
    if run.failed and not run.done:
        sys.exit(1)
