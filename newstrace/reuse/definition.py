"""What newstrace counts as a copy: shared by the fast engine and the exhaustive reference in eval/.

Two articles are linked when, after normalisation (NFKC, straight quotes and dashes, folded
case, punctuation dropped), their bodies share aligned passages: runs of at least
MIN_PASSAGE_TOKENS tokens in the same order on both sides, with at least
MIN_PASSAGE_IDENTITY of the aligned tokens identical, adding up to at least MIN_SHARED_TOKENS
tokens. A link between two articles of one outlet is kept apart (same_outlet): site
boilerplate or versions of one story, not copying. A link is a cross-outlet copy otherwise.
"""

MIN_PASSAGE_TOKENS = 25
MIN_SHARED_TOKENS = 40
MIN_PASSAGE_IDENTITY = 0.8
