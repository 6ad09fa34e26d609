"""Alert rules of a watch and their outputs (JSON lines, Atom, webhook, email).

The watch cycle calls `parse_rule` for each `[[alert]]` table of the configuration and
`run_alerts` once per cycle, after ingest, trace and events.
"""

from newstrace.watch.alerts.outputs import DeliveryOptions
from newstrace.watch.alerts.rules import AlertRule, parse_rule
from newstrace.watch.alerts.run import AlertsReport, run_alerts

__all__ = ["AlertRule", "AlertsReport", "DeliveryOptions", "parse_rule", "run_alerts"]
