"""Word lists recognition weighs: prepositions before places, person titles, speech verbs,
words that make a place name an organisation's, and calendar words that are never places."""
from __future__ import annotations

PREPOSITIONS = {
    "de": {"in", "im", "ins", "nach", "aus", "bei", "beim", "von", "vom", "nahe", "um", "durch",
           "unweit", "entlang", "über", "zwischen", "gegen", "zur", "zum", "nördlich", "südlich",
           "östlich", "westlich", "richtung"},
    "en": {"in", "at", "from", "to", "near", "into", "outside", "across", "toward", "towards",
           "of", "between", "around", "inside", "throughout", "via", "through", "against"},
}
PERSON_TITLES = {
    "präsident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "herr", "frau",
    "sprecher", "sprecherin", "pressesprecherin", "pressesprecher", "kommentator", "gründer",
    "aktivist", "aktivisten", "aktivistin", "general", "premier", "premierminister", "dr", "prof",
    "president", "mr", "mrs", "ms", "senator", "governor", "gov", "rep", "sen", "chancellor",
    "secretary", "mayor", "gen", "sir", "lord", "judge", "king", "queen", "prince", "princess",
    "pope", "spokesman", "spokeswoman", "ceo", "coach", "actor", "actress", "singer",
    "bürgermeister", "bürgermeisterin", "papst", "könig", "königin", "prinz", "autor", "author",
    "reporter", "journalist", "journalistin", "analyst", "analystin", "professor", "professorin",
}
SPEECH_VERBS = {"said", "says", "told", "added", "wrote", "asked", "argued", "sagte", "sagt",
                "erklärte", "schrieb", "betonte", "meinte", "fügte"}
ORG_WORDS = {
    "times", "post", "journal", "news", "bank", "university", "universität", "institute",
    "institut", "ministry", "ministerium", "airlines", "airways", "fc", "club", "party", "partei",
    "company", "inc", "corp", "group", "council", "agency", "stiftung", "foundation", "tribune",
    "herald", "gazette", "united", "city", "county", "daily", "express", "telegraph", "globe",
    "zeitung", "rundschau", "allgemeine", "college", "school", "hospital", "airport", "flughafen",
    "state", "street", "avenue", "road", "square", "river", "lake", "mountains",
}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "januar", "februar", "märz", "juni",
            "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag",
            "freitag", "samstag", "sonntag", "christmas", "easter", "weihnachten", "ostern"}
