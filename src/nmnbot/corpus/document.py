"""The typed units a source file becomes: blocks, sentences, passages, documents.

Every unit points into its file's text by character offset, so a quote is always
``source_text[start:end]``. A Sentence carries its role (list item, lead-in, bare
heading), decided once when the passage is built, never again per question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..text import POINTS_BACK, stems

BlockKind = Literal["title", "heading", "paragraph"]
Role = Literal["prose", "list_item", "lead_in", "heading"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    quotable: bool = True  # False for fragments too short to stand alone, and for questions
    list_item: bool = False  # opens a list item ("- ...", "1. ...", after <li>)
    lead_in: bool = False  # means nothing without the list that follows ("Symptoms include:")
    bare_heading: bool = False  # a heading the file did not mark up ("Nonsurgical Treatments")

    @property
    def role(self) -> Role:
        if self.bare_heading:
            return "heading"
        if self.lead_in:
            return "lead_in"
        return "list_item" if self.list_item else "prose"

    def flags(self) -> int:
        """The role flags as one small int (how the index stores them)."""
        return int(self.list_item) | int(self.lead_in) << 1 | int(self.bare_heading) << 2

    @classmethod
    def from_stored(cls, start: int, end: int, text: str, quotable: bool, flags: int) -> "Sentence":
        return cls(start, end, text, quotable, bool(flags & 1), bool(flags & 2), bool(flags & 4))


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of one section: the unit we embed and search."""

    id: str
    source: str
    title: str
    section: str
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]
    context: str = ""  # the section text before this passage (used for evidence inheritance)

    def heading(self) -> str:
        """Title, and section when it differs: what the passage is about."""
        return self.title if self.section in ("", self.title) else f"{self.title}. {self.section}"

    def embedding_text(self) -> str:
        """Title and section go in front: answers rarely repeat the subject a question names."""
        return f"{self.heading()}\n{self.text}"

    def sentence_embedding_text(self, sentence: Sentence) -> str:
        """A sentence with its section heading, and with the sentence before it when it opens
        with a pronoun: a list item ('– Headache, dizziness') or 'It can cause persistent
        sadness' means little alone; under its heading and antecedent it answers questions.

        When the sentence leaves out most of the title's words ('This condition is inherited
        in an X-linked dominant pattern.'), the title goes in front too: it names the subject
        the sentence assumes (docs/decisions.md, 'title rule')."""
        text = sentence.text
        i = self.sentences.index(sentence)
        if i > 0 and POINTS_BACK.match(text):
            text = f"{self.sentences[i - 1].text} {text}"
        head = self.section
        if self.title and _leaves_out_subject(self.title, text):
            head = self.heading()
        return f"{head}: {text}" if head else text

    def before(self, sentence: Sentence) -> str:
        """The passage's text before ``sentence``."""
        return self.text[: sentence.start - self.start]

    def span(self, start: int, end: int) -> str:
        """The passage's text between two file offsets inside it."""
        return self.text[start - self.start : end - self.start]


def _leaves_out_subject(title: str, text: str) -> bool:
    """True when the text shares fewer than half of the title's content-word stems."""
    title_stems = set(stems(title))
    return len(title_stems & set(stems(text))) * 2 < len(title_stems)


@dataclass(frozen=True)
class SourceDocument:
    source: str  # path relative to the corpus directory, '/'-separated
    title: str
    kind: str  # txt, md, html, pdf
    digest: str  # sha256 of the file's bytes
    text: str  # the text every offset points into
    passages: tuple[Passage, ...]
    dropped: tuple[Block, ...] = ()  # chrome kept out of the index


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str
