"""Silent furniture: credits, bylines, time stamps, player and navigation prompts. Lines written for these tests."""

from __future__ import annotations

import pytest

from tests.test_clean import _clean
from warlog.page_labels import page_label


@pytest.mark.parametrize("line, kind", [
    ("Photograph: Maria Lind/EPA", "photo credit"),
    ("Smoke rises over the harbour after the strike. Photo: Port Authority via Reuters", "photo credit"),
    ("Firefighters at the scene (file photo showing the depot in 2021)", "photo credit"),
    ("(Reporting by Ana Costa in Lisbon; Editing by Tom Reid)", "wire credit"),
    ("(With inputs from agencies)", "wire credit"),
    ("This story originally appeared on Example Daily.", "wire credit"),
    ("Skip to contentSkip to navigation", "interface"),
    ("Purchase Licensing Rights, opens new tab", "interface"),
    ("Getting your audio player ready...", "interface"),
    ("Advertisement", "interface"),
    ("Previous slide Next slide", "interface"),
    ("4 March 2025 - 09:15 By AFP", "time stamp"),
    ("Published: March 4, 2025, 9:15 AM GMT", "time stamp"),
    ("— City Police (@citypolice) March 4, 2025", "embedded post"),
    ("Read Also: Parliament passes the budget", "link label"),
    ("Smoke rises from a warehouse after shelling on Monday. (Harbour TV /Handout via AGENCY)", "photo caption"),
    ("Residents inspect a damaged school on Friday. / Supplied", "photo caption"),
    ("Firefighters at the burning depot, in this screengrab taken from social media.", "photo caption"),
    ("/img.example-cdn.com/uploads/2025/03/depot-fire.0.1234.jpg)", "address"),
    ("https://news.example.org/world/2025/03/story", "address"),
    ("A map of the frontline near Example:", "embed"),
    ("Leave a Reply", "comment prompt"),
    ("12 comments", "comment prompt"),
    ("Related Articles", "link label"),
    ("Share Article |", "link label"),
    ("By: Jane Roe", "byline"),
    ("- By Jane Roe Security Correspondent j.roe@example.org", "byline"),
    ("Published: 4 March 2025 - 09:15 GMT | Updated: 4 March 2025 - 11:02 GMT", "time stamp"),
    ("4 min read", "interface"),
    ("Please enable JavaScript to watch this video", "interface"),
    ("Copyright 2025 Example Wire. All rights reserved.", "copyright"),
    ("© 2024 Example Media Group", "copyright"),
    ("News | World | Asia | Opinion | Sport", "menu"),
    ("Click to comment", "comment prompt"),
    ("Comments (7)", "comment prompt"),
    ("You might also like:", "link label"),
    ("Most read", "link label"),
])
def test_page_labels_are_recognised(line, kind):
    assert page_label(line) == kind


@pytest.mark.parametrize("line", [
    "Pictures: rescuers search the rubble of the market",
    "Video: the moment the bridge collapsed",
    "A drone struck the depot at 09:15 on Tuesday, officials said.",
    "Police said the photo showed the suspect leaving the building.",
    "The attack on 4 March killed 12 people in the town of Gao, the army said.",
    "Ukraine war latest: Kyiv hit by drones",
    "Officials told reporters that three people died (AFP)",
    "He told the council:",
    "By Monday, troops had withdrawn from the town.",
    "3 comments were posted by the minister on Monday.",
    "Related to the attack, police arrested two men.",
    "The army said it struck a depot used by the rebels (in the north of the province).",
    "Rebels | the army said | fought near the town.",
    "Most read newspapers in the region reported the attack on Sunday.",
    "The copyright of the video was claimed by the militia, which said it showed the attack.",
])
def test_news_lines_are_not_labels(line):
    assert page_label(line) is None


def test_labels_are_removed_and_the_story_kept():
    text = ("Depot fire\n4 March 2025 - 09:15 By AFP\nA drone struck a fuel depot near the port on Tuesday, "
            "officials said.\nPhotograph: Maria Lind/EPA\nRead Also: Parliament passes the budget\n"
            "(Reporting by Ana Costa; Editing by Tom Reid)\n")
    document = _clean(text)
    assert "A drone struck a fuel depot near the port on Tuesday, officials said." in document.text
    removed = {r.text.strip(): r.reason for r in document.removed}
    assert removed["4 March 2025 - 09:15 By AFP"] == "time stamp"
    assert removed["Photograph: Maria Lind/EPA"] == "photo credit"
    assert removed["Read Also:"] == removed["Parliament passes the budget"] == "link card"  # the label and its link
    assert removed["(Reporting by Ana Costa; Editing by Tom Reid)"] == "wire credit"


