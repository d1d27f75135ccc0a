"""Feedback: thumbs up/down with the question and the answer shown, and for a thumbs
down what was wrong (a reason from REASONS and the reader's own words), in SQLite."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from ...errors import InputError

# What a reader can say was wrong with an answer (value -> the words on the page).
REASONS: dict[str, str] = {
    "wrong_quote": "A quote is wrong or out of context",
    "no_answer": "It doesn't answer my question",
    "wrong_evidence": "An evidence label is wrong",
    "other": "Something else",
}
MAX_COMMENT_CHARS = 1000  # a paragraph; longer text is cut, not refused


class FeedbackStore:
    """Ratings in SQLite under ``data_dir``; a thumbs down may later get its reason.

    One short-lived connection per write under a lock: the chat page's workers and
    the API threads may record at once, and SQLite serialises the file anyway. Each
    row has a random ``edit_key``: only whoever recorded a rating can add its reason.
    """

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS feedback ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, rating TEXT NOT NULL,"
        " channel TEXT NOT NULL, question TEXT NOT NULL, status TEXT, answer_json TEXT NOT NULL,"
        " reason TEXT, comment TEXT, edit_key TEXT)"
    )
    ADDED_COLUMNS = ("reason", "comment", "edit_key")  # absent from stores made before reasons existed

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / "feedback.sqlite3"
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(self.SCHEMA)
        have = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
        for column in self.ADDED_COLUMNS:
            if column not in have:
                conn.execute(f"ALTER TABLE feedback ADD COLUMN {column} TEXT")
        return conn

    def record(self, rating: str, question: str, answer: Mapping[str, Any], channel: str = "page",
               reason: str | None = None, comment: str | None = None) -> tuple[int, str]:
        """Store one rating; returns its row id and the key that may add a reason to it."""
        if rating not in ("up", "down"):
            raise InputError('rating must be "up" or "down"')
        reason, comment = _checked(reason, comment)
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        key = secrets.token_urlsafe(12)
        row = (created, rating, channel, question, str(answer.get("status", "")),
               json.dumps(answer, ensure_ascii=False), reason, comment, key)
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute(
                        "INSERT INTO feedback (created, rating, channel, question, status, answer_json,"
                        " reason, comment, edit_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                return int(cur.lastrowid or 0), key
            finally:
                conn.close()

    def add_reason(self, row_id: int, key: str, reason: str | None, comment: str | None) -> bool:
        """Say what was wrong with a rated answer; False when no row has this id and key."""
        reason, comment = _checked(reason, comment)
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute("UPDATE feedback SET reason = ?, comment = ? WHERE id = ? AND edit_key = ?",
                                       (reason, comment, int(row_id), str(key)))
                return cur.rowcount == 1
            finally:
                conn.close()

    def all(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._lock:
            conn = self._connect()
            try:
                conn.row_factory = sqlite3.Row
                rows = conn.execute("SELECT * FROM feedback ORDER BY id").fetchall()
            finally:
                conn.close()
        out = []
        for r in rows:
            row = {k: r[k] for k in r.keys() if k != "edit_key"}
            out.append({**row, "answer": json.loads(r["answer_json"])})
        return out


def _checked(reason: str | None, comment: str | None) -> tuple[str | None, str | None]:
    if reason is not None and reason not in REASONS:
        raise InputError(f"reason must be one of {', '.join(REASONS)}")
    if comment is not None and not isinstance(comment, str):
        raise InputError("comment must be text")
    comment = (comment or "").strip()[:MAX_COMMENT_CHARS] or None
    return reason, comment
