"""Feedback: thumbs up/down with the question and the answer shown, in SQLite."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from ...errors import InputError


class FeedbackStore:
    """Thumbs up/down with the question and the answer shown, in SQLite under ``data_dir``.

    One short-lived connection per write under a lock: the chat page's workers and
    the API threads may record at once, and SQLite serialises the file anyway.
    """

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS feedback ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, rating TEXT NOT NULL,"
        " channel TEXT NOT NULL, question TEXT NOT NULL, status TEXT, answer_json TEXT NOT NULL)"
    )

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / "feedback.sqlite3"
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(self.SCHEMA)
        return conn

    def record(self, rating: str, question: str, answer: Mapping[str, Any], channel: str = "page") -> int:
        if rating not in ("up", "down"):
            raise InputError('rating must be "up" or "down"')
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = (created, rating, channel, question, str(answer.get("status", "")), json.dumps(answer, ensure_ascii=False))
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute(
                        "INSERT INTO feedback (created, rating, channel, question, status, answer_json)"
                        " VALUES (?, ?, ?, ?, ?, ?)", row)
                return int(cur.lastrowid or 0)
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
        return [{**dict(r), "answer": json.loads(r["answer_json"])} for r in rows]
