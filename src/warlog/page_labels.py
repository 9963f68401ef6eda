"""Lines that label a page instead of reporting: credits, bylines, time stamps, player and navigation prompts.

Appeals and share bars speak to the reader (`clean.furniture_score` reads their voice). Other furniture is
silent: a photo credit ("Photograph: David Jones/PA"), a wire credit ("(Reporting by A; Editing by B)"), a
time stamp with its byline ("4 May 2025, 7:40 AM UTC Updated: ..." , "9 February 2025 - 16:05 By Example Wire"), a
player's loading text, "Skip to main content", the attribution under an embedded post ("— Agency (@agency) May
3, 2025"), a caption's head ("Image caption, ..."), an agency's picture credit ("REUTERS/Jane Doe"), a note that
an agency contributed, the author's line at the foot ("Jane Doe is a correspondent in Nairobi"), index terms
("Tags: ...") and relative stamps ("5 hours ago"). Each has a shape that no sentence of news has, and each turned
into a spurious place, date or event when it was read as news. `page_label` says which kind a line is, or None;
it judges one line alone.
"""

from __future__ import annotations

import re

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# "Photograph: Ana Costa/Example Wire", "... harbour. Credit: Example TV via Example Agency": a credit names its
# owner after the colon, in capitals ("Pictures: rescuers search the rubble" heads a gallery post instead).
_CREDIT_LABEL = re.compile(r"(?:^\W*|\b)(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?)(?: credit)?"
                           r"\s*:\s*(?P<owner>[^.!?:]{1,80})$", re.IGNORECASE)
_OWNER_GLUE = {"via", "and", "for", "of", "the", "de", "al", "/", "&"}
_CAPTION_NOTE = re.compile(r"\((?:photo|file photo|image|picture)\b[^)]{0,120}\)\s*$", re.IGNORECASE)
# One to four capitalised words, whatever the flags around it: a name.
_CAPITALISED = r"(?-i:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})"
# How a picture is signed at the end of its caption: "(Harbour TV /Handout via AGENCY)", "(AP Photo/Jane
# Doe)", "... on Tuesday. / Supplied", in square brackets ("[Ana Costa/Example Wire]") or with a colon ("(Example
# Wire: Ana Costa)"). A bare "(AFP)" is left alone: wire copy tags sentences that way too.
_CAPTION_CREDIT = re.compile(r"(?:\([^()]{0,80}(?:\bvia\b|/|\bhandout\b|\bsupplied\b|\bphoto\b)[^()]{0,60}\)"
                             r"|\[[^\[\]]{0,80}(?:\bvia\b|/|\bhandout\b|\bsupplied\b|\bphoto\b|\bfile\b)[^\[\]]{0,60}\]"
                             r"|[(\[]" + _CAPITALISED + r":\s*" + _CAPITALISED + r"[)\]]"
                             r"|[.!?]\s*/\s*(?:supplied|handout|reuters|afp|ap|epa|getty images|file))\s*$",
                             re.IGNORECASE)
# "... seen in this screengrab", "... in this file photo taken on": the words of a caption.
_CAPTION_PHRASE = re.compile(r"\bin this (?:\w+ ){0,2}(?:photo(?:graph)?|picture|image|screengrab|screen grab|"
                             r"video grab|still|handout)\b|^\W*(?:a )?(?:screen ?grab|screenshot|video grab|still) "
                             r"(?:from|of|taken)\b", re.IGNORECASE)
# A photo's caption describes a scene in the present tense ("Mourners gather outside the hospital in Example,
# Examplestan, on 3 March 2025"); news reports in the past tense. The scene verbs are those of pictures, never of
# the violence a live blog's present-tense headline tells ("Drones hit ..."), and a caption is held to one only
# with a full date or a closing ", Country", which headlines and news sentences do not carry.
_SCENE_VERB = re.compile(r"\b(?:stands?|walks?|inspects?|gathers?|looks? (?:at|on)|sits?|works?|carr(?:y|ies)|mourns?|"
                         r"reacts?|attends?|clears?|search(?:es)?|poses?|waits?|rests?|queues?|lash(?:es)?|rises?|"
                         r"billows?|is seen|are seen|is pictured|are pictured|takes? part|pays? (?:their |his |her )?"
                         r"respects|weeps?|comforts?|embraces?|patrols?|sifts?|holds? (?:up |a |placards|flags)|"
                         r"march(?:es)? (?:in|through|along|past)|l(?:ie|ies) in|prays?|cheers?|waves?)\b")
_FULL_DATE = re.compile(r"\b(?:\d{1,2} (?:january|february|march|april|may|june|july|august|september|october|"
                        r"november|december),? \d{4}|(?:january|february|march|april|may|june|july|august|september|"
                        r"october|november|december) (?:\d{1,2},? )?\d{4})\b", re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r"\b(?:where|when|which|who|whose|while|since)\b")
