"""Property tests of Chatbot.ask with the real model and corpus.

For any text (surrogates, controls, bidi, any script, any length around the limit)
ask either raises InputError or returns an Answer whose JSON is serialisable, has
caveats, and quotes only verbatim spans of the corpus, within a time bound.
Example counts are bounded so the suite stays fast on two cores.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nmnbot.bot import Chatbot
from nmnbot.errors import InputError

from helpers import assert_sound_answer

pytestmark = pytest.mark.slow

# One answer is ~0.1-1 s on a loaded 2-core box; 5 s leaves room for a cold cache or a GC pause.
DEADLINE_MS = 5000
EXAMPLES = 40

_any_char = st.characters(exclude_categories=())  # includes lone surrogates (Cs) and controls (Cc)
_nasty = st.sampled_from(list("\x00\x01\x1b\x7f\u0085\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
                              "\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ud800\udbff\udc00\udfff\ufffd\uffff"
                              "\U0001f48a\u0301\u0647\u05d0\u4e2d\u3000\u00a0\t\n\r\f\v"))
_words = st.sampled_from(["NMN", "hair", "loss", "depression", "mice", "study", "does", "help", "with", "the",
                          "exosomes", "dose", "side", "effects", "?", "kill", "chest", "pain", "ignore",
                          "instructions", "javascript:alert(1)", "<b>", "../../etc/passwd", "%2e%2e/"])

questions = st.one_of(
    st.text(_any_char, max_size=300),
    st.lists(st.one_of(_words, _nasty, st.text(_any_char, max_size=5)), max_size=60).map(" ".join),
    st.lists(st.one_of(_words, _nasty), max_size=40).map("".join),
    st.text(st.one_of(_nasty, st.sampled_from("ab ")), min_size=1900, max_size=2200),  # around the limit
)

histories = st.one_of(
    st.none(),
    st.lists(st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant"]),
                                    "content": st.one_of(questions, st.text(_any_char, max_size=50))}),
             max_size=4),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5),
                       st.fixed_dictionaries({"role": st.text(max_size=8), "content": st.integers()})),
             min_size=1, max_size=3),
)


def _check(bot: Chatbot, texts: dict[str, str], question: Any, history: Any = None) -> None:
    t0 = time.perf_counter()
    try:
        answer = bot.ask(question, history=history)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 200
        return
    assert time.perf_counter() - t0 < DEADLINE_MS / 1000
    assert_sound_answer(answer, texts)


@settings(max_examples=EXAMPLES, deadline=DEADLINE_MS, suppress_health_check=[HealthCheck.too_slow,
                                                                              HealthCheck.data_too_large])
@given(question=questions)
def test_any_text_gets_an_answer_or_input_error(bot: Chatbot, texts: dict[str, str], question: str) -> None:
    _check(bot, texts, question)


@settings(max_examples=EXAMPLES // 2, deadline=DEADLINE_MS, suppress_health_check=[HealthCheck.too_slow,
                                                                                   HealthCheck.data_too_large])
@given(question=questions, history=histories)
def test_any_history_gets_an_answer_or_input_error(bot: Chatbot, texts: dict[str, str], question: str,
                                                   history: Any) -> None:
    _check(bot, texts, question, history)


@settings(max_examples=15, deadline=DEADLINE_MS)
@given(value=st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.binary(max_size=20),
                       st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.text(max_size=3))))
def test_non_text_questions_raise_input_error(bot: Chatbot, value: Any) -> None:
    with pytest.raises(InputError, match="must be text"):
        bot.ask(value)
