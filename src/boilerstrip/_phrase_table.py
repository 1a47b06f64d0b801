"""Boilerplate phrases: text that marks a block as page chrome, in en, de, fr, es, ru, zh, it, pt, nl, pl, ar.

Pure data, no logic. ``_phrases.py`` compiles each table once into a single
case-insensitive ``regex`` pattern (``regex.IGNORECASE``, default V0 behaviour) that
holds one named group per kind, so one match also names the kind of chrome:

* ``PHRASES`` rows are *searched* (``Pattern.search``) in the first
  ``Options.phrase_scan_chars`` characters of a block's text (see the rules below).
  A hit anywhere labels the whole block, so every pattern here is a phrase that
  ordinary article prose does not use: multi-word formulas ("we use cookies",
  "all rights reserved"), or short cues anchored at the start of the block with
  ``^`` ("By Jane Smith", "Photo:", "Published 3 May 2024"). Patterns meant only
  for short blocks say so with the lookahead ``(?=.{1,120}$)``: searched in a
  longer block, ``$`` cannot be reached within 120 characters.
* ``WHOLE_BLOCK_PHRASES`` rows must match the *whole* block text (``fullmatch``)
  after it is stripped of surrounding spaces and ``.:!?…·|»«›‹>-``, and only blocks
  of at most ``Options.whole_phrase_max_chars`` characters are tried: button and
  link labels such as "Read more", "Share", "Anzeige", "广告". When no row of either
  table matches a block of several lines, they are also matched against its last line
  alone ("Comments<br>Print Email").

Rules for patterns: they are matched case-insensitively, so a part that needs case
(the capital letter starting a name in a byline) is written ``(?-i:...)``: under
IGNORECASE ``\\p{Lu}`` alone also matches lower-case letters. No named groups and no
global inline flags (each pattern is wrapped in ``(?:...)`` and joined with others).
No ``\\b`` next to Chinese characters (they are all word characters). Spaces are
written as single spaces: a block's runs of spaces are one space, but its line breaks
(``<br>``) are kept, and ``.`` does not match them, so a row that must reach ``$`` does
not match a block of two lines (reading them as spaces was measured: dragnet -0.086,
its truths keep the bylines that would then match).

Row layout: ``(kind, language, pattern)``. ``kind`` is one of navigation, header,
footer, sidebar (related-content lists), promo (ads, donation and support appeals,
newsletter and subscribe boxes, paywall prompts, app-download prompts), share,
comments, legal (cookie notices, copyright, privacy/terms links), metadata
(bylines, photo credits, dates, reading time) and other. ``language`` is the ISO
639-1 code of the wording; the few rows made only of symbols and digits (the
copyright sign, date-only blocks, pagination numbers, donation amounts) are filed
under "en" but apply to pages in any language. The library currently applies all
rows to every page, whatever its language.

``BOX_TITLES`` and ``PROFILE_LINKS`` name a box rather than a block: a widget's title and
the link that closes a blog's profile, matched whole by ``_titled_boxes`` (see there).
"""

from __future__ import annotations

# A personal name of two to four capitalised words ("Jane Smith", "Jean-Pierre Dupont",
# "María José García López"), used in byline rows.
_NAME = r"(?-i:\p{Lu})[\p{L}'’.-]*(?: (?-i:\p{Lu})[\p{L}'’.-]*){1,3}"
# Start of a block of at most 120 characters (see the module docstring).
_SHORT = r"^(?=.{1,120}$)"
# End of a byline's name: end of block, or a separator before a role, date or second name.
_NAME_END = r"(?:$|\s*[,|·•–—/(]|\s+\d|\s+(?:and|und|et|y|e|en|i|и|&)\s)"
# Optional leading word (month or weekday name) before the first digit of a date.
_DATE_START = r" ?:? ?(?:\p{L}{3,12}\.?,? ){0,2}\d"

