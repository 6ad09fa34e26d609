"""Writes articles.jsonl: the held-out events gold set, written for newstrace and annotated by
hand (events.jsonl) before the extractor was ever run on it, and never used to tune it.

Every incident is invented; the places are real. Other countries, outlets and phrasings than
the first gold set (eval/gold), with sentences that carry no event (background, a metaphor, a
forecast) beside the ones that do. Run: python eval/gold/heldout/make_articles.py
"""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "id": "burkina-djibo",
        "outlet": "Volta Courier",
        "published": "2023-09-12",
        "title": "Fourteen villagers killed near Djibo as army strikes depot",
        "paragraphs": [
            "Suspected jihadists killed 14 villagers in an attack near Djibo on Saturday night, residents told reporters.",
            "The army said on Monday that its helicopters had destroyed a fuel depot used by militants near Dori, killing 11 fighters.",
            "JNIM claimed responsibility for an ambush on an army supply convoy outside Djibo on Sunday, saying its fighters seized two armoured vehicles.",
            "Hundreds of people marched in Ouagadougou on Monday to demand more protection for displaced families, witnesses said. The capital has been spared most of the violence that has displaced two million people since 2015.",
        ],
    },
    {
        "id": "myanmar-sagaing",
        "outlet": "Irrawaddy Ledger",
        "published": "2024-03-06",
        "title": "Jets bomb monastery near Monywa; resistance claims Kalay outpost",
        "paragraphs": [
            "Military jets bombed a monastery near Monywa in Sagaing Region on Tuesday, killing at least nine civilians sheltering there, according to a local rescue group.",
            "The People's Defence Force said its fighters had overrun an army outpost outside Kalay after two days of fighting, a claim the junta denied.",
            "Soldiers reportedly torched dozens of homes in a village near Monywa on Monday.",
            "The junta plans to hold elections in parts of the country next year, state media reported.",
        ],
    },
    {
        "id": "ethiopia-amhara",
        "outlet": "Highland Post",
        "published": "2023-11-20",
        "title": "Fano and federal troops clash outside Gondar; drone strike hits Debre Markos",
        "paragraphs": [
            "Fano militiamen clashed with federal troops on the outskirts of Gondar on Friday, killing at least 12 people, hospital staff said.",
            "Ethiopian army drones struck a bus station in Debre Markos on Sunday, killing eight passengers, according to residents.",
            "Several hundred students staged a sit-in at Bahir Dar University on Thursday to protest the arrest of a lecturer.",
            "The army is expected to launch a new offensive in North Gondar before the rainy season, analysts said. Prices of teff have doubled in the region since August.",
        ],
    },
    {
        "id": "mozambique-cabo",
        "outlet": "Indian Ocean Herald",
        "published": "2024-06-14",
        "title": "Islamic State claims killing of fishermen; Rwandan troops retake Macomia",
        "paragraphs": [
            "Islamic State fighters beheaded four fishermen on an island off Mocimboa da Praia on Wednesday, the group's Amaq news agency claimed.",
            "Rwandan troops retook the town of Macomia from Islamic State fighters on Saturday after a week of fighting, Mozambique's defence ministry said.",
            "Residents said a roadside bomb wrecked a minibus on the road between Palma and Mueda on Tuesday, wounding six people.",
            "Gas companies have fought for years to restart the liquefied natural gas project near Palma.",
        ],
    },
    {
        "id": "colombia-cauca",
        "outlet": "Andes Daily",
        "published": "2024-04-22",
        "title": "Drone attack on police station in Jamundi; engineers kidnapped near Saravena",
        "paragraphs": [
            "FARC dissidents attacked a police station in Jamundi with explosives-laden drones on Saturday, wounding three officers, the National Police said.",
            "ELN guerrillas allegedly kidnapped two engineers near Saravena on Thursday.",
            "Hundreds of Indigenous protesters blocked the Pan-American Highway near Popayan on Sunday, and riot police fired tear gas to clear the road, local media reported.",
        ],
    },
    {
        "id": "libya-tripoli",
        "outlet": "Maghreb Monitor",
        "published": "2023-08-16",
        "title": "Twenty-seven killed as rival brigades clash in Tripoli",
        "paragraphs": [
            "Heavy clashes erupted in Tripoli on Monday night between the 444th Brigade and the Special Deterrence Force, killing 27 people, the emergency medicine centre said.",
            "Libyan National Army aircraft reportedly bombed positions of rival militias near Sirte on Tuesday.",
            "Pro-government sources said unidentified gunmen had seized a checkpoint on the coastal road west of Zawiya.",
            "Flights at Mitiga airport resumed on Wednesday morning.",
        ],
    },
    {
        "id": "kenya-protests",
        "outlet": "Rift Times",
        "published": "2024-06-26",
        "title": "Police shoot protesters outside parliament; looting in Eldoret",
        "paragraphs": [
            "Police shot dead at least five protesters outside parliament in Nairobi on Tuesday as demonstrators stormed the building, the Kenya National Commission on Human Rights said.",
            "In Eldoret, rioters looted shops and set fire to a police post, witnesses said.",
            "Opposition leaders have called for a nationwide strike on Thursday. The finance bill has been a battleground between the treasury and lawmakers for months.",
        ],
    },
    {
        "id": "niger-tillaberi",
        "outlet": "Sahel Observer",
        "published": "2024-01-10",
        "title": "Eleven soldiers killed in ambush near Tillaberi",
        "paragraphs": [
            "Gunmen on motorbikes killed 11 soldiers in an ambush near Tillaberi on Sunday, Niger's defence ministry said in a statement.",
            "In a separate incident, a landmine killed two civilians near Ayorou on Monday, an unnamed security source told reporters.",
            "Jihadist fighters are said to have abducted a village chief near Tera last week.",
        ],
    },
]


def main() -> None:
    """Write one JSON line per article: id, outlet, published, title and the body text."""
    lines = [
        json.dumps(
            {
                "id": article["id"],
                "outlet": article["outlet"],
                "published": article["published"],
                "title": article["title"],
                "text": "\n\n".join(article["paragraphs"]),
            },
            ensure_ascii=False,
        )
        for article in ARTICLES
    ]
    (Path(__file__).resolve().parent / "articles.jsonl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