def test_a_reading_list_is_removed_with_its_numbered_headlines():
    text = ("Depot fire\nA drone struck a fuel depot near the port on Tuesday, officials said.\n"
            "Firefighters put out the blaze by the evening, the mayor said.\nMost read\n"
            "1. Floods cut off villages in the north\n2. Minister resigns over budget row\n")
    document = _clean(text)
    assert "A drone struck a fuel depot near the port on Tuesday, officials said." in document.text
    assert "Firefighters put out the blaze" in document.text
    assert "Floods cut off" not in document.text and "Minister resigns" not in document.text


def test_a_headline_under_a_trending_label_followed_by_its_own_time_stamp_is_the_storys():
    text = ("Trending Now\nGunmen seize 12 travellers on a highway near Lokoja\nUpdated: 9 June 2025 08:15 AM\n"
            "Gunmen stopped a minibus near Lokoja on Sunday night and seized 12 travellers, police said.\n")
    document = _clean(text)
    assert "Gunmen seize 12 travellers on a highway near Lokoja" in document.text
    assert "Trending Now" not in document.text


def test_a_writers_name_above_her_role_is_the_byline():
    text = ("Please enable JavaScript to view the comments.\nShelling hits riverside district\nMarta Kovalenko\n"
            "Reporter\nJune 5, 2025 10:12 pm\n"
            "Shelling hit a riverside district of the city on Thursday, wounding five people, the mayor said.\n")
    document = _clean(text)
    assert "Marta Kovalenko" not in document.text and "Reporter" not in document.text
    assert "Shelling hit a riverside district" in document.text


@pytest.mark.parametrize("line, kind", [
    ("Listen to article (3 minutes)", "interface"),
    ("Reading time: 6 minutes", "interface"),
    ("Link copied!", "interface"),
    ("Become a subscriber today", "interface"),
    ("Be the first to comment", "interface"),
    ("Home » News » Middle East", "interface"),
    ("File photo: A convoy of armoured vehicles on a highway.", "photo caption"),
    ("Image source, Example Agency", "photo caption"),
    ("Image caption, Relatives wait outside the morgue", "photo caption"),
    ("2 of 6 | Families queue for water at the camp.", "photo caption"),
    ("Fishermen haul their boats ashore near the port. EXAMPLEWIRE/Ana Costa", "photo credit"),
    ("Smoke over the depot on Monday. AFP via Getty Images", "photo credit"),
    ("EPA-EFE/STRINGER", "photo credit"),
    ("Reuters", "wire credit"),
    ("Ana Costa, Reuters", "wire credit"),
    ("Tom Reid | AFP", "wire credit"),
    ("Source: Example News and news agencies", "wire credit"),
    ("— With files from Example Press", "wire credit"),
    ("Example Wire contributed to this report.", "wire credit"),
    ("Staff writers Ana Costa and Tom Reid contributed from Lisbon.", "wire credit"),
    ("Tom Reid is a correspondent based in Lisbon.", "author note"),
    ("Tags: Sahel, security, elections", "menu"),
    ("MORE: Floods cut off villages in the north", "link label"),
    ("Story continues below advertisement", "interface"),
    ("list of 3 items", "interface"),
    ("Photo 2 of 9", "interface"),
    ("This video cannot be played", "interface"),
    ("Show key events only", "interface"),
    ("7 hours ago", "time stamp"),
    ("A map showing where the depot is", "embed"),
    ("Some names have been changed for their safety.", "editor's note"),
    ("Editor's note: this story was first published in Example Weekly.", "editor's note"),
    ("From the Example Times:", "embed"),
    ("Relatives wait outside the morgue in Exampleton, Examplestan, on 3 March 2025.", "photo caption"),
    ("Waves lash the harbour wall at Dunmore, Ireland", "photo caption"),
    ("4 min read", "interface"),
    ("3 min", "interface"),
    ("View image in fullscreen", "interface"),
    (", opens new tab", "interface"),
    ("Keep reading", "interface"),
    ("Breaking News", "interface"),
    ("Email address *", "interface"),
    ("Video duration 02 minutes 10 seconds02:10", "interface"),
    ("1 of 8", "interface"),
    ("By Example Herald staff", "byline"),
    ("By our correspondent", "byline"),
    ("Log in to comment", "comment prompt"),
    ("Follow us", "interface"),
    ("This article is more than 2 years old", "interface"),
    ("Got a tip? Write to us at desk@example.org", "interface"),
    ("Firefighters work at the site of a drone strike on a warehouse in Exampleton.", "photo caption"),
    ("A boy sits on the rubble of his family's house after an air strike in Example City.", "photo caption"),
])
def test_more_page_labels_are_recognised(line, kind):
    assert page_label(line) == kind