PHRASES: tuple[tuple[str, str, str], ...] = (
    # ---------------------------------------------------------------- English
    (
        "legal",
        "en",
        r"\bwe use (?:some |a few |only )?(?:essential |necessary |strictly necessary |optional )?cookies\b",
    ),
    (
        "legal",
        "en",
        r"\bthis (?:web)?site uses cookies\b|\bwe and our (?:\d+ )?partners (?:use|store|process)\b",
    ),
    (
        "legal",
        "en",
        r"\bby (?:continuing to (?:use|browse|visit)|using) (?:this|our) (?:web)?site,? you"
        r" (?:agree|accept|consent)",
    ),
    ("legal", "en", r"\baccept all cookies\b|\bcookie (?:settings|preferences)\b"),
    ("legal", "en", r"\ball rights reserved\b"),
    ("legal", "en", r"©|\(c\) \d{4}\b|\bcopyright (?:© ?)?\d{4}\b"),
    ("legal", "en", r"\bprivacy (?:policy|notice|statement) ?[|·•/] ?(?:terms|cookie|accessibility)"),
    ("legal", "en", r"\bterms (?:of (?:use|service)|and conditions) ?[|·•/] ?(?:privacy|cookie)"),
    ("legal", "en", r"\bdo not sell or share my personal information\b|\bprotected by recaptcha\b"),
    (
        "legal",
        "en",
        r"\b(?:this|the) (?:post|article|page|site) (?:may )?contains? affiliate links\b"
        r"|\bwe may earn (?:a )?(?:small )?commission\b|\bas an amazon associate\b",
    ),
    # More affiliate disclaimers: "we may receive a small commission", "If you buy through our
    # links, IGN may earn an affiliate commission" (issue4-phrases12: wcxb 3 pages up, 1 down).
    (
        "legal",
        "en",
        r"\bwe may (?:receive|earn|get) (?:a )?(?:small )?(?:share of (?:the )?(?:sale|revenue)|commission"
        r"|affiliate commission|fee)\b|\bif you (?:click|buy|purchase) (?:on )?(?:one|something|through)\b"
        r".{0,60}?\bcommission\b",
    ),
    # Disclaimers naming whose views a piece gives: "The opinions expressed in this release are
    # those of the organization issuing it".
    (
        "legal",
        "en",
        r"\b(?:the )?(?:views|opinions)(?: and opinions)? expressed (?:here |herein |in this (?:\w+ )?"
        r"(?:release|post|article|column|commentary) |on this (?:site|blog) )?are (?:solely )?those of"
        r" (?:the|its|their|our)\b",
    ),
    (
        "legal",
        "en",
        r"\bopen government licen[cs]e\b|\blicensed under (?:a |the )?(?:cc|creative commons)\b"
        r"|\bregistered in england(?: and wales)?\b"
        r"|\b(?:company|registration|reg\.?|org\.?) ?(?:no|nr|number)\.? ?:? ?\d",
    ),
    ("promo", "en", r"\bsign up (?:for|to) (?:our|the|my) (?:[\w-]+ ){0,3}(?:newsletters?|mailing list)\b"),
    (
        "promo",
        "en",
        r"\bsign up (?:here )?(?:for|to) (?:our|the) (?:[\w-]+ ){0,3}(?:e-?mails?|e-?newsletters?)\b",
    ),
    # Calls for readers' tips: "If you have any news tips ...", "send photos, videos & tip-offs",
    # "Reach the reporters on Twitter at ...".
    (
        "promo",
        "en",
        r"\bif you(?:'ve| have) (?:got )?(?:any )?(?:a story|news tips?|story tips?)\b"
        r"|\bsend (?:us )?(?:your )?(?:photos, videos|photos and videos|news tips|tip-offs)\b"
        r"|^reach the (?:reporters?|writers?|author) (?:at|on|by)\b",
    ),
    ("promo", "en", r"\bsubscribe to (?:our|the|my) (?:[\w-]+ ){0,3}(?:newsletters?|mailing list)\b"),
    (
        "promo",
        "en",
        r"\b(?:get|receive) our (?:[\w-]+ ){0,2}(?:newsletter|emails?)\b"
        r"|^our (?:free )?(?:[\w-]+ ){0,3}newsletters?\b",
    ),
    ("promo", "en", r"\benter your e-?mail(?: address)?\b"),
    # Paywall prompts over a truncated story.
    ("promo", "en", r"\bto (?:view|read|continue reading) the full (?:story|article),? please subscribe\b"),
    ("promo", "en", r"\bif you(?:'|’)re (?:seeing this message but you(?:'|’)re )?already a subscriber\b"),
    ("promo", "en", r"\b(?:delivered|sent) (?:straight |directly )?to your inbox\b"),
    # A subscription's offer ("12 issues for £11.99", "subscriptions service ... for as little as
    # Rs 599") and an appeal after a story ("Like this story? Share it with a friend!"); long
    # lines, dropped when they close the kept text (_closing_appeals; issue4-news19).
    (
        "promo",
        "en",
        r"\b\d+ issues for [$€£] ?\d|\bsubscriptions? (?:service )?.{0,60}?\bfor (?:as little as|just|only)"
        r" (?:rs\.? ?|inr ?|[$€£₹] ?)\d|^like this (?:story|article|post)\? ?(?:share|subscribe|sign up)\b",
    ),
    (
        "promo",
        "en",
        r"\bby (?:signing up|subscribing),? you (?:agree|acknowledge|consent)\b"
        r"|\bsubscribers agree to (?:the|our)\b",
    ),
    ("promo", "en", r"\b(?:thanks|thank you) for (?:signing up|subscribing)\b"),
    # Consent under a form ("By clicking “Post Your Answer”, you agree to our terms of service").
    (
        "legal",
        "en",
        r"\bby (?:clicking|continuing|registering|submitting)\b.{0,80}?\byou (?:agree|consent|accept)\b",
    ),
    ("promo", "en", r"^support us\b|\bplease support us\b"),
    ("promo", "en", r"\bsupport (?:us|the \p{L}+) (?:today|now|from as little as|on patreon|with a)\b"),
    (
        "promo",
        "en",
        r"\bsupport (?:our|independent|quality|public[- ]interest) (?:journalism|reporting|newsroom)\b",
    ),
    ("promo", "en", r"^dear readers?\b"),
    ("promo", "en", r"\bbecome a (?:supporter|patron|subscriber|paying member|member today)\b"),
    ("promo", "en", r"\b(?:donate|give|contribute) (?:now|today)\b"),
    (
        "promo",
        "en",
        r"\bmake a (?:one[- ]time|one[- ]off|monthly|recurring|tax[- ]deductible)"
        r" (?:donation|contribution|gift)\b",
    ),
    ("promo", "en", r"\b(?:every|any) contribution,? (?:however |whether )?(?:big|large) or small\b"),
    (
        "promo",
        "en",
        r"\byour (?:contribution|donation|support) (?:helps|will help|makes|keeps|powers|is vital)\b",
    ),
    ("promo", "en", r"\bnot ready to (?:support|give|donate|contribute|subscribe)\b"),
    ("promo", "en", r"\bremind me (?:later|next month|in \p{L}+)\b"),
    (
        "promo",
        "en",
        r"\bsubscribe (?:now |today )?to (?:continue|keep) reading\b"
        r"|^subscribe (?:from|for) (?:just |only )?[$€£] ?\d",
    ),
    ("promo", "en", r"\bto continue reading,? (?:please )?(?:subscribe|log ?in|sign ?in|register)\b"),
    (
        "promo",
        "en",
        r"\balready (?:a subscriber|a member|have an account|subscribed)\??"
        r" ?(?:please )?(?:log ?in|sign ?in)\b",
    ),
    (
        "promo",
        "en",
        r"\bthis (?:article|story|content) is (?:only )?(?:available|exclusive|reserved) (?:to|for)"
        r" (?:subscribers|members)\b",
    ),
    (
        "promo",
        "en",
        r"\byou(?:['’]ve| have) (?:reached|hit|used up) (?:your|the)"
        r" (?:monthly |weekly )?(?:(?:free )?(?:article|story|reading) limit|free (?:article |story )?limit"
        r"|limit of (?:free )?(?:articles|stories))",
    ),
    (
        "promo",
        "en",
        r"\b\d+ free (?:articles?|stories) (?:left|remaining)\b"
        r"|\bunlock (?:this article|unlimited access|full access)\b",
    ),
    ("promo", "en", r"\b(?:download|get|install) our (?:free |new )?(?:[\w-]+ )?app\b"),
    ("promo", "en", r"\bget it on google play\b|\bdownload on the app store\b"),
    (
        "promo",
        "en",
        r"\bskip advertisement\b|\b(?:story|article) continues below(?: this)?(?: advertisement)?\b",
    ),
    ("promo", "en", r"^(?:sponsored|paid|partner) (?:content|post)\b|\badvertisement feature\b"),
    (
        "promo",
        "en",
        r"\bfree (?:shipping|delivery) on (?:all )?orders\b|\b\d+ ?% off (?:your )?(?:first|next) order\b",
    ),
    (
        "promo",
        "en",
        r"^a (?:personal )?(?:message|note|appeal) from (?:the )?(?:editor|founder|publisher|(?-i:\p{Lu}))",
    ),
    (
        "share",
        "en",
        r"\bshare (?:on|to|via):?"
        r" (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|e-?mail|messenger|bluesky"
        r"|threads|mastodon)\b",
    ),
    ("share", "en", r"\bshare this (?:article|story|post|page|video|link|recipe)\b|\bclick to share on\b"),
    ("share", "en", r"\b(?:tweet|e-?mail|print) this (?:article|story|post|page)\b"),
    ("share", "en", r"^follow us(?: on)?\b"),
    # A share button's label with its network: "Share this on WhatsApp", "Share this with Email"
    # (issue4-news13: scrapinghub 2 pages up, none down; 4 pages of 4 sites match).
    (
        "share",
        "en",
        r"\bshare this (?:on|via|with)"
        r" (?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|e-?mail|messenger)\b",
    ),
    (
        "share",
        "en",
        r"\bprinter[- ]friendly (?:page|version|format)\b"
        r"|\bsend this (?:article|story|page) to (?:a )?friends?\b"
        r"|\be-?mail (?:this )?(?:article|story) (?:\| ?)?print\b",
    ),
    ("sidebar", "en", r"^(?:read|see) (?:more|also) ?:"),
    (
        "sidebar",
        "en",
        r"^related(?: articles| stories| posts| content| coverage| reading| links| topics)? ?:",
    ),
    ("sidebar", "en", r"\byou (?:may|might) also (?:like|enjoy|be interested in)\b"),
    ("sidebar", "en", r"\brecommended for you\b|^more on this (?:story|topic)\b|^more stories from\b"),
    ("sidebar", "en", r"^(?=.{1,40}$)explore further\b"),
    # A rail's label on the first line of its teaser ("LATEST ARTICLE<br>Title<br>Teaser ...",
    # "DON'T MISS<br>..."): the line break or a colon after it (issue4-news13: dragnet 3 pages
    # up, none down, all of one site; 9 pages of 5 sites match).
    (
        "sidebar",
        "en",
        r"^(?:latest (?:article|story|post|news)|don'?t miss|most (?:read|popular|viewed|shared)"
        r"|trending now|editor'?s picks?|top stories)(?:\n| ?:)",
    ),
    ("comments", "en", r"\bleave a (?:comment|reply)\b|\bpost a comment\b|\b(?:add|write) a comment\b"),
    # Blog engines' trackback boxes (TypePad, Movable Type) and a post's report link.
    (
        "comments",
        "en",
        r"^trackback url for this (?:entry|post)\b"
        r"|\blisted below are links to (?:weblogs|blogs) that reference\b"
        r"|\breport this (?:post|comment)\b",
    ),
    ("comments", "en", r"^(?=.{1,40}$)tell us what you think\b"),
    # A forum's help for turning on notifications (Invision Community): "Tap Permissions → Notifications."
    (
        "other",
        "en",
        r"^(?=.{1,60}$)(?:open settings app|tap permissions|click permissions for this site|go to safari)\b",
    ),
    ("comments", "en", r"\bcomments (?:are|have been) (?:closed|disabled|turned off)\b"),
    (
        "comments",
        "en",
        r"^(?=.{1,60}$)(?:join|start) the (?:conversation|discussion)\b|\bbe the first to comment\b",
    ),
    (
        "comments",
        "en",
        r"\byou must (?:be logged in|be signed in|log in|sign in)(?: or register)? to"
        r" (?:post a comment|comment|reply|post)\b",
    ),
    ("comments", "en", r"\byour email address will not be published\b|\brequired fields are marked\b"),
    # The author line over each comment in the common blog themes: "jane_doe says:".
    ("comments", "en", r"^(?=.{1,60}$)\S+(?: \S+){0,3} says ?:$"),
    (
        "comments",
        "en",
        r"^\d+ (?:comments?|replies|responses)\b|\b(?:view|show|load) (?:all |more )?(?:\d+ )?comments\b",
    ),
    ("metadata", "en", _SHORT + r"by " + _NAME + _NAME_END),
    (
        "metadata",
        "en",
        r"^(?:photo|photograph|image|picture|illustration|graphic|video|credit|photo credit|image credit)s?"
        r" ?:",
    ),
    (
        "metadata",
        "en",
        r"\((?:photo|image|credit|photograph)s? ?:"
        r"|(?:^|\()(?:photo|image|illustration)s? (?:by|courtesy of) ",
    ),
    (
        "metadata",
        "en",
        r"(?:^|[|·•] ?)(?:published|posted|updated|last updated|first published|last modified)(?: on| at)?"
        + _DATE_START,
    ),
    ("metadata", "en", r"\b\d+ ?(?:-|–)? ?min(?:ute)?s?\.? read\b|\breading time ?:? ?\d"),
    # A reviewer's line ("Medically reviewed by Jane Doe, MD") and an agency's credit line.
    (
        "metadata",
        "en",
        _SHORT
        + r"(?:medically |fact[- ]checked and )?reviewed by "
        + _NAME
        + r"(?:$|\s*[,|·•–—/(]|\s+\d|\s+(?:and|on)\s)",
    ),
    ("metadata", "en", _SHORT + r"(?:with )?additional reporting by\b"),
    (
        "metadata",
        "en",
        r"^(?:posted|filed) (?:in|under) ?:|^tag(?:ged|s)?(?: with| in)? ?:|^tagged "
        r"|^(?:release date|next update|date published|publication date) ?:",
    ),
    (
        "metadata",
        "en",
        r"^(?:joined|member since|posts|messages|reaction score) ?: ?[\p{L}\d]|^thread starter\b"
        r"|\b\d(?:\.\d)? out of 5 stars\b|^\d(?:\.\d+)? from \d+ (?:votes|ratings|reviews)\b",
    ),
    ("metadata", "en", r"^\d+ (?:hours?|hrs?|minutes?|mins?|days?|weeks?) ago\b"),
    ("navigation", "en", r"\bskip to (?:the )?(?:main )?(?:content|navigation|search|footer)\b"),
    ("navigation", "en", r"\bjump to (?:main )?(?:content|navigation)\b|\btoggle (?:navigation|menu)\b"),
    ("navigation", "en", r"^you are here ?:|^home ?(?:>|›|»|/|→|\|) ?\p{L}"),
    (
        "navigation",
        "en",
        r"^(?:previous|next) (?:article|post|story)\b|^page \d+ of \d+\b|^showing \d+ ?[-–] ?\d+ of \d+\b",
    ),
    (
        "footer",
        "en",
        r"\b(?:proudly )?(?:powered by|made with|built with)"
        r" (?:wordpress|ghost|drupal|joomla|squarespace|wix|blogger|hugo|jekyll|sphinx|mkdocs"
        r"|material for mkdocs|docusaurus)\b",
    ),
    (
        "footer",
        "en",
        r"\babout us ?[|·•] ?contact(?: us)?\b"
        r"|\b(?:community platform|forum software) by (?:xenforo|invision|discourse)\b",
    ),
    ("other", "en", r"\b(?:please )?enable javascript\b|\bjavascript is (?:disabled|required|not enabled)\b"),
    # A video player's text for screen readers (video.js): "Beginning of dialog window. Escape ...".
    ("other", "en", r"\bbeginning of dialog window\b|^this is a modal window\b"),
    # A form builder's status lines (Webflow), in the page whatever was submitted.
    (
        "other",
        "en",
        r"\boops! something went wrong while submitting the form\b"
        r"|^thank you! your submission has been received\b",
    ),
    # The note of a story's print edition: "A version of this article appeared October 29, 2012, on page B13".
    ("other", "en", r"^a version of this (?:article|story|review|column) appeared\b"),
    ("other", "en", r"\byour browser does not support\b|^this is a (?:new|beta) service\b"),
    # A Flash video player's fallback text (issue4-news13: dragnet 1 page up; 2 pages of 2 sites match).
    (
        "other",
        "en",
        r"\bget (?:the )?(?:latest )?(?:adobe )?flash player\b"
        r"|\byou need (?:to (?:upgrade|install) )?(?:the )?(?:adobe )?flash player\b"
        r"|\brequires? (?:the )?(?:adobe )?flash player\b",
    ),
    (
        "other",
        "en",
        r"\breport a problem with this page\b|\bis this page useful\b"
        r"|\bwas this (?:page|article) (?:helpful|useful)\b",
    ),
    # ---------------------------------------------------------------- German
    ("legal", "de", r"\bwir (?:verwenden|nutzen|setzen) cookies\b"),
    ("legal", "de", r"\bdiese (?:web)?seite (?:verwendet|nutzt|benutzt) cookies\b"),
    ("legal", "de", r"\bcookie-?einstellungen\b|\balle cookies akzeptieren\b"),
    ("legal", "de", r"\balle rechte vorbehalten\b"),
    ("legal", "de", r"\bimpressum ?[|·•/] ?datenschutz|\bdatenschutz(?:erklärung)? ?[|·•/] ?impressum"),
    ("promo", "de", r"\b(?:zum|für den|unseren?) newsletter (?:an)?melden\b|\bnewsletter abonnieren\b"),
    ("promo", "de", r"\bmelden sie sich (?:jetzt )?(?:für|zu) (?:unseren?|den) (?:[\w-]+ )?newsletter an\b"),
    ("promo", "de", r"\bihre e-?mail-?adresse ein(?:geben)?\b|\bgeben sie ihre e-?mail-?adresse\b"),
    (
        "promo",
        "de",
        r"\bunterstützen sie (?:uns|unsere arbeit|unabhängigen journalismus|den \p{L}+journalismus)\b",
    ),
    (
        "promo",
        "de",
        r"\bjetzt (?:spenden|unterstützen|mitglied werden)\b|^liebe leser(?:innen)?(?: und leser)?\b",
    ),
    (
        "promo",
        "de",
        r"\b(?:einmalig|monatlich|jährlich) (?:spenden|unterstützen|zahlen)\b"
        r"|\b(?:später erinnern|erinnere mich später)\b",
    ),
    ("promo", "de", r"\b(?:jetzt )?(?:abonnieren|abo abschließen) und weiterlesen\b|\bweiterlesen mit\b"),
    (
        "promo",
        "de",
        r"\bbereits abonnent(?:in)?\?? ?(?:jetzt |hier )?(?:anmelden|einloggen)\b"
        r"|\bsie haben bereits ein abo\b",
    ),
    (
        "promo",
        "de",
        r"\b(?:dieser|der) (?:artikel|inhalt|beitrag) ist (?:nur )?(?:für|exklusiv für)"
        r" (?:abonnenten|abonnentinnen|abonnent\*innen)\b",
    ),
    ("promo", "de", r"\bunsere app (?:herunterladen|laden)\b|\blade dir (?:jetzt )?(?:unsere|die) app\b"),
    ("promo", "de", r"\b(?:direkt )?in ihr(?:em)? (?:e-?mail-)?postfach\b"),
    # A donation appeal's closing line and a press page's feed link (issue4-lang58: one
    # trafilatura-eval page each).
    ("promo", "de", r"\bjede (?:noch so )?(?:kleine )?spende (?:hilft|zählt)\b|\brss-?feed abonnieren\b"),
    ("share", "de", r"\bauf (?:facebook|twitter|x|whatsapp|linkedin|telegram|pinterest) teilen\b"),
    (
        "share",
        "de",
        r"\b(?:artikel|beitrag|seite) teilen\b"
        r"|\bper (?:e-?mail|mail|whatsapp) (?:teilen|versenden|verschicken)\b",
    ),
    ("sidebar", "de", r"\bmehr zum thema\b|\bdas könnte sie (?:auch )?interessieren\b"),
    ("sidebar", "de", r"^lesen sie (?:auch|mehr)\b|^auch interessant\b|^weitere artikel\b|^zum thema ?:"),
    ("sidebar", "de", r"^(?=.{1,60}$)weiterführende (?:informationen|links|artikel|themen)\b"),
    ("comments", "de", r"^\d+ kommentare?\b|\b(?:einen )?kommentar (?:schreiben|verfassen)\b"),
    ("comments", "de", r"\bdiskutieren sie mit\b|\bdie kommentarfunktion (?:ist|wurde)\b"),
    ("comments", "de", r"^(?=.{1,60}$)(?:schreibe|schreiben sie) einen kommentar\b"),
    # A comment form's notice for a visitor not logged in (the English "you must be logged in").
    (
        "comments",
        "de",
        r"^(?=.{1,80}$)sie (?:sind|müssen) (?:aktuell |derzeit |zurzeit |momentan |noch )?(?:nicht )?"
        r"(?:eingeloggt|angemeldet)\b",
    ),
    ("other", "de", r"^(?=.{1,80}$)wie (?:bewerten|fanden) sie diese[nrs]? (?:artikel|beitrag|seite)\b"),
    ("comments", "de", r"\bihre e-mail-adresse wird nicht veröffentlicht\b"),
    ("comments", "de", r"^(?=.{1,60}$)\S+(?: \S+){0,3} sagt ?:$"),
    ("metadata", "de", _SHORT + r"von " + _NAME + _NAME_END),
    (
        "metadata",
        "de",
        r"^(?:foto|fotos|bild|bilder|grafik|video) ?:|\((?:foto|bild) ?:"
        r"|^(?:themen|schlagworte|schlagwörter) ?:",
    ),
    (
        "metadata",
        "de",
        r"(?:^|[|·•] ?)(?:veröffentlicht|aktualisiert|erschienen|zuletzt aktualisiert)(?: am)?" + _DATE_START,
    ),
    ("metadata", "de", r"^stand ?: ?\d|\b(?:lesezeit|lesedauer) ?:? ?\d|\b\d+ ?min(?:uten|\.)? lesezeit\b"),
    (
        "navigation",
        "de",
        r"\bzum (?:haupt)?inhalt springen\b|\bdirekt zum (?:haupt)?inhalt\b|\bzur navigation springen\b",
    ),
    ("navigation", "de", r"^sie sind hier ?:|^startseite ?(?:>|›|»|/|→|\|) ?\p{L}"),
    # ---------------------------------------------------------------- French
    (
        "legal",
        "fr",
        r"\bnous utilisons des (?:cookies|traceurs)\b|\bce site utilise des (?:cookies|traceurs)\b",
    ),
    (
        "legal",
        "fr",
        r"\ben poursuivant votre navigation\b|\bgérer (?:les|mes) (?:cookies|préférences|paramètres)\b",
    ),
    ("legal", "fr", r"\btous droits réservés\b|\btous droits de reproduction réservés\b"),
    ("legal", "fr", r"\bmentions légales ?[|·•/]|\bpolitique de confidentialité ?[|·•/]"),
    (
        "promo",
        "fr",
        r"\b(?:inscrivez-vous|abonnez-vous) à (?:notre|la|nos)"
        r" (?:[\w-]+ ){0,2}(?:newsletters?|lettres? d['’]information)\b",
    ),
    (
        "promo",
        "fr",
        r"\brecevez (?:notre|la|nos) (?:newsletters?|lettres?)\b|\bsaisissez votre (?:adresse )?e-?mail\b",
    ),
    (
        "promo",
        "fr",
        r"\bsoutenez(?:-nous| notre (?:travail|journalisme|rédaction)| un journalisme| l['’]information)\b",
    ),
    ("promo", "fr", r"\bfaites un don\b|\bje (?:soutiens|fais un don)\b"),
    (
        "promo",
        "fr",
        r"^(?:chers|chères) (?:lecteurs|lectrices|amis)\b|\bdevenez (?:membre|donateur|donatrice|abonné)\b",
    ),
    ("promo", "fr", r"\b(?:cet article|la suite(?: de cet article)?) est réservée? aux abonnés\b"),
    ("promo", "fr", r"\babonnez-vous pour (?:lire|continuer|poursuivre)\b|\bdéjà abonné\b"),
    ("promo", "fr", r"\bil vous reste \d+ ?% de cet article à lire\b"),
    ("promo", "fr", r"\btéléchargez (?:notre|l['’])\s?application\b|\bcontenu (?:sponsorisé|partenaire)\b"),
    ("share", "fr", r"\bpartager sur (?:facebook|twitter|x|linkedin|whatsapp|messenger|pinterest)\b"),
    ("share", "fr", r"\bpartager (?:cet article|l['’]article|par (?:e-?mail|courriel))\b"),
    ("sidebar", "fr", r"^(?:à )?lire aussi\b|^voir aussi\b|^sur le même (?:sujet|thème) ?(?::|$)"),
    ("sidebar", "fr", r"\bvous aimerez (?:aussi|peut-être)\b|\barticles (?:similaires|liés|associés)\b"),
    ("comments", "fr", r"^\d+ commentaires?\b|\b(?:laisser|ajouter|écrire|publier) un commentaire\b"),
    (
        "comments",
        "fr",
        r"\bréagir à cet article\b|\bvotre adresse (?:e-?mail|de messagerie) ne sera pas publiée\b",
    ),
    ("metadata", "fr", _SHORT + r"par " + _NAME + _NAME_END),
    (
        "metadata",
        "fr",
        r"^(?:photo|photos|crédits?(?: photo)?|illustration|image|vidéo) ?:|\((?:photo|crédit) ?:",
    ),
    ("metadata", "fr", r"(?:^|[|·•] ?)(?:publié|mis à jour|modifié|actualisé)(?: le| à)?" + _DATE_START),
    ("metadata", "fr", r"\b\d+ ?min(?:utes?|\.)? de lecture\b|\btemps de lecture ?:? ?\d"),
    (
        "navigation",
        "fr",
        r"\b(?:aller|passer) (?:au|directement au) contenu(?: principal)?\b|^vous êtes ici ?:",
    ),
    ("navigation", "fr", r"^accueil ?(?:>|›|»|/|→|\|) ?\p{L}"),
    # ---------------------------------------------------------------- Spanish
    ("legal", "es", r"\b(?:utilizamos|usamos) cookies\b"),
    ("legal", "es", r"\b(?:este sitio(?: web)?|esta (?:página )?web|esta página) (?:utiliza|usa) cookies\b"),
    ("legal", "es", r"\bsi contin[úu]as? navegando\b|\bconfiguraci[óo]n de cookies\b"),
    ("legal", "es", r"\btodos los derechos reservados\b"),
    ("legal", "es", r"\baviso legal ?[|·•/]|\bpol[íi]tica de privacidad ?[|·•/]"),
    (
        "promo",
        "es",
        r"\bsuscr[íi]bete a (?:nuestro|nuestra|el|la|nuestros)"
        r" (?:[\w-]+ ){0,2}(?:bolet[íi]n|newsletters?|boletines)\b",
    ),
    (
        "promo",
        "es",
        r"\brecibe (?:nuestro|nuestra|el|la) (?:bolet[íi]n|newsletter)\b|\bintroduce tu (?:correo|e-?mail)\b",
    ),
    (
        "promo",
        "es",
        r"\bap[óo]yanos\b|\bapoya (?:el|nuestro) periodismo\b"
        r"|\bhazte (?:socio|socia|miembro|suscriptor|suscriptora)\b",
    ),
    (
        "promo",
        "es",
        r"\bhaz una (?:donaci[óo]n|aportaci[óo]n|contribuci[óo]n)\b"
        r"|^(?:querido|queridos|querida) (?:lector|lectora|lectores)\b",
    ),
    ("promo", "es", r"\b(?:este|el) (?:art[íi]culo|contenido) es exclusivo para (?:suscriptores|socios)\b"),
    ("promo", "es", r"\bsuscr[íi]bete para (?:seguir|continuar) leyendo\b|\bya eres suscriptor\b"),
    ("promo", "es", r"\bcontenido patrocinado\b|\bdescarga (?:nuestra|la) app\b"),
    ("share", "es", r"\bcompartir en (?:facebook|twitter|x|linkedin|whatsapp|telegram|pinterest)\b"),
    ("share", "es", r"\bcomparte (?:este art[íi]culo|esta noticia)\b"),
    ("sidebar", "es", r"\b(?:también )?te puede interesar\b|\bquiz[áa]s te interese\b"),
    ("sidebar", "es", r"\bnoticias relacionadas\b|\bart[íi]culos relacionados\b|^(?:lee|lea) tambi[ée]n\b"),
    ("sidebar", "es", r"^(?=.{1,60}$)temas relacionados\b"),
    ("comments", "es", r"^\d+ comentarios?\b|\b(?:deja|añade|escribe) (?:un|tu) comentario\b"),
    ("comments", "es", r"\btu (?:direcci[óo]n de )?correo electr[óo]nico no ser[áa] publicad[ao]\b"),
    ("metadata", "es", _SHORT + r"por " + _NAME + _NAME_END),
    ("metadata", "es", r"^(?:foto|fotos|fotograf[íi]a|imagen|v[íi]deo) ?:|\((?:foto|imagen) ?:"),
    ("metadata", "es", r"(?:^|[|·•] ?)(?:publicado|actualizado|modificado)(?: el| a las| en)?" + _DATE_START),
    ("metadata", "es", r"\b\d+ ?min(?:utos?|\.)? de lectura\b|\btiempo de lectura ?:? ?\d"),
    (
        "navigation",
        "es",
        r"\b(?:saltar|ir) al contenido(?: principal)?\b|^(?:est[áa]s|usted est[áa]) (?:en|aqu[íi]) ?:",
    ),
    # ---------------------------------------------------------------- Italian
    ("legal", "it", r"\b(?:questo sito(?: web)?|utilizziamo|usiamo) (?:utilizza |usa )?(?:i )?cookie\b"),
    ("legal", "it", r"\btutti i diritti riservati\b|\briproduzione riservata\b"),
    ("promo", "it", r"\biscriviti alla (?:nostra )?newsletter\b|\bricevi la (?:nostra )?newsletter\b"),
    (
        "promo",
        "it",
        r"\bsostienici\b|\bsostieni (?:il nostro (?:lavoro|giornalismo)|l['’]informazione)\b"
        r"|\bfai una donazione\b",
    ),
    ("promo", "it", r"\babbonati per (?:continuare a )?leggere\b|\bsei già abbonato\b"),
    (
        "share",
        "it",
        r"\bcondividi su (?:facebook|twitter|x|whatsapp|linkedin|telegram)\b"
        r"|\bcondividi (?:questo|l['’])\s?articolo\b",
    ),
    ("sidebar", "it", r"^leggi anche\b|\b(?:ti )?potrebbe (?:anche )?interessarti\b|\barticoli correlati\b"),
    ("comments", "it", r"\blascia un commento\b|^\d+ commenti\b"),
    ("metadata", "it", _SHORT + r"di " + _NAME + _NAME_END),
    ("metadata", "it", r"(?:^|[|·•] ?)(?:pubblicato|aggiornato)(?: il| alle)?" + _DATE_START),
    ("metadata", "it", r"\btempo di lettura ?:? ?\d|\b\d+ ?min(?:uti)? di lettura\b"),
    ("navigation", "it", r"\bvai al contenuto(?: principale)?\b|\bsalta al contenuto\b"),
    # ---------------------------------------------------------------- Portuguese
    ("legal", "pt", r"\b(?:utilizamos|usamos) cookies\b|\beste (?:site|portal) (?:utiliza|usa) cookies\b"),
    ("legal", "pt", r"\btodos os direitos reservados\b"),
    (
        "promo",
        "pt",
        r"\b(?:inscreva-se|assine|cadastre-se) (?:na|em nossa|a nossa|nossa) newsletter\b"
        r"|\breceba (?:a )?nossa newsletter\b",
    ),
    ("promo", "pt", r"\bapoie o (?:nosso )?jornalismo\b|\bfaça uma doação\b|^caros? leitores\b"),
    (
        "promo",
        "pt",
        r"\bassine para (?:continuar lendo|ler)\b|\bjá é assinante\b|\bconteúdo exclusivo para assinantes\b",
    ),
    (
        "share",
        "pt",
        r"\b(?:compartilhar|compartilhe|partilhar|partilhe) (?:no|na|em)"
        r" (?:facebook|twitter|x|whatsapp|linkedin|telegram)\b",
    ),
    ("sidebar", "pt", r"^(?:leia|veja) também\b|\bnotícias relacionadas\b|\bvocê (?:também )?pode gostar\b"),
    ("comments", "pt", r"\bdeixe (?:um|seu) comentário\b|^\d+ comentários?\b"),
    ("metadata", "pt", r"(?:^|[|·•] ?)(?:publicado|atualizado)(?: em| às)?" + _DATE_START),
    ("metadata", "pt", r"\btempo de leitura ?:? ?\d|\b\d+ ?min(?:utos)? de leitura\b"),
    ("navigation", "pt", r"\b(?:pular|ir|saltar) para o conteúdo(?: principal)?\b"),
    # ---------------------------------------------------------------- Dutch
    (
        "legal",
        "nl",
        r"\b(?:deze (?:web)?site|wij) (?:gebruikt|gebruiken|maakt gebruik van|maken gebruik van) cookies\b",
    ),
    ("legal", "nl", r"\balle rechten voorbehouden\b"),
    (
        "promo",
        "nl",
        r"\b(?:schrijf|meld) (?:je|u) (?:nu )?(?:in|aan) voor (?:onze|de) (?:[\w-]+ )?nieuwsbrief\b",
    ),
    (
        "promo",
        "nl",
        r"\bsteun (?:ons|onze journalistiek|onafhankelijke journalistiek)\b"
        r"|\bword (?:nu )?(?:lid|donateur)\b",
    ),
    ("promo", "nl", r"\bal (?:een )?abonnee\?? ?(?:log|meld) (?:hier )?(?:in|aan)\b|\blees verder met\b"),
    ("share", "nl", r"\bdeel (?:dit artikel|op (?:facebook|twitter|x|whatsapp|linkedin))\b"),
    ("sidebar", "nl", r"^lees ook\b|\bmeer over dit onderwerp\b|\bgerelateerde artikelen\b"),
    ("comments", "nl", r"\b(?:plaats|schrijf) een reactie\b|\blaat een reactie achter\b|^\d+ reacties?\b"),
    ("metadata", "nl", _SHORT + r"door " + _NAME + _NAME_END),
    (
        "metadata",
        "nl",
        r"(?:^|[|·•] ?)(?:gepubliceerd|bijgewerkt|laatst bijgewerkt)(?: op| om)?" + _DATE_START,
    ),
    ("navigation", "nl", r"\b(?:ga|spring|direct|meteen) naar (?:de )?(?:hoofd)?inhoud\b"),
    # ---------------------------------------------------------------- Polish
    (
        "legal",
        "pl",
        r"\b(?:ta strona|serwis|strona|witryna) (?:używa|wykorzystuje|korzysta z) (?:plików )?cookies?\b",
    ),
    ("legal", "pl", r"\bużywamy (?:plików )?cookies?\b|\bwszelkie prawa zastrzeżone\b"),
    ("promo", "pl", r"\bzapisz się (?:do|na) (?:naszego )?newslettera?\b"),
    (
        "promo",
        "pl",
        r"\bwesprzyj (?:nas|naszą pracę|niezależne dziennikarstwo)\b|\bprzekaż darowiznę\b"
        r"|^drodzy czytelnicy\b",
    ),
    (
        "promo",
        "pl",
        r"\bartykuł sponsorowany\b|\bmasz już (?:konto|subskrypcję|prenumeratę)\b"
        r"|\bwykup (?:dostęp|subskrypcję)\b",
    ),
    ("promo", "pl", r"\bzapraszamy (?:też |również |także )?do (?:subskrypcji|prenumeraty)\b"),
    ("share", "pl", r"\budostępnij (?:na|w) (?:facebooku|twitterze|x|whatsappie|linkedinie)\b"),
    ("sidebar", "pl", r"^(?:czytaj|zobacz) (?:też|także|również)\b|\bnajczęściej czytane\b"),
    ("comments", "pl", r"\bdodaj komentarz\b|^\d+ komentarz(?:e|y|ów)?\b"),
    ("comments", "pl", r"^(?=.{1,60}$)(?:dołącz do|rozpocznij) dyskusj[iaę]\b"),
    (
        "metadata",
        "pl",
        r"^autor(?:zy)? ?:|^fot(?:o ?:|\.) ?\p{L}|(?:^|[|·•] ?)(?:opublikowano|aktualizacja)" + _DATE_START,
    ),
    ("metadata", "pl", r"\bczas czytania ?:? ?\d|\b\d+ ?min(?:ut|\.)? czytania\b"),
    ("navigation", "pl", r"\bprzejdź do (?:treści|zawartości)(?: głównej)?\b"),
    # ---------------------------------------------------------------- Russian
    (
        "legal",
        "ru",
        r"\bмы используем (?:файлы )?cookie\b|\b(?:этот|наш) сайт использует (?:файлы )?cookie\b",
    ),
    ("legal", "ru", r"\bпродолжая (?:использовать|пользоваться|просматривать) (?:наш )?сайт(?:ом)?\b"),
    ("legal", "ru", r"\bвсе права защищены\b"),
    (
        "legal",
        "ru",
        r"\bпри (?:полном или частичном )?(?:использовании|копировании|цитировании|перепечатке) материалов\b",
    ),
    ("legal", "ru", r"\bсвидетельство о регистрации (?:сми|средства массовой информации)\b|\bэл ?№ ?фс\b"),
    (
        "promo",
        "ru",
        r"\bподпи(?:шитесь|сывайтесь|саться) на"
        r" (?:нашу |наш |нашу еженедельную )?(?:рассылку|новостную рассылку|канал|телеграм)\b",
    ),
    (
        "promo",
        "ru",
        r"\bвведите (?:ваш |свой )?(?:e-?mail|email|адрес электронной почты)\b"
        r"|\bна ваш(?:у|ей)? (?:электронную )?почт(?:у|овый ящик)\b",
    ),
    ("promo", "ru", r"\bподдержите (?:нас|нашу работу|редакцию|проект|независимую журналистику)\b"),
    ("promo", "ru", r"^дорогие читатели\b|\b(?:разовый|ежемесячный) (?:платеж|платёж|взнос)\b"),
    (
        "promo",
        "ru",
        r"\bоформите подписку\b|\bчтобы (?:продолжить чтение|читать дальше)\b|\bуже есть подписка\b",
    ),
    ("promo", "ru", r"\bна правах рекламы\b|\berid ?: ?\w|\bпартн[её]рский материал\b"),
    (
        "share",
        "ru",
        r"\bподелиться (?:в|во)"
        r" (?:вконтакте|vk|telegram|телеграм|одноклассниках|facebook|twitter|whatsapp)\b",
    ),
    ("share", "ru", r"\bподелитесь (?:этой )?(?:статьей|новостью|материалом)\b|^поделиться ?:"),
    (
        "sidebar",
        "ru",
        r"\bчитайте также\b|\bсмотрите также\b"
        r"|\bчитайте (?:нас )?(?:в|на) (?:telegram|телеграм|дзен|дзене)\b",
    ),
    (
        "sidebar",
        "ru",
        r"\bпохожие (?:статьи|материалы|новости|публикации)\b|\bматериалы по теме\b|^по теме ?:",
    ),
    ("sidebar", "ru", r"\bвам (?:также )?может (?:быть интересно|понравиться)\b|\bсамое читаемое\b"),
    ("comments", "ru", r"^\d+ комментари(?:й|я|ев)\b|^(?:оставить|оставьте|написать|добавить) комментарий\b"),
    ("comments", "ru", r"\b(?:войдите|авторизуйтесь),? чтобы (?:оставить комментарий|комментировать)\b"),
    ("metadata", "ru", r"^(?:автор|авторы|текст|фото|фотография|иллюстрация|видео) ?:|\(фото ?:"),
    ("metadata", "ru", r"(?:^|[|·•] ?)(?:опубликовано|обновлено|дата публикации)" + _DATE_START),
    ("metadata", "ru", r"\bвремя чтения ?:? ?\d|\b\d+ ?мин(?:ут[аы]?|\.)? (?:чтения|на чтение)\b"),
    (
        "navigation",
        "ru",
        r"\bперейти к (?:основному )?(?:содержанию|контенту|содержимому)\b|^вы (?:здесь|находитесь) ?:",
    ),
    ("navigation", "ru", r"^главная ?(?:>|›|»|/|→|\|) ?\p{L}"),
    (
        "other",
        "ru",
        r"\bнашли (?:ошибку|опечатку)\??,? (?:выделите|пожалуйста, выделите)\b|\bctrl ?\+ ?enter\b",
    ),
    # ---------------------------------------------------------------- Chinese
    ("legal", "zh", r"(?:我们|本网站|本站)(?:使用|会使用)\s?cookies?"),
    ("legal", "zh", r"版权所有|保留所有权利|版权声明"),
    ("legal", "zh", r"未经.{0,12}(?:许可|授权|同意).{0,12}不得(?:转载|复制|使用)|转载请注明(?:出处|来源)"),
    ("legal", "zh", r"ICP(?:备|证)\s?\d+号?|公网安备\s?\d+"),
    (
        "promo",
        "zh",
        r"订阅(?:我们的)?(?:新闻|电子)?(?:通讯|简报|邮件)|输入(?:您的|你的)?(?:电子)?邮(?:箱|件地址)",
    ),
    (
        "promo",
        "zh",
        r"扫码关注|扫描(?:下方)?二维码(?:关注|下载)|长按(?:识别)?二维码|关注(?:我们的)?(?:微信)?公众号",
    ),
    ("promo", "zh", r"(?:下载|打开)(?:\S{0,6})?(?:客户端|APP)(?:阅读|查看)?|APP内(?:打开|阅读|查看)"),
    (
        "promo",
        "zh",
        r"(?:订阅|开通会员)后(?:可)?(?:阅读|查看)全文|(?:已是|已经是)(?:会员|订户)[?？,，]?\s?请?登录",
    ),
    ("promo", "zh", r"^广告\s?[:：|]|^推广\s?[:：|]|赞助内容|\s广告$"),
    ("share", "zh", r"分享(?:到|至)\s?[:：]|^分享(?:到|至)?\s?[:：]|^转发到"),
    (
        "sidebar",
        "zh",
        r"^[【\[]?(?:相关(?:阅读|文章|新闻|推荐|报道)|延伸阅读|推荐阅读|热门(?:文章|推荐|新闻)|猜你喜欢)",
    ),
    ("sidebar", "zh", r"猜你喜欢|相关阅读|延伸阅读"),
    (
        "comments",
        "zh",
        r"发表(?:你的|您的)评论|我要评论|查看(?:全部|更多)评论|^\d+\s?条评论|评论\s?[(（]\d+[)）]",
    ),
    ("metadata", "zh", r"责任编辑\s?[:：]|^(?:编辑|作者|记者|来源|通讯员|撰文|摄影|图|文)\s?[:：|丨]"),
    ("metadata", "zh", r"图片来源\s?[:：]|(?:发布|更新|发表)时间\s?[:：]|发表于\s?\d"),
    (
        "metadata",
        "zh",
        r"^\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s?\d{1,2}[:：]\d{2}"
        r"|[(（](?:资料图片?|图片来源[^)）]{0,20}|[^)）]{0,10}摄|供图)[)）]",
    ),
    ("header", "zh", r"^登录\s?[|/]\s?注册|^手机版\s?[|/]"),
    ("metadata", "zh", r"阅读(?:全文)?(?:需要|约需|时间)\s?[:：]?\s?\d+\s?分钟|预计阅读(?:时间|需要)"),
    ("navigation", "zh", r"(?:当前|您的|你的)位置\s?[:：]|^首页\s?(?:>|›|»|/|→|\|)"),
    ("navigation", "zh", r"^上一篇\s?[:：]|^下一篇\s?[:：]|跳(?:到|至)(?:主要)?内容"),
    ("other", "zh", r"字号\s?[:：]\s?[大中小]|打印本页|关闭窗口"),
    # ---------------------------------------------------------------- Arabic
    ("legal", "ar", r"جميع الحقوق محفوظة|كل الحقوق محفوظة"),
    ("legal", "ar", r"(?:نستخدم|يستخدم (?:هذا )?الموقع) (?:ملفات )?(?:تعريف الارتباط|الكوكيز|كوكيز)"),
    (
        "promo",
        "ar",
        r"اشترك في (?:النشرة|نشرتنا)(?: البريدية| الإخبارية)?|أدخل (?:بريدك الإلكتروني|عنوان بريدك)",
    ),
    ("share", "ar", r"^شارك ?:|شارك (?:على|عبر) (?:فيسبوك|تويتر|إكس|واتساب)"),
    ("sidebar", "ar", r"^اقرأ (?:أيضا|أيضاً)|(?:أخبار|مواضيع|مقالات) ذات صلة"),
    ("comments", "ar", r"^\d+ تعليق(?:ات)?|(?:أضف|اترك) تعليق(?:ا|اً)?"),
    ("metadata", "ar", r"^(?:كتب|كتبت|بقلم|تصوير|الوسوم|وسوم) ?:|^بقلم |\(تصوير ?:"),
    ("metadata", "ar", r"(?:^|[|·•] ?)(?:نشر|نُشر|تاريخ النشر|آخر تحديث|تم التحديث)(?: في)?" + _DATE_START),
    ("navigation", "ar", r"(?:تخطى|انتقل) إلى المحتوى|^الرئيسية ?(?:>|›|‹|»|«|/|←|\|)"),
)

