"""Whether a story is a sports report (or another story told in war's words): its "assault", "offensive" and
"attack" are moves of a game, not violence.

A match report is written in the language of war — the home side's attack, a counter-attack, the defence gave
in, an assault on goal, a clash of rivals — and the event typer, which reads one sentence at a time, makes
battles of it. A story is taken for sport when it uses several words that only games have (a goal scored, a
striker, a league, a penalty) and none that reports of violence need (killed, troops, a missile, tear gas): a
riot of fans or a shooting at a stadium names its dead, its injured or its arrests, and stays an incident.
"""

from __future__ import annotations

import re

# Words of games alone: their plurals and inflections are matched too (goal/goals, scored/scores).
_GAME_WORDS = (
    "goal", "goalkeeper", "goalless", "scored", "scoring", "scorer", "striker", "midfield", "midfielder", "defender",
    "full-back", "winger", "pitch", "league", "stadium", "referee", "penalty", "fixture", "trophy", "tournament",
    "championship", "playoff", "play-off", "semifinal", "semi-final", "quarterfinal", "quarter-final", "kick-off",
    "half-time", "halftime", "injury time", "stoppage time", "innings", "wicket", "touchdown", "quarterback",
    "grand prix", "pole position", "podium", "lap", "sprint race", "hat-trick", "hat trick", "head coach",
    "teammate", "season opener", "matchday", "derby", "premier league", "champions league", "nba", "nfl",
    # cricket, tennis, baseball
    "bowler", "batsman", "batsmen", "batter", "batting", "one-day international", "t20", "test match", "grand slam",
    "tiebreak", "tie-break", "match point", "home run", "inning", "ace", "five-set", "four-set", "straight sets",
    "broke serve", "break point", "set point", "seeded", "top seed",
    # American football
    "super bowl", "wide receiver", "running back", "field goal", "end zone",
)
# Words reports of violence need: one of them keeps a story's events whatever game it tells of.
_VIOLENCE_WORDS = (
    "killed", "dead", "death", "wounded", "injured", "troops", "soldier", "militant", "rebel", "gunman", "gunmen",
    "missile", "drone", "airstrike", "air strike", "shelling", "bomb", "explosion", "riot", "tear gas", "arrested",
    "stabbed", "shot dead", "hostage", "militia", "army",
)
_GAME = re.compile(r"\b(" + "|".join(re.escape(w) for w in _GAME_WORDS) + r")(s|es|d|ed|ing)?\b", re.IGNORECASE)
_VIOLENCE = re.compile(r"\b(" + "|".join(re.escape(w) for w in _VIOLENCE_WORDS) + r")(s|es)?\b", re.IGNORECASE)
# Shapes only games have, each counted as one game word: a scoreline ("won 2-1", "a 3-0 defeat") and the minute
# of play ("in the 88th minute").
_GAME_SHAPES = {
    "scoreline": re.compile(r"\b(?:win|wins|won|beat|beats|lost|lose|loses|draw|drew|victory|defeat|thrashed|"
                            r"blitzed|routed|edged|thumped|hammered|crushed|stunned|downed|swept)"
                            r"\s+(?:[\w.'-]+\s+){0,4}\d{1,2}-\d{1,2}\b|\b\d{1,2}-\d{1,2}\s+(?:win|victory|defeat|draw|loss)\b",
                            re.IGNORECASE),
    "minute of play": re.compile(r"\b\d{1,3}(?:st|nd|rd|th)(?:[- ]minute|\s+and\s+\d{1,3}(?:st|nd|rd|th)\s+minutes)\b",
                                 re.IGNORECASE),
}
# How many different game words make a story a sports report.
GAME_WORDS_NEEDED = 3
# Other stories told in the words of war: a laboratory's compound "attacks" bacteria, a film "captures" a prize, a
# video game's players "storm beaches", a company "launches a hostile bid to seize control" of a rival. Words only such
# stories have, by kind of story.
_OTHER_DOMAINS = {
    "science": ("bacteria", "bacterium", "microbe", "molecule", "laboratory", "lab", "researchers", "scientists",
                "protein", "enzyme", "genome", "gene", "cell walls", "tumour", "tumor", "clinical trial",
                "peer-reviewed", "journal", "study"),
    "entertainment": ("best picture", "best actor", "best actress", "box office", "premiere", "premiered", "oscars",
                      "oscar", "golden globe", "grammy", "emmy", "palme d'or", "album", "film festival", "red carpet",
                      "ceremony", "nominee", "nominated", "director", "indie"),
    "business": ("shares", "shareholders", "shareholder", "stock market", "stock exchange", "investors", "takeover",
                 "merger", "acquisition", "market share", "revenue", "profit", "earnings", "quarterly", "ceo",
                 "chief executive", "board of directors", "ipo", "valuation", "share price", "dividend", "nasdaq",
                 "ftse", "dow jones", "analysts"),
    "video games": ("video game", "multiplayer", "gameplay", "single-player", "playstation", "xbox", "nintendo",
                    "console", "instalment", "installment", "players", "shooter series", "game review", "fictional"),
}
_DOMAIN_WORDS = {name: re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(s|es)?\b", re.IGNORECASE)
                 for name, words in _OTHER_DOMAINS.items()}


