"""Conflict events: what happened, who did it to whom, where, when, and on whose say-so."""

from newstrace.events.assemble import ArticleText, extract_events
from newstrace.events.stage import EventsSummary, run_events
from newstrace.models.events import Event

__all__ = ["ArticleText", "Event", "EventsSummary", "extract_events", "run_events"]
