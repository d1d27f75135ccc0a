"""nmnbot's evaluation: question sets, metrics, the textbook baseline and MedQuAD.

Not part of the runtime: the chat server never imports this package. It needs the
``[eval]`` extra (matplotlib for the report chart, langchain-text-splitters for the
baseline).

    questions.py  the question-set format (eval/README.md)
    scoring.py    metrics over Answer JSON
    run.py        nmnbot eval
    medquad.py    MedQuAD samples against the baseline
    baseline.py   the textbook RAG retriever
    report.py     the table, misses and Markdown report
    labels.py     the evidence classifier on a labelled set
"""
