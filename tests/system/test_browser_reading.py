"""Issue 17 in a real browser, at 1280x900 and 390x844: what a reader sees on the page and in /embed.

One test per numbered point of the issue (bottom line, replies in view, notice before
quotes, each quote once, sources you can open, the legend, tappable help, the first
screen, the widget on a site that is not allowed), plus axe-core (0 serious or critical
violations), the aria-live announcement and keyboard-only use. Screenshots of a typical
answer, a not_found, a crisis reply and the widget go to test-output/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser_kit import (  # noqa: F401  (fixtures)
    ANSWER_TIMEOUT, HAIR, SHOTS, Watch, ask_on_page, browser, new_context, servers,
)
from web_fixtures import web_bot, web_settings  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
STOP_MEDICINE = "Should I stop my antidepressant and take NMN instead?"
CRISIS = "I want to end my life"
OFF_TOPIC = "What is the capital of France?"


def _open(browser: Any, url: str, size: str) -> tuple[Any, Any, Watch]:
    context, watch = new_context(browser, *SIZES[size])
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="load")
    return context, page, watch


def _page(browser: Any, servers: dict[str, Any], size: str) -> tuple[Any, Any, Watch]:
    context, page, watch = _open(browser, servers["url"] + "/", size)
    page.locator("body[data-nmn-ready='true']").wait_for()
    return context, page, watch


def _viewport(page: Any) -> tuple[int, int]:
    v = page.viewport_size
    return v["width"], v["height"]


def _top_in_view(page: Any, locator: Any) -> bool:
    """The element's top edge is on screen (above the sticky question box)."""
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < _viewport(page)[1] - 160


def _reply_row(answer: Any) -> Any:
    return answer.locator("xpath=ancestor::div[contains(@class,'message-row')][1]")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


# =============================================================================== 8: the first screen


