"""Classify page blocks: boilerplate kinds, attribution lines, title labels and bylines.

Shared by the text-dump and HTML extractors, which call these on every paragraph, so each
check is a few precompiled regexes over a bounded prefix of the block. Cues that a body
paragraph could also start with count only in short blocks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrace.extract.credits import parse_attribution, stands_alone
from newstrace.extract.titles import label_word, parse_byline, split_title_label
from newstrace.models import BoilerplateKind

__all__ = [
    "classify_boilerplate",
    "label_word",
    "parse_attribution",
    "parse_byline",
    "split_title_label",
]

SHORT_BLOCK_CHARS = 250  # cues that body text may also use count only in blocks this short
SCAN_CHARS = 2000  # cues are looked for in this much of a block's start
UI_LINE_MAX_CHARS = 80
CREDIT_MAX_CHARS = 120  # a photo credit alone; a longer line is a caption, kept as text
MAX_EVIDENCE_CHARS = 80

_Kind = BoilerplateKind
_Rules = tuple[tuple[BoilerplateKind, re.Pattern[str]], ...]


def _cue(*alternatives: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Cues that label a block whatever its length when the block starts with them.
_ANCHORED: _Rules = (
    (_Kind.DISCLAIMER, _cue(
        r"(?:editor'?s note:\s*)?disclaimer\b",
        r"the (?:views|opinions)(?: and opinions)? expressed (?:in (?:this|the|these) |here|on this"
        r"|by the (?:author|writer|contributor)|are (?:solely |entirely )?(?:those|the))",
        r"(?:views|opinions) expressed (?:here|in this)",
        r"this (?:article|content|post) is for (?:general )?information(?:al)? purposes",
        r"nothing (?:in|on) this (?:article|site|website) (?:constitutes|is intended)",
    )),
    (_Kind.COPYRIGHT, _cue(r"copyright\s*(?:©|\(c\)|\d{4}|by\b|notice\b)", r"©", r"\(c\)\s*\w")),
    (_Kind.SHARE_PROMPT, _cue(
        r"note to readers:\s*please (?:click|share)", r"please (?:click|use) the share",
        r"please share", r"share this (?:article|story|post)", r"follow us on\b",
        r"if (?:this|you found this) (?:report|article|story|post) (?:was )?(?:useful|helpful)"
        r".{0,80}?(?:pass it on|share)",
        r"follow [\w .&'’-]{1,60}? on (?:facebook|twitter|x|telegram|instagram|youtube)\b",
        r"like us on facebook", r"forward this (?:article|email)",
        r"read or share this story\b",
    )),
    (_Kind.APPEAL, _cue(
        r"support [\w .&'’-]{1,60}? in (?:its|their|our|his|her) endeavou?rs",
        r"become a (?:member|patron|supporter|subscriber|sustaining)",
        r"(?:please )?(?:consider )?(?:make|making) a (?:donation|contribution)",
        r"if you (?:like|liked|enjoyed|value|appreciate|find value in) (?:this|our|what we do)\b"
        r".{0,60}?(?:support|donat|subscri|contribut)",
        r"support (?:us|our work|our journalism|independent (?:media|journalism))\b",
        r"support (?:our|the) (?:newsroom|reporting|journalism|mission|coverage)\b",
        r"support (?:the )?[\w .&'’-]{1,60}? and (?:its|their|our) (?:independent )?"
        r"(?:journalism|reporting|work|reporters|newsroom)",
        r"we (?:need|rely on|depend on) (?:your|reader) (?:support|help|donations)",
        r"(?:sign up|subscribe|register) (?:now |today )?(?:for|to) (?:our|the|my) "
        r"(?:[\w'’-]+ ){0,4}(?:newsletters?|e-?mail alerts|daily digest)",
    )),
    (_Kind.AUTHOR_BIO, _cue(r"about the (?:author|writer|contributor)s?\b")),
    (_Kind.CONTACT, _cue(
        r"for (?:media|press) (?:inquiries|enquiries|contact)", r"(?:press|media) contact:",
        r"contact (?:us|the author|the writer|the editor)\b",
        r"contact [A-Z][\w.'’ -]{0,40}? at \S+@",
    )),
    (_Kind.NAVIGATION, _cue(
        r"articles by:", r"read more:", r"related:", r"see also:", r"also read:",
        # a related-story link: "Also on example.com: ..."
        r"also on (?:[\w-]+\.)+[a-z]{2,12}\b",
        r"comment on .{1,80}? on our (?:facebook|twitter|telegram)", r"click here (?:to|for)\b",
        r"advertisement\s*$", r"story continue[sd] below",
        r"continue reading",
        r"the post .{1,300}? appeared first on\b",
        # Cookie and consent banners scraped along with the page.
        r"(?:this|our) (?:web)?site uses cookies", r"we use cookies",
        r"to improve the performance of (?:our|this) (?:web)?site",
        r"by clicking (?:on )?(?:the )?[\"“'‘]?(?:accept|agree|i agree|ok|allow)\b",
        r"you can withdraw your consent",
    )),
)  # fmt: skip

# Cues that label only short blocks (a body paragraph may start the same way).
_ANCHORED_SHORT: _Rules = (
    (_Kind.APPEAL, _cue(
        r"(?:please )?(?:donate|subscribe|sign up|join us|join our|help us|support us)\b",
        r"get (?:our|the) (?:newsletter|latest)", r"buy me a coffee", r"you can (?:support|help)\b",
        r"you(?:'ve| have)? (?:successfully )?subscribed", r"thanks? (?:you )?for subscribing",
        r"get (?:breaking )?news alerts", r"paypal\s*:", r"patreon\s*:",
        r"(?:via|on|through) (?:paypal|patreon)\b", r"like what you(?:'ve| have)? read",
        r"tune in\b", r"(?:watch|listen) (?:live|now)\b", r"enter your e-?mail",
    )),
    # "Jane Doe is a senior reporter for the Gazette..." at the foot of an article.
    (_Kind.AUTHOR_BIO, re.compile(  # case kept: the bio starts with a name
        r"(?!The |This |That |A |An )[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is (?:a|an|the) (?!former |retired |ex-)"
        r"(?:[\w-]+ ){0,4}(?:writer|reporter|journalist|editor|columnist|author|contributor"
        r"|correspondent|blogger)\b[^.]{0,120}?\b(?:for|at|of|with|based in|whose)\b",
    )),
    (_Kind.CONTACT, _cue(
        r"e-?mail(?: us)?:", r"contact:", r"send (?:us )?(?:your )?(?:news )?tips",
        r"got a (?:news )?tip",
    )),
    (_Kind.NAVIGATION, _cue(
        r"read more\b", r"related (?:articles|posts|stories|coverage|content|reading|news)\b",
        r"recommended\b", r"more (?:from|stories|news)\b", r"most (?:read|popular|viewed|shared)\b",
        r"trending\b", r"you (?:may|might) (?:also )?like", r"don'?t miss", r"top stories",
        r"editor'?s picks", r"(?:next|previous) (?:article|story|post)", r"filed under",
        r"skip to (?:main |the )?(?:content|navigation|main|footer|search|article)\b",
        r"back to top", r"scroll to", r"tap here to", r"chat with us", r"purchase:",
        r"order reprint", r"now playing", r"go to permalink", r"show more", r"watch:?\s*$",
        r"to read the full story", r"already a subscriber", r"subscribe to (?:read|continue)",
        r"powered by\b", r"sponsored(?: content)?\s*(?::|$)",
        r"enter (?:city|your zip|zip code|your email)",
        r"to find out more about facebook comment",
        r"(?:\w+\s+){0,2}interpretation of the news based on",
    )),
)  # fmt: skip

# Cues that label a short block wherever they sit in it.
_ANYWHERE_SHORT: _Rules = (
    (_Kind.COPYRIGHT, _cue(
        r"all rights reserved", r"may not be (?:re)?published, broadcast",
        r"this (?:article|content|post) is copyrighted by",
    )),
    (_Kind.NAVIGATION, _cue(r"\b\d+-day forecast\b", r"re-?post guidelines")),
    (_Kind.DISCLAIMER, _cue(r"do not necessarily (?:reflect|represent) (?:the|those)")),
    (_Kind.SHARE_PROMPT, _cue(
        r"share buttons", r"follow us on (?:facebook|twitter|telegram|instagram|gab|vk)",
    )),
    (_Kind.APPEAL, _cue(
        r"newsletters?\b.{0,80}?\b(?:sign up|subscribe|inbox)\b",
        r"(?:sign up|subscribe)\b.{0,80}?\bnewsletters?\b",
        r"delivered (?:straight |right )?to your inbox",
        r"(?:please|click|consider) (?:donate|subscribe|support)",
        r"our (?:newsletter|patreon)", r"donate (?:now|today|here)", r"become a member",
        r"membership (?:page|programme|program)",
    )),
)  # fmt: skip

# Cues that label a block of any length wherever they sit: donation URLs, fair-use notices.
_ANYWHERE: _Rules = (
    (_Kind.APPEAL, _cue(
        r"paypal\.me/", r"patreon\.com/", r"donorbox\.org", r"gofundme\.com/", r"ko-fi\.com/",
        r"buymeacoffee\.com", r"subscribestar\.com", r"/donate/?\b",
    )),
    (_Kind.DISCLAIMER, _cue(r"copyrighted material\b.{0,300}?\bfair use\b")),
)  # fmt: skip

_CREDIT = _cue(
    r"^\(?(?:file )?(?:photo|image|photograph|picture|credit|video)s?(?:\s+by)?\s*:",
    r"getty\s*images\)?\s*$",
    r"^(?:reuters|ap|afp|epa|getty images)\s*/\s*\w",
    r"\((?:ap|afp|reuters) photo\b",
    r"(?:/|\bvia)\s*(?:ap|afp|reuters|epa(?:-efe)?|getty|shutterstock|tass)\)?\s*$",
)
_EMAIL_ONLY = _cue(r"(?:e-?mail:?\s*)?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\.?")
_SOCIAL_WORDS = _words(
    "share facebook twitter google+ linkedin linked pinterest whatsapp reddit tumblr telegram "
    "vk flipboard messenger tweet"
)
_UI_WORDS = _SOCIAL_WORDS | _words(
    "email e-mail mail sms copy link advertisement ad ads print pin more less close search "
    "menu comments comment view subscribe sign in log up login edition fullscreen enlarge this "
    "image toggle caption prev previous next embed url bio follow permalink sections home "
    "caret down show hide of photo photos video gallery audio listen play replay reply"
)
_UI_FILLERS = _words("on in to the us with via a an and or your")
# Words that also occur in short content lines ("$100,000 or less"): not chrome on their own.
_WEAK_UI_WORDS = _words("less more of up in this down view show hide sign log home next previous")
_CHROME_LINES = frozenset(
    ["more", "next", "previous", "prev", "home", "sign in", "log in", "up next", "show more",
     "show less", "view more", "load more", "see more", "read more", "back", "top"]
)  # fmt: skip
_NOT_CHROME = re.compile(r"[$€£%]|^\s*\d+[.)]\s")  # prices, percentages, numbered items
# Icon-font ligatures that leak into text dumps: "more_vert", "play_arrow", "video_youtube".
_ICON_PART = (
    r"(?:more|vert|horiz|arrow|play|pause|expand|keyboard|close|menu|search|share|video|youtube"
    r"|chevron|left|right|up|down|forward|back|open|launch|info|outline|circle|filled|star|border)"
)
_ICON_NAME = re.compile(rf"{_ICON_PART}(?:_{_ICON_PART})+")
_SINGLE_LETTERS = re.compile(r"\w(?:\s+\w){1,3}")  # "A A": text-size buttons
_UI_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*\+?|\d+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LEAD_MARKS = re.compile(r"^[\s*_#>|•·/\-–—]+")


def _evidence(match: re.Match[str]) -> str:
    return " ".join(match.group(0).split())[:MAX_EVIDENCE_CHARS].strip(" :") or match.group(0)


def _ui_line(text: str) -> tuple[BoilerplateKind, str] | None:
    """Lines made only of page-chrome words ("Share on Facebook Share on Twitter", "e-mail")."""
    text = text.strip()
    if len(text) > UI_LINE_MAX_CHARS:
        return None
    if _ICON_NAME.fullmatch(text) or _SINGLE_LETTERS.fullmatch(text):
        return _Kind.NAVIGATION, text
    if " ".join(text.lower().strip(" .:•|›»>").split()) in _CHROME_LINES:
        return _Kind.NAVIGATION, text
    words = [
        word for word in _UI_TOKEN.findall(_CAMEL.sub(" ", text).lower()) if not word.isdigit()
    ]
    if not any(word in _UI_WORDS for word in words):
        return None
    if any(word not in _UI_WORDS and word not in _UI_FILLERS for word in words):
        return None
    if _NOT_CHROME.search(text) or all(
        word in _WEAK_UI_WORDS for word in words if word in _UI_WORDS
    ):
        return None
    social = any(word in _SOCIAL_WORDS for word in words)
    return (_Kind.SHARE_PROMPT if social else _Kind.NAVIGATION), text


def _first_match(rules: _Rules, text: str, anchored: bool) -> tuple[BoilerplateKind, str] | None:
    for kind, pattern in rules:
        match = pattern.match(text) if anchored else pattern.search(text)
        if match is not None:
            return kind, _evidence(match)
    return None


def _short_block_kind(head: str, text: str) -> tuple[BoilerplateKind, str] | None:
    """Cues that only count in a short block: chrome words, e-mail lines, credits, sources."""
    found = (
        _first_match(_ANCHORED_SHORT, head, anchored=True)
        or _first_match(_ANYWHERE_SHORT, head, anchored=False)
        or _ui_line(head)
    )
    if found is None and _EMAIL_ONLY.fullmatch(head.strip()):
        found = _Kind.CONTACT, "email address"
    if found is None and len(head) <= CREDIT_MAX_CHARS and (credit := _CREDIT.search(head)):
        found = _Kind.NAVIGATION, _evidence(credit)
    attribution = parse_attribution(text) if found is None else None
    if attribution is not None and stands_alone(attribution):
        found = _Kind.ATTRIBUTION, attribution.cue
    return found


def classify_boilerplate(text: str) -> tuple[BoilerplateKind, str] | None:
    """The boilerplate kind of a block and the evidence for it, or None when it is body text."""
    if not isinstance(text, str):
        return None
    return (_classify_cached if len(text) <= SCAN_CHARS else _classify)(text)


def _classify(text: str) -> tuple[BoilerplateKind, str] | None:
    head = _LEAD_MARKS.sub("", text[:SCAN_CHARS])
    if not head:
        return None
    found = _first_match(_ANCHORED, head, anchored=True)
    if found is None and len(text.strip()) <= SHORT_BLOCK_CHARS:
        found = _short_block_kind(head, text)
    return found or _first_match(_ANYWHERE, head, anchored=False)


# Sites and wires repeat their lines ("Share this", a sign-off) across pages and records, and
# extraction may ask twice of one paragraph: a few thousand short blocks are a few megabytes.
_classify_cached = lru_cache(maxsize=4096)(_classify)
