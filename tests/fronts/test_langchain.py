"""fronts/langchain.py: NmnbotRetriever under LangChain's own standard suite, and our checks
of the retriever and the answer runnable. Real model, real corpus (conftest.py's session index)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from nmnbot import Chatbot
from nmnbot.fronts.langchain import NmnbotRetriever, answer_runnable

pytestmark = pytest.mark.slow

TRIAL = "Has NMN been tested in a randomized trial in elderly people?"


class TestNmnbotRetrieverStandard(RetrieversIntegrationTests):
    """LangChain's RetrieversIntegrationTests, unchanged: k on the constructor and per call,
    invoke and ainvoke return Documents."""

    @pytest.fixture(autouse=True)
    def _chatbot(self, bot: Chatbot) -> None:
        self.chatbot = bot  # the properties below are read inside each test, after this runs

    @property
    def retriever_constructor(self) -> type[NmnbotRetriever]:
        return NmnbotRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"bot": self.chatbot}

    @property
    def retriever_query_example(self) -> str:
        return TRIAL


def test_retriever_documents_carry_their_span(bot: Chatbot) -> None:
    docs = NmnbotRetriever(bot=bot, k=3).invoke(TRIAL)
    assert len(docs) == 3
    assert any("108 healthy elderly people" in d.page_content for d in docs)
    for d in docs:
        text = (Path(bot.settings.corpus_dir) / d.metadata["source"]).read_text(encoding="utf-8")
        assert text[d.metadata["start"] : d.metadata["end"]] == d.page_content


async def test_k_per_call_overrides_the_retriever_in_sync_and_async(bot: Chatbot) -> None:
    retriever = NmnbotRetriever(bot=bot)  # k=4
    four = retriever.invoke(TRIAL)
    assert len(four) == 4
    assert [d.id for d in retriever.invoke(TRIAL, k=2)] == [d.id for d in four[:2]]
    assert [d.id for d in await retriever.ainvoke(TRIAL, k=1)] == [four[0].id]
    assert [d.id for d in await retriever.ainvoke(TRIAL)] == [d.id for d in four]


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_k_must_be_a_positive_whole_number(bot: Chatbot, k: Any) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValueError, match="k must be"):
        NmnbotRetriever(bot=bot).invoke(TRIAL, k=k)
    if k in (0, -1):
        with pytest.raises(ValidationError):
            NmnbotRetriever(bot=bot, k=k)


async def test_answer_runnable_returns_the_answer_json(bot: Chatbot) -> None:
    runnable = answer_runnable(bot)
    out = runnable.invoke({"question": "Does NMN cure cancer?"})
    assert out["status"] == "not_found" and out["caveats"]
    same = await runnable.ainvoke("Does NMN cure cancer?")
    assert same == out
    follow = runnable.invoke({"question": "what about in humans?",
                              "history": [{"role": "user", "content": "Does NMN help with hair loss?"}]})
    assert follow["status"] == "answered" and any("hair" in q["text"].lower() for q in follow["quotes"])