@pytest.mark.parametrize("size", SIZES)
def test_first_screen_shows_title_and_examples(browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, watch = _page(browser, servers, size)
    page.wait_for_timeout(500)
    width, height = _viewport(page)
    assert page.evaluate("window.scrollY") == 0  # a phone no longer opens scrolled past the title
    title = page.locator("h1#nmn-title").bounding_box()
    assert title and title["y"] >= 0
    for question in ("Does NMN help with hair loss?", "Can exosomes make hair grow back?"):
        box = page.get_by_role("button", name=question).bounding_box()
        assert box and box["y"] + box["height"] <= height, (question, box)
    assert page.get_by_label("Your question").bounding_box()["y"] < height
    if size == "phone":  # the phone keyboard does not open by itself
        assert page.evaluate("document.activeElement.tagName") != "TEXTAREA"
    else:
        assert page.evaluate("document.activeElement.closest('#nmn-question') !== null")
    _shot(page, f"chat-{size}-empty")
    watch.assert_clean()
    context.close()


# =============================================================================== 6: the legend


@pytest.mark.parametrize("size", SIZES)
def test_legend_of_nine_levels_is_visible_with_a_colour_each(browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, _ = _page(browser, servers, size)
    legend = page.locator("#nmn-legend")
    legend.scroll_into_view_if_needed()
    assert legend.is_visible() and "What the evidence labels mean" in legend.inner_text()
    rows = legend.locator(".nmn-legend-row")
    assert rows.count() == 9
    colours = set()
    for i in range(9):
        badge = rows.nth(i).locator(".nmn-badge")
        assert badge.is_visible() and rows.nth(i).locator(".nmn-legend-text").is_visible()
        colours.add(badge.evaluate("b => getComputedStyle(b).backgroundColor + '|' + getComputedStyle(b).borderColor"))
    assert len(colours) == 9
    assert "not in a living body" in legend.inner_text()  # plain words, no tooltip needed
    context.close()


# =============================================================================== 1, 3, 4, 5 on the page


@pytest.mark.parametrize("size", SIZES)
def test_reply_leads_with_its_notice_shows_each_quote_once_and_links_cards(
        browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, watch = _page(browser, servers, size)
    answer = ask_on_page(page, STOP_MEDICINE, 1)
    first_box = answer.locator(":scope > *").first
    summary = answer.locator(".nmn-summary")
    if summary.count():  # 1: the bottom line is the first thing in the reply (once the Answer has one)
        assert first_box.evaluate("n => n.classList.contains('nmn-summary')")
    # 3: the personal-decision notice comes before every quote
    notice = answer.locator(".nmn-notice-decision")
    assert notice.is_visible() and notice.inner_text().count("Don't stop, start or change prescribed treatment")
    cards = answer.locator(".nmn-card")
    assert cards.count() >= 1
    assert notice.bounding_box()["y"] < cards.first.bounding_box()["y"]
    # 4: each quote once; [n] jumps to its card
    shown = answer.inner_text()
    marks = cards.locator("blockquote mark").all_inner_texts()
    for quote in marks:
        assert shown.count(quote.strip()) == 1, quote
    last = cards.count()
    page.evaluate("window.scrollTo(0, 0)")
    answer.locator(f".nmn-glance a.nmn-ref[href$='-q{last}']").click()
    page.wait_for_timeout(300)
    assert _top_in_view(page, cards.nth(last - 1))
    assert page.evaluate("document.activeElement.classList.contains('nmn-card')")
    # 5: the card names who published it and links to the whole document with the quote marked
    first = cards.first
    assert "Purovitalis" in first.locator(".nmn-prov").inner_text()
    with context.expect_page() as popup_info:
        first.locator("a.nmn-open").click()
    source = popup_info.value
    source.wait_for_load_state("load")
    mark = source.locator("mark#quote")
    assert mark.inner_text() == marks[0]
    source.wait_for_timeout(300)
    box = mark.bounding_box()
    assert box and 0 <= box["y"] < _viewport(source)[1]
    assert "Purovitalis" in source.locator(".nmn-source-facts").inner_text()
    _shot(source, f"source-{size}")
    source.close()
    answer.scroll_into_view_if_needed()
    _shot(page, f"chat-{size}-answer")
    watch.assert_clean()
    context.close()


# =============================================================================== 2, 7: replies in view, crisis links


@pytest.mark.parametrize("size", SIZES)
def test_new_replies_arrive_in_view_even_after_scrolling_up(browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, watch = _page(browser, servers, size)
    first = ask_on_page(page, HAIR, 1)
    page.wait_for_timeout(300)
    assert _top_in_view(page, _reply_row(first)), "a new reply is shown from its top, not its end"
    live = page.locator("#nmn-announce")
    page.wait_for_function("document.getElementById('nmn-announce').textContent.length > 10")
    assert "nmnbot replied with" in live.inner_text()
    # the not-found reply comes before the crisis turn: the turn right after a crisis turn gets crisis help
    # again, whatever it asks (pipeline/triage.py)
    off = ask_on_page(page, OFF_TOPIC, 2)
    page.wait_for_timeout(300)
    assert _top_in_view(page, _reply_row(off))
    assert "don't address this question" in off.inner_text()
    _shot(page, f"chat-{size}-not-found")
    box = page.get_by_label("Your question")
    box.fill(CRISIS)
    page.evaluate("window.scrollTo(0, 0)")  # the reader scrolls up to read, then sends
    box.press("Enter")
    crisis = page.locator("#nmn-chat .nmn-answer").nth(2)
    crisis.wait_for(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(300)
    row = _reply_row(crisis)
    assert _top_in_view(page, row), "the crisis reply landed out of sight"
    assert crisis.get_attribute("role") == "alert"
    # 7: help you can tap
    for href in ("tel:988", "sms:988", "https://findahelpline.com", "tel:911"):
        link = crisis.locator(f"a[href='{href}']").first
        assert link.is_visible(), href
    assert crisis.locator("a[href='tel:988']").first.get_attribute("target") is None  # dials, no new tab
    page.wait_for_function("document.getElementById('nmn-announce').textContent.includes('Please get help now')")
    _shot(page, f"chat-{size}-crisis")
    watch.assert_clean()
    context.close()


# =============================================================================== /embed


@pytest.mark.parametrize("size", SIZES)
def test_embed_shows_new_replies_from_their_top_with_cards_and_links(
        browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, watch = _open(browser, servers["url"] + "/embed", size)
    page.locator("body[data-ready='true']").wait_for()
    box = page.get_by_label("Your question")
    log = page.locator("#nmn-log")

    def ask(question: str, n: int) -> Any:
        box.fill(question)
        log.evaluate("l => l.scrollTop = 0")  # the reader scrolls up to read, then sends
        box.press("Enter")
        reply = page.locator(".nmn-msg-bot .nmn-answer").nth(n - 1)
        reply.wait_for(timeout=ANSWER_TIMEOUT)
        page.wait_for_timeout(200)
        return reply

    def in_log_view(reply: Any) -> bool:
        top = reply.bounding_box()["y"]
        frame = log.bounding_box()
        return frame["y"] - 1 <= top < frame["y"] + frame["height"] - 30

    first = ask(STOP_MEDICINE, 1)
    assert in_log_view(first)
    assert first.locator(".nmn-notice-decision").bounding_box()["y"] < first.locator(".nmn-card").first.bounding_box()["y"]
    for quote in first.locator(".nmn-card blockquote mark").all_inner_texts():
        assert first.inner_text().count(quote.strip()) == 1
    assert first.locator("a.nmn-open").count() == first.locator(".nmn-card").count()
    assert page.locator("#nmn-announce").inner_text().startswith("nmnbot replied")
    crisis = ask(CRISIS, 2)
    assert in_log_view(crisis), "the crisis reply must not land below the view"
    assert crisis.locator("a[href='tel:988']").first.is_visible() and crisis.locator("a[href='sms:988']").count()
    _shot(page, f"embed-{size}-crisis")
    page.locator("summary", has_text="What do the evidence labels mean?").click()
    assert page.locator(".nmn-legend-row").count() == 9 and page.locator(".nmn-legend-row").first.is_visible()
    watch.assert_clean()
    context.close()


# =============================================================================== 9: the widget on a site not allowed


@pytest.mark.parametrize("size", SIZES)
def test_widget_says_in_one_line_when_the_site_is_not_allowed(browser: Any, servers: dict[str, Any],
                                                              size: str) -> None:
    port = servers["partner"].rsplit(":", 1)[1]
    context, page, _ = _open(browser, f"http://localhost:{port}/index.html", size)  # another origin
    page.get_by_role("button", name="Ask about NMN").click()
    line = page.locator(".nmnbot-refused")
    line.wait_for(timeout=10_000)
    text = line.inner_text()
    assert "isn't allowed on this site" in text and f"http://localhost:{port}" in text
    assert "NMNBOT_ALLOWED_ORIGINS" in text and "\n" not in text.strip()
    assert page.locator("iframe").count() == 0  # no grey blocked-frame page
    assert line.is_visible()
    _shot(page, f"widget-{size}-refused")
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_widget_answers_on_an_allowed_site(browser: Any, servers: dict[str, Any], size: str) -> None:
    context, page, watch = _open(browser, servers["partner"] + "/index.html", size)
    page.get_by_role("button", name="Ask about NMN").click()
    frame = page.frame_locator("iframe[title^='nmnbot']")
    frame.locator("body[data-ready='true']").wait_for()
    frame.get_by_label("Your question").fill(HAIR)
    frame.get_by_label("Your question").press("Enter")
    reply = frame.locator(".nmn-answer").first
    reply.wait_for(timeout=ANSWER_TIMEOUT)
    assert reply.locator(".nmn-card").count() >= 1 and reply.locator("a.nmn-open").count() >= 1
    page.wait_for_timeout(300)
    _shot(page, f"widget-{size}")
    watch.assert_clean()
    context.close()


# =============================================================================== accessibility


def _serious(results: Any) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_serious_violations_on_the_page_or_embed(browser: Any, servers: dict[str, Any],
                                                              size: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page, _ = _page(browser, servers, size)
    ask_on_page(page, STOP_MEDICINE, 1)
    ask_on_page(page, CRISIS, 2)
    assert _serious(axe.run(page)) == []
    embed = context.new_page()
    embed.goto(servers["url"] + "/embed", wait_until="load")
    embed.locator("body[data-ready='true']").wait_for()
    embed.get_by_label("Your question").fill(HAIR)
    embed.get_by_label("Your question").press("Enter")
    embed.locator(".nmn-msg-bot .nmn-answer").first.wait_for(timeout=ANSWER_TIMEOUT)
    embed.locator("summary").click()
    assert _serious(axe.run(embed)) == []
    source = context.new_page()
    source.goto(servers["url"] + "/" + embed.locator("a.nmn-open").first.get_attribute("href"), wait_until="load")
    assert _serious(axe.run(source)) == []
    context.close()


def _until(page: Any, condition: str, seconds: float = 10) -> None:
    """page.wait_for_function without eval: the embed and source pages forbid 'unsafe-eval'."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(f"() => Boolean({condition})"):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"never true: {condition}")


def _tab_to(page: Any, condition: str, limit: int = 10) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"Tab never reached: {condition}")


def test_keyboard_only_ask_open_a_source_and_give_feedback_on_the_page(browser: Any,
                                                                        servers: dict[str, Any]) -> None:
    context, page, _ = _page(browser, servers, "desktop")
    store = servers["app"].state.store
    page.keyboard.type(HAIR)  # the box has focus on load
    page.keyboard.press("Enter")
    page.locator("#nmn-chat .nmn-answer").first.wait_for(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(300)
    # back from the question box to the reply: its last "Read it in the whole document" link
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('nmn-open')"):
            break
    else:
        pytest.fail("no source link reachable by keyboard")
    with context.expect_page() as popup_info:
        page.keyboard.press("Enter")
    source = popup_info.value
    source.wait_for_load_state("load")
    _until(source, "document.activeElement && document.activeElement.id === 'quote'")
    source.close()
    page.bring_to_front()
    # on to the reply's thumbs down, then the reasons, by keyboard
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Dislike":
            break
    else:
        pytest.fail("no thumbs-down button reachable by keyboard")
    before = len(store.all())
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.closest('#nmn-why') !== null",
                           timeout=10_000)
    # Gradio gives each option its own tab stop: Tab to the second reason, Space picks it
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "no_answer"
    _tab_to(page, "document.activeElement.closest('#nmn-why-comment') !== null")
    page.keyboard.type("It quoted opinions, not studies.")
    _tab_to(page, "document.activeElement.id === 'nmn-why-send'")
    page.keyboard.press("Enter")
    page.get_by_text("your feedback was saved").wait_for(timeout=10_000)
    rows = store.all()
    assert len(rows) == before + 1
    assert (rows[-1]["rating"], rows[-1]["reason"], rows[-1]["comment"]) == (
        "down", "no_answer", "It quoted opinions, not studies.")
    context.close()


def test_keyboard_only_in_the_embed_view(browser: Any, servers: dict[str, Any]) -> None:
    context, page, _ = _open(browser, servers["url"] + "/embed", "phone")
    page.locator("body[data-ready='true']").wait_for()
    store = servers["app"].state.store
    page.keyboard.press("Tab")
    for _ in range(20):  # Tab until the question box
        if page.evaluate("document.activeElement.id") == "nmn-q":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(HAIR)
    page.keyboard.press("Enter")
    page.locator(".nmn-msg-bot .nmn-answer").first.wait_for(timeout=ANSWER_TIMEOUT)
    _until(page, "document.activeElement.id === 'nmn-q'")
    page.keyboard.press("Shift+Tab")  # the reply's "No" button is just before the box
    assert page.evaluate("document.activeElement.textContent") == "No"
    before = len(store.all())
    page.keyboard.press("Enter")
    _until(page, "document.activeElement.type === 'radio'")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("The first quote is out of context.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Thanks, saved.").wait_for(timeout=10_000)
    rows = store.all()
    assert len(rows) == before + 1 and rows[-1]["reason"] == "wrong_quote"
    assert rows[-1]["comment"] == "The first quote is out of context." and rows[-1]["channel"] == "embed"
    for _ in range(40):  # and back to a source link
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('nmn-open')"):
            break
    else:
        pytest.fail("no source link reachable by keyboard")
    with context.expect_page() as popup_info:
        page.keyboard.press("Enter")
    popup_info.value.wait_for_load_state("load")
    assert popup_info.value.locator("mark#quote").count() == 1
    context.close()


def test_screenshot_of_the_source_page_is_saved() -> None:
    """The screenshots named in the issue exist after the browser tests ran (this module's order)."""
    names = {p.stem for p in SHOTS.glob("*.png")}
    for size in SIZES:
        for kind in ("answer", "not-found", "crisis", "empty"):
            assert f"chat-{size}-{kind}" in names, (size, kind)
        assert f"widget-{size}" in names and f"widget-{size}-refused" in names
    assert all(re.match(r"[a-z0-9-]+$", n) for n in names)
