"""Hybrid retrieval: weighted reciprocal-rank fusion of dense and BM25 ranks."""

from __future__ import annotations

import dataclasses

import pytest

from nmnbot.config import Settings
from nmnbot.embed import encode
from nmnbot.index import open_index
from nmnbot.retrieve import HybridRetriever

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question", ["How long did the NMN trial last?", "hair loss in women after pregnancy"])
def test_fused_score_weights_dense_ranks(built_index: Settings, question: str) -> None:
    s = dataclasses.replace(built_index, dense_weight=1.5)
    retriever = HybridRetriever(open_index(s), s)
    qv = encode([question])[0]
    fused = retriever.search(question, qv)
    by_cos = sorted(fused, key=lambda p: -p.cosine)[: s.dense_candidates]
    sparse = {i: r for r, (i, _) in enumerate(retriever.keyword.search(question, s.dense_candidates))}
    dense_rank = {p.passage.id: r for r, p in enumerate(by_cos)}
    index_of = {p.id: i for i, p in enumerate(retriever.snapshot.passages)}
    for p in fused:
        expected = 0.0
        if p.passage.id in dense_rank:
            expected += 1.5 / (s.rrf_k + dense_rank[p.passage.id] + 1)
        if index_of[p.passage.id] in sparse:
            expected += 1.0 / (s.rrf_k + sparse[index_of[p.passage.id]] + 1)
        assert p.fused == pytest.approx(expected, rel=1e-6), p.passage.text[:60]
    assert [p.fused for p in fused] == sorted((p.fused for p in fused), reverse=True)

