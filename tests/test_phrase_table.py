"""The boilerplate phrase tables: well-formed rows, known chrome matched, article prose not matched."""

from __future__ import annotations

import pytest
import regex

from boilerstrip._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES

KINDS = frozenset(
    {"navigation", "header", "footer", "sidebar", "promo", "share", "comments", "legal", "metadata", "other"}
)
# What the library strips from a short block before matching WHOLE_BLOCK_PHRASES (see _phrases.py).
WHOLE_STRIP = " .:!?…·|»«›‹>-"

ROWS = [
    pytest.param(row, id=f"{table}[{i}]-{row[0]}-{row[1]}")
    for table, rows in (("PHRASES", PHRASES), ("WHOLE", WHOLE_BLOCK_PHRASES))
    for i, row in enumerate(rows)
]


@pytest.mark.parametrize("row", ROWS)
def test_pattern_compiles(row: tuple[str, str, str]) -> None:
    regex.compile(row[2], regex.IGNORECASE)


@pytest.mark.parametrize("row", ROWS)
def test_pattern_has_no_named_group(row: tuple[str, str, str]) -> None:
    # The library joins all patterns of a kind into one named group; a named group inside would clash.
    assert regex.compile(row[2], regex.IGNORECASE).groupindex == {}


@pytest.mark.parametrize("row", ROWS)
def test_kind_is_allowed(row: tuple[str, str, str]) -> None:
    assert row[0] in KINDS


@pytest.mark.parametrize("row", ROWS)
def test_language_is_two_letter_code(row: tuple[str, str, str]) -> None:
    assert regex.fullmatch(r"[a-z]{2}", row[1])


def _kinds_matching(text: str) -> set[str]:
    """Kinds of the rows that match ``text``, as the library matches them."""
    text = " ".join(text.split())
    found = {kind for kind, _, pattern in PHRASES if regex.search(pattern, text, regex.IGNORECASE)}
    stripped = text.strip(WHOLE_STRIP)
    found |= {
        kind
        for kind, _, pattern in WHOLE_BLOCK_PHRASES
        if regex.fullmatch(pattern, stripped, regex.IGNORECASE)
    }
    return found


