"""Progress of the long stages on stderr: one bar per stage with its count and rate, and a
closing line with each stage's time.

A command opens a report with `shown()` (hidden by --silent); the library marks its stages
with `stage()` and counts work done with `advance()`, wherever it is done, without passing a
progress object down. Outside a report, or in a worker process, both cost next to nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


@dataclass
class StageTime:
    """One finished stage: its name, seconds, and the work it counted."""

    name: str
    seconds: float
    done: int
    unit: str

    def describe(self) -> str:
        """'hashing 3.1 s (100,000 articles, 32,258/s)'."""
        if not self.done:
            return f"{self.name} {self.seconds:.1f} s"
        rate = f", {self.done / self.seconds:,.0f}/s" if self.seconds > 0 else ""
        return f"{self.name} {self.seconds:.1f} s ({self.done:,} {self.unit}{rate})"


@dataclass
class _Stage:
    name: str
    unit: str
    started: float
    task: TaskID | None
    done: int = 0


@dataclass
class Report:
    """The stages run inside one `shown()` block: a live display (or none) and their times."""

    progress: Progress | None
    stages: list[StageTime] = field(default_factory=list)
    open: list[_Stage] = field(default_factory=list)

    def summary(self) -> str:
        """Each finished stage with its time, count and rate, on one line."""
        total = sum(stage.seconds for stage in self.stages)
        parts = " · ".join(stage.describe() for stage in self.stages)
        return f"stages: {parts} · total {total:.1f} s" if self.stages else ""


_REPORT: ContextVar[Report | None] = ContextVar("newstrace_progress", default=None)


class _RateColumn(ProgressColumn):
    """Items per second so far, with the stage's unit."""

    def render(self, task: Task) -> Text:
        """The rate of one task."""
        unit = task.fields.get("unit", "")
        elapsed = task.finished_time if task.finished else task.elapsed
        speed = task.completed / elapsed if elapsed else None
        return Text(
            f"{speed:,.0f} {unit}/s" if speed else f"- {unit}/s", style="progress.data.speed"
        )


def _display(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@contextmanager
def shown(enabled: bool = True, console: Console | None = None) -> Iterator[Report]:
    """Report the stages run inside the block: bars on stderr while enabled, then the summary.

    Stage times are kept even when disabled, so a caller can still print or return them."""
    console = console or Console(stderr=True, highlight=False)
    progress = _display(console) if enabled else None
    report = Report(progress)
    token = _REPORT.set(report)
    try:
        if progress is None:
            yield report
        else:
            with progress:
                yield report
    finally:
        _REPORT.reset(token)
    if enabled and report.stages:
        console.print(Text(report.summary()), soft_wrap=True)


@contextmanager
def stage(name: str, total: int | None = None, unit: str = "articles") -> Iterator[None]:
    """Mark a stage: its bar (total None: a count with no end known) and its time."""
    report = _REPORT.get()
    if report is None:
        yield
        return
    task = None
    if report.progress is not None:
        task = report.progress.add_task(name, total=total, unit=unit)
    current = _Stage(name, unit, time.perf_counter(), task)
    report.open.append(current)
    try:
        yield
    finally:
        report.open.remove(current)
        seconds = time.perf_counter() - current.started
        report.stages.append(StageTime(name, seconds, current.done, unit))
        if report.progress is not None and task is not None:
            report.progress.update(task, total=current.done or total, completed=current.done)
            report.progress.stop_task(task)


def advance(count: int = 1) -> None:
    """Count work done in the innermost open stage; nothing when no stage is open."""
    report = _REPORT.get()
    if report is None or not report.open:
        return
    current = report.open[-1]
    current.done += count
    if report.progress is not None and current.task is not None:
        report.progress.advance(current.task, count)


def stage_times() -> list[StageTime]:
    """The stages finished so far in the open report (none outside one)."""
    report = _REPORT.get()
    return list(report.stages) if report is not None else []