_REPORTED = re.compile(r"\b(?:said|says|told|according to|reported|claimed|announced)\b")
_CLOSING_COUNTRY = re.compile(r", (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+\.?$")
# "Written by Ana Costa", "Edited by Tom Reid", "Photo by Ana Costa/Example Wire": who made the page, named after
# "by" (the names are checked like a byline's: "Video by a resident showed ..." is news).
_MADE_BY = re.compile(r"^\W*(?:written|edited|fact[- ]checked|reviewed|produced|story|words|text|photos?|photographs?|"
                      r"pictures?|images?|videos?|graphics?|illustrations?|design(?:ed)?|data|interviews?|"
                      r"compiled|translated|posted)\s+by:?\s+(?P<names>.{2,140})$", re.IGNORECASE)
_WIRE_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled|translated) by\b"
    r"|^\W*with (?:inputs?|(?:additional )?reporting|files|material) from (?:(?-i:(?:the |The )?[A-Z])|(?:news )?agenc)"
    r"|\boriginally (?:appeared|published) (?:on|in|by)\b",
    re.IGNORECASE,
)
_INTERFACE = re.compile(
    r"^\W*(?:(?:skip to (?:main )?(?:content|navigation)\s*)+|advertisement|advert|sponsored(?: content)?|"
    r"published|updated|getting your .{0,40}player ready|"
    r"listen to (?:this )?(?:article|story)(?:\s*[|(:-]?\s*\d+ min(?:ute)?s?\)?)?|"
    r"loading|(?:previous|next) slide(?: (?:previous|next) slide)*|\d+\s*min(?:ute)?s?\s+read|"
    r"(?:estimated )?reading time:? \d+ min(?:ute)?s?|link copied|copied to clipboard|"
    r"become a (?:member|subscriber|supporter)(?: today)?|be the first to comment(?: on .{1,160})?|"
    r"(?:home|news)(?: [»›>/] [\w &'-]{1,25}){1,4}|"
    r"please (?:turn on|enable) javascript\b.{0,100}|save|print(?: this (?:page|article))?|listen|embed|pin|tweet|"
    r"like this|like loading\.*|info|photo gallery|prev|live tv|watch live|"
    r"view this post on (?:instagram|x|twitter|facebook|tiktok|threads)|"
    r"an? (?:post|photo|video|reel) shared by .{1,80}|featured (?:videos?|stories|articles?|content)|"
    r"listen to (?:our|the|this) podcast|(?:video )?ad feedback|short (?:url|link)|permalink|"
    r"(?:enter|type) your e-?mail(?: address)?(?: here)?|advertising|disclaimer|(?:show )?(?:more )?sharing options|"
    r"save (?:this |the )?(?:articles?|stor(?:y|ies)) (?:to|for) .{0,80}|"
    r"(?:show )?key events(?: only)?|pinned post|swipe for more(?: photos)?|"
    r"click to enlarge|enlarge this image|(?:toggle|hide|show) caption|list of \d+ items|end of list|"
    r"(?:the )?(?:story|article) continues (?:below|after)(?: this)?(?: (?:advertisement|ad))?|"
    r"advertisement\W+scroll to continue|this video (?:can ?not|can't) be played|video unavailable|"
    r"\d{1,3}\s*min(?:ute)?s?(?:\s+(?:read|listen|watch))?|"
    r"(?:[\u2022\u00b7|]?\s*(?:\d{1,2}\s?[hmd]|\d{1,3}\s*min(?:ute)?s?\s+read)\s*){2,3}|"
    r"view (?:image|photo|picture|gallery) in full ?screen|"
    r"(?:opens|open) (?:in )?(?:a )?new (?:tab|window)|purchase licensing rights(?:,? opens? (?:in )?(?:a )?new "
    r"(?:tab|window))?|keep reading|reuse this content|"
    r"(?:breaking|latest|live)(?: news| updates?| stories)?|just in|developing(?: story)?|back to top|"
    r"(?:e-?mail(?: address)?|name|website|comment|message|search)\s*\*?|sign (?:up|in)|log ?in|"
    r"report an? (?:error|typo|correction)|"
    r"video duration(?: \d+ (?:hours?|minutes?|seconds?))+(?:\s*\d{1,2}:\d{2})?|"
    r"(?:(?:photo|image|slide|picture) )?\d+ of \d+|"
    r"\d{1,3}\s*/\s*\d{1,3}|"
    r"create (?:an? )?(?:free )?account|explore more on these topics|this (?:article|story|content) is "
    r"(?:only )?(?:for|available to) (?:paid )?subscribers(?: only)?|our standards:.{0,80}|"
    r"follow(?: us)?|follow (?:us|(?-i:[A-Z])[\w&'.-]*(?: (?-i:[A-Z])[\w&'.-]*){0,4}) on (?:whatsapp|telegram|x|"
    r"twitter|facebook|instagram|google news|youtube|tiktok|linkedin|threads|bluesky)(?: (?:for|to get) .{1,60})?|"
    r"this (?:article|story) is more than \w+ (?:years?|months?) old|"
    r"(?:enable|turn on) javascript\b.{0,80}|(?:have|got) an? (?:\w+ )?(?:story|tip)\b.{0,80}|"
    r"gift (?:this |the )?article|(?:e-?mail|contact|message) the (?:author|reporter|writer|editor)|"
    r"open (?:image|photo|picture) in (?:gallery|full ?screen)|expand|collapse|supported by|send any friend a story|"
    r"photos?|videos?|gallery|watch(?: live| now| (?:the )?video)?|report (?:this )?ad|(?:read|open) in (?:the )?app|"
    r"share via|(?:font|text) size(?:\s*a){0,3}|(?:a\s*){2,3}|translate|feedback|"
    r"thank(?:s| you) for (?:your|the) feedback|was this (?:article |story )?(?:helpful|useful)|learn more|"
    r"scroll (?:down )?to continue(?: (?:with|reading) (?:the )?(?:content|article|story))?|bookmark|"
    r"add to (?:favou?rites|bookmarks|reading list)|"
    r"promoted(?: stories| content)?|paid (?:content|post|partnership)|partner content|"
    r"continue reading(?: the main story)?|story continues|(?:next|previous) (?:story|article|post)|up next|"
    r"share full article|key (?:points|takeaways|facts)|in short|at a glance|"
    r"(?:representational|representative|file|archive|stock) (?:image|photo|picture)|"
    r"(?:image|photo|picture) (?:for|used for) (?:representation|illustration)(?:al purposes?)?|"
    r"(?:photo|image|picture) (?:is )?for illustrative purposes(?: only)?|screenshot|screen ?grab)\W*$",
    re.IGNORECASE,
)
# What a caption is headed with on some sites: "Image source, Example Agency", "Image caption, Mourners gather".
# A rule drawn with characters between parts of a page ("___", "* * *").
_SEPARATOR = re.compile(r"^(?:[\s_*=~#\u2022\u00b7\u2013\u2014-]+|\.{3,})$")
_CAPTION_HEAD = re.compile(r"^\W*(?:(?:image|media|video|photo) (?:source|caption)\s*[,:]|\d{1,3} of \d{1,3}\s*[|:–-]|"
                           r"file (?:photo|picture|image)\s*:)",
                           re.IGNORECASE)