CHROME_EXAMPLES = [
    # English
    ("We use cookies to improve your experience on our site.", "legal"),
    ("Share this on WhatsApp", "share"),
    ("Share this with Email", "share"),
    ("Most read: Ten quiet places to swim this summer", "sidebar"),
    ("Get the Flash Player to see this player.", "other"),
    ("By clicking “Post Your Answer”, you agree to our terms of service.", "legal"),
    ("© 2025 Example Media Ltd. All rights reserved.", "legal"),
    ("Sign up for our daily newsletter and get the best stories in your inbox.", "promo"),
    ("Not ready to support today? Remind me later", "promo"),
    ("Already a subscriber? Log in", "promo"),
    ("Advertisement", "promo"),
    ("Monthly Annual One-time", "promo"),
    ("Share on Facebook", "share"),
    ("Share on: Facebook Twitter Reddit", "share"),
    ("Advert", "promo"),
    ("Image 1 of / 23", "other"),
    ("Image 4 of 5", "other"),
    ("Back to Gallery", "other"),
    ("Previous 1 / 6 Next", "other"),
    ("‹ Back to Story", "other"),
    ("Loading Slideshow", "other"),
    ("You may also like", "sidebar"),
    ("Leave a Reply", "comments"),
    ("12 comments", "comments"),
    ("By Jane Smith, Political Correspondent", "metadata"),
    ("Published 3 May 2024", "metadata"),
    ("5 min read", "metadata"),
    ("Photo: Getty Images", "metadata"),
    ("Skip to main content", "navigation"),
    ("Back to top", "navigation"),
    ("Privacy Policy", "legal"),
    # English rows of issue4-phrases12 (disclaimers, tip lines, tool lines, credits, player text)
    ("If you buy something through our links, we may receive a small commission.", "legal"),
    ("If you buy through links on this page, Example Media may earn an affiliate commission.", "legal"),
    ("The views expressed in this column are those of the author alone.", "legal"),
    ("Sign up here for our weekly Example email.", "promo"),
    ("If you have any news tips, write to newsdesk@example.com.", "promo"),
    ("Send us your photos and videos at tips@example.com", "promo"),
    ("Reach the reporter at jane.doe@example.com", "promo"),
    ("Get Example Monthly delivered every month. 12 issues for £11.99.", "promo"),
    ("Get access to the fastest growing subscriptions service Example Pro for as little as Rs 599", "promo"),
    ("Like this story? Share it with a friend!", "promo"),
    ("Printer-friendly version", "share"),
    ("Send this story to a friend", "share"),
    ("TrackBack URL for this entry: https://example.com/tb/17", "comments"),
    ("Quote | Report this post", "comments"),
    ("12 Likes", "comments"),
    ("Medically reviewed by Jane Doe, MD", "metadata"),
    ("Additional reporting by John Roe", "metadata"),
    ("Getty Images", "metadata"),
    ("Beginning of dialog window. Escape will cancel and close the window.", "other"),
    ("A version of this article appeared in print on May 3, 2024, on page B2.", "other"),
    ("Click to expand...", "other"),
    ("View larger image", "other"),
    ("View my complete profile", "navigation"),
    ("Oops! Something went wrong while submitting the form.", "other"),
    ("Tell us what you think:", "comments"),
    ("0 Reply", "comments"),
    ("Similar threads", "sidebar"),
    ("#14", "metadata"),
    ("Reaction score", "metadata"),
    ("(128) reviews", "metadata"),
    ("Follow", "share"),
    ("Previous | Next", "navigation"),
    ("Tap Permissions → Notifications.", "other"),
    # Portuguese and Spanish date lines with a weekday
    ("quarta-feira, 3 de maio de 2024 às 10:32", "metadata"),
    ("Miércoles, 3 de mayo de 2024 a las 10:32 hrs.", "metadata"),
    # German
    ("Wir verwenden Cookies, um unsere Website für Sie optimal zu gestalten.", "legal"),
    ("Alle Rechte vorbehalten.", "legal"),
    ("Anzeige", "promo"),
    ("Unterstützen Sie unabhängigen Journalismus mit einem freiwilligen Beitrag.", "promo"),
    ("Jetzt zum Newsletter anmelden", "promo"),
    ("Mehr zum Thema", "sidebar"),
    ("Das könnte dich auch interessieren", "sidebar"),
    ("Siehe auch", "sidebar"),
    ("Verwandte Artikel", "sidebar"),
    ("Weitere Beiträge aus der Kolumne:", "sidebar"),
    ("Teilen Sie dies mit:", "share"),
    ("Teilen", "share"),
    ("Kommentare", "comments"),
    ("Von Anna Müller und Jonas Weber", "metadata"),
    ("Veröffentlicht am 14.03.2025, 18:42 Uhr", "metadata"),
    ("Impressum", "legal"),
    ("Datenschutz", "legal"),
    ("Zum Inhalt springen", "navigation"),
    ("Jede kleine Spende hilft den notleidenden Menschen dieser Welt!", "promo"),
    ("Online-Pressemappe - alle Pressemitteilungen | RSS-Feed abonnieren", "promo"),
    ("Sie sind aktuell nicht eingeloggt.", "comments"),
    ("Sie müssen angemeldet sein, um einen Kommentar abzugeben.", "comments"),
    # Polish
    ("Zapraszamy też do subskrypcji tygodnika.", "promo"),
    ("dołącz do dyskusji", "comments"),
    # French
    ("Ce site utilise des cookies pour améliorer votre expérience.", "legal"),
    ("Tous droits réservés", "legal"),
    ("Publicité", "promo"),
    ("Cet article est réservé aux abonnés.", "promo"),
    ("Inscrivez-vous à notre newsletter", "promo"),
    ("Lire aussi : La réforme des retraites adoptée", "sidebar"),
    ("Partager sur Facebook", "share"),
    ("3 commentaires", "comments"),
    ("Par Jean-Pierre Dupont", "metadata"),
    ("Publié le 3 mai 2024 à 10h32", "metadata"),
    ("Aller au contenu principal", "navigation"),
    # Spanish
    ("Utilizamos cookies propias y de terceros para mejorar nuestros servicios.", "legal"),
    ("Todos los derechos reservados", "legal"),
    ("Publicidad", "promo"),
    ("Suscríbete a nuestro boletín", "promo"),
    ("Te puede interesar", "sidebar"),
    ("Contenido relacionado", "sidebar"),
    ("Compartir en WhatsApp", "share"),
    ("Deja un comentario", "comments"),
    ("Por María José García", "metadata"),
    ("Actualizado el 12 de marzo de 2025", "metadata"),
    ("3 min de lectura", "metadata"),
    ("Saltar al contenido", "navigation"),
    # Russian
    ("Мы используем файлы cookie, чтобы сайт работал лучше.", "legal"),
    ("Все права защищены.", "legal"),
    ("Реклама", "promo"),
    ("Подпишитесь на рассылку", "promo"),
    ("Поддержите независимую журналистику", "promo"),
    ("Читайте также", "sidebar"),
    ("Поделиться", "share"),
    ("Комментарии", "comments"),
    ("Автор: Ольга Ветрова", "metadata"),
    ("Фото: пресс-служба администрации", "metadata"),
    ("Опубликовано 12 марта 2025", "metadata"),
    ("Перейти к основному содержанию", "navigation"),
    # Chinese
    ("版权所有 © 2025 青禾日报社", "legal"),
    ("未经许可，不得转载。", "legal"),
    ("广告", "promo"),
    ("扫码关注我们的微信公众号", "promo"),
    ("分享到：", "share"),
    ("相关阅读", "sidebar"),
    ("猜你喜欢", "sidebar"),
    ("评论", "comments"),
    ("责任编辑：王小明", "metadata"),
    ("图片来源：视觉中国", "metadata"),
    ("发布时间：2025-04-02 10:15", "metadata"),
    ("当前位置：首页 > 新闻 > 本地", "navigation"),
    ("返回顶部", "navigation"),
]


