"""Build the physical-geography and exonym development sets from the inline markup below.

Run ``.venv/bin/python data/devset/make_physical_devset.py`` from the repository
root; it writes ``physical_de.json`` and ``physical_en.json`` next to itself, in
the same format and with the same markup as ``make_devset.py`` (whose parser it
uses). The passages were written for mapapp before any physical feature was in
its gazetteer, so that they measure what was missing rather than what was added.

Gold points (lat, lon) here, rounded:
  * cities: the GeoNames point of the city (as in ``make_devset.PLACES``);
  * seas, straits, lakes, islands, peninsulas, deserts, ranges: the Wikidata
    coordinate (P625) of the feature's item, which is a central point;
  * oceans: the Wikidata point too (the Atlantic 0 N 25 W, the Indian Ocean
    20 S 80 E, the Pacific 0 N 160 W), so only a label point near the middle
    counts as right;
  * rivers: a point on the river's middle course, by hand from its course as
    Wikipedia describes it (a river's Wikidata point is often its mouth, which
    is no fairer a label). Rivers are judged by the 161 km rule like every
    other mention, so a long river needs a label point near its middle.
"""
from __future__ import annotations

import json
import re
from typing import Any

from make_devset import HERE, PLACES, build as build_docs  # the same folder: run as a script

from mapapp.io.atomic import write_text_atomic

#: Gold points of the features and cities these passages add to ``make_devset.PLACES``.
PHYSICAL: dict[str, tuple[float, float]] = {
    # seas, gulfs, straits, oceans
    "CaspianSea": (41.67, 50.67), "NorthSea": (56.0, 3.0), "GulfOfAden": (12.5, 48.0),
    "KerchStrait": (45.33, 36.6), "Bosporus": (41.12, 29.07), "Dardanelles": (40.2, 26.4),
    "SeaOfOkhotsk": (55.0, 150.0), "IndianOcean": (-20.0, 80.0), "Atlantic": (0.0, -25.0),
    "Pacific": (0.0, -160.0), "SeaOfAzov": (46.1, 36.6), "PersianGulf": (26.9, 51.3),
    "Adriatic": (43.0, 15.0), "Aegean": (39.0, 25.0), "EnglishChannel": (50.2, -1.0),
    "SeaOfJapan": (40.0, 135.0), "EastChinaSea": (29.0, 125.0), "BarentsSea": (75.0, 40.0),
    "GulfOfMexico": (25.0, -90.0), "GulfOfFinland": (59.8, 26.0),
    # lakes
    "LakeMichigan": (44.0, -87.0), "LakeConstance": (47.63, 9.37), "AralSea": (45.0, 60.0),
    "LakeGeneva": (46.45, 6.53), "LakeVictoria": (-1.0, 33.0), "LakeLadoga": (60.8, 31.5),
    "LakeBalkhash": (46.5, 74.9), "LakeTiticaca": (-15.8, -69.4), "LakeSuperior": (47.7, -87.5),
    # rivers: a point on the middle course
    "Dnieper": (50.5, 30.6), "Volga": (55.8, 49.1), "Danube": (46.0, 18.9), "Rhine": (49.5, 8.4),
    "Amur": (49.5, 129.5), "Don": (49.5, 41.5), "Elbe": (52.0, 12.0), "Euphrates": (35.9, 38.5),
    "Mississippi": (38.6, -90.2), "Thames": (51.5, -1.0),
    # mountains, deserts, peninsulas, landscapes
    "Alps": (46.5, 10.0), "TianShan": (42.0, 80.0), "Pamir": (38.5, 73.5),
    "Himalaya": (28.0, 84.0), "BlackForest": (48.3, 8.15), "Urals": (60.0, 60.0),
    "Carpathians": (47.5, 25.0), "Harz": (51.75, 10.6), "Pyrenees": (42.67, 1.0),
    "Sahara": (23.0, 13.0), "Gobi": (42.5, 103.0), "Sinai": (29.5, 33.8), "Kamchatka": (57.0, 160.0),
    "KolaPeninsula": (67.5, 36.0), "Caucasus": (42.5, 44.0), "RockyMountains": (45.0, -110.0),
    # islands and archipelagos
    "KurilIslands": (46.5, 150.5), "Sakhalin": (50.0, 142.9), "Mallorca": (39.6, 2.95),
    "Sicily": (37.6, 14.1), "Sardinia": (40.1, 9.0), "Corsica": (42.15, 9.1), "Crete": (35.25, 24.8),
    "Ruegen": (54.4, 13.4), "Sylt": (54.9, 8.33), "Bornholm": (55.13, 14.92), "Lesbos": (39.2, 26.3),
    "SnakeIsland": (45.255, 30.204), "Tenerife": (28.27, -16.6),
    # exonyms of cities (GeoNames points)
    "Lisbon": (38.7167, -9.1333), "TheHague": (52.0767, 4.2986), "Prague": (50.088, 14.4208),
    "Naples": (40.8522, 14.2681), "Venice": (45.4386, 12.3267), "Florence": (43.7793, 11.2463),
    "Turin": (45.0705, 7.6868), "Copenhagen": (55.6759, 12.5655), "Bucharest": (44.4323, 26.1063),
    "Nicosia": (35.1753, 33.3642), "Algiers": (36.7525, 3.042), "Dushanbe": (38.5358, 68.7791),
    "Ashgabat": (37.95, 58.3833), "Cologne": (50.9333, 6.95), "Nuremberg": (49.4478, 11.0683),
    "Krakow": (50.0614, 19.9366), "Wroclaw": (51.1, 17.0333), "Bruges": (51.2089, 3.2242),
    "Liege": (50.6333, 5.5667), "Zurich": (47.3667, 8.55), "Hanover": (52.3705, 9.7332),
    "Gothenburg": (57.7072, 11.9668), "Seville": (37.3828, -5.9732),
}