# An agency's picture credit written in its own capitals at the end of a line or alone: "... REUTERS/Jane Doe",
# "EPA-EFE/STRINGER", "AFP PHOTO / JANE DOE", "... on Thursday. AFP via Getty Images".
_AGENCY_CREDIT = re.compile(r"(?:^|\s)[A-Z]{2,}(?:[- ][A-Z]{2,})*\s*/\s*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}\s*$"
                            r"|[.!?]\s+(?:[A-Z]{2,} )?(?:via )?Getty Images\s*$")
# The link an agency's picture carries after its credit ("... REUTERS/Jane Doe Purchase Licensing Rights, opens new
# tab").
_LICENSING = re.compile(r"\s+purchase licensing rights(?:,? opens new tab)?\s*$", re.IGNORECASE)
# A wire or agency named alone on its line, the way pages sign a story or a picture: "Reuters", "(AFP)", "PTI",
# "Example Ledger and news agencies".
_WIRES = (r"reuters|afp|ap|the associated press|associated press|agence france-presse|anadolu(?: agency)?|xinhua|dpa|"
          r"efe|pti|ians|ani|unb|bss|app|bernama|yonhap|kyodo(?: news)?|tass|interfax|ukrinform|wafa|irna|sana|mena|"
          r"nan|news agencies|(?:[A-Z][\w-]* ){1,3}(?:with|and) (?:news )?agencies|"
          r"(?:[A-Z][\w-]* ){0,3}staff and agencies(?: in [A-Z][\w-]*(?: [A-Z][\w-]*){0,2})?")
_AGENCY_ALONE = re.compile(r"^\W*(?:" + _WIRES + r"|epa|(?:[A-Z-]+ )?(?:via )?getty images|agencies)\W*$",
                           re.IGNORECASE)
# A reporter signing with the agency: "Jane Doe, Reuters", "John Roe | AFP", "Jane Doe - The Associated Press".
_SIGNED_FOR_AGENCY = re.compile(r"^\W*[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}\s*[,|\u2013\u2014-]\s*(?:" + _WIRES
                                + r"|bloomberg)\W*$", re.IGNORECASE)
# "Source: Example News and news agencies": the agencies a story was compiled from.
_SOURCE_LINE = re.compile(r"^\W*sources?\s*:\s*[^.!?]{1,60}\b(?:agenc(?:y|ies)|wires?|reuters|afp|ap)\W*$",
                          re.IGNORECASE)
# "Source: Example TV" under a picture or a chart: the label and a name, nothing else.
_SOURCE_NAMED = re.compile(r"^\W*sources?\s*:\s*(?P<names>[^.!?:]{1,80})$", re.IGNORECASE)
# "The Associated Press contributed to this report.", "Staff writers A and B contributed from Kano."
_CONTRIBUTED = re.compile(r"\bcontributed(?: reporting)?(?: to (?:this|the) (?:report|story|article)"
                          r"| from [A-Z][^.!?]{0,60})\W*$|\bcontributed reporting\W*$")
