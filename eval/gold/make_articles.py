"""Writes articles.jsonl: invented conflict reports in wire style, written for newstrace's events gold set.

Every incident is invented; the places are real. Run: python eval/gold/make_articles.py
"""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "id": "mali-gao",
        "outlet": "Sahel Wire",
        "published": "2023-05-16",
        "title": "Attack on market near Gao kills seven; army reports strike on militant camp",
        "paragraphs": [
            "Gunmen on motorcycles killed at least seven civilians in an attack on a weekly market near Gao on Sunday, regional officials said.",
            "The Malian army said its aircraft struck a militant camp near Tessit on Monday, killing about 20 fighters.",
            "A jihadist group claimed on a messaging app that its fighters had ambushed an army convoy between Ansongo and Menaka, but the claim could not be independently verified.",
            "Security sources said two soldiers were killed when their vehicle struck a landmine outside Gao on Saturday.",
            "The government plans to deploy additional troops to the region next month, the defence minister said. Mali has been battling an insurgency since 2012.",
        ],
    },
    {
        "id": "somalia-shabaab",
        "outlet": "Horn Dispatch",
        "published": "2024-02-09",
        "title": "Al-Shabaab attacks base as suicide bomber strikes Mogadishu",
        "paragraphs": [
            "Al-Shabaab fighters attacked a military base near Jowhar early on Thursday, sparking hours of fighting with Somali troops, a military commander told reporters.",
            "A suicide bomber blew himself up at a checkpoint in Mogadishu's Hodan district on Wednesday, killing four people, police said.",
            "Somali troops recaptured the town of Bulo Burte from al-Shabaab on Tuesday, state media reported.",
            "Witnesses said gunmen abducted a local aid worker from her home in Baidoa overnight.",
            "Officials fear the militants could launch new attacks on the capital ahead of the elections.",
        ],
    },
    {
        "id": "ukraine-kherson",
        "outlet": "Eastern Europe Monitor",
        "published": "2023-10-04",
        "title": "Shelling kills two in Kherson; air force downs drones over Odesa",
        "paragraphs": [
            "Russian forces shelled the center of Kherson on Tuesday, killing two civilians and wounding five, the regional governor said.",
            "Ukraine's air force said it shot down 24 of 31 Shahed drones launched overnight, most of them over the Odesa region.",
            "Pro-Russian bloggers claimed that Russian troops had captured a village near Bakhmut, but Ukraine's military denied this.",
            "Kyiv is preparing a counteroffensive in the south, according to Western officials.",
            "Police in Zaporizhzhia detained a man suspected of passing the coordinates of military sites to Russian intelligence, the SBU security service said.",
        ],
    },
    {
        "id": "nigeria-protests",
        "outlet": "West Africa Today",
        "published": "2024-08-02",
        "title": "Thousands march over food prices; police fire tear gas in Kano",
        "paragraphs": [
            "Thousands of protesters marched through Lagos on Thursday to denounce rising food prices, in a largely peaceful demonstration.",
            "In Kano, police fired tear gas to disperse hundreds of demonstrators who had blocked a highway, witnesses told reporters.",
            "A local rights group said security forces killed at least 13 protesters in Maiduguri and Zaria, a claim the police denied.",
            "Youths looted a government warehouse in Jos and set vehicles on fire, residents said.",
            "Organisers said they would hold more rallies next week if the government did not cut fuel prices.",
            "Separately, a mob lynched a man accused of theft in Onitsha on Wednesday, police spokesman Tochukwu Ikenga said.",
        ],
    },
    {
        "id": "syria-iraq",
        "outlet": "Levant Brief",
        "published": "2022-11-21",
        "title": "Turkish jets strike near Kobani; IS commander held in Kirkuk",
        "paragraphs": [
            "Turkish warplanes struck several villages near Kobani overnight, the Syrian Democratic Forces said, adding that three of its fighters were killed.",
            "A roadside bomb exploded near a US patrol in Deir ez-Zor province on Sunday, causing no casualties, the US-led coalition said.",
            "Iraqi counter-terrorism forces arrested an Islamic State commander in a raid on a house in Kirkuk, the Iraqi Joint Operations Command announced.",
            "Hayat Tahrir al-Sham reportedly executed two men accused of spying in Idlib city.",
            "The Syrian Observatory for Human Rights, a UK-based monitor, said pro-government militias had looted homes in the town of Maarat al-Numan.",
            "Russia and Turkey agreed on Sunday to resume joint patrols in northern Syria, Russia's defence ministry said.",
        ],
    },
    {
        "id": "sudan-rsf",
        "outlet": "Nile Correspondent",
        "published": "2023-12-12",
        "title": "RSF seizes Wad Madani as army jets bomb Omdurman",
        "paragraphs": [
            "The Rapid Support Forces seized control of Wad Madani on Monday after days of fighting with the army, residents said.",
            "Sudanese Armed Forces aircraft bombed RSF positions in Omdurman, killing dozens, according to a medical source.",
            "RSF fighters allegedly raped several women in El Geneina, a UN official told Reuters.",
            "The army and the RSF signed a ceasefire agreement in Jeddah in May, but it collapsed within days.",
            "Sudan's army has been recruiting civilians in Gedaref, according to local sources.",
            "Analysts say the RSF might next try to advance on Sennar.",
        ],
    },
    {
        "id": "pakistan-afghanistan",
        "outlet": "South Asia Ledger",
        "published": "2024-03-19",
        "title": "Militants storm police station; Pakistani jets strike Khost",
        "paragraphs": [
            "Militants stormed a police station in Dera Ismail Khan late on Monday, killing four policemen, police said.",
            "The Pakistani Taliban claimed responsibility for the attack in a statement.",
            "Pakistani jets purportedly carried out airstrikes on suspected hideouts in Afghanistan's Khost province, killing eight people, the Taliban government said.",
            "A grenade attack on a bus stop in Quetta wounded 11 people on Sunday.",
            "Thousands of supporters of the jailed former prime minister rallied peacefully in Lahore on Friday.",
            "The army has established a new base in North Waziristan, the military's media wing said.",
        ],
    },
    {
        "id": "drc-m23",
        "outlet": "Great Lakes Post",
        "published": "2024-06-07",
        "title": "M23 takes Kanyabayonga; ADF massacre near Beni",
        "paragraphs": [
            "M23 rebels took control of the town of Kanyabayonga on Wednesday after Congolese troops withdrew, local civil society leaders said.",
            "ADF militants killed at least 40 villagers with machetes in an overnight raid near Beni, the army spokesman said, calling it a massacre.",
            "Unconfirmed reports said a drone struck an airstrip near Goma on Thursday.",
            "Police arrested 15 opposition supporters who tried to stage a sit-in outside the electoral commission in Kinshasa.",
            "UN peacekeepers handed over their base in Bunia to the Congolese army last month as part of their withdrawal.",
            "Officials warned that the rebels may attempt to seize Butembo next.",
        ],
    },
    {
        "id": "yemen-red-sea",
        "outlet": "Gulf Observer",
        "published": "2024-01-15",
        "title": "Houthis fire missiles at ship; clashes south of Marib",
        "paragraphs": [
            "Houthi forces fired two anti-ship missiles at a commercial vessel in the Red Sea on Sunday, the US Central Command said.",
            "A US Navy destroyer intercepted one of the missiles, it added.",
            "Houthi-run media claimed that US and British aircraft had bombed positions near Hodeidah airport overnight.",
            "Yemeni government forces clashed with Houthi fighters south of Marib city, killing five on both sides, a pro-government news site reported.",
            "Houthi leader Abdul-Malik al-Houthi vowed to continue attacks on shipping until the war in Gaza ends.",
        ],
    },
]


def main() -> None:
    """Write the articles as JSON lines beside this script."""
    out = Path(__file__).resolve().parent / "articles.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for article in ARTICLES:
            record = {k: v for k, v in article.items() if k != "paragraphs"}
            record["text"] = "\n\n".join(article["paragraphs"])  # type: ignore[arg-type]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
