"""corpus/provenance.py: who published a document, where and when; from the file, else sources.toml."""

from __future__ import annotations

import datetime
from pathlib import Path

from nmnbot.config import Settings
from nmnbot.corpus import load_document, read_source_text
from nmnbot.corpus.provenance import Provenance, document_provenance, read_sources_file

from helpers import REPO

SETTINGS = Settings()

HTML_PAGE = """<!doctype html><html><head>
<title>NMN and sleep | Sleep Clinic News</title>
<link rel="canonical" href="https://news.example.org/nmn-sleep">
<meta property="og:site_name" content="Sleep Clinic News">
<meta property="article:published_time" content="2024-05-01T09:30:00+00:00">
</head><body><h1>NMN and sleep</h1>
<p>A small study in older adults reported that NMN taken in the afternoon improved sleep quality.</p>
</body></html>"""


def test_html_provenance_comes_from_the_head(tmp_path: Path) -> None:
    page = tmp_path / "sleep.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    assert document_provenance(page, read_source_text(page)) == Provenance(
        "NMN and sleep | Sleep Clinic News", "https://news.example.org/nmn-sleep", "Sleep Clinic News", "2024-05-01")


def test_a_link_that_is_not_http_is_dropped(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(HTML_PAGE.replace("https://news.example.org/nmn-sleep", "javascript:alert(1)"), encoding="utf-8")
    assert document_provenance(page, read_source_text(page)).url == ""


def test_markdown_front_matter_is_provenance_not_text(tmp_path: Path) -> None:
    md = tmp_path / "k2.md"
    md.write_text(
        "---\ntitle: Vitamin K2 and bone health\nurl: https://example.org/k2\npublisher: Bone Society\n"
        "date: 2023-11-02\n---\n\n# Vitamin K2\n\n"
        "A randomized trial in 244 postmenopausal women found that vitamin K2 slowed bone loss.\n",
        encoding="utf-8")
    assert document_provenance(md, read_source_text(md)) == Provenance(
        "Vitamin K2 and bone health", "https://example.org/k2", "Bone Society", "2023-11-02")
    doc = load_document(md, tmp_path, SETTINGS)
    indexed = " ".join(p.text for p in doc.passages)
    assert "publisher" not in indexed and "Bone Society" not in indexed
    assert doc.title == "Vitamin K2"
    text = read_source_text(md)
    for p in doc.passages:  # offsets still point into the file as written
        assert text[p.start : p.end] == p.text


def test_pdf_provenance_comes_from_its_metadata(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.5, 11))
    fig.text(0.1, 0.9, "Vitamin K2 and Bones", fontsize=16)
    pdf = tmp_path / "k2.pdf"
    fig.savefig(pdf, metadata={"Title": "Vitamin K2 and Bones", "Author": "Bone Society",
                               "CreationDate": datetime.datetime(2022, 3, 4, tzinfo=datetime.timezone.utc)})
    plt.close(fig)
    got = document_provenance(pdf, "")
    assert (got.title, got.publisher, got.date) == ("Vitamin K2 and Bones", "Bone Society", "2022-03-04")


def test_sources_file_fills_what_the_document_does_not_say(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        '["sleep.html"]\ntitle = "ignored: the page has its own"\npublisher = "ignored too"\n'
        'url = "https://mirror.example.org/x"\n\n'
        '["notes.txt"]\npublisher = "A reader"\ndate = 2021-06-07\nurl = "ftp://no"\n', encoding="utf-8")
    table = read_sources_file(tmp_path)
    assert table["notes.txt"] == Provenance(publisher="A reader", date="2021-06-07")  # TOML dates; ftp dropped
    page = tmp_path / "sleep.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    merged = document_provenance(page, read_source_text(page)).or_else(table["sleep.html"])
    assert merged.publisher == "Sleep Clinic News" and merged.url == "https://news.example.org/nmn-sleep"


def test_a_broken_sources_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text("[unclosed\n", encoding="utf-8")
    assert read_sources_file(tmp_path) == {}


def test_the_seed_articles_say_who_published_them_where_their_text_does() -> None:
    table = read_sources_file(REPO / "corpus")
    seeds = {p.name for p in (REPO / "corpus").glob("*.txt")}
    assert set(table) == seeds  # every seed article is listed, with what its text says
    depression = table["nmn-depression.txt"]
    assert depression.publisher.startswith("Purovitalis")
    assert "Purovitalis" in (REPO / "corpus" / "nmn-depression.txt").read_text(encoding="utf-8")
    for source, prov in table.items():  # nothing is claimed that the text does not carry
        text = (REPO / "corpus" / source).read_text(encoding="utf-8")
        assert not prov.url and not prov.date
        assert not prov.title or prov.title in text