# An author's note at the foot of a story: "Jane Doe is a correspondent based in Nairobi."
_AUTHOR_NOTE = re.compile(r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} is (?:a|an|the) (?:[\w-]+ ){0,4}"
                          r"(?:correspondent|reporter|journalist|editor|writer|columnist|producer|contributor)\b"
                          r"[^!?\"]{0,120}$"
                          # "Jane Doe covers East Africa for Example Press.": the writer's beat, for the outlet
                          r"|^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} (?:covers|reports on|writes about|reports from) "
                          r"[^!?\"]{1,100} for (?:the )?(?-i:[A-Z])[\w.&' -]{1,40}\.?$")
# An editor's note about the story rather than the events: "Editor's note: ...", "Some names have been changed for
# their safety.", "This article was amended on 4 March to correct a date."
_EDITOR_NOTE = re.compile(r"^\W*(?:editor'?s note\b|corrections?\s*:|clarification\s*:|disclosures?\s*:|"
                          r"story source\s*:|materials? (?:provided|supplied) by\b|pull ?quote\s*:|"
                          r"(?:note: )?content may be edited\b|(?:stock )?quotes? (?:provided|supplied|delayed) by\b|"
                          r"market data (?:provided|supplied|delayed)\b|"
                          r"this (?:story|article|report) was (?:written|reported|produced) by (?-i:[A-Z])[^.!?]{0,80}"
                          r"\bfor (?:the )?(?-i:[A-Z])|"
                          r"this (?:is an? )?(?:developing|breaking)(?: news)? (?:story|report|situation)\b|"
                          r"this (?:story|article|report|page) (?:is (?:developing|being updated)|will be updated)\b|"
                          r"(?:please )?check back (?:later |soon )?for (?:updates|more)\b|more to follow\W*$|"
                          r"stay tuned\b|this (?:article|story|report(?:ing)?) (?:was|is|has been) (?:produced|"
                          r"supported|funded|made possible) (?:with|by|in partnership|thanks to)\b|"
                          r"this (?:article|story|report) "
                          r"(?:has been|was) (?:updated|amended|corrected)\b|(?:some |their |all )?"
                          r"(?:names|identities) (?:of [\w ]{1,30})?(?:have been|were|has been) "
                          r"(?:changed|altered|withheld)\b)",
                          re.IGNORECASE)
# Where the story ran in print: "Published in Example Post, June 3rd, 2025".
_PRINT_EDITION = re.compile(r"^\W*published in (?:the )?(?-i:[A-Z])[\w .&'-]{0,40},?\s+(?:[a-z]+,? )?"
                            r"(?:[a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}(?:st|nd|rd|th)? [a-z]+,? \d{4})\W*$",
                            re.IGNORECASE)
# The publisher's disclaimer: "Views expressed here do not necessarily reflect those of Example Media."
_DISCLAIMER = re.compile(r"\b(?:do|does) not (?:necessarily )?(?:reflect|represent) the (?:views?|opinions?|"
                         r"positions?)\b|\b(?:views|opinions|comments) expressed (?:here|in this|by)\b|"
                         r"\bis not responsible for the content of external\b", re.IGNORECASE)
# The line that introduces a quoted passage from another outlet: "From the Example Times:".
_QUOTED_OUTLET = re.compile(r"^\W*from (?:the )?(?-i:[A-Z])[^.!?:]{0,50}:\s*$", re.IGNORECASE)
# A section label printed before a related story's headline, in capitals: "MORE: ...", "LISTEN: ...".
_CAPITAL_LINK_LABEL = re.compile(r"^(?:READ|MORE|ALSO|LISTEN|VIDEO|PHOTOS?|RELATED|READ MORE|SEE ALSO|ALSO READ|"
                                 r"OPINION|ANALYSIS|EXPLAINER)\s*:\s*\S")
# "Tags: Sahel, security", "Filed under: World", "Categories: Security": the page's index terms.
_INDEX_TERMS = re.compile(r"^\W*(?:tags?|topics?|filed under|posted in|categor(?:y|ies)|keywords|more about)\s*:\s*"
                          r"[^.!?]{1,120}$", re.IGNORECASE)
# "Copyright 2025 The Associated Press. All rights reserved.", "© 2025 Example Media".
_COPYRIGHT = re.compile(r"^\W*(?:copyright\b|©|\(c\)\s*\d{4})[^\n]{0,120}$|\ball rights reserved\W*$", re.IGNORECASE)
# A menu written on one line: "Home | World | Africa | Middle East | Opinion".
_MENU_SEPARATORS = re.compile(r"\s[|•·]\s")
# What a scraper leaves of an image or a link: a bare address or file path ("/cdn.example.com/uploads/x.jpg)").
_ADDRESS_RESIDUE = re.compile(r"^\W*(?:https?://|www\.|/)?[\w.-]+\.[a-z]{2,}/\S*$|^\S*\.(?:jpe?g|png|gif|webp|svg)\W*$",
                              re.IGNORECASE)
# The line that introduces an embedded map, chart or video ("A map of the front line:").
_EMBED_INTRO = re.compile(r"^\W*(?:an? )?(?:map|graphic|chart|video|interactive|timeline)s? (?:of|showing)\b"
                          r"(?:[^.!?]{0,80}:|[^.!?:]{0,60}\.?)$", re.IGNORECASE)
