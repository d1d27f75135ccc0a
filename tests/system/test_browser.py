"""The chat page, the embed view and the widget in a real browser (Debian chromium via Playwright).

Starts the real app (real model, tmp index of the real corpus plus a hostile
document) under uvicorn on a free loopback port, and a second loopback origin
that embeds the widget. Every request the browser makes must stay on 127.0.0.1,
and no JavaScript dialog may ever open. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser_kit import (  # noqa: F401  (fixtures)
    ANSWER_TIMEOUT, HAIR, SHOTS, browser, servers,
)
from browser_kit import ask_on_page as _ask_on_page
from browser_kit import new_context as _context
from web_fixtures import XSS_IMG, XSS_LINK, XSS_QUESTION, web_bot, web_settings  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_chat_page_answers_follow_ups_and_saves_feedback(browser: Any, servers: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, watch = _context(browser, 1280, 900)
    page = context.new_page()
    watch.attach(page)
    page.goto(servers["url"] + "/", wait_until="load")
    # keyboard only: the question box has focus on load (at desktop width)
    page.locator("body[data-nmn-ready='true']").wait_for()
    assert "Not medical advice" in page.locator(".nmn-disclaimer").inner_text()
    assert page.get_by_role("button", name="Can NMN help with depression?").count() == 1  # an example question
    page.keyboard.type(HAIR)
    page.keyboard.press("Enter")
    first = page.locator("#nmn-chat .nmn-answer").first
    first.wait_for(timeout=ANSWER_TIMEOUT)
    assert "[1]" in first.locator(".nmn-glance").inner_text()
    card = first.locator(".nmn-card").first
    assert card.locator(".nmn-title").inner_text().strip()
    assert card.locator("mark").inner_text().strip()
    assert card.locator(".nmn-badge").inner_text().startswith("Evidence:")
    caveats = first.locator(".nmn-caveats")
    assert caveats.is_visible() and "doctor" in caveats.inner_text()

    # the follow-up is answered from the conversation: still about hair
    follow = _ask_on_page(page, "what about in humans?", 2)
    texts = " ".join(follow.locator(".nmn-card mark").all_inner_texts()).lower()
    assert follow.locator(".nmn-card").count() >= 1 and "hair" in texts
    page.screenshot(path=str(SHOTS / "chat-desktop.png"), full_page=False)

    # thumbs up on the first answer is stored with its question and answer
    store = servers["app"].state.store
    before = len(store.all())
    page.locator("#nmn-chat button[aria-label='Like']").first.click()
    page.get_by_text("your feedback was saved").wait_for(timeout=10_000)
    rows = store.all()
    assert len(rows) == before + 1
    assert rows[-1]["rating"] == "up" and rows[-1]["question"] == HAIR and rows[-1]["channel"] == "page"
    assert rows[-1]["answer"]["status"] == "answered" and rows[-1]["answer"]["quotes"]

    # a document carrying HTML and a javascript: link shows them as text
    hostile = _ask_on_page(page, XSS_QUESTION, 3)
    shown = hostile.inner_text()
    assert XSS_IMG in shown or XSS_LINK in shown
    assert page.locator("#nmn-chat img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#nmn-chat script").count() == 0

    # a question carrying HTML is shown as typed
    _ask_on_page(page, f"Is NMN safe? {XSS_IMG}", 4)
    assert page.locator("#nmn-chat .nmn-user-text", has_text=XSS_IMG).count() == 1

    # a crisis is answered prominently, as an alert
    crisis = _ask_on_page(page, "I want to end my life", 5)
    assert crisis.get_attribute("role") == "alert" and "988" in crisis.inner_text()
    crisis.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "chat-desktop-crisis.png"))
    watch.assert_clean()
    context.close()


def test_chat_page_at_phone_width(browser: Any, servers: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, watch = _context(browser, 390, 844)
    page = context.new_page()
    watch.attach(page)
    page.goto(servers["url"] + "/", wait_until="load")
    page.get_by_label("Your question").wait_for()
    page.get_by_role("button", name="Can NMN help with depression?").wait_for()
    page.screenshot(path=str(SHOTS / "chat-phone-empty.png"))
    answer = _ask_on_page(page, HAIR, 1)
    assert answer.locator(".nmn-card").count() >= 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways at phone width ({width}px)"
    answer.locator(".nmn-card").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "chat-phone.png"))
    watch.assert_clean()
    context.close()


def test_widget_embeds_the_chat_on_another_site(browser: Any, servers: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, (w, h) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
        context, watch = _context(browser, w, h)
        page = context.new_page()
        watch.attach(page)
        page.goto(servers["partner"] + "/index.html", wait_until="load")
        launcher = page.get_by_role("button", name="Ask about NMN")
        launcher.click()
        frame = page.frame_locator("iframe[title^='nmnbot']")
        frame.locator("body[data-ready='true']").wait_for()
        box = frame.get_by_label("Your question")
        box.fill(HAIR)
        box.press("Enter")
        answer = frame.locator(".nmn-answer").first
        answer.wait_for(timeout=ANSWER_TIMEOUT)
        assert answer.locator(".nmn-card").count() >= 1
        assert answer.locator(".nmn-badge").first.inner_text().startswith("Evidence:")
        assert answer.locator(".nmn-caveats").is_visible()
        page.screenshot(path=str(SHOTS / f"widget-{name}.png"))
        if name == "desktop":
            # a follow-up in the frame uses the frame's own history
            box.fill("what about in humans?")
            box.press("Enter")
            follow = frame.locator(".nmn-answer").nth(1)
            follow.wait_for(timeout=ANSWER_TIMEOUT)
            assert "hair" in " ".join(follow.locator("mark").all_inner_texts()).lower()
            store = servers["app"].state.store
            before = len(store.all())
            frame.get_by_role("button", name="Helpful", exact=True).first.click()
            frame.get_by_text("Thanks, saved.").wait_for(timeout=10_000)
            rows = store.all()
            assert len(rows) == before + 1 and rows[-1]["channel"] == "embed" and rows[-1]["question"] == HAIR
            # hostile document inside the frame
            box.fill(XSS_QUESTION)
            box.press("Enter")
            frame.locator(".nmn-answer").nth(2).wait_for(timeout=ANSWER_TIMEOUT)
            assert frame.locator("img[src='x']").count() == 0
            assert frame.locator("a[href^='javascript']").count() == 0
            box.press("Escape")  # keyboard users close the panel from inside the frame
            page.wait_for_function("document.querySelector('.nmnbot-launcher').getAttribute('aria-expanded') === 'false'",
                                   timeout=5_000)
        watch.assert_clean()
        context.close()


def test_embed_cannot_be_framed_by_an_unlisted_site(browser: Any, servers: dict[str, Any],
                                                    tmp_path: Path) -> None:
    """The partner origin may frame /embed; the same page served from 'localhost' (another origin) may not."""
    context, watch = _context(browser, 800, 600)
    page = context.new_page()
    watch.attach(page)
    port = servers["partner"].rsplit(":", 1)[1]
    page.goto(f"http://localhost:{port}/index.html", wait_until="load")
    page.get_by_role("button", name="Ask about NMN").click()
    page.wait_for_timeout(1500)
    frame = page.frame(url=lambda u: u.endswith("/embed"))
    blocked = frame is None or frame.locator("#nmn-q").count() == 0
    assert blocked, "an origin missing from NMNBOT_ALLOWED_ORIGINS could frame /embed"
    context.close()