# What a violence word may sit in without telling violence: a quotation (a manager "killed the game"), a game's
# idiom in the reporter's words ("killed off the contest", "a dead ball"), and what else is killed ("a strong jobs
# report killed hopes of a rate cut").
_QUOTED = re.compile(r"[\"“][^\"“”]{0,400}[\"”]")
_FIGURES_OF_SPEECH = re.compile(
    r"\b(?:killed|kill|kills|killing)(?: off)? (?:the|a|any) (?:game|match|tie|contest|ball|momentum|clock)\b"
    r"|\bdead ball\b|\bsudden death\b"
    # and what else is killed in other stories: hopes, a deal, a bill, a rally of prices
    r"|\b(?:killed|kill|kills|killing)(?: off)? (?:\w+ ){0,2}(?:hopes?|chances?|deal|bill|plans?|idea|rally|mood|"
    r"appetite|demand|growth|bid|proposal|talks|prospects?|dreams?)\b",
    re.IGNORECASE)


def _violence_told(text: str) -> bool:
    """A word of violence in the story's own voice, outside quotations and figures of speech."""
    return _VIOLENCE.search(_FIGURES_OF_SPEECH.sub(" ", _QUOTED.sub(" ", text))) is not None


def is_sports_report(text: str) -> bool:
    """Whether `text` (a story) is a report of a game: several different game words and no word of violence in the
    story's own voice."""
    return not _violence_told(text) and _told_in_game_words(text)


def _told_in_game_words(text: str) -> bool:
    """Whether `text` holds enough different game words to be a report of a game (violence aside)."""
    words = {match.group(1).lower() for match in _GAME.finditer(text)}
    words |= {name for name, shape in _GAME_SHAPES.items() if shape.search(text)}
    return len(words) >= GAME_WORDS_NEEDED


def story_domain(text: str) -> str | None:
    """The kind of story `text` is when it is none of conflict's, told in war's words ("sports", "science",
    "entertainment", "business", "video games"), or None. Each needs several different words of its own kind and no
    word of violence: a shooting at a film festival names its dead and stays an incident."""
    # The violence check is made once: a story told with violence is none of these, a sports report included
    # (`is_sports_report` asked it first, then this function again, on every story of a war page).
    if _violence_told(text):
        return None
    if _told_in_game_words(text):
        return "sports"
    for name, pattern in _DOMAIN_WORDS.items():
        if len({m.group(1).lower() for m in pattern.finditer(text)}) >= GAME_WORDS_NEEDED:
            return name
    return None
