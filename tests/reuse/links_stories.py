"""Invented stories for the reuse-link tests: an original, its copies, and unrelated articles."""

from __future__ import annotations

# A ten-paragraph original about a bridge closure in an invented town.
BRIDGE = (
    "The Halvard Street bridge in Norrvik was closed to all traffic on Tuesday morning after engineers found deep cracks in two of its concrete piers during a routine inspection.",
    "City engineer Maren Oksby said the cracks had widened by almost four millimetres since the last survey in March, and that the bridge could no longer be considered safe for cars, buses or pedestrians.",
    "About eleven thousand vehicles cross the bridge every day, according to the municipal traffic office, and most of them will now have to take a detour of roughly six kilometres through the harbour district.",
    "Bus routes 4, 12 and 19 have been diverted along the old quay road, and the transport company warned passengers to expect delays of twenty minutes or more during the morning and evening rush.",
    "Shop owners on the eastern bank fear that the closure will keep customers away. \u201cWe were already struggling after the winter,\u201d said Ilse Brandt, who runs a bakery a hundred metres from the bridge.",
    "The bridge was built in 1968 and last renovated in 2004, when its deck was replaced but the piers were left untouched because the budget ran out before the second phase could begin.",
    "Opposition councillors accused the mayor of ignoring repeated warnings. Councillor Tobias Lind said the council had been told in a report two years ago that the piers needed urgent repair work.",
    "Mayor Agnes Holm rejected the criticism, saying the report had recommended monitoring rather than immediate repairs, and that the city had followed the advice of its engineers at every step.",
    "A temporary pedestrian ferry will start running between the two banks on Thursday, the city said, and will operate every fifteen minutes from six in the morning until midnight.",
    "Engineers expect to finish a full assessment of the piers within three weeks. Only then will the city know whether the bridge can be repaired or will have to be demolished and rebuilt.",
)

# Paragraphs of the republisher's own, used to pad an excerpt.
PADDING = (
    "Our newsroom has followed infrastructure problems across the northern region for many years, and readers have sent us dozens of photographs of crumbling roads and rusting railings.",
    "Residents who want to share their experience of the detours can write to the letters desk, which will publish a selection of the most useful accounts in the weekend edition.",
    "In other news from the region, the ice hockey club of Vesterby won its third match in a row on Sunday evening, beating the visitors from Lundholm by five goals to two.",
)

# An unrelated story sharing only common news phrases with the original.
FESTIVAL = (
    "The annual lantern festival in Skarby drew record crowds on Saturday, the city said, with organisers counting more than forty thousand visitors along the riverbank by midnight.",
    "Bus routes were diverted for the evening and the transport company warned passengers to expect delays, according to the municipal traffic office, which praised the calm atmosphere.",
    "Festival director Runa Falk said the council had been told that the event needed a larger budget, and that volunteers had worked every weekend since March to build the lanterns.",
    "Next year the festival will move to the old quay road, where there is more space for food stalls, children's workshops and a stage for local musicians and dancers.",
)


def body(paragraphs: tuple[str, ...] | list[str]) -> str:
    """An article body as the store keeps it: paragraphs joined by a blank line."""
    return "\n\n".join(paragraphs)


def full_copy() -> str:
    """The original republished whole, with straight quotes and a different case in one line."""
    paragraphs = list(BRIDGE)
    paragraphs[4] = paragraphs[4].replace("\u201c", '"').replace("\u201d", '"')
    paragraphs[0] = paragraphs[0].upper()
    return body(paragraphs)


def excerpt_copy() -> str:
    """Two paragraphs of the original (the 3rd and 4th) padded with the republisher's own text."""
    return body([PADDING[0], BRIDGE[2], BRIDGE[3], PADDING[1], PADDING[2]])


def edited_copy() -> str:
    """The original with edited sentences, one paragraph dropped and one added."""
    paragraphs = list(BRIDGE)
    paragraphs[1] = paragraphs[1].replace("almost four millimetres", "nearly 4 mm")
    paragraphs[6] = paragraphs[6].replace(
        "Councillor Tobias Lind", "Tobias Lind, a Green councillor,"
    )
    del paragraphs[7]
    paragraphs.append(PADDING[1])
    return body(paragraphs)


def unrelated() -> str:
    """A different story that shares only short common phrases with the original."""
    return body(FESTIVAL)