_LINK_LABEL = re.compile(r"^\W*(?:read also|also read|must read|see also|related(?: article| stories| story| "
                         r"coverage)?|more on this(?: story)?|watch|recommended)\s*[:|-]"
                         r"|^\W*(?:more|listen|see|podcast)\s*[:|]", re.IGNORECASE)
# A live page's summary of its posts ("Key events"), one line per post above the posts themselves.
KEY_EVENTS = r"(?:show )?key (?:events|developments|moments|updates)(?: only)?"
# A related-stories or reading-list label alone on its line ("Related Articles", "More stories", "Most read").
_LIST_LABEL = re.compile(r"^\W*(?:related(?: articles?| stories| story| news| coverage| content| posts?| topics)?|"
                         r"more stories|(?:explore )?more on (?:this|these) (?:story|topics?)|topics|"
                         r"most (?:shared|watched|commented|emailed)|popular (?:now|today|stories|articles)|"
                         r"also on [\w ]{1,30}|from (?:our|the) partners|around the web|more videos?|watch more|"
                         r"(?:latest|top) (?:videos?|headlines)|related videos?|"
                         r"more on this(?: story)?|most (?:read|popular|viewed)|trending(?: now| stories)?|"
                         r"recommended(?: for you| stories)?|you (?:may|might) also (?:like|be interested in)|"
                         r"top stories|latest news|more from [\w ]{1,30}|read next|further reading|"
                         r"editor'?s picks?|keep reading|read more|also read|read also|see also|don'?t miss|"
                         r"in other news|more (?:news|headlines)|"
                         r"suggested (?:topics|reading|stories|articles|for you)|"
                         + KEY_EVENTS + r")\W*$",
                         re.IGNORECASE)
# A comment section's prompts and counts ("Leave a Reply", "3 comments", "Your email address will not be published").
_COMMENT_PROMPT = re.compile(r"^\W*(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?\W*$|"
                             r"you must be (?:logged|signed) in to (?:post a )?comment|"
                             r"comments are (?:moderated|reviewed|closed)|"
                             r"(?:sign|log) (?:in|up) to (?:comment|reply|join the (?:conversation|discussion))\W*$|"
                             r"click (?:here )?to comment\b(?=\W*$)|comments?\s*\(\d+(?=\)\W*$)|"
                             r"no comments(?: yet)?\W*$|(?:read|view|show|see) (?:all )?comments|"
                             r"your email address will not be published|required fields are marked|"
                             r"join the (?:conversation|discussion))\b", re.IGNORECASE)
# A share bar left as text ("Share Article |", "Share this:").
_SHARE_BAR = re.compile(r"^\W*(?:kindly |please )?share(?: this)?(?: article| story| post| page)?\s*[|:]?\s*$",
                        re.IGNORECASE)
# A byline: "By: Jane Doe", "- By Jane Doe Defence Editor j.doe@example.com", "By A and B New York Times".
_BYLINE = re.compile(r"^\W*by:?\s+(?P<names>.{2,140})$", re.IGNORECASE)
_BYLINE_GLUE = {"and", "of", "the", "for", "in", "at", "&", "|", "-", "–", "—", "/"}
# Lower-case words a byline of a newsroom has ("By Example Herald staff", "By our correspondent", "By staff writers").
_BYLINE_STAFF = {"staff", "staffer", "reporter", "reporters", "correspondent", "correspondents", "writer", "writers",
                 "our", "a", "an", "editor", "editors", "team", "desk", "agencies"}
_EMBED_ATTRIBUTION = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s?[ap]m)?\b", re.IGNORECASE)  # "10:15", "10:15am"
_AGO = re.compile(r"\b(?:\d{1,2}|an?)\s*(?:months?|years?|m(?:in(?:ute)?s?)?|h(?:(?:ou)?rs?)?|hours?|d(?:ays?)?|"
                  r"w(?:eeks?)?)\s+ago\b",
                  re.IGNORECASE)