DE: list[str] = [
    "[Ukrainische|UA|dem] Seedrohnen griffen in der Nacht Schiffe im [Schwarzen Meer|@BlackSea] an. Die Brücke über "
    "die [Straße von Kertsch|@KerchStrait] verbindet die [Krim|@Crimea] mit dem [russischen|RU|dem] Festland.",
    "Der Wasserstand des [Dnjepr|@Dnieper] sank nach der Zerstörung des Staudamms dramatisch. Dörfer am Ufer "
    "des [Dnipro|@Dnieper] wurden evakuiert.",
    "Tanker aus [Kasachstan|KZ] bringen ihr Öl über das [Kaspische Meer|@CaspianSea] nach [Baku|@Baku].",
    "Die Huthi-Miliz beschießt Frachter im [Roten Meer|@RedSea] und im [Golf von Aden|@GulfOfAden]. Viele "
    "Reedereien schicken ihre Schiffe nun um das Kap der Guten Hoffnung.",
    "Durch die [Straße von Hormus|@Hormuz] fährt rund ein Fünftel des weltweit gehandelten Öls. [Iran|IR|met] "
    "drohte erneut mit einer Blockade.",
    "Die Marine verlegt zwei Fregatten in die [Ostsee|@BalticSea]. Auch in der [Nordsee|@NorthSea] sollen "
    "Pipelines und Kabel besser geschützt werden.",
    "Ein Frachter hat im [Bosporus|@Bosporus] eine Havarie erlitten; der Verkehr zwischen dem "
    "[Schwarzen Meer|@BlackSea] und dem [Mittelmeer|@Mediterranean] ist unterbrochen.",
    "Das Hochwasser der [Donau|@Danube] hat in [Ungarn|HU] und [Österreich|AT] Straßen überflutet. In "
    "[Budapest|@Budapest] stieg der Pegel auf einen Rekordwert.",
    "Wegen des Niedrigwassers im [Rhein|@Rhine] können Frachtschiffe nur noch halb beladen fahren. Die Schifffahrt "
    "auf dem [Rhein|@Rhine] ist für die Industrie entscheidend.",
    "Am [Bodensee|@LakeConstance] treffen sich [Deutschland|DE], [Österreich|AT] und die [Schweiz|CH]. "
    "Der Wasserspiegel des [Bodensees|@LakeConstance] ist in diesem Sommer ungewöhnlich niedrig.",
    "Forscher warnen, dass der [Baikalsee|@Baikal] durch Abwässer bedroht ist. Der [Aralsee|@AralSea] ist "
    "fast vollständig ausgetrocknet.",
    "In den [Alpen|@Alps] schmelzen die Gletscher schneller als erwartet. Auch in den [Pyrenäen|@Pyrenees] "
    "fiel kaum Schnee.",
    "Im [Schwarzwald|@BlackForest] sind nach dem Sturm mehrere Straßen gesperrt. Im [Harz|@Harz] leiden die "
    "Fichtenwälder unter dem Borkenkäfer.",
    "Die Bergsteiger wollten im [Himalaya|@Himalaya] einen Achttausender besteigen. Im [Pamir|@Pamir] und im "
    "[Tian Shan|@TianShan] verlieren die Gletscher ebenfalls an Masse.",
    "Im [Kaukasus|@Caucasus] hat ein Erdbeben mehrere Dörfer beschädigt.",
    "[Japan|JP|met] fordert die Rückgabe der südlichen [Kurilen|@KurilIslands]. Vor [Sachalin|@Sakhalin] "
    "fördern Konzerne Gas für den Export.",
    "Auf [Mallorca|@Mallorca] protestieren Einheimische gegen den Massentourismus. Auch auf [Teneriffa|@Tenerife] "
    "gingen Tausende auf die Straße.",
    "Die Waldbrände auf [Sizilien|@Sicily] und [Sardinien|@Sardinia] sind unter Kontrolle. Auf [Korsika|@Corsica] "
    "gilt weiterhin die höchste Warnstufe.",
    "Flüchtlingsboote erreichen immer häufiger [Kreta|@Crete] und [Lesbos|@Lesbos].",
    "Die Urlauberzahlen auf [Rügen|@Ruegen] und [Sylt|@Sylt] haben einen neuen Rekord erreicht. Auf "
    "[Bornholm|@Bornholm] ist die Fähre ausgefallen.",
    "Die [Schlangeninsel|@SnakeIsland] vor der [ukrainischen|UA|dem] Küste wurde zu einem Symbol des Widerstands.",
    "Die [Wolga|@Volga] ist für [Russlands|RU] Binnenschifffahrt die wichtigste Wasserstraße. Bei "
    "[Kasan|@Kazan] ist der Fluss mehrere Kilometer breit.",
    "Am [Amur|@Amur] verläuft die Grenze zwischen [Russland|RU] und [China|CN].",
    "[Chinesische|CN|dem] Schiffe wurden im [Ochotskischen Meer|@SeaOfOkhotsk] und im [Japanischen Meer|@SeaOfJapan] "
    "gesichtet.",
    "Die Erwärmung des [Indischen Ozeans|@IndianOcean] verstärkt die Monsunregen. Auch der "
    "[Atlantik|@Atlantic] ist so warm wie nie seit Beginn der Messungen.",
    "Im [Pazifik|@Pacific] hat ein Seebeben einen Tsunami-Alarm ausgelöst.",
    "Die [Sahara|@Sahara] dehnt sich nach Süden aus. In der Wüste [Gobi|@Gobi] wurden Dinosaurierknochen gefunden.",
    "Auf der Halbinsel [Sinai|@Sinai] haben [ägyptische|EG|dem] Truppen ihre Präsenz verstärkt.",
    "Auf [Kamtschatka|@Kamchatka] ist ein Vulkan ausgebrochen; die Aschewolke zieht über das "
    "[Beringmeer|57.0,-175.0].",
    "Der Flughafen von [Genf|@Geneva] war wegen Nebels stundenlang geschlossen. Am [Genfersee|@LakeGeneva] "
    "liegen auch [Lausanne|46.5197,6.6323] und [Montreux|46.4312,6.9107].",
    "Die Modewoche in [Mailand|@Milan] beginnt am Dienstag; danach geht es nach [Florenz|@Florence] und "
    "[Venedig|@Venice].",
    "In [Lissabon|@Lisbon] und [Sevilla|@Seville] wurden über 44 Grad gemessen.",
    "Vor dem Internationalen Strafgerichtshof in [Den Haag|@TheHague] beginnt der Prozess.",
    "Die Regierung in [Tiflis|@Tbilisi|met] hat das umstrittene Gesetz verabschiedet. In [Eriwan|@Yerevan] "
    "demonstrierten Tausende.",
    "[Peking|@Beijing|met] und [Moskau|@Moscow|met] vertiefen ihre Zusammenarbeit, heißt es aus "
    "[Kiew|@Kyiv] besorgt.",
    "Aus [Prag|@Prague], [Warschau|@Warsaw] und [Bukarest|@Bucharest] kamen Zusagen für weitere Hilfe an "
    "[Kyjiw|@Kyiv|met].",
    "In [Neapel|@Naples] bebte erneut die Erde; in [Turin|@Turin] blieb es ruhig.",
    "Die Konferenz in [Kopenhagen|@Copenhagen] endete ohne Einigung. Das nächste Treffen ist in "
    "[Nikosia|@Nicosia] geplant.",
    "In [Algier|@Algiers] und [Kairo|@Cairo] wurde gegen die Preiserhöhungen protestiert.",
    "Die Gaspipeline soll von [Aschgabat|@Ashgabat] über [Taschkent|@Tashkent] bis nach [Duschanbe|@Dushanbe] "
    "reichen.",
    "Der Weihnachtsmarkt in [Nürnberg|@Nuremberg] öffnet früher; auch [Köln|@Cologne] und [Krakau|@Krakow] "
    "erwarten viele Gäste.",
    "Zwischen [Brügge|@Bruges] und [Lüttich|@Liege] fallen am Montag viele Züge aus; auch Verbindungen nach "
    "[Zürich|@Zurich] und [Breslau|@Wroclaw] sind betroffen.",
    "Die Brücke über die [Elbe|@Elbe] in [Dresden|@Dresden] ist teilweise eingestürzt.",
]