WHOLE_BLOCK_PHRASES: tuple[tuple[str, str, str], ...] = (
    # ---------------------------------------------------------------- English
    (
        "navigation",
        "en",
        r"read more|continue reading|keep reading|read (?:the )?full (?:story|article)|next|previous|prev"
        r"|back to top|(?:go|scroll|return) to top|top|skip to (?:main )?content|skip navigation",
    ),
    (
        "navigation",
        "en",
        r"(?:main )?menu|(?:open|close) menu|home|home ?page|(?:next|previous) (?:page|article|post|story)"
        r"|older (?:posts|entries)|newer (?:posts|entries)|(?:first|last) page",
    ),
    (
        "navigation",
        "en",
        r"search|search (?:this )?site|load more|show more|see more|view more|see all|view all|show all|more"
        r"|on this page|table of contents|in this article|jump to (?:recipe|comments|content|navigation)"
        r"|filter(?: stories| results)?|apply filters?|clear (?:all )?filters?|sort by",
    ),
    (
        "navigation",
        "en",
        r"(?:(?:previous|prev) (?:page )?)?\d{1,3}(?: \d{1,3}){2,}(?: ?(?:…|\.\.\.) ?\d{1,4})?(?: (?:next"
        r"|previous|prev)(?: page)?)?",
    ),
    (
        "header",
        "en",
        r"(?:log|sign) ?(?:in|out)|register|my account|(?:log|sign) in ?(?:/|or|\|) ?(?:register|subscribe)",
    ),
    ("header", "en", r"today['’]s paper|e-?paper|choose (?:your )?edition"),
    (
        "footer",
        "en",
        r"about(?: us)?|contact(?: us)?|careers|work (?:for|with) us|advertise(?: with us)?|site ?map|faqs?"
        r"|help(?: cent(?:er|re))?|masthead|accessibility statement|rss(?: feeds?)?|press room"
        r"|complaints(?: and corrections)?|shipping (?:and|&) returns|returns (?:and|&) exchanges"
        r"|delivery information|track (?:my |your )?order|store locator",
    ),
    (
        "promo",
        "en",
        r"advertisement|advertising|adverts?|ads?|sponsored(?: content| post| links?)?"
        r"|paid (?:content|post|partnership)|promoted(?: content| stories)?|partner content"
        r"|(?:skip|close) (?:ad|advertisement)|story continues below(?: advertisement)?",
    ),
    (
        "promo",
        "en",
        r"donate(?: now| today)?|give now|support us|become a (?:member|supporter|patron|subscriber)"
        r"|subscribe(?: now| today)?|sign up(?: now| today)?|remind me later|maybe later|not now|no,? thanks"
        r"|join (?:now|today)",
    ),
    ("promo", "en", r"(?:(?:one[- ]time|once|single|monthly|annual(?:ly)?|yearly|weekly) ?[/|·•,]? ?){2,4}"),
    ("promo", "en", r"(?:[$€£] ?\d+(?:[.,]\d{2})? ?[/|·•,]? ?){2,}(?:other(?: amount)?)?"),
    (
        "promo",
        "en",
        r"get the app|download (?:the|our) app|open in app|newsletter|sign up for (?:our|the) newsletter",
    ),
    (
        "share",
        "en",
        r"share(?: this(?: article| story| post| page| recipe)?)?|tweet|pin(?: it)?|e-?mail|print"
        r"|copy(?: the)? link|link copied|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram"
        r"|bluesky|threads|mastodon|flipboard",
    ),
    (
        "share",
        "en",
        r"(?:(?:share|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|e-?mail|print"
        r"|copy link) ?[|·•,/]? ?){2,}",
    ),
    (
        "sidebar",
        "en",
        r"related(?: articles| stories| posts| content| coverage)?"
        r"|more (?:stories|news|articles|from .{1,40})|most (?:read|popular|viewed|shared)"
        r"|trending(?: now| stories)?|popular (?:now|stories|posts)|editor['’]s picks|top stories"
        r"|latest (?:news|stories|posts)|recommended(?: for you)?|you (?:may|might) also like|don['’]t miss"
        r"|in case you missed it|further reading|see also|tags?|categories|archives?",
    ),
    (
        "comments",
        "en",
        r"comments?(?: \(\d+\))?|\d+ (?:comments?|replies)|repl(?:y|ies)"
        r"|(?:show|load|view|see) (?:more |all )?(?:comments|replies)|(?:post|submit) (?:a |your )?comment"
        r"|add (?:a )?comment|leave a (?:comment|reply)|no comments(?: yet)?|comments are closed",
    ),
    (
        "legal",
        "en",
        r"privacy (?:policy|notice|statement|settings|preferences|cent(?:er|re))"
        r"|terms(?: of (?:use|service))?|terms (?:and|&) conditions"
        r"|cookie (?:policy|settings|preferences|notice)|legal notice|disclaimer|imprint|your privacy choices"
        r"|do not sell (?:or share )?my (?:personal )?info(?:rmation)?",
    ),
    (
        "legal",
        "en",
        r"(?:accept|reject|allow|deny|decline|refuse)(?: all)?(?: cookies)?"
        r"|(?:manage|customi[sz]e) (?:cookies|preferences|settings|choices)|ok(?:ay)?|got it|i agree|agree"
        r"|i accept|(?:agree|accept) (?:and|&) (?:close|continue)"
        r"|(?:(?:(?:accept|reject|allow|deny)(?: all)?(?: cookies)?"
        r"|(?:only )?(?:necessary|essential)(?: cookies)?|settings|preferences) ?){2,4}",
    ),
    (
        "metadata",
        "en",
        r"(?:\p{L}+[,،]? )?(?:\d{1,2}(?:st|nd|rd|th|er)?\.? (?:de )?\p{L}{3,}\.?(?: de)?,? \d{4}"
        r"|\p{L}{3,}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
        r"|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?:[,،]? ?(?:[-–|]|at|um|à|a las"
        r"|в)? ?\d{1,2}[:.h]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,5})?)?"
        r"(?: ?#\d{1,6})?",  # a forum post's date carries its number: "Jan 14, 2025 at 9:03 PM #2"
    ),
    # A post's count of likes or replies ("7 Likes": Discourse and others; "0 Reply").
    ("comments", "en", r"\d+ (?:likes?|reply)"),
    ("header", "en", r"(?:\p{L}[\p{L} .-]{0,30}:? )?[+−-]?\d{1,2} ?°(?: ?[cf])?(?:,? [\p{L} ]{1,30})?"),
    ("metadata", "en", r"(?:published|updated|posted|last updated)(?: on)?"),
    (
        "other",
        "en",
        r"loading|please wait|dismiss|×|✕|edit (?:this page )?on github|edit this page|view (?:page )?source"
        r"|print this page",
    ),
    (
        "other",
        "en",
        r"view larger (?:image|photo|picture)"
        r"|click (?:here )?to enlarge(?: (?:the )?(?:image|photo|picture))?"
        r"|enlarge (?:this )?(?:image|photo|picture)",
    ),
    ("other", "en", r"click to expand"),  # a quoted post's expander (XenForo)
    # A picture gallery's controls: its counter and the way back. With "Share on:" and "Advert"
    # (2026-12-04, bench on all sets: scrapinghub +0.0004, wcxb product +0.0001, no page down).
    ("other", "en", r"image \d+ of(?: /)? \d+|back to (?:the )?gallery"),
    # A slideshow's counter between its arrows, the way back to the story, the player's
    # placeholder (bench on all sets: dragnet +0.00004, 3 pages up on 3 sites, none down).
    ("other", "en", r"(?:previous|prev) \d{1,3} ?/ ?\d{1,3} next|back to (?:the )?(?:story|article|post)"),
    ("other", "en", r"loading (?:slideshow|gallery|video)"),
    # A photo agency's name alone on its line, under a picture.
    (
        "metadata",
        "en",
        r"getty images|ap photo|reuters|afp(?:/getty images)?|shutterstock|istock(?:photo)?|alamy",
    ),
    ("navigation", "en", r"view my (?:complete )?profile"),
    ("sidebar", "en", r"(?:similar|related) threads"),
    # Forum and shop chrome alone on its line: a post's number ("#12"), a member's labels, counts
    # of reviews, a follow button, a pager's two links.
    ("metadata", "en", r"#\d{1,6}"),
    ("metadata", "en", r"joined|messages|reaction score"),
    ("metadata", "en", r"\(?\d[\d,.]*\)? (?:reviews?|ratings?)"),
    ("share", "en", r"follow"),
    ("navigation", "en", r"(?:previous|prev) ?[|/·•]? ?next"),
    # ---------------------------------------------------------------- German
    (
        "navigation",
        "de",
        r"weiterlesen|mehr lesen|mehr|weiter|zurück|nächste(?: seite| artikel)?|vorherige(?: seite| artikel)?"
        r"|nach oben|zum seitenanfang|startseite|menü|hauptmenü|suche|suchen|mehr laden|alle anzeigen"
        r"|mehr anzeigen|zum inhalt",
    ),
    ("header", "de", r"anmelden|einloggen|abmelden|registrieren|mein konto|login|e-?paper"),
    (
        "footer",
        "de",
        r"kontakt|über uns|karriere|mediadaten|werben|hilfe|sitemap|rss-feeds?"
        r"|(?:(?:impressum|datenschutz(?:erklärung)?|agb|kontakt|cookie-einstellungen|barrierefreiheit"
        r"|nutzungsbedingungen) ?[|·•,/]? ?){2,}",
    ),
    ("promo", "de", r"anzeige|werbung|gesponsert|sponsored|promotion|anzeige schließen"),
    (
        "promo",
        "de",
        r"jetzt spenden|jetzt unterstützen|mitglied werden|abonnieren|jetzt abonnieren|abo abschließen"
        r"|newsletter abonnieren|zum newsletter|später erinnern|nicht jetzt"
        r"|(?:(?:einmalig|monatlich|jährlich) ?[/|·•,]? ?){2,3}",
    ),
    (
        "share",
        "de",
        r"teilen|artikel teilen|drucken|link kopieren|per e-?mail (?:teilen|senden)|twittern"
        r"|(?:news|artikel|beitrag|seite) teilen(?: mit)?|teilen mit|sharen mit|teilen sie (?:dies|diese[ns]?"
        r"(?: artikel| beitrag| seite)?)(?: mit)?"
        r"|(?:(?:teilen|facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|mail|drucken"
        r"|link kopieren) ?[|·•,/]? ?){2,}",
    ),
    (
        "sidebar",
        "de",
        r"mehr zum thema|das könnte (?:sie|dich|euch) (?:auch )?interessieren|meistgelesen"
        r"|meistgelesene artikel|auch interessant|themen|mehr themen|weitere themen|siehe auch|empfehlungen"
        r"|(?:verwandte|ähnliche) (?:artikel|beiträge|themen|inhalte)"
        r"|weitere (?:artikel|beiträge|meldungen|nachrichten|pressemitteilungen)(?: .{1,40})?",
    ),
    (
        "comments",
        "de",
        r"kommentare?(?: \(\d+\))?|\d+ kommentare?|kommentieren|jetzt kommentieren|antworten"
        r"|kommentar schreiben",
    ),
    (
        "legal",
        "de",
        r"impressum|datenschutz(?:erklärung|hinweise| einstellungen)?|agb|nutzungsbedingungen"
        r"|cookie-?einstellungen|alle akzeptieren|akzeptieren|ablehnen|alle ablehnen|zustimmen|einverstanden"
        r"|privatsphäre-einstellungen"
        r"|(?:(?:(?:nur )?(?:notwendige|erforderliche)(?: cookies)?|alle (?:akzeptieren|ablehnen)|akzeptieren"
        r"|ablehnen|einstellungen) ?){2,4}",
    ),
    ("metadata", "de", r"(?:veröffentlicht|aktualisiert)(?: am)?"),
    # ---------------------------------------------------------------- French
    (
        "navigation",
        "fr",
        r"lire la suite|lire plus|suivant|précédent|page suivante|page précédente"
        r"|retour en haut(?: de (?:la )?page)?|haut de page|retour|accueil|menu|rechercher|voir plus"
        r"|afficher plus|charger plus|voir tout|tout voir",
    ),
    ("header", "fr", r"se connecter|connexion|déconnexion|s['’]inscrire|inscription|mon compte|mon espace"),
    (
        "footer",
        "fr",
        r"nous contacter|contactez-nous|contact|qui sommes-nous|à propos|plan du site|recrutement"
        r"|publicité sur le site",
    ),
    (
        "promo",
        "fr",
        r"publicité|sponsorisé|contenu sponsorisé|contenu partenaire|en partenariat avec .{1,40}",
    ),
    (
        "promo",
        "fr",
        r"faire un don|je fais un don|je soutiens|soutenez-nous|s['’]abonner|je m['’]abonne|abonnez-vous"
        r"|plus tard|me le rappeler plus tard|(?:(?:ponctuel|mensuel|annuel|une fois) ?[/|·•,]? ?){2,3}",
    ),
    ("share", "fr", r"partager|partager l['’]article|imprimer|copier le lien|lien copié|envoyer par e-?mail"),
    (
        "sidebar",
        "fr",
        r"lire aussi|à lire aussi|voir aussi|sur le même sujet|les plus lus|articles similaires|à découvrir",
    ),
    (
        "comments",
        "fr",
        r"commentaires?(?: \(\d+\))?|\d+ commentaires?|réagir|répondre|laisser un commentaire",
    ),
    (
        "legal",
        "fr",
        r"mentions légales|politique de confidentialité|conditions générales(?: d['’]utilisation| de vente)?"
        r"|cgu|cgv|données personnelles|gestion des cookies|paramétrer les cookies|tout accepter|accepter"
        r"|refuser|tout refuser|continuer sans accepter",
    ),
    ("metadata", "fr", r"(?:publié|mis à jour)(?: le)?"),
    # ---------------------------------------------------------------- Spanish
    (
        "navigation",
        "es",
        r"leer más|seguir leyendo|siguiente|anterior|volver arriba|ir arriba|subir|inicio|portada|menú|buscar"
        r"|ver más|cargar más|ver todo|ver todas",
    ),
    (
        "header",
        "es",
        r"iniciar sesión|inicia sesión|entrar|acceder|registrarse|regístrate|mi cuenta|cerrar sesión",
    ),
    (
        "footer",
        "es",
        r"contacto|contáctanos|quiénes somos|sobre nosotros|mapa del sitio|trabaja con nosotros"
        r"|publicidad en .{1,30}",
    ),
    ("promo", "es", r"publicidad|patrocinado|contenido patrocinado|anuncio"),
    (
        "promo",
        "es",
        r"dona(?: ahora)?|donar|haz una donación|hazte socio|hazte socia|suscríbete|suscribirse|apóyanos"
        r"|colabora|recordármelo más tarde|más tarde|ahora no|(?:(?:una vez|mensual|anual) ?[/|·•,]? ?){2,3}",
    ),
    (
        "share",
        "es",
        r"compartir|comparte|compartir en .{1,20}|imprimir|copiar enlace|enlace copiado|enviar por correo",
    ),
    (
        "sidebar",
        "es",
        r"(?:también )?(?:te|le) puede interesar|noticias relacionadas|lo más leído|más leídas"
        r"|más noticias|relacionado|contenidos? relacionados?|artículos relacionados",
    ),
    ("comments", "es", r"comentarios?(?: \(\d+\))?|\d+ comentarios?|comentar|responder|deja un comentario"),
    (
        "legal",
        "es",
        r"aviso legal|política de privacidad|política de cookies|términos y condiciones|condiciones de uso"
        r"|configurar cookies|aceptar(?: todo| todas| cookies)?|rechazar(?: todo| todas)?",
    ),
    ("metadata", "es", r"(?:publicado|actualizado)(?: el)?"),
    # ---------------------------------------------------------------- Italian
    (
        "navigation",
        "it",
        r"leggi (?:di più|tutto|anche)|continua a leggere|successivo|precedente|torna su|torna all['’]inizio"
        r"|cerca|home",
    ),
    ("promo", "it", r"pubblicità|sponsorizzato|contenuto sponsorizzato|abbonati|sostienici|dona ora"),
    ("share", "it", r"condividi|stampa|copia link"),
    ("comments", "it", r"commenti(?: \(\d+\))?|\d+ commenti|commenta|rispondi"),
    (
        "legal",
        "it",
        r"informativa (?:sulla )?privacy|privacy policy|cookie policy|note legali|accetta(?: tutti)?"
        r"|rifiuta(?: tutti)?",
    ),
    # ---------------------------------------------------------------- Portuguese
    (
        "navigation",
        "pt",
        r"leia mais|continue lendo|próximo|próxima|anterior|voltar ao topo|início|página inicial|buscar"
        r"|pesquisar",
    ),
    ("promo", "pt", r"publicidade|patrocinado|assine(?: já)?|apoie|doe agora|faça uma doação"),
    ("share", "pt", r"compartilhe|compartilhar|partilhar|imprimir|copiar link"),
    ("comments", "pt", r"comentários?(?: \(\d+\))?|\d+ comentários?|comentar|responder"),
    # A date line with its weekday ("sexta-feira, 22 de outubro de 2010 às 20:13"), which the
    # English date row does not read (a hyphen in the weekday, "às"); Spanish lines too.
    (
        "metadata",
        "pt",
        r"(?:\p{L}+(?:-\p{L}+)?,? )?\d{1,2} de \p{L}{3,}\.? de \d{4}"
        r"(?:,? ?(?:às|a las|à|-)? ?\d{1,2}[:h]\d{2}(?: ?h(?:r?s)?\.?)?)?",
    ),
    ("legal", "pt", r"política de privacidade|termos de uso|aceitar(?: todos)?|rejeitar(?: todos)?"),
    # ---------------------------------------------------------------- Dutch
    (
        "navigation",
        "nl",
        r"lees meer|lees verder|volgende|vorige|terug naar boven|naar boven|zoeken|meer laden",
    ),
    ("promo", "nl", r"advertentie|gesponsord|doneer(?: nu)?|word lid|abonneer(?: nu)?|neem een abonnement"),
    ("share", "nl", r"delen|deel|printen|link kopiëren"),
    ("comments", "nl", r"reacties?(?: \(\d+\))?|\d+ reacties|reageer|reageren"),
    (
        "legal",
        "nl",
        r"privacybeleid|privacyverklaring|cookiebeleid|cookie-instellingen|algemene voorwaarden|accepteren"
        r"|weigeren|alles accepteren",
    ),
    # ---------------------------------------------------------------- Polish
    (
        "navigation",
        "pl",
        r"czytaj (?:więcej|dalej)|następny|następna|poprzedni|poprzednia|do góry|strona główna|szukaj"
        r"|pokaż więcej",
    ),
    (
        "promo",
        "pl",
        r"reklama|materiał sponsorowany|artykuł sponsorowany|wesprzyj(?: nas)?|subskrybuj|zapisz się",
    ),
    ("share", "pl", r"udostępnij|drukuj|kopiuj link|skopiuj link"),
    ("comments", "pl", r"komentarze(?: \(\d+\))?|\d+ komentarz(?:e|y|ów)?|skomentuj|odpowiedz"),
    (
        "legal",
        "pl",
        r"polityka prywatności|polityka cookies|regulamin|akceptuję|zaakceptuj(?: wszystkie)?"
        r"|odrzuć(?: wszystkie)?",
    ),
    # ---------------------------------------------------------------- Russian
    (
        "navigation",
        "ru",
        r"читать (?:далее|дальше|полностью)|подробнее|далее|назад|вперед|вперёд|следующая|предыдущая|наверх"
        r"|главная|меню|поиск|найти|показать (?:ещ[её]|больше)|загрузить ещ[её]|все новости",
    ),
    ("header", "ru", r"войти|вход|выйти|регистрация|зарегистрироваться|личный кабинет"),
    ("footer", "ru", r"о нас|о проекте|контакты|реклама на сайте|вакансии|карта сайта|редакция"),
    (
        "promo",
        "ru",
        r"реклама|на правах рекламы|партн[её]рский материал|спецпроект|подписаться|подпишитесь|поддержать"
        r"|поддержите нас|пожертвовать",
    ),
    ("share", "ru", r"поделиться|отправить|скопировать ссылку|ссылка скопирована|распечатать"),
    (
        "sidebar",
        "ru",
        r"читайте также|смотрите также|по теме|похожие (?:статьи|материалы|новости)|популярное|самое читаемое"
        r"|рекомендуем|другие новости",
    ),
    (
        "comments",
        "ru",
        r"комментарии(?: \(\d+\))?|\d+ комментари(?:й|я|ев)|комментировать|ответить|оставить комментарий",
    ),
    (
        "legal",
        "ru",
        r"политика конфиденциальности|пользовательское соглашение|правила использования|принять|согласен"
        r"|понятно",
    ),
    # ---------------------------------------------------------------- Chinese
    (
        "navigation",
        "zh",
        r"首页|返回顶部|回到顶部|返回首页|上一篇|下一篇|上一页|下一页|更多|查看更多|加载更多|点击加载更多"
        r"|展开全文|阅读全文|搜索|导航",
    ),
    ("header", "zh", r"登录|注册|登录\s?[|/]\s?注册|退出|个人中心|我的账户"),
    (
        "footer",
        "zh",
        r"关于我们|联系我们|加入我们|广告服务|网站地图|帮助中心|意见反馈|招聘信息|友情链接"
        r"|(?:(?:关于我们|联系我们|加入我们|广告服务|网站地图|帮助中心|意见反馈|招聘信息|友情链接|隐私政策"
        r"|用户协议|免责声明)\s?[|·•,/]?\s?){2,}",
    ),
    ("promo", "zh", r"广告|推广|赞助|订阅|立即订阅|打赏|赞赏|支持我们|下载客户端|下载APP|打开APP"),
    ("share", "zh", r"分享|分享到|转发|收藏|点赞|微信|微博|朋友圈|QQ空间|复制链接"),
    (
        "sidebar",
        "zh",
        r"相关阅读|相关文章|相关新闻|相关推荐|猜你喜欢|热门推荐|热门文章|推荐阅读|延伸阅读|排行榜|热点新闻",
    ),
    ("comments", "zh", r"评论|评论\s?[(（]\d+[)）]|\d+\s?条评论|发表评论|我要评论|回复|网友评论"),
    ("legal", "zh", r"隐私政策|用户协议|服务条款|免责声明|版权声明|法律声明|接受|同意"),
    (
        "metadata",
        "zh",
        r"(?:发布|更新)时间|来源"
        r"|\d{4}年\d{1,2}月\d{1,2}日(?:\s?星期[一二三四五六日天])?(?:\s?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?",
    ),
    # ---------------------------------------------------------------- Arabic
    ("navigation", "ar", r"الرئيسية|القائمة|التالي|السابق|المزيد|اقرأ المزيد|العودة للأعلى|إلى الأعلى"),
    (
        "footer",
        "ar",
        r"من نحن|اتصل بنا|أعلن معنا|خريطة الموقع"
        r"|(?:(?:من نحن|اتصل بنا|أعلن معنا|خريطة الموقع|سياسة الخصوصية|شروط الاستخدام"
        r"|الشروط والأحكام) ?[|·•,/]? ?){2,}",
    ),
    ("promo", "ar", r"إعلان|إعلانات|محتوى مدعوم|اشترك(?: الآن)?|تبرع(?: الآن)?"),
    ("share", "ar", r"شارك|مشاركة|طباعة|نسخ الرابط|فيسبوك|تويتر|إكس|واتساب|تيليجرام"),
    ("comments", "ar", r"(?:ال)?تعليقات|\d+ تعليق(?:ات)?|أضف تعليقا?"),
    ("legal", "ar", r"سياسة الخصوصية|شروط الاستخدام|الشروط والأحكام|موافق|قبول|أوافق"),
)

