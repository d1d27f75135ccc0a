"""LangChain adapters: nmnbot's hybrid retrieval as a BaseRetriever, the bot as a Runnable.

Importing this module imports langchain_core; ``import nmnbot`` does not.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict

from ..bot import Chatbot


class NmnbotRetriever(BaseRetriever):
    """Hybrid (dense + BM25) passage search; each Document carries source, title, section and span."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    bot: Chatbot
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        retriever = self.bot.state().retriever
        hits = retriever.search(query, self.bot.encoder.encode([query])[0])[: self.k]
        return [
            Document(
                page_content=h.passage.text,
                id=h.passage.id,
                metadata={"source": h.passage.source, "title": h.passage.title, "section": h.passage.section,
                          "start": h.passage.start, "end": h.passage.end, "cosine": h.cosine, "bm25": h.bm25},
            )
            for h in hits
        ]


def answer_runnable(bot: Chatbot) -> Runnable[Any, dict[str, Any]]:
    """``{"question": ..., "history": [...]}`` (or a plain string) -> the Answer JSON."""

    def run(inputs: Any) -> dict[str, Any]:
        if isinstance(inputs, str):
            return bot.ask(inputs).to_dict()
        return bot.ask(inputs["question"], history=inputs.get("history")).to_dict()

    return RunnableLambda(run, name="nmnbot")