# A date in figures: "13/04/2025", "2025-04-13", "13.04.2025".
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})\b")
_MERIDIEM = re.compile(r"\b[ap]\.m\.", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
# Lower-case words a time stamp or byline line may hold; any other lower-case word makes it a sentence.
_STAMP_WORDS = {"a", "an", "by", "updated", "published", "posted", "first", "last", "modified", "on", "at", "and", "am",
                "pm",
                "utc", "gmt",
                "est", "edt", "bst", "cet", "cest", "ist", "eat", "wat", "hrs", "ago", "min", "read", "mins",
                "minutes", "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year", "hr",
                "h", "m", "d", "st", "nd", "rd", "th", "monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", *_MONTHS}
MAX_STAMP_WORDS = 20  # "Published: 14 March 2025 - 09:12 GMT | Updated: 14 March 2025 - 11:40 GMT"


def page_label(line: str) -> str | None:
    """The kind of page label `line` is ("photo credit", "photo caption", "wire credit", "interface", "copyright",
    "menu", "link label", "comment prompt", "byline", "address", "embed", "time stamp", "embedded post", "author
    note", "editor's note"), or None for
    a line that may be news."""
    text = line.strip()
    if not text:
        return None
    if _INTERFACE.match(text) or _SEPARATOR.match(text):
        return "interface"
    if _COPYRIGHT.search(text) and len(text.split()) <= 25:
        return "copyright"
    if _is_menu_line(text):
        return "menu"
    if _LINK_LABEL.match(text) or _CAPITAL_LINK_LABEL.match(text):
        return "link label"
    if _INDEX_TERMS.match(text) and len(text.split()) <= 20:
        return "menu"
    if _LIST_LABEL.match(text) or _SHARE_BAR.match(text):
        return "link label"
    if _COMMENT_PROMPT.match(text):
        return "comment prompt"
    if _is_byline(text):
        return "byline"
    if _DESK.match(text) or _ROLE_ALONE.match(text):
        return "byline"
    if _ADDRESS_RESIDUE.match(text):
        return "address"
    if _EMBED_INTRO.match(text):
        return "embed"
    if _EMBED_ATTRIBUTION.match(text):
        return "embedded post"
    named_source = _SOURCE_NAMED.match(text)
    if _AGENCY_ALONE.match(text) or _SOURCE_LINE.match(text) or _SIGNED_FOR_AGENCY.match(text) \
            or named_source is not None and _names_only(named_source.group("names")):
        return "wire credit"
    if (_WIRE_CREDIT.search(text) or _CONTRIBUTED.search(text)) and len(text.split()) <= 30:
        return "wire credit"
    if _AUTHOR_NOTE.match(text) and len(text.split()) <= 30:
        return "author note"
    if _EDITOR_NOTE.match(text) and len(text.split()) <= 40:
        return "editor's note"
    if _PRINT_EDITION.match(text) or _DISCLAIMER.search(text) and not _REPORTED.search(text) \
            and len(text.split()) <= 40:
        return "editor's note"
    if _QUOTED_OUTLET.match(text):
        return "embed"
    if _CAPTION_HEAD.match(text):
        return "photo caption"
    if len(text.split()) <= 60 and _AGENCY_CREDIT.search(_LICENSING.sub("", text)):
        return "photo credit"
    if len(text.split()) <= 40 and (_is_credit(text) or _CAPTION_NOTE.search(text)):
        return "photo credit"
    if len(text.split()) <= 40 and _NAMED_CREDIT.search(text) and not _REPORTED.search(text) or _is_courtesy(text):
        return "photo credit"
    if len(text.split()) <= 60 and (_CAPTION_CREDIT.search(text) or _CAPTION_PHRASE.search(text)):
        return "photo caption"
    if _is_scene_caption(text):
        return "photo caption"
    if len(text.split()) <= 40 and _SLASH_CREDIT.search(text) and not _REPORTED.search(text):
        return "photo credit"
    if _is_time_stamp(text):
        return "time stamp"
    return None


# A picture agency alone on its line: the credit of the picture beside it ("Getty Images", "EPA-EFE").
_PICTURE_AGENCY = re.compile(r"^\W*(?:(?:[A-Z-]+ )?(?:via )?getty images|epa(?:-efe)?|shutterstock|alamy)\W*$",
                             re.IGNORECASE)


def credits_a_picture(text: str, label: str | None) -> bool:
    """Whether a line with the page label `label` credits a picture: a photo credit, or a picture agency alone
    (a news agency alone, "Reuters", may sign the story instead)."""
    return label == "photo credit" or bool(_PICTURE_AGENCY.match(text))


def reports_speech(text: str) -> bool:
    """Whether a line tells what someone said ("officials said", "according to the army"): news, never a caption
    ("after the results were announced" is a scene's time)."""
    return bool(_SAYING.search(text))


_SAYING = re.compile(r"\b(?:said|says|told|according to)\b")


_CAPTION_HEAD_ALONE = re.compile(r"^\W*(?:image|media|video|photo) caption\s*[,:]?\s*$", re.IGNORECASE)


_CAPTION_TOGGLE = re.compile(r"^\W*(?:toggle|hide|show) caption\W*$", re.IGNORECASE)


def is_caption_toggle(text: str) -> bool:
    """A picture's "hide caption" button left as text: the caption (and its credit) are on the lines above it."""
    return bool(_CAPTION_TOGGLE.match(text.strip()))


def is_caption_head(text: str) -> bool:
    """A caption's head alone on its line ("Image caption,"): the caption itself is on the next line."""
    return bool(_CAPTION_HEAD_ALONE.match(text.strip()))


def is_key_events_label(text: str) -> bool:
    """A live page's "Key events" label: its list ends where the first post begins (at that post's time stamp)."""
    return bool(_KEY_EVENTS_LABEL.match(text.strip()))


_KEY_EVENTS_LABEL = re.compile(r"^\W*" + KEY_EVENTS + r"\W*$", re.IGNORECASE)


def is_list_label(text: str) -> bool:
    """A related-stories or reading-list label alone on its line: the short lines after it are other stories."""
    return bool(_LIST_LABEL.match(text.strip()))


def _is_menu_line(text: str) -> bool:
    """Three or more short capitalised items between separators, or two in capitals, and no sentence ("Home | World |
    Africa")."""
    items = [item.strip() for item in _MENU_SEPARATORS.split(text)]
    shouted = len(items) == 2 and all(item.isupper() for item in items)  # a kicker: "NEWS | PAKISTAN"
    return (len(items) >= 3 or shouted) and all(0 < len(item.split()) <= 3 and item[0].isupper()
                                                and not item.endswith(".")
                                   for item in items)


def _is_byline(text: str) -> bool:
    """Names after "By" ("By Ana Costa"), or after what someone made of the page ("Edited by Tom Reid", "Photo by Ana
    Costa/Example Wire"); no sentence ("By Monday, troops had withdrawn" has lower-case words)."""
    match = _BYLINE.match(text) or _MADE_BY.match(text)
    return match is not None and _names_only(match.group("names"))


def _names_only(names: str) -> bool:
    """Each word capitalised, a joining word, a newsroom's word ("staff") or an e-mail address, and no sentence end."""
    words = names.split()
    if len(words) > 14 or names.rstrip().endswith((".", "!", "?")) and "@" not in words[-1]:
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_GLUE or w.lower() in _BYLINE_STAFF or "@" in w
               or _NAME_PARTICLE.match(w) for w in words)


