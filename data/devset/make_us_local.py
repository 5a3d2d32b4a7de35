"""Build the US local news development set (``us_local_en.json``) from the inline markup below.

Run ``.venv/bin/python data/devset/make_us_local.py`` from the repository root.
The passages were written for mapapp in the style of US (and a few Canadian)
local news wire copy: ALL-CAPS datelines with AP state abbreviations, counties
and parishes, small towns that are also common words, and namesakes that a
story's state settles (Dublin, Ohio; Paris, Kentucky; London, Ontario).
The markup is that of ``make_devset.py`` (``[surface|SPEC|flag]``).

Gold points: towns are the GeoNames coordinates (geonameid noted); states and
provinces the GeoNames admin1 points, rounded; counties and parishes the
Wikidata coordinates of the county, rounded to 0.01 degree.  Organisations
named after places (Washington Post, Paris Public Library, Texas Instruments,
Ohio State University) are not annotated, so tagging them costs precision.
"""
from __future__ import annotations

import json

from make_devset import HERE, build
from mapapp.io.atomic import write_text_atomic

#: (lat, lon); towns from GeoNames (id in the comment), admin1 and counties rounded.
PLACES: dict[str, tuple[float, float]] = {
    # towns (GeoNames)
    "CharlestonWV": (38.3498, -81.6326),  # 4801859
    "SouthCharlestonWV": (38.3684, -81.6996),  # 4822764
    "DunbarWV": (38.3606, -81.7374),  # 4804563
    "MorgantownWV": (39.6295, -79.9559),  # 4815352
    "HuntingtonWV": (38.4192, -82.4451),  # 4809537
    "BeckleyWV": (37.7782, -81.1882),  # 4798308
    "ChieflandFL": (29.475, -82.8598),  # 4150733
    "GainesvilleFL": (29.6516, -82.3248),  # 4156404
    "OrlandoFL": (28.5383, -81.3792),  # 4167147
    "OzarkMO": (37.0209, -93.206),  # 4402245
    "SpringfieldMO": (37.2153, -93.2982),  # 4409896
    "OzarkAL": (31.4591, -85.6405),  # 4081936
    "DublinOH": (40.0992, -83.1141),  # 5152333
    "ColumbusOH": (39.9612, -82.9988),  # 4509177
    "ColumbusGA": (32.461, -84.9877),  # 4188985
    "AthensOH": (39.3292, -82.1013),  # 4505542
    "ToledoOH": (41.6639, -83.5552),  # 5174035
    "LimaOH": (40.7426, -84.1052),  # 5160783
    "CantonOH": (40.7989, -81.3785),  # 5149222
    "ParisTX": (33.6609, -95.5555),  # 4717560
    "ParisKY": (38.2098, -84.253),  # 4303602
    "LexingtonKY": (37.9887, -84.4777),  # 4297983
    "FrankfortKY": (38.2009, -84.8733),  # 4292188
    "LouisvilleKY": (38.2542, -85.7594),  # 4299276
    "PaducahKY": (37.0834, -88.6),  # 4048662
    "HazardKY": (37.2495, -83.1932),  # 4294349
    "AthensGA": (33.9609, -83.3779),  # 4180386
    "MaconGA": (32.8407, -83.6324),  # 4207400
    "SavannahGA": (32.0835, -81.0998),  # 4221552
    "LondonON": (42.9834, -81.233),  # 6058560
    "TorontoON": (43.7064, -79.3986),  # 6167865
    "RochesterMN": (44.0216, -92.4699),  # 5043473
    "DuluthMN": (46.7833, -92.1066),  # 5024719
    "RochesterNY": (43.1548, -77.6156),  # 5134086
    "ManhattanKS": (39.1836, -96.5717),  # 4274994
    "TopekaKS": (39.0483, -95.678),  # 4280539
    "WichitaKS": (37.6922, -97.3375),  # 4281730
    "SalinaKS": (38.8403, -97.6114),  # 4278890
    "HaysKS": (38.8792, -99.3268),  # 4272782
    "EmporiaKS": (38.4039, -96.1817),  # 4271086
    "ColumbiaSC": (34.0007, -81.0348),  # 4575352
    "GreenvilleSC": (34.8526, -82.394),  # 4580543
    "SpartanburgSC": (34.9496, -81.9321),  # 4597200
    "CharlestonSC": (32.7763, -79.9327),  # 4574324
    "VancouverBC": (49.2497, -123.1193),  # 6173331
    "KamloopsBC": (50.6665, -120.3192),  # 5989045
    "KelownaBC": (49.8831, -119.4857),  # 5990579
    "ChicagoIL": (41.85, -87.65),  # 4887398
    "EvanstonIL": (42.0411, -87.6901),  # 4891382
    "PeoriaIL": (40.6936, -89.589),  # 4905687
    "SpringfieldIL": (39.8017, -89.6437),  # 4250542
    "CarbondaleIL": (37.7273, -89.2168),  # 4235193
    "CairoIL": (37.0053, -89.1765),  # 4234985
    "NormalIL": (40.5142, -88.9906),  # 4903780
    "SacramentoCA": (38.5816, -121.4944),  # 5389489
    "AnaheimCA": (33.8353, -117.9145),  # 5323810
    "IrvineCA": (33.6695, -117.8231),  # 5359777
    "HoustonTX": (29.7633, -95.3633),  # 4699066
    "QuebecCity": (46.8123, -71.2145),  # 6325494
    "MontrealQC": (45.5088, -73.5878),  # 6077243
    "AlbanyNY": (42.6526, -73.7562),  # 5106834
    "BuffaloNY": (42.8865, -78.8784),  # 5110629
    "PortlandOR": (45.5234, -122.6762),  # 5746545
    "PortlandME": (43.6574, -70.2589),  # 4975802
    "BangorME": (44.7988, -68.7726),  # 4957280
    "BatonRougeLA": (30.4433, -91.1875),  # 4315588
    "MetairieLA": (29.9841, -90.1529),  # 4333177
    "HattiesburgMS": (31.3271, -89.2903),  # 4429295
    "TupeloMS": (34.2581, -88.7046),  # 4448903
    "MoscowID": (46.7324, -117.0002),  # 5601538
    "BoiseID": (43.6135, -116.2035),  # 5586437
    "MadisonWI": (43.0731, -89.4012),  # 5261457
    "OshkoshWI": (44.0247, -88.5426),  # 5265838
    "MexicoMO": (39.1698, -91.8829),  # 4398103
    "WarsawIN": (41.2381, -85.853),  # 4927854
    "ColumbusIN": (39.2014, -85.9214),  # 4256038
    "BerlinNH": (44.4687, -71.1851),  # 5083330
    "LebanonNH": (43.6423, -72.2518),  # 5088597
    "HanoverNH": (43.7023, -72.2895),  # 5087168
    "FlagstaffAZ": (35.1981, -111.6513),  # 5294810
    "TaosNM": (36.4072, -105.5731),  # 5493811
    "SantaFeNM": (35.687, -105.9378),  # 5490263
    # states and provinces (GeoNames admin1 points, rounded)
    "WestVirginia": (38.5, -80.5), "Florida": (28.75, -82.5), "Missouri": (38.25, -92.5),
    "Alabama": (32.75, -86.75), "Ohio": (40.25, -83.0), "Texas": (31.25, -99.25),
    "Kentucky": (38.2, -84.88), "Georgia": (32.75, -83.5), "Ontario": (49.25, -84.5),
    "Minnesota": (46.25, -94.25), "NewYorkState": (43.0, -75.5), "Kansas": (38.5, -98.5),
    "SouthCarolina": (34.0, -81.0), "BritishColumbia": (53.99, -125.0), "Illinois": (40.0, -89.0),
    "California": (37.25, -119.75), "Quebec": (52.0, -72.0), "Oregon": (44.0, -120.5),
    "Maine": (45.5, -69.25), "Louisiana": (31.0, -92.0), "Mississippi": (32.75, -89.75),
    "Idaho": (44.5, -114.25), "Wisconsin": (44.5, -90.0), "Indiana": (40.0, -86.25),
    "NewHampshire": (43.67, -71.5), "Arizona": (34.5, -111.5), "NewMexico": (34.5, -106.0),
    "Tennessee": (35.75, -86.25),
    # counties and parishes (Wikidata, rounded)
    "CookIL": (41.84, -87.82), "OrangeCA": (33.70, -117.76), "OrangeFL": (28.51, -81.32),
    "KanawhaWV": (38.34, -81.53), "LevyFL": (29.28, -82.78), "JeffersonLA": (29.73, -90.10),
    "FayetteKY": (38.04, -84.46), "RileyKS": (39.30, -96.73), "GreeneMO": (37.26, -93.34),
    "HarrisTX": (29.86, -95.39), "FranklinOH": (39.97, -83.01), "ClarkeGA": (33.95, -83.37),
    "SedgwickKS": (37.68, -97.46), "LamarTX": (33.67, -95.57), "BourbonKY": (38.21, -84.22),
    "OlmstedMN": (44.00, -92.40), "EastBatonRougeLA": (30.54, -91.10), "MaricopaAZ": (33.35, -112.49),
    "ChristianMO": (36.97, -93.19), "GreenvilleCoSC": (34.89, -82.37), "McLeanIL": (40.49, -88.85),
    "DaneWI": (43.07, -89.42),
}

