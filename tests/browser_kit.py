"""Browser fixtures shared by tests/system/test_browser*.py: Debian chromium via Playwright,
the real app on a loopback port, a 'partner site' on another port embedding the widget,
and a watch that every request stays on 127.0.0.1 and no dialog opens.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from web_fixtures import REPO, LiveServer, free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = REPO / "test-output" / "screenshots"
HAIR = "Does NMN help with hair loss?"
ANSWER_TIMEOUT = 60_000


def ensure_chromium() -> None:
    """Debian's chromium package; never a downloaded browser."""
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") is None:
        pytest.skip("no /usr/bin/chromium and no apt-get to install it")
    try:
        subprocess.run(["apt-get", "update"], check=True, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, capture_output=True, timeout=1200,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, PermissionError) as exc:
        pytest.skip(f"could not install chromium with apt-get: {exc}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def servers(web_bot: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """nmnbot on one loopback port, a 'partner site' embedding its widget on another."""
    from nmnbot.fronts.web import create_app

    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    app = create_app(dataclasses.replace(web_bot.settings, allowed_origins=(host_origin,)), bot=web_bot)
    site = tmp_path_factory.mktemp("partner")
    with LiveServer(app) as nmn:
        (site / "index.html").write_text(
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'><title>Partner clinic</title></head>"
            "<body style='font-family:system-ui,sans-serif;margin:2em'><h1>Partner clinic blog</h1>"
            "<p>An article about healthy ageing. The nmnbot widget sits in the corner.</p>"
            f"<script src='{nmn.url}/widget.js' defer data-label='Ask about NMN'></script></body></html>",
            encoding="utf-8")
        handler = functools.partial(_Quiet, directory=str(site))
        partner = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
        thread = threading.Thread(target=partner.serve_forever, daemon=True)
        thread.start()
        try:
            yield {"app": app, "url": nmn.url, "partner": host_origin}
        finally:
            partner.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """Records every request host and every dialog of a browser context."""

    def __init__(self, context: Any) -> None:
        self.urls: list[str] = []
        self.dialogs: list[str] = []
        context.on("request", lambda req: self.urls.append(req.url))
        context.on("page", self.attach)

    def attach(self, page: Any) -> None:
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def assert_clean(self) -> None:
        foreign = [u for u in self.urls
                   if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"]
        assert foreign == [], foreign
        assert self.dialogs == [], self.dialogs
        assert self.urls  # the watch did see the traffic


def new_context(browser: Any, width: int, height: int) -> tuple[Any, Watch]:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light",
                                  service_workers="block")
    return context, Watch(context)


def ask_on_page(page: Any, question: str, n: int) -> Any:
    """Type into the page's question box (keyboard only) and wait for the n-th answer."""
    box = page.get_by_label("Your question")
    box.click()
    box.fill(question)
    box.press("Enter")
    answer = page.locator("#nmn-chat .nmn-answer").nth(n - 1)
    answer.wait_for(timeout=ANSWER_TIMEOUT)
    return answer


