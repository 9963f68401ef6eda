"""Demonyms and adjectives of places ("Russian", "Chinese", "European") -> the place they are formed from.

Why: news writes most country references as adjectives ("Russian forces", "a Chinese delegation"), and a
geoparser that reads them as their country (the GeoWebNews convention: "Russian" in "Russian troops" is a
non-literal modifier of Russia) finds where a story is about. None of the pinned GeoNames packagings carries
demonyms, so this is a short curated table (common English usage, as in the countries' Wikipedia articles).

A value of two capital letters is an ISO 3166 alpha-2 country code; any other value is the name of a
continent, named region or first-level unit of the gazetteer ("England"). Plurals of people ("Ukrainians")
are derived in `demonym_forms`, not listed.
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    # Europe
    "Albanian": "AL", "Andorran": "AD", "Armenian": "AM", "Austrian": "AT", "Azerbaijani": "AZ", "Azeri": "AZ",
    "Belarusian": "BY", "Belarussian": "BY", "Belgian": "BE", "Bosnian": "BA", "Bulgarian": "BG", "Croatian": "HR",
    "Croat": "HR", "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Dutch": "NL", "Estonian": "EE", "Finnish": "FI",
    "French": "FR", "Georgian": "GE", "German": "DE", "Greek": "GR", "Hungarian": "HU", "Icelandic": "IS",
    "Irish": "IE", "Italian": "IT", "Kosovan": "XK", "Kosovar": "XK", "Latvian": "LV", "Lithuanian": "LT",
    "Luxembourgish": "LU", "Maltese": "MT", "Moldovan": "MD", "Monegasque": "MC", "Montenegrin": "ME",
    "Macedonian": "MK", "Norwegian": "NO", "Polish": "PL", "Portuguese": "PT", "Romanian": "RO", "Russian": "RU",
    "Serbian": "RS", "Slovak": "SK", "Slovakian": "SK", "Slovenian": "SI", "Slovene": "SI", "Spanish": "ES",
    "Swedish": "SE", "Swiss": "CH", "Turkish": "TR", "Ukrainian": "UA", "British": "GB", "Soviet": "RU",
    "English": "England", "Scottish": "Scotland", "Welsh": "Wales",
    # Middle East and North Africa
    "Afghan": "AF", "Algerian": "DZ", "Bahraini": "BH", "Egyptian": "EG", "Emirati": "AE", "Iranian": "IR",
    "Iraqi": "IQ", "Israeli": "IL", "Jordanian": "JO", "Kuwaiti": "KW", "Lebanese": "LB", "Libyan": "LY",
    "Moroccan": "MA", "Omani": "OM", "Palestinian": "PS", "Qatari": "QA", "Saudi": "SA", "Saudi Arabian": "SA",
    "Syrian": "SY", "Tunisian": "TN", "Yemeni": "YE", "Sudanese": "SD", "South Sudanese": "SS",
    # Asia and Oceania
    "Australian": "AU", "Bangladeshi": "BD", "Bhutanese": "BT", "Burmese": "MM", "Myanmar": "MM",
    "Cambodian": "KH", "Chinese": "CN", "Fijian": "FJ", "Filipino": "PH", "Philippine": "PH", "Indian": "IN",
    "Indonesian": "ID", "Japanese": "JP", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kyrgyz": "KG", "Laotian": "LA",
    "Lao": "LA", "Malaysian": "MY", "Maldivian": "MV", "Mongolian": "MN", "Nepali": "NP", "Nepalese": "NP",
    "New Zealand": "NZ", "North Korean": "KP", "South Korean": "KR", "Korean": "KR", "Pakistani": "PK",
    "Papua New Guinean": "PG", "Singaporean": "SG", "Sri Lankan": "LK", "Taiwanese": "TW", "Tajik": "TJ",
    "Tajikistani": "TJ", "Thai": "TH", "Timorese": "TL", "Turkmen": "TM", "Uzbek": "UZ", "Vietnamese": "VN",
    "Samoan": "WS", "Tongan": "TO", "Hong Konger": "HK",
    # Africa south of the Sahara
    "Angolan": "AO", "Beninese": "BJ", "Botswanan": "BW", "Burkinabe": "BF", "Burundian": "BI",
    "Cameroonian": "CM", "Cape Verdean": "CV", "Central African": "CF", "Chadian": "TD", "Comorian": "KM",
    "Congolese": "CD", "Djiboutian": "DJ", "Equatoguinean": "GQ", "Eritrean": "ER", "Ethiopian": "ET",
    "Gabonese": "GA", "Gambian": "GM", "Ghanaian": "GH", "Guinean": "GN", "Ivorian": "CI", "Kenyan": "KE",
    "Liberian": "LR", "Malagasy": "MG", "Malawian": "MW", "Malian": "ML", "Mauritanian": "MR", "Mauritian": "MU",
    "Mozambican": "MZ", "Namibian": "NA", "Nigerien": "NE", "Nigerian": "NG", "Rwandan": "RW", "Senegalese": "SN",
    "Sierra Leonean": "SL", "Somali": "SO", "Somalian": "SO", "South African": "ZA", "Swazi": "SZ",
    "Tanzanian": "TZ", "Togolese": "TG", "Ugandan": "UG", "Zambian": "ZM", "Zimbabwean": "ZW",
    # The Americas
    "American": "US", "Antiguan": "AG", "Argentine": "AR", "Argentinian": "AR", "Bahamian": "BS",
    "Barbadian": "BB", "Belizean": "BZ", "Bolivian": "BO", "Brazilian": "BR", "Canadian": "CA", "Chilean": "CL",
    "Colombian": "CO", "Costa Rican": "CR", "Cuban": "CU", "Dominican": "DO", "Ecuadorian": "EC",
    "Guatemalan": "GT", "Guyanese": "GY", "Haitian": "HT", "Honduran": "HN", "Jamaican": "JM", "Mexican": "MX",
    "Nicaraguan": "NI", "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE", "Puerto Rican": "PR",
    "Salvadoran": "SV", "Salvadorean": "SV", "Surinamese": "SR", "Trinidadian": "TT", "Uruguayan": "UY",
    "Venezuelan": "VE", "Greenlandic": "GL",
    # continents and named regions
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Latin American": "Latin America",
    "Central American": "Central America", "South American": "South America", "North American": "North America",
    "Middle Eastern": "Middle East", "Caribbean": "Caribbean", "Scandinavian": "Scandinavia",
    "Balkan": "Balkans", "Baltic": "Baltic states", "Caucasian": "Caucasus", "Arctic": "Arctic",
    "Antarctic": "Antarctica", "Crimean": "Crimea",
}

# Plurals name people ("Ukrainians", "Israelis") and mean the same place; adjectives in -ese, -ish, -ic, -ss
# and -men and "Dutch"/"French" have none.
_NO_PLURAL_ENDINGS = ("ese", "ish", "ic", "ss", "men", "Dutch", "French", "Arctic")


def demonym_forms() -> dict[str, str]:
    """Every demonym with its people plural ("Ukrainian" -> also "Ukrainians")."""
    forms = dict(DEMONYMS)
    for word, target in DEMONYMS.items():
        if not word.endswith(_NO_PLURAL_ENDINGS):
            forms.setdefault(word + "s", target)
    return forms
