"""The OpenAI-compatible API (nmnbot.fronts.web.openai): the Markdown its replies carry."""

from __future__ import annotations

import re

import pytest

from nmnbot import Answer, EvidenceLevel, Quote
from nmnbot.pipeline.compose import DISAGREEMENT_LEAD, PHYSICIAN_CAVEAT, md_escape

HAIR = "Does NMN help with hair loss?"


# =============================================================================== the Markdown


def _quote(text: str, title: str, level: EvidenceLevel, seller: str | None = None) -> Quote:
    return Quote(text, "doc.txt", title, "", 0, len(text), level, "cue", 0.5, seller)


def test_markdown_numbers_quotes_with_title_and_evidence_then_caveats() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    quotes = (_quote("Mice treated with NMN grew\nmore hair.", "Causes of Hair Loss", EvidenceLevel.ANIMAL),
              _quote("A trial in 108 people found more steps.", "NMN *Benefits*", EvidenceLevel.HUMAN_RCT,
                     "this source sells NMN"))
    data = Answer(HAIR, "answered", "ignored here", quotes, ("Ask first if you are pregnant.",)).to_dict()
    data["summary"] = "One study in mice and one trial in people."
    data["caveats"] = ["Ask first if you are pregnant.", *[c for c in data["caveats"] if "pregnant" not in c]]
    md = render_answer_markdown(data)
    assert md.startswith("One study in mice and one trial in people.\n\n**[1]** *Causes of Hair Loss*")
    assert "evidence: **Study in mice or other animals**\n> “Mice treated with NMN grew more hair.”" in md
    assert "**[2]** *NMN \\*Benefits\\**, evidence: **Randomized trial in people** (this source sells NMN)" in md
    assert "ignored here" not in md  # the quotes are rendered from their fields, not the answer text
    caveats = md[md.index("**Before you act on this**\n\n"):].split("\n- ")[1:]
    assert caveats == [md_escape(c) for c in data["caveats"]]  # in the Answer's order, caveats[0] first
    assert caveats[0] == "Ask first if you are pregnant." and PHYSICIAN_CAVEAT in caveats


def test_markdown_without_a_summary_opens_with_the_first_quote() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    data = Answer("q", "answered", "a", (_quote("Cells grew faster in the dish.", "Lab", EvidenceLevel.IN_VITRO),)).to_dict()
    assert "summary" not in data
    assert render_answer_markdown(data).startswith("**[1]** *Lab*, evidence: **Lab study in cells**")
    data["summary"] = "   "
    assert render_answer_markdown(data).startswith("**[1]**")


def test_markdown_shows_document_markup_as_text() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    hostile = "Buy now <img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** `code`"
    data = Answer("q", "answered", "a", (_quote(hostile, "<script>x</script>", EvidenceLevel.PROMOTIONAL),)).to_dict()
    md = render_answer_markdown(data)
    head, quote = md.split("\n")[:2]
    assert head.startswith("**[1]** *\\<script\\>x\\</script\\>*")
    assert quote.startswith("> “Buy now \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))")
    assert re.findall(r"(?<!\\)[<>\[\]*`_]", quote[2:]) == []  # no markup character left unescaped


def test_markdown_keeps_the_sources_disagreement() -> None:
    from nmnbot.fronts.web.render import render_answer_markdown
    from nmnbot.pipeline.compose import write_answer

    quotes = (_quote("NMN has no side effects.", "A", EvidenceLevel.OPINION),
              _quote("NMN may cause nausea.", "B", EvidenceLevel.OPINION))
    note = "Source [1] says there are no side effects; source [2] lists some."
    data = Answer("q", "answered", write_answer(quotes, [note]), quotes).to_dict()
    md = render_answer_markdown(data)
    assert f"{DISAGREEMENT_LEAD} {note}" in md
    assert md.index(DISAGREEMENT_LEAD) > md.index("**[2]**") and md.index(DISAGREEMENT_LEAD) < md.index("**Before")


@pytest.mark.parametrize("status", ["crisis", "emergency", "not_found"])
def test_markdown_passes_replies_without_quotes_through(status: str) -> None:
    from nmnbot.fronts.web.render import render_answer_markdown

    text = "**Call 988 now.**\n\n- a list the reply wrote\n- kept as written"
    data = Answer("q", status, text).to_dict()
    md = render_answer_markdown(data)
    assert md.startswith(text + "\n\n**")
    assert "[1]" not in md
    for caveat in data["caveats"]:
        assert f"- {md_escape(caveat)}" in md
