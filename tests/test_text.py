"""Tests for nmnbot.text: the one tokenizer, stemmer and stopword source."""

from __future__ import annotations

import re

import pytest

from nmnbot.text import (
    INVISIBLE, POINTS_BACK, ends_sentence, first_match, general_stopwords, stems, stopwords, vocabulary, word_list,
    words,
)


def test_words_keep_inner_marks_and_read_curly_apostrophes() -> None:
    assert words("It’s NAD+ and follow-up care, e.g. 250mg!") == ["it's", "nad+", "and", "follow-up", "care", "e", "g",
                                                                 "250mg"]
    assert words("anti- dogs' --") == ["anti", "dogs"]


def test_stems_drop_stopwords_and_possessives() -> None:
    assert stems("The doctor's patients were treated") == ["doctor", "patient", "treat"]
    assert stems("the and of") == []


def test_stopword_sources_are_distinct_on_purpose() -> None:
    # BM25's list is narrow ("sometimes" is a content word for retrieval) ...
    assert "the" in stopwords() and "sometimes" not in stopwords()
    # ... the subject-term list is broad
    assert "sometimes" in general_stopwords()


def test_word_lists_are_data_files() -> None:
    framing = word_list("framing")
    assert {"help", "cure", "study"} <= framing and "#" not in "".join(framing)
    assert "what" in word_list("function") and "dose" in word_list("facets")
    with pytest.raises(FileNotFoundError):
        word_list("no-such-list")


def test_vocabulary_skips_short_words_stopwords_and_numbers() -> None:
    assert vocabulary("NMN at 250 mg improved sleep in 12 weeks") == {"nmn", "improved", "sleep", "weeks"}


@pytest.mark.parametrize(("text", "plain", "footnote", "comma", "bracket"), [
    ("It ends here.", True, True, True, True),
    ("In the United States.1", False, True, False, False),
    ("Symptoms include:", True, True, True, True),
    ("a line that ends in a comma,", False, False, True, False),
    ("(a caption)", False, False, False, True),
    ("“Quoted.”", True, True, True, True),
    ("Nonsurgical Treatments", False, False, False, False),
])
def test_ends_sentence_allowances(text: str, plain: bool, footnote: bool, comma: bool, bracket: bool) -> None:
    assert ends_sentence(text) is plain
    assert ends_sentence(text, footnote=True) is footnote
    assert ends_sentence(text, comma=True) is comma
    assert ends_sentence(text, bracket=True) is bracket


def test_invisible_characters_and_points_back() -> None:
    assert INVISIBLE.sub("", "a\u200bb\u202ec\x00d") == "abcd"
    assert POINTS_BACK.match("The study found more.") and POINTS_BACK.match("It helps.")
    assert not POINTS_BACK.match("Studies found more.")


def test_first_match_is_in_order() -> None:
    patterns = [re.compile("b"), re.compile("a")]
    match = first_match(patterns, "ab")
    assert match is not None and match.group(0) == "b"
    assert first_match(patterns, "xyz") is None


def test_the_retrieval_stopwords_are_bm25s_list_read_without_importing_bm25s() -> None:
    """stopwords() reads bm25s's data module alone (importing bm25s.stopwords imports scipy); the
    list is still bm25s's own, plus the modal verbs."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    from nmnbot.text import _bm25s_stopwords, stopwords

    assert _bm25s_stopwords() == tuple(STOPWORDS_EN_PLUS)
    assert stopwords() >= frozenset(STOPWORDS_EN_PLUS) and {"could", "would", "might"} <= stopwords()
