"""LangChain adapters: nmnbot's hybrid retrieval as a BaseRetriever, the bot as a Runnable.

Importing this module imports langchain_core; ``import nmnbot`` does not.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.runnables.config import run_in_executor
from pydantic import ConfigDict, Field

from ..bot import Chatbot


class NmnbotRetriever(BaseRetriever):
    """Hybrid (dense + BM25) passage search; each Document carries source, title, section and span.

    ``k`` documents at most, set on the retriever or per call (``retriever.invoke(query, k=1)``,
    as LangChain's standard tests expect). Fusion ranks the best ``Settings.dense_candidates``
    passages of each search, so a larger ``k`` can return fewer.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    bot: Chatbot
    k: int = Field(default=4, ge=1)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | None = None) -> list[Document]:
        limit = self.k if k is None else k
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"k must be a whole number of documents, at least 1, not {limit!r}")
        retriever = self.bot.state().retriever
        hits = retriever.search(query, self.bot.encoder.encode([query])[0])[:limit]
        return [
            Document(
                page_content=h.passage.text,
                id=h.passage.id,
                metadata={"source": h.passage.source, "title": h.passage.title, "section": h.passage.section,
                          "start": h.passage.start, "end": h.passage.end, "cosine": h.cosine, "bm25": h.bm25},
            )
            for h in hits
        ]

    async def _aget_relevant_documents(self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun,
                                       k: int | None = None) -> list[Document]:
        # BaseRetriever's default runs the sync search in a thread but drops ``k``.
        return await run_in_executor(None, self._get_relevant_documents, query,
                                     run_manager=run_manager.get_sync(), k=k)


def answer_runnable(bot: Chatbot) -> Runnable[Any, dict[str, Any]]:
    """``{"question": ..., "history": [...]}`` (or a plain string) -> the Answer JSON."""

    def run(inputs: Any) -> dict[str, Any]:
        if isinstance(inputs, str):
            return bot.ask(inputs).to_dict()
        return bot.ask(inputs["question"], history=inputs.get("history")).to_dict()

    return RunnableLambda(run, name="nmnbot")