EN: list[str] = [
    "[Ukrainian|UA|dem] sea drones struck a [Russian|RU|dem] warship in the [Black Sea|@BlackSea] overnight. The bridge over the "
    "[Kerch Strait|@KerchStrait] links [Crimea|@Crimea] to the [Russian|RU|dem] mainland.",
    "Water levels on the [Dnieper|@Dnieper] fell sharply after the dam was destroyed. Villages along the "
    "[Dnipro River|@Dnieper] were evacuated.",
    "Oil from [Kazakhstan|KZ] crosses the [Caspian Sea|@CaspianSea] to [Baku|@Baku] by tanker.",
    "Houthi rebels fired missiles at ships in the [Red Sea|@RedSea] and the [Gulf of Aden|@GulfOfAden].",
    "Roughly a fifth of the world's oil passes through the [Strait of Hormuz|@Hormuz]. [Tehran|@Tehran|met] "
    "threatened to close it.",
    "NATO stepped up patrols in the [Baltic Sea|@BalticSea] after a cable was cut. "
    "Pipelines in the [North Sea|@NorthSea] are also under watch.",
    "A cargo ship ran aground in the [Bosphorus|@Bosporus], halting traffic between the [Black Sea|@BlackSea] "
    "and the [Mediterranean|@Mediterranean].",
    "Floods on the [Danube|@Danube] swamped streets in [Hungary|HU] and [Austria|AT].",
    "Low water on the [Rhine|@Rhine] forced barges to sail half empty.",
    "Fishermen on [Lake Michigan|@LakeMichigan] reported the ice forming late. [Lake Superior|@LakeSuperior] "
    "is also unusually warm.",
    "Scientists warn that pollution threatens [Lake Baikal|@Baikal]. The [Aral Sea|@AralSea] has all but "
    "vanished.",
    "Glaciers in the [Alps|@Alps] are melting faster than expected. The [Pyrenees|@Pyrenees] had almost no snow.",
    "Storms brought down trees across the [Black Forest|@BlackForest].",
    "Climbers are returning to the [Himalayas|@Himalaya]. Glaciers in the [Pamirs|@Pamir] and the "
    "[Tian Shan|@TianShan] are shrinking too.",
    "An earthquake damaged villages in the [Caucasus|@Caucasus].",
    "[Japan|JP|met] renewed its claim to the southern [Kuril Islands|@KurilIslands]. Gas fields off "
    "[Sakhalin|@Sakhalin] supply the export terminal.",
    "Residents of [Mallorca|@Mallorca] protested against mass tourism; thousands also marched on "
    "[Tenerife|@Tenerife].",
    "Wildfires on [Sicily|@Sicily] and [Sardinia|@Sardinia] are under control, but [Corsica|@Corsica] remains "
    "on the highest alert.",
    "More migrant boats are reaching [Crete|@Crete] and [Lesbos|@Lesbos].",
    "[Snake Island|@SnakeIsland] off the [Ukrainian|UA|dem] coast became a symbol of resistance.",
    "The [Volga|@Volga] is [Russia's|RU] most important inland waterway.",
    "The border between [Russia|RU] and [China|CN] follows the [Amur|@Amur] for hundreds of miles.",
    "[Chinese|CN|dem] vessels were spotted in the [Sea of Okhotsk|@SeaOfOkhotsk] and the [Sea of Japan|@SeaOfJapan].",
    "A warmer [Indian Ocean|@IndianOcean] is strengthening the monsoon, and the [Atlantic|@Atlantic] is "
    "at record temperatures.",
    "A tsunami warning was issued across the [Pacific|@Pacific] after the quake.",
    "The [Sahara|@Sahara] is spreading south, while dinosaur bones were found in the [Gobi Desert|@Gobi].",
    "[Egyptian|EG|dem] troops were reinforced in the [Sinai Peninsula|@Sinai].",
    "A volcano erupted on [Kamchatka|@Kamchatka], sending ash over the [Bering Sea|57.0,-175.0].",
    "Barges on the [Mississippi|@Mississippi] ran aground as the river fell to record lows.",
    "Rowers trained on the [Thames|@Thames] despite the sewage warnings.",
    "Fog closed the airport in [Geneva|@Geneva] for hours; [Lake Geneva|@LakeGeneva] was hidden under cloud.",
    "Fashion week opens in [Milan|@Milan] on Tuesday before moving to [Florence|@Florence] and "
    "[Venice|@Venice].",
    "Temperatures passed 44 degrees in [Lisbon|@Lisbon] and [Seville|@Seville].",
    "The trial opened at the International Criminal Court in [The Hague|@TheHague].",
    "[Tbilisi|@Tbilisi|met] passed the disputed law as thousands rallied in [Yerevan|@Yerevan].",
    "Aid pledges came from [Prague|@Prague], [Warsaw|@Warsaw] and [Bucharest|@Bucharest] as [Kyiv|@Kyiv|met] "
    "asked for air defence; older maps still write [Kiev|@Kyiv].",
    "The earth shook again in [Naples|@Naples], while [Turin|@Turin] was spared.",
    "Talks in [Copenhagen|@Copenhagen] ended without agreement; the next round is planned for "
    "[Nicosia|@Nicosia].",
    "Protests against price rises spread from [Algiers|@Algiers] to [Cairo|@Cairo].",
    "The pipeline would run from [Ashgabat|@Ashgabat] through [Tashkent|@Tashkent] to [Dushanbe|@Dushanbe].",
    "Christmas markets in [Nuremberg|@Nuremberg], [Cologne|@Cologne] and [Krakow|@Krakow] expect record crowds.",
    "Ferries from [Gothenburg|@Gothenburg] were cancelled, and trains between [Hanover|@Hanover] and "
    "[Wroclaw|@Wroclaw] ran late.",
    "Shipping on the [Elbe|@Elbe] near [Hamburg|@Hamburg] was suspended.",
    "Talks between [Beijing|@Beijing|met] and [Moscow|@Moscow|met] were watched closely in [Washington|@WashingtonDC|met].",
]

_AT = re.compile(r"\|@(\w+)")


def with_points(marked: str) -> str:
    """The markup with every ``@Key`` replaced by its gold point, so one parser serves both sets."""
    points = {**PLACES, **PHYSICAL}

    def point(m: re.Match) -> str:
        lat, lon = points[m.group(1)]
        return f"|{lat},{lon}"
    return _AT.sub(point, marked)


def main() -> int:
    for lang, passages in (("de", DE), ("en", EN)):
        docs: list[dict[str, Any]] = build_docs(lang, [with_points(p) for p in passages])
        for doc in docs:
            doc["id"] = doc["id"].replace("dev_", "physical_")
        path = HERE / f"physical_{lang}.json"
        write_text_atomic(path, json.dumps(docs, ensure_ascii=False, indent=1) + "\n")
        print(f"{path.name}: {len(docs)} documents, {sum(len(d['mentions']) for d in docs)} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