EN = [
    "[CHARLESTON|@CharlestonWV], [W.Va.|@WestVirginia] (AP) — A chemical leak at a plant in [South Charleston|@SouthCharlestonWV] forced residents of [Dunbar|@DunbarWV] to shelter in place Tuesday, [Kanawha County|@KanawhaWV] officials said.",
    "[MORGANTOWN|@MorgantownWV], [W.Va.|@WestVirginia] — West Virginia University will freeze tuition next year, the school's board voted Friday. Students from [Huntington|@HuntingtonWV] and [Beckley|@BeckleyWV] packed the meeting.",
    "[GAINESVILLE|@GainesvilleFL], [Fla.|@Florida] (AP) — A sheriff's deputy was shot during a traffic stop in [Chiefland|@ChieflandFL], a small town in [Levy County|@LevyFL], the sheriff's office said.",
    "[ORLANDO|@OrlandoFL], [Fla.|@Florida] — [Orange County|@OrangeFL] commissioners approved a new bus route linking downtown to the airport. The plan still needs money from [Tallahassee|30.4383,-84.2807|met].",
    "[SPRINGFIELD|@SpringfieldMO], [Mo.|@Missouri] (AP) — Voters in [Ozark|@OzarkMO] approved a sales tax for roads on Tuesday. [Christian County|@ChristianMO] had rejected a similar measure two years ago.",
    "[OZARK|@OzarkAL], [Ala.|@Alabama] — Police in the [Wiregrass|31.3,-85.6] city arrested two men after a chase that ended near the county jail.",
    "[DUBLIN|@DublinOH], [Ohio|@Ohio] (AP) — The Memorial Tournament drew record crowds this week, and hotels from [Dublin|@DublinOH] to downtown [Columbus|@ColumbusOH] were sold out.",
    "[Franklin County|@FranklinOH] prosecutors on Monday charged a [Columbus|@ColumbusOH] man with arson. The fire destroyed two homes on the city's east side, according to The Columbus Dispatch.",
    "[COLUMBUS|@ColumbusGA], [Ga.|@Georgia] — Soldiers returned home this week after nine months overseas. Families gathered at a hangar in [Columbus|@ColumbusGA] to greet them.",
    "[ATHENS|@AthensGA], [Ga.|@Georgia] (AP) — [Clarke County|@ClarkeGA] schools will start classes an hour later this fall. The University of Georgia supports the change, officials said.",
    "[ATHENS|@AthensOH], [Ohio|@Ohio] — Ohio University students returned to campus on Monday. In [Athens|@AthensOH], landlords reported fewer vacancies than last year.",
    "[PARIS|@ParisTX], [Texas|@Texas] (AP) — A tornado damaged dozens of homes in [Paris|@ParisTX] overnight. [Lamar County|@LamarTX] emergency managers opened a shelter at a church.",
    "[PARIS|@ParisKY], [Ky.|@Kentucky] — Horse farms around [Paris|@ParisKY] in [Bourbon County|@BourbonKY] are hiring again. Buyers came from [Lexington|@LexingtonKY] and as far as [Dubai|25.0772,55.3093].",
    "[FRANKFORT|@FrankfortKY], [Ky.|@Kentucky] (AP) — [Kentucky|@Kentucky|mod] lawmakers sent the governor a budget bill on Thursday. Teachers in [Louisville|@LouisvilleKY] and [Paducah|@PaducahKY] had rallied for raises.",
    "[HAZARD|@HazardKY], [Ky.|@Kentucky] — Floodwaters rose again in eastern [Kentucky|@Kentucky] on Saturday, and the National Guard moved trucks into [Hazard|@HazardKY].",
    "[LONDON|@LondonON], [Ontario|@Ontario] (CP) — City council in [London|@LondonON] voted to expand its bus service. Commuters to [Toronto|@TorontoON] welcomed the decision.",
    "[ROCHESTER|@RochesterMN], [Minn.|@Minnesota] (AP) — The Mayo Clinic plans a new research building in downtown [Rochester|@RochesterMN]. [Olmsted County|@OlmstedMN] must still approve the permits.",
    "[ROCHESTER|@RochesterNY], [N.Y.|@NewYorkState] — Kodak said on Tuesday it will add 200 jobs at its plant in [Rochester|@RochesterNY]. State officials in [Albany|@AlbanyNY] promised tax credits.",
    "[MANHATTAN|@ManhattanKS], [Kan.|@Kansas] (AP) — Kansas State University will build a new stadium annex. [Riley County|@RileyKS] commissioners said [Manhattan|@ManhattanKS] roads need work first.",
    "[TOPEKA|@TopekaKS], [Kan.|@Kansas] — The [Kansas|@Kansas|mod] Senate passed a tax cut on Wednesday. Mayors from [Wichita|@WichitaKS], [Salina|@SalinaKS] and [Hays|@HaysKS] warned about lost revenue.",
    "[Sedgwick County|@SedgwickKS] deputies searched a field near [Wichita|@WichitaKS] after a small plane went missing on its way to [Emporia|@EmporiaKS], [Kan.|@Kansas]",
    "[COLUMBIA|@ColumbiaSC], [S.C.|@SouthCarolina] (AP) — [South Carolina|@SouthCarolina|met] will open two new vaccination sites in [Greenville|@GreenvilleSC] and [Spartanburg|@SpartanburgSC], health officials said.",
    "[CHARLESTON|@CharlestonSC], [S.C.|@SouthCarolina] — Cruise ships returned to [Charleston|@CharlestonSC] harbor this spring. [Greenville County|@GreenvilleCoSC] reported a rise in tourism too.",
    "[VANCOUVER|@VancouverBC], [B.C.|@BritishColumbia] (CP) — Wildfire crews were sent from [Vancouver|@VancouverBC] to [Kamloops|@KamloopsBC] and [Kelowna|@KelownaBC] as the fire season began early in [British Columbia|@BritishColumbia].",
    "[CHICAGO|@ChicagoIL] (AP) — [Cook County|@CookIL] judges will hear eviction cases online for another year. Tenants in [Evanston|@EvanstonIL] said the hearings were hard to follow.",
    "[PEORIA|@PeoriaIL], [Ill.|@Illinois] — Caterpillar moved its headquarters out of [Peoria|@PeoriaIL] years ago, but the company still employs thousands in central [Illinois|@Illinois].",
    "[SPRINGFIELD|@SpringfieldIL], [Ill.|@Illinois] (AP) — Lawmakers in [Springfield|@SpringfieldIL] approved money for a new prison hospital. Towns such as [Carbondale|@CarbondaleIL] and [Cairo|@CairoIL] asked for road repairs instead.",
    "[NORMAL|@NormalIL], [Ill.|@Illinois] — Illinois State University said enrollment rose for the third year. [McLean County|@McLeanIL] officials credited the new train station in [Normal|@NormalIL].",
    "[SACRAMENTO|@SacramentoCA], [Calif.|@California] (AP) — [California|@California] regulators fined a utility for a fire near [Anaheim|@AnaheimCA] last year. [Orange County|@OrangeCA] supervisors called the fine too small.",
    "[IRVINE|@IrvineCA], [Calif.|@California] — A startup based in [Irvine|@IrvineCA] said it raised $40 million. Its founder, a former Texas Instruments engineer, told the Los Angeles Times the money will fund 100 jobs.",
    "[HOUSTON|@HoustonTX] (AP) — [Harris County|@HarrisTX] officials extended the burn ban as drought worsened. The Washington Post reported that water use in [Houston|@HoustonTX] hit a record.",
    "[QUEBEC CITY|@QuebecCity] (CP) — The government of [Quebec|@Quebec] will spend $2 billion on hospitals. Patients in [Montreal|@MontrealQC] wait the longest for surgery, the health minister said.",
    "[ALBANY|@AlbanyNY], [N.Y.|@NewYorkState] — The New York Times reported that [New York|@NewYorkState] lawmakers agreed on a budget late Friday. Upstate mayors from [Buffalo|@BuffaloNY] to [Rochester|@RochesterNY] won more school aid.",
    "[PORTLAND|@PortlandME], [Maine|@Maine] (AP) — Lobster prices fell again this summer. Dealers in [Portland|@PortlandME] and [Bangor|@BangorME] blamed weak demand from restaurants.",
    "[PORTLAND|@PortlandOR], [Ore.|@Oregon] — Light rail service in [Portland|@PortlandOR] was halted after a power failure. Buses ran between downtown and the airport.",
    "[BATON ROUGE|@BatonRougeLA], [La.|@Louisiana] (AP) — [East Baton Rouge Parish|@EastBatonRougeLA] schools closed for a second day after flooding. In [Jefferson Parish|@JeffersonLA], crews pumped water from streets in [Metairie|@MetairieLA].",
    "[HATTIESBURG|@HattiesburgMS], [Miss.|@Mississippi] — A storm knocked out power to 20,000 customers across southern [Mississippi|@Mississippi]. Crews from [Tupelo|@TupeloMS] were sent to help.",
    "[MOSCOW|@MoscowID], [Idaho|@Idaho] (AP) — The University of Idaho reopened its campus on Monday. Police in [Moscow|@MoscowID] said they had increased patrols. State officials in [Boise|@BoiseID] promised more counselors.",
    "[MADISON|@MadisonWI], [Wis.|@Wisconsin] — [Dane County|@DaneWI] will test a four-day work week for some staff. [Oshkosh|@OshkoshWI] and other cities are watching the trial.",
    "[MEXICO|@MexicoMO], [Mo.|@Missouri] (AP) — A factory that made firebricks in this small town for a century will close, the company said. About 150 workers in [Mexico|@MexicoMO] will lose their jobs.",
    "[WARSAW|@WarsawIN], [Ind.|@Indiana] — Orthopedic device makers in [Warsaw|@WarsawIN] are hiring again. A new plant in [Columbus|@ColumbusIN], [Ind.|@Indiana], will open next year.",
    "[BERLIN|@BerlinNH], [N.H.|@NewHampshire] (AP) — The old paper mill in [Berlin|@BerlinNH] will become a solar farm. Dartmouth researchers from [Hanover|@HanoverNH] will study the site, and the hospital in [Lebanon|@LebanonNH] signed on as a customer.",
    "[FLAGSTAFF|@FlagstaffAZ], [Ariz.|@Arizona] — Snow closed Interstate 40 east of [Flagstaff|@FlagstaffAZ] on Sunday. [Maricopa County|@MaricopaAZ] officials said travelers should wait.",
    "[TAOS|@TaosNM], [N.M.|@NewMexico] (AP) — A wildfire near [Taos|@TaosNM] forced evacuations. Firefighters from [Santa Fe|@SantaFeNM] joined the effort.",
    "A Paris Public Library branch in [Paris|@ParisKY], [Ky.|@Kentucky], will reopen after repairs. The library said readers from [Bourbon County|@BourbonKY] can borrow books at the [Lexington|@LexingtonKY] branch until then.",
    "Paris Saint-Germain will play a friendly in [Columbus|@ColumbusOH], [Ohio|@Ohio], the club said, and the Bank of England chief will speak at Ohio State University the same week.",
]


def main() -> int:
    import make_devset

    make_devset.PLACES.update(PLACES)
    docs = build("en", EN)
    for doc in docs:
        doc["id"] = doc["id"].replace("dev_en", "us_local_en")
    path = HERE / "us_local_en.json"
    write_text_atomic(path, json.dumps(docs, ensure_ascii=False, indent=1) + "\n")
    print(f"{path.name}: {len(docs)} documents, {sum(len(d['mentions']) for d in docs)} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
