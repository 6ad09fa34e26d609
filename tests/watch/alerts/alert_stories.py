"""Invented stories for the alert tests: an original, the lines its copy adds, an unrelated
story, and a claim taken from the original."""

from __future__ import annotations

# An invented story about a ferry strike in an invented port, long enough to be copied.
FERRY = (
    "Ferry crews in the port of Osterholm walked off the job on Monday morning, stranding"
    " about two thousand passengers who had planned to cross to the islands before the holiday.",
    "The crews' union said the strike would last at least three days unless the operator"
    " agreed to hire twelve more deckhands and to limit night shifts to four a month.",
    "Harbour master Elin Vasterby said the last ferry to leave before the walkout carried"
    " mostly school children and that no vessel was stranded at sea when the crews stopped.",
    "The operator called the strike irresponsible and said it had offered a pay rise of six"
    " per cent, which the union rejected as far too small after two years of frozen wages.",
    "Island shopkeepers fear that fresh food will run short by Wednesday if no boats sail,"
    " and the regional council has asked the coast guard to prepare an emergency supply run.",
)
# The copy's own lines around the original's text.
COPY_INTRO = "Valley Post readers on the islands have written to us about the ferry strike."
COPY_OUTRO = "This report was first published by the Riverside Tribune."
# A story sharing no passage with the ferry story.
MARKET = (
    "The covered market of Brannvik reopened on Saturday after a renovation that took almost"
    " two years and cost the town more than its whole road budget for the decade.",
    "Stall holders said the new roof lets in more light, but several complained that the rents"
    " had doubled and that the loading bay is now too narrow for their delivery vans.",
)
# A sentence of the ferry story: the claim a text rule tracks.
CLAIM = (
    "the strike would last at least three days unless the operator agreed to hire twelve more"
    " deckhands"
)
ORIGINAL_URL = "https://riverside.example/ferry-strike"
COPY_URL = "https://valley.example/news/ferry"
MARKET_URL = "https://hill.example/market"
