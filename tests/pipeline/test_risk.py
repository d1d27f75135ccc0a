"""Tests for nmnbot.pipeline.risk: the committed meaning model, its inputs and its script."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from nmnbot.pipeline.risk import CLASSES, MODEL_PATH, knn_features, load_model, segments

from helpers import REPO, offline_env


def test_segments_split_sentences_and_long_run_ons() -> None:
    assert segments("Does NMN help? I read about it.\nThanks") == ["Does NMN help?", "I read about it.", "Thanks"]
    long = ("i have been taking nmn for three months now for my hair and my energy and honestly it has been fine "
            "although the powder tastes weird and my sister says i look better, and i think i will just end it all "
            "tonight")
    parts = segments(long)
    assert len(parts) > 1 and parts[-1].startswith("and i think i will just end it all")


def test_knn_features_leave_a_sentence_out_of_its_own_neighbours() -> None:
    bank = np.eye(4, dtype=np.float32)
    labels = np.array([0, 1, 2, 3])
    own = knn_features(bank[2:3], bank, labels)
    assert own[0, 4] == pytest.approx(1.0)  # nearest crisis exemplar is itself
    left_out = knn_features(bank[2:3], bank, labels, exclude=np.array([2]))
    assert left_out[0, 4] < 0.5


def test_bank_texts_pack_as_utf8_and_read_back() -> None:
    from nmnbot.pipeline.risk import RiskModel, pack_texts

    texts = ["je veux mourir", "", "気分が落ち込んで", "a plain one 😅"]
    model = RiskModel.__new__(RiskModel)  # only the data the text lookup reads
    model.data = {f"en/{k}": v for k, v in pack_texts(texts).items()}
    assert [model.text("en", j) for j in range(len(texts))] == texts
    loaded = RiskModel()
    assert len(loaded.data["en/text_ends"]) == len(loaded.data["en/labels"])
    assert all(loaded.text("en", j) for j in (0, len(loaded.data["en/labels"]) - 1))


def test_the_committed_model_loads_and_separates_the_obvious() -> None:
    from nmnbot.embed import encode

    model = load_model()
    assert model is not None and set(model.thresholds) >= {"crisis", "emergency", "notice", "crisis_sure"}
    texts = ["i want to kill myself tonight", "my dad's face is drooping and he can't lift his arm",
             "does nmn help with hair loss", "what dose was used in the trial"]
    scores = model.score(encode(texts), "en")
    assert scores[0].crisis > 0.9 and scores[1].emergency > 0.9
    assert max(scores[2].crisis, scores[2].emergency) < 0.1 and max(scores[3].crisis, scores[3].emergency) < 0.1
    assert scores[1].family  # the nearest emergency exemplar names its family


def test_the_multilingual_model_reads_other_languages() -> None:
    model = load_model()
    assert model is not None
    scores = model.score(model.multilingual.encode(["quiero quitarme la vida esta noche",
                                                    "mi padre no puede respirar y tiene los labios azules",
                                                    "el nmn ayuda con la caída del pelo"]), "multi")
    assert scores[0].crisis > 0.5 and scores[1].emergency > 0.5
    assert max(scores[2].crisis, scores[2].emergency) < 0.5


@pytest.mark.slow
def test_the_artifact_matches_its_training_script() -> None:
    """Retrain from the data in the repo (deterministic) and compare with models/triage.npz."""
    done = subprocess.run([sys.executable, "-m", "nmnbot_eval.train_triage", "--check"], cwd=REPO,
                          capture_output=True, text=True, env=offline_env(), timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "artifact matches its script" in done.stdout
    assert MODEL_PATH.stat().st_size < 4_000_000  # 3.98 MB with blocks A-V; 3.62 MB with W once the texts were packed as UTF-8
    assert CLASSES == ("none", "notice", "crisis", "emergency")