@pytest.mark.parametrize(("text", "kind"), CHROME_EXAMPLES, ids=[t for t, _ in CHROME_EXAMPLES])
def test_chrome_example_matches_a_row_of_its_kind(text: str, kind: str) -> None:
    assert kind in _kinds_matching(text)


ARTICLE_SENTENCES = [
    "By Tuesday, rescuers had reached the village, where dozens of homes had been destroyed.",
    "The company updated its privacy policy last year after regulators in Brussels opened an investigation.",
    '"We thank all the nations that support us," the president told reporters in Kyiv on Monday.',
    "She decided to make a donation to the children's hospital after her son recovered from surgery.",
    "Ukraine has long wanted to become a member of the European Union and NATO.",
    "The report, published 3 May 2024, found that air pollution had fallen in most large cities.",
    "More than 300 people left comments on the council's website before the consultation closed.",
    "Share prices on Wall Street fell sharply on Friday after the jobs report.",
    "She did not share it with Facebook friends until the results were in.",
    "The latest news from the council came on Monday: the bridge will reopen in May.",
    "The old site needed the Flash plugin, which most browsers have since dropped.",
    "The reporters reached the mayor by phone on Tuesday, and she reviewed the plan with them.",
    "She said the views expressed by voters at the meeting were those of a frustrated majority.",
    "The council may receive a share of the funding next year if the bid succeeds.",
    "If you have a question about your bill, the utility says to call its help line.",
    "A version of the bill passed the Senate last week, reporting by the committee is due in May.",
    "Die Polizei hat Anzeige gegen den Fahrer erstattet, der mit 120 km/h durch die Innenstadt gefahren war.",
    "Der Sprecher wollte keinen Kommentar abgeben und verwies auf die laufenden Ermittlungen.",
    "Die Spende hilft vor allem Familien, die ihr Haus bei der Flut verloren haben.",
    "Wer sich nicht angemeldet hat, darf an der Abstimmung im Verein nicht teilnehmen.",
    "Fragen zum Inhalt des Vertrags beantwortet die Behörde nach eigenen Angaben erst im Herbst.",
    "Le gouvernement a publié le 3 mai un rapport sur la qualité de l'air dans les grandes villes.",
    "Sur le même sujet, le ministre de l'Intérieur a promis des annonces dans les prochains jours.",
    "Por su parte, el ministro de Economía aseguró que la inflación seguirá bajando este año.",
    "Miles de personas compartieron el vídeo en las redes sociales durante el fin de semana.",
    "Представитель компании отказался оставить комментарий, сославшись на коммерческую тайну.",
    "Пользователи поделились своими впечатлениями от нового сервиса в социальных сетях.",
    "他在社交媒体上发表评论称，这一决定将影响数百万用户。",
    "该微博获得了5000条评论和上万次转发。",
    "他把视频分享到了朋友圈，很快获得了大量点赞。",
    "Di Maio ha annunciato che il partito presenterà una mozione in Parlamento.",
    "De minister wil meer geld naar de inhoud van het onderwijs laten gaan.",
    "The gallery showed image 1 of 23 prints, and visitors went back to the gallery twice.",
    "Readers could share on their own feeds what the advert had promised.",
    "The magazine printed 12 issues for the anniversary, each sold for as little as $2.",
    "Subscriptions to the service rose after it was offered to students for free.",
    "Readers who like this story share it with friends, the editor said.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_prose_matches_no_phrase(sentence: str) -> None:
    hits = [
        (kind, language, pattern)
        for kind, language, pattern in PHRASES
        if regex.search(pattern, sentence, regex.IGNORECASE)
    ]
    assert hits == []