@pytest.mark.parametrize("line", [
    "Save the Children said nine pupils were among the dead.",
    "Reuters could not verify the footage independently.",
    "With reporting from the front, the correspondent described heavy shelling.",
    "Aid workers contributed from their own supplies to feed the displaced.",
    "Tags on the drone fragments showed it was made this year.",
    "Two hours ago, the governor said the fire was under control.",
    "The police chief is a former army commander who led the 2019 offensive.",
    "Ana Costa is a nurse who treated the wounded, and she said most had shrapnel wounds.",
    "A map of the front line published by the ministry showed the village under its control.",
    "The strike came 3 days ago, officials said, and killed five people.",
    "The wall still stands in the old city, where fighting raged on 3 March 2025.",
    "Residents gather at the site each evening to mourn the dead.",
    "Rescuers searched for survivors in the rubble of the house in Exampleton.",
    "Firefighters work to put out the blaze, the governor said on Telegram.",
    "The ceasefire would end one of the longest walk-outs at the port.",
    "Troops did not immediately react to the attack on the checkpoint.",
    "Tensions rise as the army masses troops near the border.",
    "Latest figures show 40 people were killed in the attack.",
    "Smoke rises over the capital as fighting enters its third day, witnesses said.",
    "Drones hit an apartment block in Sumy, Ukraine",
    "Update: the death toll has risen to 12, the governor said.",
    "From the hospital, the wounded were taken to the capital.",
    "Asked about the strike, Reuters was told nothing.",
])
def test_news_lines_that_look_like_labels_are_kept(line):
    assert page_label(line) is None


def test_relative_stamps_and_reader_prompts_are_removed_and_the_story_kept():
    text = ("Depot fire\n5 hours ago\nA drone struck a fuel depot near the port on Tuesday, officials said.\n"
            "Get breaking news alerts\nNewsletter\nFirefighters put out the blaze by the evening, the mayor said.\n")
    document = _clean(text)
    assert "A drone struck a fuel depot near the port on Tuesday, officials said." in document.text
    assert "Firefighters put out the blaze by the evening, the mayor said." in document.text
    assert "5 hours ago" not in document.text and "news alerts" not in document.text
    assert "Newsletter" not in document.text


@pytest.mark.parametrize("label", ["Keep reading", "Read more", "See also", "Don't miss", "More headlines"])
def test_a_reading_label_takes_the_headline_under_it(label):
    text = ("Depot fire\nA drone struck a fuel depot near the port on Tuesday, officials said.\n"
            f"Firefighters put out the blaze by the evening, the mayor said.\n{label}\n"
            "Rebels shell the capital's airport for the first time since the truce\n")
    document = _clean(text)
    assert "Firefighters put out the blaze" in document.text
    assert "Rebels shell the capital" not in document.text


