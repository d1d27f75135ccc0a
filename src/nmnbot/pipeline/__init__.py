"""The question's path, one stage per module, in the order a question meets them:

    guard.py         clean text in, instructions cut out
    triage.py        crisis / emergency / personal decision / normal
    followup.py      "what about in humans?" joined with the earlier question
    retrieve.py      dense + BM25 passages, then sentence candidates
    coverage.py      abstain when the passages do not address the subject
    quotes.py        which sentences to quote, grown into readable spans
    disagreement.py  sources that contradict each other
    compose.py       the Answer, its caveats and every word nmnbot says itself
"""
