"""corpus.py: loaders keep exact spans, drop page chrome, and split whole sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from nmnbot.config import Settings
from nmnbot.corpus import load_document, read_source_text
from nmnbot.errors import CorpusError

from helpers import GAS_DOC

from helpers import REPO
SEEDS = REPO / "corpus"
SETTINGS = Settings()


def _all_spans_exact(path: Path, corpus: Path) -> None:
    doc = load_document(path, corpus, SETTINGS)
    text = read_source_text(path)
    assert doc.passages
    for p in doc.passages:
        assert text[p.start : p.end] == p.text
        assert p.source == path.relative_to(corpus).as_posix()
        assert p.title and p.section
        for s in p.sentences:
            assert text[s.start : s.end] == s.text
            assert s.text == s.text.strip()


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_spans_are_exact(name: str) -> None:
    _all_spans_exact(SEEDS / name, SEEDS)


def test_seed_files_are_the_shared_seeds_byte_for_byte() -> None:
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    ours = sorted(p.read_bytes() for p in SEEDS.glob("*.txt"))  # sources.toml is not a seed
    theirs = sorted(p.read_bytes() for p in shared.glob("0*.txt"))
    assert ours == theirs


def test_repeated_captions_and_footers_are_not_indexed() -> None:
    exo = load_document(SEEDS / "exosome-hair-regrowth.txt", SEEDS, SETTINGS)
    title = exo.title
    indexed = "\n".join(p.text for p in exo.passages)
    # the title is repeated in the file as image captions; it is indexed at most once
    assert exo.text.count(title) >= 5
    assert indexed.count(title) <= 1
    assert "(Hair follicles, the key to hair growth)" not in indexed
    benefits = load_document(SEEDS / "nmn-health-benefits.txt", SEEDS, SETTINGS)
    indexed = "\n".join(p.text for p in benefits.passages)
    for chrome in ("Back to blog", "Leave a comment", "comments need to be approved", "Camacho-Pereira"):
        assert chrome not in indexed
    # the real content next to the chrome is still there
    assert "consult a professional physician" in indexed


def test_sections_come_from_headings() -> None:
    doc = load_document(SEEDS / "nmn-health-benefits.txt", SEEDS, SETTINGS)
    trial = next(p for p in doc.passages if "108 healthy elderly" in p.text)
    assert trial.section == "02 Improves Sleep Quality"
    assert doc.title == "Health Benefits of Nicotinamide Mononucleotide (NMN) for Humans"


def test_sentences_are_whole_and_list_items_separate() -> None:
    doc = load_document(SEEDS / "nmn-depression.txt", SEEDS, SETTINGS)
    sents = [s.text for p in doc.passages for s in p.sentences]
    assert "– Headache, dizziness, or fatigue" in sents
    assert any(s.startswith("Some of the possible side effects of NMN include:") for s in sents)
    assert not any(s.text.endswith("?") and s.quotable for p in doc.passages for s in p.sentences)


def test_markdown_headings_and_spans(tmp_path: Path) -> None:
    md = tmp_path / "k2.md"
    md.write_text(
        "# Vitamin K2 and bones\n\nSome intro text that is long enough to quote here.\n\n"
        "## Evidence\n\n- A randomized trial in 244 women found **slower** bone loss.\n"
        "- Another point made in a list item, also long enough.\n\n"
        "Back to blog\n", encoding="utf-8")
    doc = load_document(md, tmp_path, SETTINGS)
    assert doc.title == "Vitamin K2 and bones"
    assert {p.section for p in doc.passages} >= {"Evidence"}
    _all_spans_exact(md, tmp_path)
    assert all("Back to blog" not in p.text for p in doc.passages)


def test_html_skips_scripts_and_navigation(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Melatonin &amp; sleep</title><script>var x = 'do not index me';</script></head>"
        "<body><nav>Home | Shop | Contact</nav><h1>Melatonin</h1>"
        "<p>A trial in 30 adults found melatonin <b>shortened</b> the time to fall asleep.</p>"
        "<footer>Copyright 2024</footer></body></html>", encoding="utf-8")
    doc = load_document(page, tmp_path, SETTINGS)
    text = read_source_text(page)
    indexed = " ".join(p.text for p in doc.passages)
    assert "do not index me" not in indexed and "Shop" not in indexed and "Copyright" not in indexed
    assert "shortened" in indexed
    assert doc.title == "Melatonin & sleep"
    for p in doc.passages:
        assert text[p.start : p.end] == p.text


def test_pdf_text_is_extracted_and_offsets_point_into_it(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.5, 11))
    fig.text(0.1, 0.9, "Vitamin K2 and Bones", fontsize=16)
    fig.text(0.1, 0.85, "A randomized trial in 244 postmenopausal women found that vitamin K2 slowed bone loss.", fontsize=9)
    pdf = tmp_path / "k2.pdf"
    fig.savefig(pdf)
    plt.close(fig)
    doc = load_document(pdf, tmp_path, SETTINGS)
    assert doc.kind == "pdf" and doc.title == "Vitamin K2 and Bones"
    _all_spans_exact(pdf, tmp_path)


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\x00", "binary"),
    ("caf\u00e9 au lait".encode("latin-1"), "UTF-8"),
])
def test_unusable_files_are_named(tmp_path: Path, content: bytes, fragment: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        load_document(bad, tmp_path, SETTINGS)
    assert "bad.txt" in str(err.value) and fragment in str(err.value)


def test_sentence_vectors_name_the_subject_a_sentence_leaves_out(tmp_path: Path) -> None:
    (tmp_path / "t.md").write_text("# Tietz syndrome\n\n## Inheritance\n\n"
                                   "This condition is inherited in an autosomal dominant pattern. "
                                   "Tietz syndrome affects hearing and the colour of skin and hair.\n", encoding="utf-8")
    doc = load_document(tmp_path / "t.md", tmp_path, Settings())
    (p,) = [p for p in doc.passages if p.section == "Inheritance"]
    leaves_out, names_it = p.sentences
    assert p.sentence_embedding_text(leaves_out) == f"Tietz syndrome. Inheritance: {leaves_out.text}"
    assert p.sentence_embedding_text(names_it) == f"Inheritance: {names_it.text}"


def test_lead_ins_and_bare_headings_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "gas.md").write_text(GAS_DOC, encoding="utf-8")
    doc = load_document(tmp_path / "gas.md", tmp_path, SETTINGS)
    role = {}
    for p in doc.passages:
        for s in p.sentences:
            role[s.text] = (s.lead_in, s.bare_heading)
    assert role["Talk with your health care provider if"] == (True, False)
    assert role["gas symptoms often bother you"] == (False, False)  # a list item leads into nothing
    assert role["your symptoms change suddenly"] == (False, False)
    assert role["Nonsurgical Treatments"] == (False, True)
    assert role["Eating fewer beans and less dairy reduces gas for most people."] == (False, False)
    assert role["Gas affects 25 million people in the United States.1"] == (False, False)  # footnote mark


def test_html_list_items_are_list_items(tmp_path: Path) -> None:
    from helpers import GAS_HTML

    (tmp_path / "gas.html").write_text(GAS_HTML, encoding="utf-8")
    doc = load_document(tmp_path / "gas.html", tmp_path, SETTINGS)
    role = {s.text: (s.list_item, s.lead_in, s.bare_heading) for p in doc.passages for s in p.sentences}
    assert role["Talk with your health care provider if"] == (False, True, False)
    assert role["gas symptoms often bother you"] == (True, False, False)
    assert role["you have constipation, diarrhea, or weight loss along with gas"] == (True, False, False)
    assert role["Nonsurgical Treatments"] == (False, False, True)


def test_roles_survive_the_index(built_index: Settings) -> None:
    """Roles are decided once, when the passage is built, and read back from the index as they were."""
    from nmnbot.index import open_index

    snap = open_index(built_index)
    for p in snap.passages[:40]:
        doc = load_document(built_index.corpus_dir / p.source, built_index.corpus_dir, built_index)
        fresh = next(q for q in doc.passages if q.id == p.id)
        assert [(s.role, s.flags()) for s in p.sentences] == [(s.role, s.flags()) for s in fresh.sentences]
    roles = {s.role for p in snap.passages for s in p.sentences}
    assert {"prose", "list_item"} <= roles
