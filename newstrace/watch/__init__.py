"""Watch outlets and stories as they are published (issue 20).

`newstrace watch DB --config watch.toml` polls feeds, sitemaps and pages, ingests what is
new, traces it, reads its events and checks the alert rules, cycle after cycle, with its
state kept in the database. `newstrace.watch.alerts` holds the rules and their outputs.
"""