# The titles of a blog's or site's own widgets, as a heading names them above their box:
# the owner's profile ("About Me"), the feeds of its latest posts and comments, a most-watched
# list. ``_titled_boxes`` matches a kept heading's whole text (stripped as for
# WHOLE_BLOCK_PHRASES) against these and drops the box under it when it follows the body.
# "About <name>" and "About the author" are not here: the truths keep most authors' bios
# (cleaneval, wcxb articles). The other languages are the engines' own widget titles
# (WordPress's "Recent Posts" and "Recent Comments", Blogger's "About Me").
BOX_TITLES: tuple[tuple[str, str, str], ...] = (
    ("sidebar", "en", r"about me|about (?:this|the) (?:blog|site)"),
    (
        "sidebar",
        "en",
        r"recent (?:posts|entries|articles|comments)|latest (?:conversations|comments)|popular posts"
        r"|most (?:watched|listened|commented)(?: ?/ ?(?:watched|listened|commented))?",
    ),
    ("sidebar", "de", r"über mich|neueste beiträge|letzte beiträge|neueste kommentare|letzte kommentare"),
    ("sidebar", "fr", r"à propos de moi|articles récents|commentaires récents"),
    ("sidebar", "es", r"sobre mí|acerca de mí|entradas recientes|comentarios recientes"),
    ("sidebar", "it", r"chi sono|articoli recenti|commenti recenti"),
    ("sidebar", "pt", r"sobre mim|posts recentes|comentários recentes"),
    ("sidebar", "nl", r"over mij|recente berichten|recente reacties"),
)

