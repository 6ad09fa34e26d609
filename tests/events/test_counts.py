"""Fatalities read from a report's words by ACLED's rules (invented sentences)."""

from __future__ import annotations

import pytest

from newstrace.events.counts import fatalities


def _best(text: str) -> int | None:
    found = fatalities(text)
    return None if found is None else found.best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("On 3 May 2020, gunmen killed 1 person in the market.", 1),
        ("Two members of the militia were killed in the ambush.", 2),
        ("A soldier shot and killed a motorcycle taxi driver after a dispute.", 1),
        ("Five soldiers and three civilians were killed.", 8),
        ("Two gunmen killed three villagers.", 3),
        ("The blast killed 4 people and 2 soldiers were killed.", 6),
        ("A mob lynched a man accused of theft.", 1),
        ("Gunmen attacked a police patrol. Three officers died. 3 fatalities.", 3),
        ("The attack killed 4 people. The toll later rose to 6 dead.", 6),
        ("A detainee was stabbed to death by other inmates.", 1),
        ("Unidentified gunmen assassinated a local councillor.", 1),
        ("The body of a man was found with gunshot wounds.", 1),
        ("The clashes claimed the lives of 12 fighters.", 12),
        ("A 25-year-old man was wounded and 3 others were injured.", None),
        ("The governing body of a party met in the capital.", None),
        ("Rebels attacked the base, but no one was killed.", 0),
        ("Three guards were shot and killed at the gate of the depot.", 3),
        ("A shopkeeper was fatally stabbed by two robbers.", 1),
        ("A militiaman fatally shot two herders near the river.", 2),
        ("A village elder of the northern district was beaten to death by a crowd.", 1),
        ("Nine miners and local guides were reportedly killed in the raid.", 9),
        ("Six villagers (3 men, 2 women and 1 child) were killed in the shelling.", 6),
        ("The corpses of four fishermen were found on the shore.", 4),
        ("An unknown number of fighters were killed in the clashes.", None),
        ("Two soldiers and three civilians were killed.", 5),
    ],
)
def test_counts_fatalities_by_acled_rules(text: str, best: int | None) -> None:
    assert _best(text) == best