@pytest.mark.parametrize(("line", "kind"), [
    ("Photo by Ana Costa/Example Wire", "byline"),
    ("Written by Ana Costa", "byline"),
    ("Edited by Tom Reid", "byline"),
    ("Fact checked by Tom Reid and Ana Costa", "byline"),
    ("Example News Desk", "byline"),
    ("Our Correspondent", "byline"),
    ("Staff Reporter", "byline"),
    ("Boats burn in the harbour after the raid. Ana Costa/Example Wire", "photo credit"),
    ("Tom Reid/Example Wire", "photo credit"),
    ("Credit...Ana Costa for The Example Ledger", "photo credit"),
    ("Photo courtesy: Ministry of Defence", "photo credit"),
    ("Photo: X / @exampleledger", "photo credit"),
    ("Mourners carry coffins through the square [Ana Costa/Example Wire]", "photo caption"),
    ("Mourners carry coffins through the square (Example Wire: Ana Costa)", "photo caption"),
    ("Screengrab from a video posted on Telegram", "photo caption"),
    ("AFP via Getty Images", "wire credit"),
    ("Example Ledger and news agencies", "wire credit"),
    ("PTI", "wire credit"),
    ("Source: Example TV", "wire credit"),
    ("This is a developing story and will be updated.", "editor's note"),
    ("This story will be updated.", "editor's note"),
    ("Check back later for updates", "editor's note"),
    ("More to follow", "editor's note"),
    ("Gift this article", "interface"),
    ("Email the author", "interface"),
    ("Open image in gallery", "interface"),
    ("Representational image", "interface"),
    ("Image for representation", "interface"),
    ("Continue reading the main story", "interface"),
    ("Up next", "interface"),
    ("Key points:", "interface"),
    ("Popular Now", "link label"),
    ("Also on Example Ledger", "link label"),
    ("Around the web", "link label"),
    ("More: Floods cut off villages in the north", "link label"),
    ("Last updated: April 13, 2025 at 10:34 a.m. EDT", "time stamp"),
    ("Updated 2h ago", "time stamp"),
    ("Posted on 13/04/2025", "time stamp"),
])
def test_page_labels_of_more_sites_are_recognised(line, kind):
    assert page_label(line) == kind


@pytest.mark.parametrize("line", [
    "Video by a resident showed the convoy burning on the road.",
    "Photos posted online showed the damaged church.",
    "Written statements from the ministry said five soldiers died.",
    "Staff at the hospital said they had run out of fuel.",
    "Source close to the army said the convoy had been ambushed.",
    "Key points of the agreement were not disclosed.",
    "Watch towers along the border were destroyed.",
    "More than 40 people were injured in Kharkiv/Kharkov.",
    "The strike hit the depot at 10.30 on 13/04/2025, the governor said.",
    "Courtesy calls between the two commanders ended last year.",
    "The rescue team carried a body out of the debris.",
])
def test_news_lines_of_the_same_words_are_kept(line):
    assert page_label(line) is None


def test_the_line_of_our_live_coverage_is_removed_and_the_story_kept():
    text = ("Depot fire\nA drone struck a fuel depot near the port on Tuesday, officials said.\n"
            "Follow our live coverage here\nFor more news, visit our website\n"
            "Firefighters put out the blaze by the evening, the mayor said.\n")
    document = _clean(text)
    assert "A drone struck a fuel depot near the port on Tuesday, officials said." in document.text
    assert "Firefighters put out the blaze by the evening, the mayor said." in document.text
    assert "live coverage" not in document.text and "visit our website" not in document.text


def test_news_with_a_picture_credit_glued_on_is_kept():
    line = ("Two bombs exploded at a market in the capital on Monday, killing at least 30 people, police officials "
            "said. People walk past the area. Pic/Example Wire")
    assert page_label(line) is None


@pytest.mark.parametrize(("line", "kind"), [
    ("Updated 9:40pm", "time stamp"),
    ("Font size A A A", "interface"),
    ("Thanks for your feedback!", "interface"),
    ("Scroll to continue with content", "interface"),
    ('Be the first to comment on "Depot fire spreads to the harbour"', "interface"),
    ("\u2022 5h \u2022 3 min read", "interface"),
    ("Follow The Harbour Ledger on WhatsApp", "interface"),
    ("Follow us on Telegram for live updates", "interface"),
    ("Staff and agencies in Port Example", "wire credit"),
    ("Suggested Topics:", "link label"),
    ("Published in The Harbour Ledger, March 9th, 2025", "editor's note"),
    ("WORLD | ASIA", "menu"),
    ("This report was produced with support from an example journalism fund.", "editor's note"),
    ("Rescuers search the rubble after the strike on Monday. Photo: social media", "photo credit"),
    ("A boy walks past a burnt bus in Example City on March 3, 2025. AGENCY/Jane Doe Purchase Licensing Rights, "
     "opens new tab", "photo credit"),
])
def test_page_labels_of_further_sites_are_recognised(line, kind):
    assert page_label(line) == kind


