"""Conflict events: what happened, who did it to whom, where, when, and on whose say-so."""

from newstrace.events.extract import ArticleText, extract_events
from newstrace.events.model import Event
from newstrace.events.stage import EventsSummary, run_events

__all__ = ["ArticleText", "Event", "EventsSummary", "extract_events", "run_events"]
