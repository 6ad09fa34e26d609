"""Page dumps written for the text-extractor tests: invented outlets, people and stories."""

# The dumps keep a paragraph per line and Markdown hard breaks (two trailing spaces), as real
# page dumps do, so long lines and trailing spaces are the point here.
# ruff: noqa: W291

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.settings import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

REPUBLISHED_MARKDOWN = """\

# Analysis: Harbour Workers Extend Strike as Talks Stall in Port Varna

By [Lena Okafor](#) and [Tomas Reed](#)

Northgate Monitor, June 4, 2021

[Harbour Courier](#) 3 June 2021

Region: [Europe](#), [Baltic](#)

Topics: [Labour](#), [Shipping](#)

*Dock workers in the port of Varna voted on Tuesday to extend their strike into a third week, after talks with the terminal operator broke down over night-shift pay.*

The union said about 1,200 members took part in the ballot and that more than four in five backed the extension. Container traffic has been diverted to two smaller harbours along the coast.

<https://media.harbourcourier.example/clips/varna\\_strike\\_vote.mp4>

Terminal managers said they had offered a **seven per cent** rise over two years and accused the union of moving the goalposts. Shipping agents warned that perishable cargo was already

being sent by road at several times the usual cost.

A mediator appointed by the labour ministry is expected to meet both sides on Friday.

\\* \\* \\*

Please share this article with colleagues and friends.

If you value our reporting, please support us: [Donate via PayPal](https://paypal.me/northgatemonitor)

This article was originally published by [Harbour Courier](https://harbourcourier.example/varna-strike)  
Copyright © Harbour Courier 2021

---

Read more: [Port stories](#)

**Disclaimer:** The views expressed in this article are those of the authors alone.

For media inquiries: desk@northgate.example
"""

COMMENTED_TEXT = """\
Council Approves New Cycle Lanes Along the River Road

The city council voted 9 to 4 on Monday evening to build protected cycle lanes along the river road, ending a two-year dispute over parking and delivery access.

Supporters said the lanes would make the route safer for the hundreds of commuters who already cycle it each morning. Opponents argued that shopkeepers would lose passing trade when kerbside spaces disappear.

Work is due to start in the spring and should take about eight months, according to the council's transport office.

Marta Lind

Finally! I ride that road every day and it is terrifying at rush hour.

old_spokes

Who is going to pay for this? my rates went up again this year


Pat Greaves

Kevin O'Hara

I run a bakery on that stretch and I'm worried. We need the loading bay in the mornings.

Has anyone asked the delivery firms what they think?
"""

SUBHEADED_TEXT = """\
What the New Water Rules Mean for Farmers in the Valley

New limits on how much water farms may draw from the valley's rivers take effect next month, the regional authority announced on Wednesday.

Who is affected

The rules apply to any holding that draws more than 50 cubic metres a day during the summer months. Officials estimate that about 340 farms fall into that category.

Smaller holdings are exempt, but they must still register their wells by the end of the year, a spokesman for the authority said.

What changes

Farms above the threshold will have to install meters and report their use each week. Those that exceed their allowance face fines that rise with each breach.

The authority said it would offer grants covering half the cost of the meters.

What comes next

A public consultation on the winter limits opens in October. Farmers' groups said they would challenge the rules if the grants were not paid before the summer.
"""

HELSINKI_STYLE_RECORD = (
    "Ferry Operator Cancels Winter Crossings After Fuel Costs Soar ### By Reuters ### "
    "Advertisement ### January 12, 2022 ### e-mail ### "
    "OSLO (Reuters) - A Nordic ferry operator said on Wednesday it would cancel most of its "
    "winter crossings between two island towns after fuel costs rose sharply. ### "
    "The company said the service would resume in April if prices eased. ### "
    "Advertisement ### Local officials said they would look for a replacement operator."
)


@pytest.fixture
def settings() -> Settings:
    """Default settings."""
    return Settings()


@pytest.fixture
def republished_markdown() -> str:
    """A Markdown dump of a republished story: label, byline, two outlets' dates, tags, video."""
    return REPUBLISHED_MARKDOWN


@pytest.fixture
def commented_text() -> str:
    """A plain-text story followed by reader comments, one of them empty."""
    return COMMENTED_TEXT


@pytest.fixture
def subheaded_text() -> str:
    """A plain-text story with short subheadings and no comments."""
    return SUBHEADED_TEXT


@pytest.fixture
def helsinki_style_text() -> str:
    """A scraped record whose " ### " paragraph marks became blank lines, chrome left in."""
    return "\n\n".join(HELSINKI_STYLE_RECORD.split(" ### "))


@pytest.fixture
def seeds() -> Path:
    """The shared seed folder; the test is skipped when it is absent."""
    folder = SHARED / "seeds"
    if not (folder / "expected.json").is_file():
        pytest.skip("shared seeds not available")
    return folder