@pytest.mark.parametrize("line", [
    "Photos: rescuers search the rubble of the market",
    "Police followed the convoy on the highway.",
    "Follow-up strikes hit the same block an hour later, the governor said.",
    "Thanks to the ceasefire, the market reopened on Monday.",
    "The militia published its demands in a statement on Tuesday.",
    "Scroll down the list of the dead and you find three children, the mayor said.",
])
def test_news_lines_near_those_labels_are_kept(line):
    assert page_label(line) is None


def test_a_read_more_link_on_its_own_line_goes_with_its_headline():
    text = ("Depot fire\nA drone struck a fuel depot near the port on Tuesday, officials said.\n"
            "Read more: Rebels shell the capital's airport for the first time since the truce\n"
            "Firefighters put out the blaze by the evening, the mayor said.\n"
            "Catch all the latest news and updates on Example Ledger. Download The Example Ledger App today.\n"
            "Get our free mobile app\n")
    document = _clean(text)
    assert "Firefighters put out the blaze by the evening, the mayor said." in document.text
    assert "A drone struck a fuel depot" in document.text
    assert "Rebels shell" not in document.text and "Download" not in document.text
    assert "mobile app" not in document.text


def test_a_live_pages_key_events_list_is_removed_and_its_posts_kept():
    text = ("Border war live: shelling hits Kema; talks resume in the capital\n\nKey events\n"
            "Shelling hits market in Kema, three wounded\nTalks between the two sides resume\n\n"
            "09:12\nShelling hits market in Kema\n\nArtillery shells struck the central market of Kema overnight, "
            "wounding three traders, the mayor said.\n")
    document = _clean(text)
    assert "Key events" not in document.text
    assert "Talks between the two sides resume" not in document.text
    assert "Artillery shells struck the central market of Kema overnight" in document.text
    assert document.text.count("Shelling hits") == 1


@pytest.mark.parametrize(("line", "kind"), [
    ("Listen to this story", "interface"),
    ("Listen to this article | 4 mins", "interface"),
    ("Save articles to read later and build a reading list.", "interface"),
    ("Show more sharing options", "interface"),
    ("Advertising", "interface"),
    ("Disclaimer", "interface"),
    ("* * *", "interface"),
    ("____", "interface"),
    ("Was this helpful?", "interface"),
    ("Learn more", "interface"),
    ("Have a confidential tip for our newsroom? Write to us", "interface"),
    ("Updated an hour ago", "time stamp"),
    ("Kindly Share This Story:", "link label"),
    ("Chief security correspondent", "byline"),
    ("Osei covers West Africa for The Example Press.", "author note"),
    ("Opinions expressed here do not reflect the views of the publisher.", "editor's note"),
    ("Story Source:", "editor's note"),
    ("Materials provided by Example College. Note: Content may be edited for style and length.", "editor's note"),
    ("Disclosure: The writer owns none of the shares named here.", "editor's note"),
    ("Stock quotes provided by Example Data. Market data delayed 15 minutes.", "editor's note"),
    ("This story was written by Lena Park for Example Wire.", "editor's note"),
    ('Pull quote: "We will rebuild," the mayor said.', "editor's note"),
    ("View this post on Instagram", "interface"),
    ("A post shared by Example Club (@exampleclub)", "interface"),
    ("Featured Video", "interface"),
    ("Listen to our podcast", "interface"),
    ("Podcast: Inside the port strike", "link label"),
    ("You must be logged in to post a comment.", "comment prompt"),
    ("Example Sports News Services", "byline"),
    ("Herders drive cattle past a dry well near the border. / Example Agency", "photo credit"),
])
def test_labels_of_more_sites_are_recognised(line, kind):
    assert page_label(line) == kind


@pytest.mark.parametrize("line", [
    "Save the Children said three of its staff were hurt in the shelling.",
    "Listen to the sirens, a resident told reporters as the drones passed.",
    "Osei covers the wounded with blankets while the shelling goes on.",
    "Learn more about the ceasefire terms was all the envoy would say.",
    "A reporter was among the dead, the union said.",
    "The remarks do not reflect the views of the government, the ministry said.",
    "This story was written by hand on the walls of the prison, a former inmate said.",
    "Disclosure of the casualty figures was delayed by the army.",
])
def test_news_lines_like_those_labels_are_kept(line):
    assert page_label(line) is None
