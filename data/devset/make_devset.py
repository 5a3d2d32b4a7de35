"""Build the annotated development set from the inline markup below.

Run ``.venv/bin/python data/devset/make_devset.py`` from the repository root; it
writes ``dev_de.json`` and ``dev_en.json`` next to itself in the GeoWebNews JSON
format (see ``/work/shared/corpora/README.md``). The passages were written for
mapapp; annotating them inline keeps text and gold reviewable side by side.

Markup: ``[surface|SPEC|flag...]`` where SPEC is
  * ``RU`` — a country by ISO code (gold ``cc``; lat/lon = Natural Earth label point),
  * ``@Key`` — a place from ``PLACES`` below,
  * ``46.6354,32.6169`` — coordinates given inline;
and the optional flags are ``dem`` (demonym/adjective: kind demonym, type
Demonym), ``met`` (Metonymic) or ``mod`` (Non_Literal_Modifier). Everything
outside brackets is unannotated — including the distractors that must stay so.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
from mapapp.io.atomic import write_text_atomic
from mapapp.gazetteer.naturalearth import read_countries

#: Gold points (lat, lon), rounded GeoNames/Wikidata coordinates of the city
#: centre, the site itself, or a central point of a region or sea.
PLACES: dict[str, tuple[float, float]] = {
    "Moscow": (55.7558, 37.6173), "Kyiv": (50.4501, 30.5234), "Kharkiv": (49.9935, 36.2304),
    "Kherson": (46.6354, 32.6169), "Odesa": (46.4825, 30.7233), "Mariupol": (47.0971, 37.5434),
    "Lviv": (49.8397, 24.0297), "Bakhmut": (48.5953, 38.0003), "Crimea": (45.3, 34.4),
    "Sevastopol": (44.6167, 33.5254), "BlackSea": (43.4, 34.0), "Donbas": (48.0, 38.0),
    "Donetsk": (48.0159, 37.8028), "StPetersburg": (59.9343, 30.3351),
    "Vladivostok": (43.1155, 131.8855), "Novosibirsk": (55.0084, 82.9357),
    "Yekaterinburg": (56.8389, 60.6057), "Kaliningrad": (54.7104, 20.4522),
    "Tbilisi": (41.7151, 44.8271), "Yerevan": (40.1792, 44.4991), "Baku": (40.4093, 49.8671),
    "Karabakh": (39.8, 46.75), "Stepanakert": (39.8153, 46.7519), "SouthOssetia": (42.3, 44.0),
    "Beijing": (39.9042, 116.4074), "Shanghai": (31.2304, 121.4737), "Taipei": (25.033, 121.5654),
    "TaiwanStrait": (24.5, 119.5), "HongKong": (22.3193, 114.1694), "Xinjiang": (41.5, 85.5),
    "Jerusalem": (31.7683, 35.2137), "GazaStrip": (31.4, 34.38), "TelAviv": (32.0853, 34.7818),
    "Beirut": (33.8938, 35.5018), "TripoliLY": (32.8872, 13.1913), "TripoliLB": (34.4367, 35.8497),
    "Damascus": (33.5138, 36.2765), "Tehran": (35.6892, 51.389), "RedSea": (20.0, 38.5),
    "BabElMandeb": (12.58, 43.33), "SuezCanal": (30.7, 32.34), "Sanaa": (15.3694, 44.191),
    "Istanbul": (41.0082, 28.9784), "Ankara": (39.9334, 32.8597),
    "WashingtonDC": (38.9072, -77.0369), "ParisTX": (33.6609, -95.5555), "Texas": (31.2504, -99.2506),
    "MoscowID": (46.7324, -117.0002), "Idaho": (44.4, -114.6), "BrestBY": (52.0976, 23.7341),
    "BrestFR": (48.3904, -4.4861), "Minsk": (53.9006, 27.559), "Brittany": (48.2, -2.93),
    "FrankfurtOder": (52.3471, 14.5506), "FrankfurtMain": (50.1109, 8.6821),
    "GeorgiaUS": (32.7, -83.4), "Atlanta": (33.749, -84.388), "CambridgeMA": (42.3736, -71.1097),
    "Massachusetts": (42.3, -71.8), "CambridgeUK": (52.2053, 0.1218), "SydneyNS": (46.1368, -60.1942),
    "NovaScotia": (45.0, -63.0), "SydneyAU": (-33.8688, 151.2093), "VictoriaBC": (48.4284, -123.3656),
    "BritishColumbia": (54.0, -125.0), "Milan": (45.4642, 9.19), "Rome": (41.9028, 12.4964),
    "Berlin": (52.52, 13.405), "Munich": (48.1351, 11.582), "Hamburg": (53.5511, 9.9937),
    "Brussels": (50.8503, 4.3517), "Strasbourg": (48.5734, 7.7521), "Warsaw": (52.2297, 21.0122),
    "Vilnius": (54.6872, 25.2797), "Geneva": (46.2044, 6.1432), "Vienna": (48.2082, 16.3738),
    "Budapest": (47.4979, 19.0402), "London": (51.5074, -0.1278),
    "KennedySC": (28.5729, -80.649), "Starbase": (25.9971, -97.1554), "Kourou": (5.1597, -52.6503),
    "Jiuquan": (40.9606, 100.2983), "Wenchang": (19.6145, 110.951), "Sriharikota": (13.7199, 80.2304),
    "Plesetsk": (62.9271, 40.5777), "Baikonur": (45.965, 63.305), "Houston": (29.7604, -95.3698),
    "ZaporizhzhiaNPP": (47.5119, 34.5856), "Enerhodar": (47.4989, 34.6558),
    "ChernobylNPP": (51.3894, 30.0989), "Fukushima1": (37.4211, 141.0328),
    "Flamanville": (49.5366, -1.8817), "Olkiluoto": (61.2372, 21.4406), "Akkuyu": (36.1444, 33.5411),
    "BushehrNPP": (28.8289, 50.8856), "Doha": (25.2854, 51.531), "Tokyo": (35.6762, 139.6503),
    "LosAngeles": (34.0522, -118.2437), "Melbourne": (-37.8136, 144.9631),
    "Nairobi": (-1.2921, 36.8219), "AddisAbaba": (9.03, 38.74), "Khartoum": (15.5007, 32.5599),
    "Darfur": (13.5, 24.0), "Lagos": (6.5244, 3.3792), "Abuja": (9.0765, 7.3986),
    "Johannesburg": (-26.2041, 28.0473), "CapeTown": (-33.9249, 18.4241), "Niamey": (13.5116, 2.1254),
    "Bamako": (12.6392, -8.0029), "Mogadishu": (2.0469, 45.3182), "Goma": (-1.6792, 29.2228),
    "Brasilia": (-15.7939, -47.8828), "SaoPaulo": (-23.5505, -46.6333),
    "BuenosAires": (-34.6037, -58.3816), "Caracas": (10.4806, -66.9036), "Bogota": (4.711, -74.0721),
    "MexicoCity": (19.4326, -99.1332), "Santiago": (-33.4489, -70.6693), "Lima": (-12.0464, -77.0428),
    "Amazonia": (-3.4653, -62.2159), "Havana": (23.1136, -82.3666),
    "PortAuPrince": (18.5944, -72.3074), "Florida": (28.1, -81.6), "Miami": (25.7617, -80.1918),
    "NewOrleans": (29.9511, -90.0715), "Louisiana": (31.0, -92.0), "Iowa": (42.0, -93.5),
    "DesMoines": (41.5868, -93.625), "NewHampshire": (43.7, -71.6), "Pennsylvania": (40.9, -77.8),
    "Philadelphia": (39.9526, -75.1652), "Arizona": (34.2, -111.6), "Phoenix": (33.4484, -112.074),
    "Michigan": (44.3, -85.4), "Detroit": (42.3314, -83.0458), "NewYork": (40.7128, -74.006),
    "Chicago": (41.8781, -87.6298), "Milwaukee": (43.0389, -87.9065), "Ottawa": (45.4215, -75.6972),
    "Manila": (14.5995, 120.9842), "SouthChinaSea": (12.0, 113.0), "Seoul": (37.5665, 126.978),
    "Pyongyang": (39.0392, 125.7625), "NewDelhi": (28.6139, 77.209), "Islamabad": (33.6844, 73.0479),
    "Kabul": (34.5553, 69.2075), "Astana": (51.1694, 71.4491), "Bishkek": (42.8746, 74.5698),
    "Tashkent": (41.2995, 69.2401), "Chisinau": (47.0105, 28.8638), "Transnistria": (47.2, 29.4),
    "Tiraspol": (46.8403, 29.6433), "Helsinki": (60.1699, 24.9384), "Stockholm": (59.3293, 18.0686),
    "Gotland": (57.5, 18.55), "BalticSea": (58.0, 20.0), "Narva": (59.3797, 28.1791),
    "Mediterranean": (35.0, 18.0), "Lampedusa": (35.5088, 12.5993), "Valencia": (39.4699, -0.3763),
    "AhrweilerBN": (50.5447, 7.1133), "Dresden": (51.0504, 13.7373), "Leipzig": (51.3397, 12.3731),
    "Bavaria": (48.9, 11.4), "Saxony": (51.0, 13.5), "Brandenburg": (52.4, 13.0),
    "Marseille": (43.2965, 5.3698), "Kiruna": (67.8558, 20.2253), "Reykjavik": (64.1466, -21.9426),
    "Grindavik": (63.8424, -22.4338), "Madrid": (40.4168, -3.7038), "Catalonia": (41.82, 1.47),
    "Barcelona": (41.3874, 2.1686), "Athens": (37.9838, 23.7275), "Belgrade": (44.7866, 20.4489),
    "Pristina": (42.6629, 21.1655), "Dubai": (25.2048, 55.2708), "Hormuz": (26.5667, 56.25),
    "Cairo": (30.0444, 31.2357), "SharmElSheikh": (27.9158, 34.33), "Rafah": (31.2969, 34.2455),
    "Aleppo": (36.2021, 37.1343), "Idlib": (35.9306, 36.6339), "Mosul": (36.335, 43.1189),
    "Baghdad": (33.3152, 44.3661), "Erbil": (36.1911, 44.0092), "Avdiivka": (48.1394, 37.7497),
    "Belgorod": (50.5997, 36.5983), "Kursk": (51.7304, 36.1926), "Rostov": (47.2357, 39.7015),
    "Kerch": (45.3562, 36.4674), "Novorossiysk": (44.7239, 37.7689), "Murmansk": (68.9585, 33.0827),
    "Sochi": (43.6028, 39.7342), "Grozny": (43.318, 45.6987), "Chechnya": (43.4, 45.7),
    "Makhachkala": (42.9849, 47.5047), "Kazan": (55.7963, 49.1088), "Irkutsk": (52.287, 104.305),
    "Baikal": (53.5, 108.0), "Khabarovsk": (48.4802, 135.0719), "Yakutsk": (62.0355, 129.6755),
    "Chelyabinsk": (55.1644, 61.4368), "Almaty": (43.25, 76.9167), "Pittsburgh": (40.4406, -79.9959),
    "Wimbledon": (51.434, -0.2143), "Paris": (48.8566, 2.3522), "Kinshasa": (-4.4419, 15.2663),
    "Sudzha": (51.1919, 35.2708), "Zaporizhzhia": (47.8388, 35.1396), "Krasnodar": (45.0355, 38.9753),
    "Jakarta": (-6.2088, 106.8456), "Gdansk": (54.352, 18.6466), "Oslo": (59.9139, 10.7522),
    "Svalbard": (78.5, 17.0), "Nuuk": (64.1814, -51.6941), "Greenland": (72.0, -40.0),
    "Kashgar": (39.4704, 75.9898), "Urumqi": (43.8256, 87.6168), "Lhasa": (29.652, 91.1721),
    # Continents and large regions: the GeoNames points, as GeoWebNews uses them.
    "Europe": (48.691, 9.1406), "Asia": (29.8406, 89.2969), "MiddleEast": (33.1391, 35.8587),
    "England": (52.1605, -0.7031),
    "Antwerp": (51.2194, 4.4025), "Rotterdam": (51.9244, 4.4777), "Lyon": (45.764, 4.8357),
}

FLAGS = {"dem": "Demonym", "met": "Metonymic", "mod": "Non_Literal_Modifier"}
MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]]+)\]")

# ---------------------------------------------------------------------------
DE: list[str] = [
    # Ukraine war
    "Die [ukrainische|UA|dem] Armee hat nach eigenen Angaben mehrere Dörfer nördlich von [Charkiw|@Kharkiv] zurückerobert. "
    "[Russlands|RU|met] Verteidigungsministerium bestritt die Darstellung und meldete seinerseits Geländegewinne "
    "bei [Bachmut|@Bakhmut]. Die [ukrainische|UA|dem] Führung in [Kyjiw|@Kyiv|met] rief die Bevölkerung zur Ruhe auf.",
    "Nach dem Rückzug der [russischen|RU|dem] Truppen aus [Cherson|@Kherson] kehrten Tausende Menschen in die Stadt "
    "zurück. Die Brücken über den Fluss sind jedoch zerstört, und das Ufer gegenüber steht weiter unter Beschuss. "
    "In der [Ukraine|UA] wird der Ort inzwischen als Symbol des Widerstands gefeiert.",
    "Über dem [Schwarzen Meer|@BlackSea] fing die Flugabwehr in der Nacht mehrere Drohnen ab, die Kurs auf "
    "[Sewastopol|@Sevastopol] genommen hatten. Die Halbinsel [Krim|@Crimea] war 2014 von [Russland|RU] annektiert "
    "worden. [Moskau|@Moscow|met] sprach von einem Terrorangriff.",
    "Getreidefrachter verlassen wieder den Hafen von [Odessa|@Odesa]. Das Abkommen war unter Vermittlung der "
    "[Türkei|TR|met] und der Vereinten Nationen in [Istanbul|@Istanbul] geschlossen worden. Die Sache ist für "
    "Länder in [Afrika|5.0,20.0] und im [Nahen Osten|@MiddleEast] von großer Bedeutung.",
    "Im Atomkraftwerk [Saporischschja|@ZaporizhzhiaNPP] ist erneut die externe Stromversorgung ausgefallen. "
    "Experten der Internationalen Atomenergiebehörde aus [Wien|@Vienna] sind vor Ort. Die Anlage nahe "
    "[Enerhodar|@Enerhodar] ist das größte Kernkraftwerk [Europas|@Europe].",
    "Aus [Kiew|@Kyiv] heißt es, die Stromversorgung in [Lwiw|@Lviv] und [Odessa|@Odesa] sei nach den "
    "nächtlichen Raketenangriffen teilweise wiederhergestellt. Die Welt blickt besorgt auf den kommenden Winter. "
    "Auch in [Polen|PL] und der [Republik Moldau|MD] wurden Luftalarme registriert.",
    "Die Stadt [Awdijiwka|@Avdiivka] bei [Donezk|@Donetsk] ist nach monatelangen Kämpfen gefallen. "
    "[Russische|RU|dem] Militärblogger feierten den Erfolg, während [ukrainische|UA|dem] Soldaten von "
    "Munitionsmangel berichteten. Der [Donbass|@Donbas] bleibt das Zentrum der Kämpfe.",
    "[Ukrainische|UA|dem] Einheiten sind im Sommer in die [russische|RU|dem] Region [Kursk|@Kursk] vorgestoßen und "
    "haben die Kleinstadt [Sudscha|@Sudzha] eingenommen. Auch aus [Belgorod|@Belgorod] wurden Angriffe gemeldet.",
    "Die Brücke von [Kertsch|@Kerch] verbindet die [Krim|@Crimea] mit der Region um [Krasnodar|@Krasnodar]. "
    "Nach einem erneuten Anschlag auf das Bauwerk wurde der Verkehr stundenlang gesperrt. "
    "Im Hafen von [Noworossijsk|@Novorossiysk] wurde ein Landungsschiff beschädigt.",
    "[Mariupol|@Mariupol] liegt noch immer in Trümmern. Die Besatzungsbehörden lassen Wohnblocks abreißen und "
    "bauen mit Firmen aus [Rostow am Don|@Rostov] neue Häuser. Viele ehemalige Einwohner leben heute in "
    "[Saporischschja|@Zaporizhzhia] oder im Ausland.",
    # Russia
    "Das Hochwasser hat in [Orsk|51.2293,58.4752] einen Damm brechen lassen. Tausende Menschen mussten die "
    "Stadt verlassen. Auch in [Kasachstan|KZ] stiegen die Pegel, und [Moskau|@Moscow|met] schickte Einsatzkräfte "
    "aus [Tscheljabinsk|@Chelyabinsk].",
    "Mit der Transsibirischen Eisenbahn dauert die Reise von [Moskau|@Moscow] nach [Wladiwostok|@Vladivostok] "
    "sieben Tage. Unterwegs hält der Zug in [Jekaterinburg|@Yekaterinburg], [Nowosibirsk|@Novosibirsk] und "
    "[Irkutsk|@Irkutsk] am [Baikalsee|@Baikal].",
    "In [Kasan|@Kazan] trafen sich die Staatschefs der BRICS-Staaten. Gastgeber [Russland|RU] wollte zeigen, dass "
    "es nicht isoliert ist. Auch der [chinesische|CN|dem] Präsident und der Premier [Indiens|IN|met] reisten an.",
    "Die Exklave [Kaliningrad|@Kaliningrad] liegt zwischen [Polen|PL] und [Litauen|LT]. Als "
    "[Vilnius|@Vilnius|met] den Transit bestimmter Waren untersagte, drohte der Kreml mit Gegenmaßnahmen. "
    "Die [Ostsee|@BalticSea] gilt seither als neuer Brennpunkt.",
    "Aus [Grosny|@Grozny] meldete die Führung [Tschetscheniens|@Chechnya], dass weitere Freiwillige an die Front "
    "geschickt würden. In [Machatschkala|@Makhachkala] in [Dagestan|42.9,47.0] kam es dagegen zu Protesten "
    "gegen die Mobilmachung.",
    "Der Hafen von [Murmansk|@Murmansk] ist ganzjährig eisfrei. Von hier aus fahren Atomeisbrecher entlang der "
    "Nordküste bis nach [Chabarowsk|@Khabarovsk] und weiter. [Norwegens|NO|met] Marine beobachtet die "
    "Bewegungen genau.",
    # Caucasus
    "In [Tiflis|@Tbilisi] demonstrierten erneut Zehntausende gegen das umstrittene Agentengesetz. Die "
    "[georgische|GE|dem] Regierung hält an dem Vorhaben fest. [Georgien|GE] strebt offiziell in die EU, doch "
    "Kritiker sehen eine Annäherung an [Russland|RU].",
    "Nach der Offensive [Aserbaidschans|AZ|met] in [Bergkarabach|@Karabakh] flohen fast alle [Armenier|AM|dem] aus der "
    "Region. In [Stepanakert|@Stepanakert] blieben nur wenige Hundert Menschen zurück. Die Regierung in "
    "[Eriwan|@Yerevan|met] warf [Moskau|@Moscow|met] vor, nicht eingegriffen zu haben.",
    "Die Beziehungen zwischen [Baku|@Baku|met] und [Paris|@Paris|met] sind angespannt, seit [Frankreich|FR] "
    "Waffen an [Armenien|AM] liefert. Die Klimakonferenz in [Aserbaidschan|AZ] stand deshalb unter besonderer "
    "Beobachtung.",
    "[Südossetien|@SouthOssetia] wird nur von [Russland|RU] und wenigen anderen Staaten anerkannt. Seit dem Krieg "
    "von 2008 sind dort [russische|RU|dem] Soldaten stationiert, nur eine Autostunde von [Tiflis|@Tbilisi] entfernt.",
    # Middle East
    "[Jemenitische|YE|dem] Huthi-Milizen haben im [Roten Meer|@RedSea] erneut ein Frachtschiff angegriffen. Viele Reedereien "
    "meiden inzwischen die Meerenge [Bab al-Mandab|@BabElMandeb] und den [Suezkanal|@SuezCanal]. [Ägypten|EG] "
    "verliert dadurch Milliarden an Gebühren.",
    "Im [Gazastreifen|@GazaStrip] ist die humanitäre Lage katastrophal. Am Grenzübergang [Rafah|@Rafah] stauen sich "
    "Hunderte Lastwagen. [Israel|IL|met] und die Hamas verhandeln in [Doha|@Doha] und [Kairo|@Cairo] über eine "
    "Waffenruhe.",
    "Nach dem Raketenangriff aus dem [Libanon|LB] wurden im Norden [Israels|IL] Schulen geschlossen. Die "
    "[israelische|IL|dem] Luftwaffe bombardierte Ziele im Süden von [Beirut|@Beirut]. In [Tel Aviv|@TelAviv] "
    "heulten die Sirenen.",
    "In [Tripolis|@TripoliLY] haben sich rivalisierende Milizen heftige Gefechte geliefert. Die [libysche|LY|dem] "
    "Einheitsregierung sprach von einem Putschversuch. Das Land ist seit dem Sturz Gaddafis gespalten.",
    "Die Hafenstadt [Tripoli|@TripoliLB] im Norden des [Libanon|LB] leidet besonders unter der Wirtschaftskrise. "
    "Viele junge Menschen versuchen, über das [Mittelmeer|@Mediterranean] nach [Zypern|CY] zu gelangen. In [Beirut|@Beirut] "
    "ist das Parlament seit Monaten blockiert.",
    "Der [Iran|IR|met] hat die Urananreicherung in der Anlage [Fordo|34.8847,50.9956] ausgeweitet. Uran mit einem Reinheitsgrad von "
    "60 Prozent sei kaum noch für zivile Zwecke erklärbar, hieß es in [Wien|@Vienna|met]. Auch das Kraftwerk "
    "[Buschehr|@BushehrNPP] steht unter Beobachtung.",
    "In [Damaskus|@Damascus] übernahm nach dem Sturz Assads eine Übergangsregierung. Aus [Idlib|@Idlib] und "
    "[Aleppo|@Aleppo] kehrten Kämpfer in die Hauptstadt zurück. Die [Türkei|TR|met] und [Katar|QA|met] sagten "
    "Unterstützung zu.",
    # China / Taiwan / Asia
    "Die [chinesische|CN|dem] Marine hat rund um [Taiwan|TW] ein großes Manöver abgehalten. [Peking|@Beijing|met] "
    "sprach von einer Warnung an die Separatisten in [Taipeh|@Taipei|met]. Auch in der "
    "[Taiwanstraße|@TaiwanStrait] wurden Kriegsschiffe gesichtet.",
    "In [Schanghai|@Shanghai] sind die Immobilienpreise erneut gefallen. Ökonomen in [Hongkong|@HongKong] warnen vor "
    "einer Deflation in der [Volksrepublik|CN]. Die Regierung hat ein neues Konjunkturpaket angekündigt.",
    "Menschenrechtler werfen [China|CN|met] schwere Verbrechen an den Uiguren in [Xinjiang|@Xinjiang] vor. "
    "Berichte aus [Kaschgar|@Kashgar] und [Ürümqi|@Urumqi] belegen Masseninternierungen. [Berlin|@Berlin|met] "
    "fordert eine unabhängige Untersuchung.",
    "Die [Philippinen|PH] und [China|CN] streiten im [Südchinesischen Meer|@SouthChinaSea] um ein Riff. In "
    "[Manila|@Manila] protestierten Hunderte vor der [chinesischen|CN|dem] Botschaft.",
    "[Nordkorea|KP] hat erneut eine Interkontinentalrakete getestet. Machthaber Kim Jong Un beobachtete den Start "
    "persönlich. In [Seoul|@Seoul] und [Tokio|@Tokyo] trat der Krisenstab zusammen.",
    # Space
    "Vom Kosmodrom [Baikonur|@Baikonur] ist eine Sojus-Rakete mit drei Raumfahrern zur Internationalen Raumstation "
    "gestartet. [Kasachstan|KZ] hat das Gelände an [Russland|RU] verpachtet. Die Landung ist in der "
    "[kasachischen|KZ|dem] Steppe geplant.",
    "Die Trägerrakete Ariane 6 ist erstmals vom Raumfahrtzentrum in [Kourou|@Kourou] in "
    "[Französisch-Guayana|4.0,-53.0] gestartet. Die Bodenstation in [Darmstadt|49.8728,8.6512] übernahm die "
    "Kontrolle des Satelliten.",
    "[China|CN] hat vom Startplatz [Wenchang|@Wenchang] auf der Insel [Hainan|19.2,109.7] eine Mondsonde gestartet. "
    "Die Mission soll Gestein von der Rückseite des Mondes zur Erde bringen. Das Kontrollzentrum liegt in "
    "[Peking|@Beijing].",
    "Vom Weltraumbahnhof [Plessezk|@Plesetsk] im Norden [Russlands|RU] wurde ein Militärsatellit ins All gebracht. "
    "Ein weiterer Start vom Kosmodrom [Wostotschny|51.884,128.334] ist für den Herbst geplant.",
    # Nuclear plants / energy
    "[Frankreich|FR] hat den neuen Reaktor in [Flamanville|@Flamanville] in der [Normandie|49.0,0.0] ans Netz genommen – "
    "zwölf Jahre später als geplant. Auch in [Finnland|FI] ging mit [Olkiluoto|@Olkiluoto] 3 ein ähnlicher "
    "Reaktor erst nach langen Verzögerungen in Betrieb.",
    "Das Kernkraftwerk [Akkuyu|@Akkuyu] an der Südküste der [Türkei|TR] wird von der [russischen|RU|dem] "
    "Rosatom gebaut. [Ankara|@Ankara|met] hofft, so unabhängiger von Gasimporten zu werden.",
    "Vor dem Unglück in [Fukushima|@Fukushima1] galt Atomkraft in [Japan|JP] als unverzichtbar. Nun wird dort "
    "aufbereitetes Kühlwasser ins Meer geleitet, was in [Peking|@Beijing|met] und [Seoul|@Seoul|met] auf Kritik stößt.",
    # EU / Germany
    "In [Brüssel|@Brussels|met] haben sich die Staats- und Regierungschefs auf neue Sanktionen geeinigt. "
    "[Ungarn|HU|met] hatte seinen Widerstand erst in letzter Minute aufgegeben. Die EU will das Paket im "
    "Parlament in [Straßburg|@Strasbourg] vorstellen.",
    "Das Hochwasser erreichte am Wochenende [Frankfurt (Oder)|@FrankfurtOder]. Die Stadt an der "
    "Grenze zu [Polen|PL] baute Sandsackwälle. Im Land [Brandenburg|@Brandenburg] galt die höchste Alarmstufe.",
    "An der Börse in [Frankfurt am Main|@FrankfurtMain] legten die Kurse zu. Händler verwiesen auf gute Zahlen aus "
    "den [USA|US] und die Zinssenkung der Europäischen Zentralbank. Die Welt der Anleger blickt nun nach "
    "[Washington|@WashingtonDC|met].",
    "Drei Jahre nach der Flut im [Ahrtal|@AhrweilerBN] sind viele Häuser noch immer nicht bewohnbar. In "
    "[Bad Neuenahr-Ahrweiler|@AhrweilerBN] fehlen Handwerker. Auch in [Sachsen|@Saxony] und [Bayern|@Bavaria] "
    "mehren sich Starkregenereignisse.",
    "Der Zug aus [Warschau|@Warsaw] nach [Berlin|@Berlin] hielt wegen einer Störung in [Frankfurt (Oder)|@FrankfurtOder]. "
    "Reisende nach [Hamburg|@Hamburg] mussten umsteigen. Die Sache sorgte für Ärger bei den Pendlern.",
    # Belarus, Brest
    "In [Brest|@BrestBY] an der Grenze zu [Polen|PL] stauen sich die Lastwagen kilometerlang. Die Regierung in "
    "[Minsk|@Minsk|met] wirft [Warschau|@Warsaw|met] vor, den Transit zu behindern. Viele Fahrer kommen aus "
    "[Litauen|LT] und [Belarus|BY].",
    "Der Hafen von [Brest|@BrestFR] in der [Bretagne|@Brittany] ist Stützpunkt der [französischen|FR|dem] "
    "Atom-U-Boote. Bei einem Sturm wurden dort Boote losgerissen, auch in [Marseille|@Marseille] am [Mittelmeer|@Mediterranean] "
    "gab es Schäden.",
    # US politics
    "Im Wahlkampf hat der Präsidentschaftskandidat Auftritte in [Georgia|@GeorgiaUS] und [Pennsylvania|@Pennsylvania] "
    "geplant. In [Atlanta|@Atlanta] sprach er vor Tausenden Anhängern. Die [US-amerikanische|US|dem] Presse "
    "erwartet ein knappes Rennen.",
    "Der Ort [Paris|@ParisTX] in [Texas|@Texas] hat mit Paris Hilton nichts zu tun, wirbt aber mit einem Stahlturm "
    "samt Cowboyhut. Touristen aus [Mexiko|MX] und den [Vereinigten Staaten|US] kommen gern vorbei.",
    "Die Universität in [Moscow|@MoscowID] im Bundesstaat [Idaho|@Idaho] trauert um vier ermordete Studenten. "
    "Mit der [russischen|RU|dem] Hauptstadt hat die Kleinstadt nur den Namen gemeinsam.",
    "Forscher aus [Cambridge|@CambridgeMA] in [Massachusetts|@Massachusetts] haben eine neue Batterie "
    "vorgestellt. Georgia O'Keeffe-Ausstellungen und Jordan Peterson-Vorträge finden in der Stadt dagegen wenig "
    "Publikum.",
    # Africa / Latin America
    "Im [Sudan|SD] kämpfen Armee und RSF-Miliz seit über einem Jahr um die Macht. In [Khartum|@Khartoum] sind "
    "ganze Stadtviertel zerstört, in [Darfur|@Darfur] berichten Helfer von Massakern. Viele fliehen in den "
    "[Tschad|TD].",
    "Nach dem Putsch in [Niger|NE] haben [französische|FR|dem] Soldaten das Land verlassen. Die Junta in "
    "[Niamey|@Niamey|met] sucht die Nähe zu [Russland|RU] und zu den Militärregierungen in [Mali|ML] und "
    "[Burkina Faso|BF].",
    "In [Brasília|@Brasilia] hat die Regierung ein Programm gegen die Abholzung am [Amazonas|@Amazonia] "
    "vorgestellt. [Brasiliens|BR] Präsident reiste anschließend nach [São Paulo|@SaoPaulo].",
    "Die Wahl in [Venezuela|VE] wird international angezweifelt. In [Caracas|@Caracas] gingen Tausende auf die "
    "Straße, während Regierungen in [Bogotá|@Bogota|met] und [Buenos Aires|@BuenosAires|met] eine Neuauszählung "
    "forderten.",
    # Sports / weather
    "Das Finale der Fußball-Weltmeisterschaft in [Katar|QA] wurde im [Lusail-Stadion|25.4207,51.4904] bei [Doha|@Doha] ausgetragen. "
    "[Argentinien|AR] gewann gegen [Frankreich|FR] im Elfmeterschießen. In [Buenos Aires|@BuenosAires] feierten "
    "Millionen Menschen.",
    "Bei den Olympischen Spielen in [Paris|@Paris] gewann die [deutsche|DE|dem] Mannschaft Gold im Hockey. Die "
    "Segelwettbewerbe fanden in [Marseille|@Marseille] statt, die Surfer traten auf [Tahiti|-17.65,-149.43] an.",
    "Ein Sturmtief hat in [Valencia|@Valencia] verheerende Überschwemmungen ausgelöst. Mehr als zweihundert "
    "Menschen starben. Die Regierung in [Madrid|@Madrid|met] rief den Notstand aus, [Spaniens|ES] König "
    "besuchte die Region.",
    "Nach dem Vulkanausbruch auf der [Reykjanes-Halbinsel|63.9,-22.4] wurde der Ort [Grindavík|@Grindavik] erneut evakuiert. "
    "Der Flughafen von [Reykjavík|@Reykjavik] blieb geöffnet. [Island|IS] hat über dreißig aktive Vulkansysteme.",
]

EN: list[str] = [
    # Ukraine war
    "[Ukrainian|UA|dem] forces pushed [Russian|RU|dem] troops back from the outskirts of [Kharkiv|@Kharkiv], officials said. "
    "[Moscow|@Moscow|met] insists its offensive is going to plan, while [Kyiv|@Kyiv|met] appealed to allies "
    "for more air defence systems.",
    "A drone struck an oil depot in [Belgorod|@Belgorod], some forty kilometres from the border with "
    "[Ukraine|UA]. In [Kursk|@Kursk] region, residents were told to stay in shelters. The Kremlin blamed "
    "Western weapons.",
    "The [Zaporizhzhia nuclear plant|@ZaporizhzhiaNPP] near [Enerhodar|@Enerhodar] lost external power for the eighth time. "
    "Inspectors from [Vienna|@Vienna|met] said the situation was fragile. [Russia|RU] has occupied the plant "
    "since March 2022.",
    "Grain ships are again leaving [Odesa|@Odesa] despite missile strikes on port facilities. Most cargoes go to "
    "[Egypt|EG], [Indonesia|ID] and [China|CN]. The [Black Sea|@BlackSea] corridor hugs the coast of "
    "[Romania|RO].",
    "Residents of [Mariupol|@Mariupol] say [Russian|RU|dem] contractors from [Rostov-on-Don|@Rostov] are demolishing "
    "damaged buildings. Many who fled now live in [Lviv|@Lviv] or in [Poland|PL].",
    "The exclave of [Kaliningrad|@Kaliningrad] depends on transit through [Lithuania|LT]. Analysts in "
    "[Warsaw|@Warsaw] warn that the [Suwałki Gap|54.1,23.2] between [Belarus|BY] and [Kaliningrad|@Kaliningrad] is NATO's "
    "weakest point.",
    # Russia
    "Authorities in [Yekaterinburg|@Yekaterinburg] detained an [American|US|dem] journalist on espionage charges. "
    "[Washington|@WashingtonDC|met] called the arrest baseless. The reporter was later moved to a prison in "
    "[Moscow|@Moscow].",
    "Floods in the city of [Orsk|51.2293,58.4752] forced thousands from their homes after a dam "
    "burst. Water levels also rose in northern [Kazakhstan|KZ].",
    "In [Novosibirsk|@Novosibirsk], temperatures dropped to minus 40 degrees. Heating failures were also reported "
    "in [Irkutsk|@Irkutsk] and [Yakutsk|@Yakutsk], [Russia|RU]'s coldest major city.",
    "[Vladivostok|@Vladivostok] hosted the Eastern Economic Forum, where [Chinese|CN|dem] and [Indian|IN|dem] investors were "
    "courted. The Kremlin wants to turn the [Russian Far East|55.0,135.0] into a hub for trade with "
    "[Asia|@Asia].",
    # Caucasus
    "Tens of thousands marched through [Tbilisi|@Tbilisi] against the foreign agents law. The [Georgian|GE|dem] "
    "government says the bill is modelled on [American|US|dem] legislation, but critics call it a copy of a [Russian|RU|dem] law.",
    "[Armenia|AM] and [Azerbaijan|AZ] have agreed on the text of a peace treaty. Prime ministers met in "
    "[Washington|@WashingtonDC]. Refugees from [Nagorno-Karabakh|@Karabakh] living in [Yerevan|@Yerevan] "
    "remain sceptical.",
    "The jury in the trial of the [Georgia|@GeorgiaUS] election case sat in [Atlanta|@Atlanta]. Meanwhile, the "
    "country of [Georgia|GE] held its own parliamentary elections, which observers described as flawed.",
    "[South Ossetia|@SouthOssetia] and [Abkhazia|43.0,41.0] remain under [Russian|RU|dem] control. "
    "[Georgia|GE|met] wants them back, but [Moscow|@Moscow|met] recognises both as independent states.",
    # Middle East
    "Houthi rebels fired missiles at a tanker in the [Red Sea|@RedSea], forcing shipping companies to reroute "
    "around the [Cape of Good Hope|-34.3568,18.474]. Traffic through the [Suez Canal|@SuezCanal] has halved.",
    "Clashes between armed groups in [Tripoli|@TripoliLY] left dozens dead. The [Libyan|LY|dem] capital has been "
    "contested since 2011. The UN envoy urged calm.",
    "The northern [Lebanese|LB|dem] city of [Tripoli|@TripoliLB] saw protests over the collapse of the currency. "
    "[Lebanon|LB]'s central bank in [Beirut|@Beirut] has frozen most deposits.",
    "[Israeli|IL|dem] strikes hit targets in [Gaza|@GazaStrip] overnight. Negotiators met in [Cairo|@Cairo] and "
    "[Doha|@Doha] to discuss a ceasefire. Aid trucks remain stuck at [Rafah|@Rafah].",
    "[Iran|IR|met] says its nuclear programme is peaceful, but inspectors found uranium enriched to 60 percent. "
    "Talks in [Geneva|@Geneva] ended without a deal. [Tehran|@Tehran|met] blamed [Washington|@WashingtonDC|met].",
    "Ships passing the [Strait of Hormuz|@Hormuz] were warned of possible attacks. Insurers in [London|@London] "
    "raised premiums. Oil prices jumped in [Dubai|@Dubai] trading.",
    "The fall of Assad's government in [Damascus|@Damascus] surprised many. Rebels from [Idlib|@Idlib] took "
    "[Aleppo|@Aleppo] in days. [Turkey|TR|met] and [Qatar|QA|met] moved quickly to shape the transition.",
    "In northern [Iraq|IQ], displaced families are returning to [Mosul|@Mosul]. The regional government in "
    "[Erbil|@Erbil] and the federal authorities in [Baghdad|@Baghdad] are still arguing over oil revenue.",
    # China / Taiwan
    "[China|CN|met] staged large-scale drills around [Taiwan|TW] after the island's new president took office. "
    "[Taipei|@Taipei|met] condemned the exercises. [Beijing|@Beijing|met] called them a punishment for "
    "separatism.",
    "Property developers in [Shanghai|@Shanghai] and [Hong Kong|@HongKong] reported heavy losses. "
    "[Chinese|CN|dem] consumers are saving rather than spending, economists said.",
    "[Chinese|CN|dem] and [Philippine|PH|dem] vessels collided near a disputed shoal in the [South China Sea|@SouthChinaSea]. "
    "[Manila|@Manila|met] summoned the [Chinese|CN|dem] ambassador.",
    "[North Korea|KP] launched a ballistic missile that landed in the sea off [Japan|JP]. Kim Jong Un "
    "oversaw the test. [Seoul|@Seoul|met] and [Tokyo|@Tokyo|met] held emergency meetings.",
    # US politics and ambiguous names
    "[Paris|@ParisTX], [Texas|@Texas], has a 65-foot steel tower topped with a red cowboy hat. "
    "The town of about 25,000 people is a two-hour drive from [Dallas|32.7767,-96.797].",
    "The state university in [Moscow|@MoscowID], [Idaho|@Idaho], reopened its campus. The small college town "
    "lies just across the state line from [Pullman|46.7313,-117.1796], [Washington|47.4,-120.5].",
    "Researchers in [Cambridge|@CambridgeMA], [Massachusetts|@Massachusetts], unveiled a new vaccine platform. "
    "Their colleagues at [Cambridge|@CambridgeUK] in [England|@England] are running a parallel trial.",
    "Fishermen in [Sydney|@SydneyNS], [Nova Scotia|@NovaScotia], are bracing for another storm. The "
    "port has little in common with its namesake in [Australia|AU].",
    "Wildfire smoke from [British Columbia|@BritishColumbia] drifted over [Victoria|@VictoriaBC] and "
    "[Vancouver|49.2827,-123.1207]. Air quality warnings were also issued in [Seattle|47.6062,-122.3321].",
    "Georgia O'Keeffe's paintings drew record crowds in [New York|@NewYork]. Among the visitors were Paris Hilton "
    "and Jordan Peterson, who posed for photos in front of the gallery.",
    "Denzel Washington and George Washington's descendants attended a gala in [Philadelphia|@Philadelphia]. "
    "The event raised money for schools in [Pennsylvania|@Pennsylvania].",
    "Campaigning in [Michigan|@Michigan], the candidate promised auto workers in [Detroit|@Detroit] new "
    "tariffs on cars from [Mexico|MX] and [China|CN]. Polls in [Arizona|@Arizona] remain tight.",
    "Voters in [Iowa|@Iowa] braved sub-zero temperatures to attend the caucuses in [Des Moines|@DesMoines]. "
    "The race now moves to [New Hampshire|@NewHampshire].",
    "Hurricane Milton made landfall in [Florida|@Florida] as a category three storm. [Tampa|27.9506,-82.4572] "
    "was spared the worst, but flooding hit coastal towns. [Miami|@Miami] opened shelters.",
    # Space
    "SpaceX launched its Starship rocket from [Starbase|@Starbase] in southern [Texas|@Texas]. The booster was "
    "caught by the launch tower. "
    "The flight was monitored from [Houston|@Houston].",
    "A Soyuz rocket lifted off from the [Baikonur Cosmodrome|@Baikonur] in [Kazakhstan|KZ], carrying two [Russian|RU|dem] "
    "cosmonauts and an [American|US|dem] astronaut to the International Space Station.",
    "[India|IN] launched its solar observatory from [Sriharikota|@Sriharikota]. [China|CN] sent astronauts to "
    "its space station from the [Jiuquan launch centre|@Jiuquan] in the [Gobi Desert|42.5,103.0].",
    "The first Ariane 6 lifted off from [Kourou|@Kourou] in [French Guiana|4.0,-53.0]. Officials "
    "in [Paris|@Paris|met] hailed the launch as a return to independent access to space.",
    # Nuclear
    "[Finland|FI]'s [Olkiluoto|@Olkiluoto] 3 reactor is now the most powerful in [Europe|@Europe]. "
    "In [France|FR], the [Flamanville|@Flamanville] reactor was connected to the grid after years of delays.",
    "Decades after the disaster, the [Chernobyl|@ChernobylNPP] exclusion zone was briefly occupied "
    "by [Russian|RU|dem] troops. Radiation levels near [Pripyat|51.4045,30.0542] remain elevated.",
    "[Japan|JP] began releasing treated water from the [Fukushima Daiichi|@Fukushima1] plant. [China|CN|met] "
    "banned [Japanese|JP|dem] seafood in response.",
    # Africa / Latin America
    "Fighting in [Sudan|SD] has displaced more than ten million people. In [Darfur|@Darfur], aid workers reported "
    "mass killings. Refugees crossing into [Chad|TD] described burned villages.",
    "The military juntas of [Mali|ML], [Burkina Faso|BF] and [Niger|NE] have left the regional bloc ECOWAS. "
    "In [Bamako|@Bamako], [Russian|RU|dem] mercenaries have replaced [French|FR|dem] troops.",
    "M23 rebels captured [Goma|@Goma] in eastern [Congo|CD]. The government in [Kinshasa|@Kinshasa|met] accused "
    "[Rwanda|RW|met] of backing the rebels.",
    "[Kenyan|KE|dem] police arrived in [Port-au-Prince|@PortAuPrince] to help [Haiti|HT] fight gangs. The mission is "
    "financed largely by the [United States|US|met].",
    "[Argentina|AR]'s president announced sweeping cuts in [Buenos Aires|@BuenosAires]. Protests spread to "
    "[Córdoba|-31.4201,-64.1888] and [Rosario|-32.9442,-60.6505].",
    "Deforestation in the [Amazon|@Amazonia] fell sharply, officials in [Brasília|@Brasilia] said. The next "
    "climate summit will be held in [Belém|-1.4558,-48.4902].",
    # Sports / weather
    "[Spain|ES] beat [England|@England] in the Euro 2024 final in [Berlin|@Berlin]. Celebrations lasted all "
    "night in [Madrid|@Madrid] and [Barcelona|@Barcelona].",
    "The tennis tournament in [Melbourne|@Melbourne] was interrupted by extreme heat. Players from [Serbia|RS] "
    "and [Italy|IT] reached the final.",
    "Michael Jordan watched from courtside as the Lakers beat the Bulls in [Los Angeles|@LosAngeles]. "
    "The team flies to [Chicago|@Chicago] next week.",
]
# ---------------------------------------------------------------------------
# Seed text gold: rules over the unchanged seed file, so its text stays byte-exact.
# (pattern, SPEC, kind/type flag or "", default type); see README for what is left out.
SEED_RULES: list[tuple[str, str, str]] = [
    (r"\bAlmaty\b", "@Almaty", ""),
    (r"\bKosmodrom Baikonur\b", "@Baikonur", ""),
    (r"\bSary-Shagan Testgelände\b", "46.03,73.70", ""),        # Priozersk, the range's town
    (r"\bNowouralsk\b", "57.25,60.08", ""),
    (r"\bKosmodrom Wostotschny\b", "51.884,128.334", ""),
    (r"\bRoten Platz\b", "55.7539,37.6208", ""),
    (r"\bFernen Osten\b", "55.0,135.0", ""),                     # Russian Far East (region)
    (r"\bMoskau\b", "@Moscow", ""),
    (r"\bKasachstans?\b", "KZ", ""),
    (r"\bRusslands?\b", "RU", "met"),
    (r"\bUkraine\b", "UA", ""),
    (r"\bBelarus\b", "BY", ""),
    (r"\bArmenien\b", "AM", ""),
    (r"\bSyrien\b", "SY", ""),
    (r"\bAmerika\b", "US", ""),
    (r"\bkasachisch\w*", "KZ", "dem"),
    (r"\b[Rr]ussisch\w*", "RU", "dem"),
    (r"\bRussen\b", "RU", "dem"),
    (r"\bchinesisch\w*", "CN", "dem"),
    (r"\bukrainisch\w*", "UA", "dem"),
    (r"\bweißrussisch\w*", "BY", "dem"),
    (r"\bUS-amerikanische\b", "US", "dem"),
]
#: Occurrences whose reading differs from the rule's default, keyed by the text they start.
SEED_TYPES: dict[str, str] = {
    "Moskau stellte": "Metonymic", "Moskau glaubt": "Metonymic", "Moskau jedoch": "Metonymic",
    "Amerika der russischen": "Metonymic",
    "Russland und Kasachstan die größte": "Literal", "Russlands wird diese": "Literal",
    "Russland) angereichert": "Literal", "Russland Weihnachten": "Literal",
}


def build_seed(text: str, countries: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """The seed document with every rule match as a gold mention, in text order."""
    mentions: list[dict[str, Any]] = []
    used: set[str] = set()
    for pattern, spec, flag in SEED_RULES:
        for m in re.finditer(pattern, text):
            _, (mention,) = parse(f"[{m.group(0)}|{spec}{'|' + flag if flag else ''}]", countries)
            mention["start"], mention["end"] = m.start(), m.end()
            for context, kind_type in SEED_TYPES.items():
                if text.startswith(context, m.start()):
                    mention["type"] = kind_type
                    used.add(context)
            mentions.append(mention)
    assert used == set(SEED_TYPES), set(SEED_TYPES) - used
    mentions.sort(key=lambda x: x["start"])
    for a, b in zip(mentions, mentions[1:]):
        assert a["end"] <= b["start"], (a, b)
    for mention in mentions:
        assert text[mention["start"]:mention["end"]] == mention["text"], mention
    return {"id": "seed_kazakhstan_commentary_de", "lang": "de", "text": text, "mentions": mentions}
# ---------------------------------------------------------------------------


def country_points() -> dict[str, tuple[float, float]]:
    return {c.iso_a2: (round(c.label_lat, 4), round(c.label_lon, 4)) for c in read_countries()}


def parse(marked: str, countries: dict[str, tuple[float, float]]) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and gold mentions of one marked-up passage; fails loudly on bad markup."""
    text_parts: list[str] = []
    mentions: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        text_parts.append(marked[pos:m.start()])
        length += m.start() - pos
        surface, spec_and_flags = m.group(1), m.group(2).split("|")
        spec, flags = spec_and_flags[0].strip(), spec_and_flags[1:]
        unknown = [f for f in flags if f not in FLAGS]
        if unknown:
            raise ValueError(f"unknown flag {unknown} in {m.group(0)!r}")
        mention: dict[str, Any] = {"start": length, "end": length + len(surface), "text": surface,
                                   "kind": "demonym" if "dem" in flags else "toponym",
                                   "type": next((FLAGS[f] for f in flags), "Literal")}
        if re.fullmatch(r"[A-Z]{2}", spec):
            if spec not in countries:
                raise ValueError(f"unknown country code in {m.group(0)!r}")
            mention["lat"], mention["lon"] = countries[spec]
            mention["cc"] = spec
        elif spec.startswith("@"):
            mention["lat"], mention["lon"] = PLACES[spec[1:]]
        else:
            lat, lon = (float(v) for v in spec.split(","))
            mention["lat"], mention["lon"] = lat, lon
        if mention["kind"] == "demonym" and "cc" not in mention:
            raise ValueError(f"demonym without country code: {m.group(0)!r}")
        mention["scored"] = True
        mentions.append(mention)
        text_parts.append(surface)
        length += len(surface)
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    if "[" in text or "]" in text:
        raise ValueError(f"unbalanced markup in {marked[:80]!r}")
    for mention in mentions:
        assert text[mention["start"]:mention["end"]] == mention["text"], mention
    return text, mentions


def build(lang: str, passages: list[str]) -> list[dict[str, Any]]:
    countries = country_points()
    docs = []
    for i, marked in enumerate(passages, 1):
        text, mentions = parse(marked, countries)
        docs.append({"id": f"dev_{lang}_{i:03d}", "lang": lang, "text": text, "mentions": mentions})
    return docs


def main() -> int:
    for lang, passages in (("de", DE), ("en", EN)):
        docs = build(lang, passages)
        path = HERE / f"dev_{lang}.json"
        write_text_atomic(path, json.dumps(docs, ensure_ascii=False, indent=1) + "\n")
        print(f"{path.name}: {len(docs)} documents, {sum(len(d['mentions']) for d in docs)} mentions")
    seed_text = (HERE.parent.parent / "seeds" / "kazakhstan_commentary_de.txt").read_text(encoding="utf-8")
    seed = build_seed(seed_text, country_points())
    write_text_atomic(HERE / "seed_gold.json", json.dumps([seed], ensure_ascii=False, indent=1) + "\n")
    print(f"seed_gold.json: 1 document, {len(seed['mentions'])} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