# The titles of a list of other stories set after an article's body ("More Great WIRED
# Stories", "Related reads:", "You may also like", "Next story"): ``_titled_boxes`` matches
# them as it matches BOX_TITLES, on a heading or a short line, only on pages that declare an
# article or nothing (a listing's own feed is titled "Latest articles"). "See also", "Further
# reading" and "More from X" are not here: documentation pages keep the links under them.
RELATED_TITLES: tuple[tuple[str, str, str], ...] = (
    (
        "sidebar",
        "en",
        r"more (?:[\w'’]+ ){0,3}(?:stories|news|articles|posts|reads|guides|recipes)"
        r"|(?:related|similar|recommended|popular|trending|latest|top) (?:stories|articles|posts|news|reads"
        r"|guides|recipes|publications|links|content|reading)(?: and links)?"
        r"|you (?:may|might) also (?:like|enjoy)|most (?:read|popular|viewed|shared)",
    ),
    # The way to the next and previous story, each over its title and teaser ("Next Auto
    # News"); singular only: a blog's "Previous Posts" box lists its archive, which a truth
    # keeps (dragnet).
    ("sidebar", "en", r"(?:next|previous|prev) (?:[\w'’]+ ){0,2}(?:news|post|article|story|entry)"),
    # The same titles in the table's other languages; their "See also" ("Siehe auch", "Voir
    # aussi", "Veja também", "Zobacz też") is left out as the English one is.
    (
        "sidebar",
        "de",
        r"(?:das|diese[sr]?(?: artikel| beiträge| themen)?) könnten? (?:sie|dich|euch)"
        r" (?:auch |ebenfalls )?interessieren"
        r"|(?:ähnliche|verwandte|empfohlene|weitere|beliebte)"
        r" (?:artikel|beiträge|nachrichten|meldungen|news|rezepte)"
        r"|(?:mehr|artikel|videos|beiträge|news)(?: und (?:videos|artikel|bilder))? zum thema"
        r"|lesen sie (?:auch|mehr)|auch interessant|meistgelesen(?:e (?:artikel|beiträge|nachrichten))?",
    ),
    (
        "sidebar",
        "fr",
        r"(?:articles?|actualités|sujets) (?:similaires|liés|recommandés|associés)"
        r"|(?:à )?lire (?:aussi|également)"
        r"|sur le même (?:sujet|thème)|les plus lus|(?:vous aimerez|vous pourriez aimer) (?:aussi|également)"
        r"|ces articles (?:peuvent|pourraient) vous intéresser|dans la même rubrique",
    ),
    (
        "sidebar",
        "es",
        r"(?:noticias|art[íi]culos|notas|entradas) (?:relacionad[ao]s|similares|recomendad[ao]s)"
        r"|(?:también )?te (?:puede|podr[íi]a) interesar|(?:lo )?m[áa]s le[íi]d[oa]s?|le[ae] tambi[ée]n"
        r"|m[áa]s noticias|otras noticias|te recomendamos",
    ),
    (
        "sidebar",
        "it",
        r"(?:articoli|notizie) (?:correlat[ie]|simili|consigliat[ie])"
        r"|(?:ti )?potrebbe(?:ro)? (?:anche )?interessarti"
        r"|leggi anche|(?:i )?più lett[ie]|altre notizie",
    ),
    (
        "sidebar",
        "pt",
        r"(?:notícias|artigos|matérias|posts) (?:relacionad[ao]s|semelhantes)|leia também"
        r"|(?:as |os )?mais lid[ao]s"
        r"|você (?:também )?pode gostar|mais notícias",
    ),
    (
        "sidebar",
        "nl",
        r"gerelateerde (?:artikelen|berichten|nieuws)|lees ook|meest gelezen|meer nieuws|ander nieuws",
    ),
    (
        "sidebar",
        "pl",
        r"(?:czytaj|przeczytaj) (?:też|także|również)|podobne (?:artykuły|wpisy)|polecane artykuły"
        r"|najczęściej czytane|może cię (?:też |także |również )?zainteresować"
        r"|więcej (?:artykułów|wiadomości)",
    ),
    (
        "sidebar",
        "ru",
        r"читайте (?:также|ещё|еще)"
        r"|(?:похожие|связанные|рекомендуемые) (?:статьи|материалы|новости|записи)"
        r"|самое (?:читаемое|популярное)|другие новости|вам (?:также )?может понравиться",
    ),
)

# The link that closes a blog's profile widget (Blogger's "View my complete profile", in the
# languages of its interface): ``_titled_boxes`` drops the widget, its parent element,
# whatever its heading says ("About Me", "About Michael", "Chef John's Bio").
PROFILE_LINKS: tuple[tuple[str, str, str], ...] = (
    ("sidebar", "en", r"view my complete profile"),
    ("sidebar", "de", r"mein profil vollständig anzeigen"),
    ("sidebar", "fr", r"afficher mon profil complet"),
    ("sidebar", "es", r"ver todo mi perfil"),
    ("sidebar", "it", r"visualizza il mio profilo completo"),
    ("sidebar", "pt", r"ver meu perfil completo"),
    ("sidebar", "nl", r"mijn volledige profiel weergeven"),
)
