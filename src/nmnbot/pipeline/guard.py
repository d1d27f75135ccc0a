"""Guard: what reaches the pipeline is clean text, and instructions in it are cut out.

A question that is not text, empty or too long is refused with a message fit for
the user (InputError). Instruction clauses ("ignore previous instructions", "you are
now ...") are removed before retrieval and have no other effect: the bot can only quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..text import APOSTROPHES, INVISIBLE, SURROGATE

__all__ = ["clean_history", "clean_question", "strip_instructions"]


def clean_question(question: Any, limit: int) -> str:
    """The question as text we can answer, or InputError with a message fit for the user."""
    if not isinstance(question, str):
        raise InputError(f"the question must be text, not {type(question).__name__}")
    if len(question) > limit * 4:  # refuse before normalising megabytes
        raise InputError(f"the question is too long ({len(question):,} characters; the limit is {limit:,})")
    text = SURROGATE.sub("", question)
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if not text:
        raise InputError("the question is empty")
    if len(text) > limit:
        raise InputError(f"the question is too long ({len(text):,} characters; the limit is {limit:,})")
    return text


def clean_history(history: Any, settings: Settings) -> list[dict[str, str]]:
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise InputError("history must be a list of {role, content} messages")
    out: list[dict[str, str]] = []
    for turn in history[-2 * settings.max_history_turns :]:
        if not isinstance(turn, Mapping) or turn.get("role") not in ("user", "assistant"):
            raise InputError('each history message needs "role" ("user" or "assistant") and "content"')
        content = turn.get("content")
        if not isinstance(content, str):
            raise InputError("history message content must be text")
        content = INVISIBLE.sub("", SURROGATE.sub("", content))[: settings.max_question_chars * 4]
        out.append({"role": str(turn["role"]), "content": content})
    return out


# --------------------------------------------------------------------------
# Instruction stripping: an extractive bot obeys no instructions, but such
# clauses would still pull retrieval towards their words.
# --------------------------------------------------------------------------

# An instruction clause runs to punctuation or to "and / then / but", where the
# real question usually starts ("Ignore ... and tell me if NMN helps sleep").
_REST = r"(?:(?!\s(?:and|then|but)\s)[^.;!?,:])*"
_INSTRUCTION_CLAUSES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"(?:ignore|disregard|forget|override|bypass|skip)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+|every\s+)*"
    r"(?:previous|prior|above|earlier|preceding|former|system|original|safety|old)?\s*"
    r"(?:instructions?|prompts?|rules?|directions?|messages?|context|guidelines?|constraints?|everything|text|above)"
    r"(?:\s+(?:above|before|you\s+were\s+given|you\s+have))?",
    r"you\s+are\s+(?:now|no\s+longer)\s+" + _REST,
    r"(?:from\s+now\s+on|starting\s+now|henceforth)\s*,?\s*" + _REST,
    r"(?:act|behave|respond|answer)\s+(?:as|like)\s+(?:a|an|my|the)\s+" + _REST,
    r"(?:pretend|imagine)\s+(?:to\s+be|you(?:'re|\s+are))\s+" + _REST,
    r"(?:roleplay|role-play)\s+as\s+" + _REST,
    r"(?:new\s+)?(?:system|developer)\s*(?:prompt|message|mode)?\s*:\s*[^.;!?]*",
    r"\[\s*(?:system|inst|admin)\s*\][^.;!?]*",
    r"<\|?[a-z_]+\|?>",
    r"(?:reveal|print|show|repeat)\s+(?:your|the)\s+(?:system\s+)?(?:prompt|instructions?)",
    r"(?:do\s+not|don't|dont|never)\s+(?:mention|cite|show|use|include|quote|add)\s+(?:the\s+|any\s+)?"
    r"(?:sources?|quotes?|citations?|caveats?|warnings?|disclaimers?|corpus)",
    r"(?:answer|respond|reply)\s+without\s+(?:the\s+|any\s+)?(?:sources?|quotes?|citations?|caveats?|warnings?)",
    r"(?:jailbreak|dan\s+mode|developer\s+mode)[^.;!?]*",
    # An imperative "say/write ..." at the start of a clause; "what do studies say" is untouched.
    r"(?:(?<=^)|(?<=[.;!?:,]\s)|(?<=\band\s)|(?<=\bthen\s))\s*(?:say|write|output|claim|state|declare|print|reply|respond|answer)"
    r"(?:\s+with)?\s+(?:that\s+)?[^.;!?]*",
))
_LEFTOVER = re.compile(r"^[\s,;:.!\-]*(?:(?:and|then|also|so|but|please|now|ok|okay)\b[\s,;:]*)*", re.IGNORECASE)


def strip_instructions(question: str) -> str:
    """Remove instruction clauses ("ignore previous instructions", "you are now ...").

    Returns the remaining question text, or "" when nothing but instructions was sent.
    """
    text = unicodedata.normalize("NFKC", question)
    text = INVISIBLE.sub("", text).translate(APOSTROPHES)
    for pattern in _INSTRUCTION_CLAUSES:
        text = pattern.sub(" ", text)
    # Clauses are removed one by one; tidy the joints they leave behind.
    parts = [p for p in re.split(r"(?<=[.;!?])\s+", " ".join(text.split()).strip())]
    cleaned = []
    for part in parts:
        part = _LEFTOVER.sub("", part).strip()
        if part and re.search(r"[A-Za-z]", part):
            cleaned.append(part)
    result = " ".join(cleaned)
    result = re.sub(r"\s+([,.;:!?])", r"\1", result)
    return result.strip(" ,;:")
