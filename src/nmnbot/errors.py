"""The exceptions nmnbot raises on purpose.

    NmnbotError            base: an expected failure with a one-line message
    ├── CorpusError        missing/empty corpus directory, unusable source file
    ├── IndexBuildError    the index cannot be built, opened or is locked
    └── InputError         a question that is empty, too long or not text

The CLI turns these into one line on stderr and a non-zero exit; the HTTP API
into a 4xx (InputError) or 503 (the others). Anything else is a bug.
"""

from __future__ import annotations


class NmnbotError(Exception):
    """An expected failure whose message is fit to show a user as-is."""


class CorpusError(NmnbotError):
    """The corpus directory is missing or empty, or a source cannot be used."""


class IndexBuildError(NmnbotError):
    """The index cannot be built or opened, or another ingest holds the lock."""


class InputError(NmnbotError):
    """A question (or other user input) that cannot be answered as given."""
