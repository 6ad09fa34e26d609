"""What newstrace counts as a copy: shared by the fast engine and the exhaustive reference in eval/.

Two articles are linked when, after normalisation (NFKC, straight quotes and dashes, folded
case, punctuation dropped), their bodies share aligned passages adding up to at least
MIN_SHARED_TOKENS identical tokens.

The alignment is the one difflib.SequenceMatcher makes (no junk heuristic): the longest
verbatim run first, then the same on each side of it. A passage runs from one verbatim run of
at least ANCHOR_TOKENS tokens (an anchor) to another, through the shorter runs and gaps between
them; its size is the longer of its two sides, its identity the share of that size in verbatim
runs. Anchors are chained left to right while the chain stays MIN_PASSAGE_IDENTITY identical,
else a new passage starts. A passage counts from MIN_PASSAGE_TOKENS tokens. Text moved around
is found by aligning again with the passages found masked out, until a round finds none.

Why anchors: stray common words beside a shared quote cannot stretch a passage past the
threshold. A 25-token passage at 80 % identity without a 5-token verbatim run would need an
edit at least every five tokens all along: rewriting, not copying.

A link between two articles of one outlet is kept apart (same_outlet): site boilerplate or
versions of one story, not copying. A link is a cross-outlet copy otherwise.
"""

ANCHOR_TOKENS = 5
MIN_PASSAGE_TOKENS = 25
MIN_SHARED_TOKENS = 40
MIN_PASSAGE_IDENTITY = 0.8