# The lower-case particle of a name: "al-Mughrabi", "bin", "van", "de".
_NAME_PARTICLE = re.compile(r"^(?:(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|da|de|del|della|der|di|do|dos|du|la|le|"
                            r"van|von|ter|ten)(?:-(?-i:[A-Z])\S*)?)$", re.IGNORECASE)


# A newsroom's signature alone on its line: "Example News Desk", "Staff Reporter", "Our Correspondent".
_DESK = re.compile(r"^\W*(?:(?-i:[A-Z][\w.&'-]*)\s|our\s){0,4}(?:desk|reporter|correspondent|staff|bureau|newsroom|"
                   r"writer|news services?|wire services?)\W*$", re.IGNORECASE)
# A writer's name alone on its line (two or three capitalised words), and a newsroom role alone on the line under it
# ("Reporter", "Senior Correspondent"): the two lines of a byline some pages print apart.
_NAME_ALONE = re.compile(r"^(?-i:[A-Z][\w.'’-]+)(?: (?-i:[A-Z][\w.'’-]+)){1,2}$")
_ROLE_ALONE = re.compile(r"^(?:(?:senior|chief|staff|special|foreign|defen[cs]e|security|political|regional|africa|"
                         r"middle east|europe|asia|war) )?(?:(?-i:[a-z]+) ){0,2}"
                         r"(?:reporter|correspondent|writer|editor|journalist)$",
                         re.IGNORECASE)


def signs_above_a_role(line: str, next_line: str | None) -> bool:
    """Whether `line` is a writer's name alone and `next_line` the newsroom role printed under it ("Olena Petrenko"
    over "Reporter"), which `_DESK` takes as a byline without the name; with no `next_line` (the writer's note is
    under the name), whether `line` is a name alone."""
    return bool(_NAME_ALONE.match(line.strip()) and (next_line is None or _ROLE_ALONE.match(next_line.strip())))


# A picture's owner with the agency after a slash, alone or after the caption's last sentence: "Ana Costa/Example
# Wire", "... after the strike. Ana Costa/AFP". A sentence never ends on two capitalised names joined by a slash; a
# line that reports ("officials said") is news with a credit glued on, and stays.
_NAMED_CREDIT = re.compile(r"(?:^|[.!?]\s+)(?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})\s?/\s?"
                           r"(?-i:[A-Z][\w.'-]*(?: (?:via )?[A-Z][\w.'-]*){0,3})\s*$")
# The owner after a slash that follows the caption's last sentence: "... in the plains. / Example Agency".
_SLASH_CREDIT = re.compile(r"[.!?]\s+/\s*(?-i:[A-Z][\w.&'-]*)(?: (?-i:[A-Z][\w.&'-]*)){0,4}\s*$")
# "Credit...Ana Costa for Example Times", "Courtesy: Example TV", "Photo courtesy of the ministry".
_COURTESY = re.compile(r"^\W*(?:(?:photo|image|picture|video)s? )?(?:courtesy|credit)(?: of)?\s*(?::|\.{2,}|…)?\s*"
                       r"(?P<owner>[^.!?]{1,80})$", re.IGNORECASE)


def _is_courtesy(text: str) -> bool:
    match = _COURTESY.match(text)
    return match is not None and len(match.group("owner").split()) <= 8 \
        and _names_only(match.group("owner").removeprefix("the ").removeprefix("The "))


def _is_credit(text: str) -> bool:
    match = _CREDIT_LABEL.search(text)
    if match is None:
        return False
    words = re.findall(r"[^\s/]+|/", match.group("owner"))
    if len(words) <= 3 and re.search(r"[.!?]\s*$", text[:match.start()]):
        return True  # the owner after a caption's sentence may be plain words: "... on Sunday. Photo: social media"
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w[0] == "@" or w.lower() in _OWNER_GLUE
                               for w in words)


_AGENCY_NOTE = re.compile(r"(?<=[.!?])\s*\((?:" + _WIRES + r"|getty images|epa(?:-efe)?)\)\s*$", re.IGNORECASE)


def _is_scene_caption(text: str) -> bool:
    """A picture's caption without a credit: a present-tense scene verb, one sentence, no reporting verb ("said" or
    "according to" make it news) and no relative clause (news tells what happened "where fighting raged"; a caption
    shows one scene). The scene is held to a caption by a full date or a closing ", Country", or by the shape of a
    caption sentence (`_is_scene_sentence`)."""
    text = _AGENCY_NOTE.sub("", text)  # "... in Tripoli on May 14. (AFP)": the picture's agency after it
    if len(text.split()) > 45 or re.search(r"[.!?]\s+[A-Z]", text) or _REPORTED.search(text) \
            or _RELATIVE_CLAUSE.search(text):
        return False
    match = _SCENE_VERB.search(text)
    if match is None:
        return False
    return bool(_FULL_DATE.search(text) or _CLOSING_COUNTRY.search(text)) or _is_scene_sentence(text, match)


# Words before a scene verb that make it something else: an infinitive or modal ("to stand"), a noun after a
# determiner ("the rise of"), an adjective after a copula ("is clear"), an adverb ("did not immediately react").
_NOT_A_SUBJECT_END = {"to", "will", "would", "may", "might", "can", "could", "shall", "must", "should", "not", "does",
                      "do", "did", "is", "are", "was", "were", "be", "been", "makes", "make", "made", "clear", "who",
                      "that", "it", "he", "she", "they", "now", "also", "which", "the", "a", "an", "of", "its", "his",
                      "her", "their", "our", "your", "my", "this", "these", "those", "no", "any", "some"}
_NOT_A_SUBJECT_START = {"if", "when", "as", "it", "there", "read", "and", "but", "while", "after", "before"}
_SCENE_PLACE = re.compile(r"\b(?:in|at|near|outside|inside|on|from|after|during)\b")
# A present tense of habit is news, not a picture ("Residents gather there every evening").
_HABIT = re.compile(r"\b(?:each|every|daily|nightly|weekly|often|usually|regularly|still|again|always|now)\b",
                    re.IGNORECASE)
# "... as the army masses troops": a sentence of news in the present; a caption's "as" is "as seen from".
_AS_CLAUSE = re.compile(r"\bas\b(?! seen\b)", re.IGNORECASE)
CAPTION_SUBJECT_MAX_WORDS = 7
CAPTION_SENTENCE_MAX_WORDS = 35


def _is_scene_sentence(text: str, verb: re.Match[str]) -> bool:
    """A caption's sentence: a short subject in capitals ("Rescuers", "A woman", "Members of the police"), then the
    scene verb in the present tense, then where ("... in the rubble of a school in Example City."), one sentence
    ended by a full stop and no longer than a caption. News sentences tell the same scenes in the past tense ("stood",
    "searched"), so the present-tense verb after a bare subject is what marks the picture."""
    subject = text[:verb.start()].split()  # `text` is the stripped line `page_label` judges
    if not text.endswith(".") or len(text.split()) > CAPTION_SENTENCE_MAX_WORDS or text[0] in "\"'“‘" \
            or text[verb.end():verb.end() + 1] == "-" \
            or _HABIT.search(text) or _AS_CLAUSE.search(text):  # "-": "walk-offs" is no verb
        return False
    if not 1 <= len(subject) <= CAPTION_SUBJECT_MAX_WORDS or not subject[0][0].isupper() \
            or subject[0].lower() in _NOT_A_SUBJECT_START or any(word.endswith(",") for word in subject):
        return False
    last = subject[-1].lower()
    return last not in _NOT_A_SUBJECT_END and not last.endswith("ly") \
        and bool(_SCENE_PLACE.search(text[verb.end():]))


def _is_time_stamp(text: str) -> bool:
    """A date or time with at most a byline around it: '12 June 2025, 2:20 PM UTC', '27 January 2025 - 10:34 By
    Reuters', 'Updated 3 hours ago'."""
    if len(text.split()) > MAX_STAMP_WORDS:
        return False  # asked first: most lines that come this far are news paragraphs, longer than any stamp
    words = _WORD.findall(_MERIDIEM.sub(" ", text))
    lowered = [w.lower() for w in words]
    dated = _TIME.search(text) is not None or (any(w in _MONTHS for w in lowered) and re.search(r"\d", text)) \
        or _AGO.search(text) is not None or _NUMERIC_DATE.search(text) is not None
    if not dated:
        return False
    # Words that are neither stamp words nor capitalised names ("By Reuters", "Kyiv Independent") make a sentence.
    return all(w.lower() in _STAMP_WORDS or w[0].isupper() for w in words) and \
        sum(1 for w in words if w[0].isupper() and w.lower() not in _STAMP_WORDS) <= 4
