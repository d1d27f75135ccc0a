"""nmnbot benchmarks (``make bench``): latency, cold start, ingest, scale, HTTP.

Writes bench/results.json (sections are merged, so a long ``--only scale`` run
in the background can add its figures later) and renders bench/RESULTS.md.
Each measurement that needs a clean process (cold start, peak RSS) runs in a
subprocess: this script calling itself with ``--worker``.

    python bench/run.py                       # everything, scale sizes 500,2000,all
    python bench/run.py --skip-scale          # minutes, not the better part of an hour
    python bench/run.py --only scale --sizes 500,2000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent
MEDQUAD = Path(os.environ.get("NMNBOT_MEDQUAD", "/work/shared/datasets/medquad"))
WORK = Path(os.environ.get("NMNBOT_BENCH_DIR", "/tmp/nmnbot-bench"))
SEED = 20240611
SECTIONS = ("machine", "warm", "cold", "ingest", "scale", "http")

# The open issues' targets (19: ingest at scale, 20: query latency): (results key path, comparison, bound, label)
TARGETS = [
    (("warm", "p50_ratio"), "<=", 2.0, "warm ask p50 / floor (issue 20)"),
    (("warm", "p95_ratio"), "<=", 4.0, "warm ask p95 / floor (issue 20)"),
    (("cold", "help_s"), "<=", 0.5, "`nmnbot --help` wall time (s)"),
    (("cold", "first_answer_s"), "<=", 1.0, "first answer in a new process (s) (issue 20)"),
    (("ingest", "ratio"), ">=", 0.9, "ingest throughput / raw encode (issue 19)"),
    (("scale", "all", "ingest_s"), "<=", 1300.0, "ingest full MedQuAD (s) (issue 19)"),
    (("scale", "all", "reingest_cli_s"), "<=", 5.0, "re-ingest unchanged full MedQuAD (s)"),
    (("scale", "all", "query_p50_ratio"), "<=", 3.0, "query p50 / floor, full MedQuAD (issues 19, 20)"),
    (("scale", "all", "ingest_rss_mb"), "<=", 1536, "peak RSS ingesting full MedQuAD (MB) (issue 19)"),
    (("scale", "all", "query_rss_mb"), "<=", 1024, "peak RSS serving full MedQuAD (MB) (issues 19, 20)"),
    (("http", "8", "answers_per_s"), ">=", 150.0, "HTTP answers/s, 8 clients (issue 20)"),
    (("http", "8", "errors"), "<=", 0, "HTTP errors, 8 clients"),
    (("http", "v1", "v1_p50_ratio"), "<=", 1.10, "`/v1/chat/completions` p50 / `/api/ask` p50, 1 client"),
]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
              "GRADIO_ANALYTICS_ENABLED": "False", "TOKENIZERS_PARALLELISM": "false"})
    for k in list(e):
        if k.startswith("NMNBOT_") and k not in ("NMNBOT_MEDQUAD", "NMNBOT_BENCH_DIR"):
            del e[k]
    return e


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --------------------------------------------------------------------------- corpora and questions


def eval_questions() -> list[str]:
    rows = [json.loads(x) for x in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r["question"] for r in rows if r.get("kind") in ("answer", "none") and not r.get("history")]


def medquad_docs() -> list[str]:
    docs = sorted(p.relative_to(MEDQUAD / "docs").as_posix() for p in (MEDQUAD / "docs").rglob("*.md"))
    random.Random(SEED).shuffle(docs)
    return docs


def make_corpus(dest: Path, medquad: list[str]) -> Path:
    """The four seed documents plus the given MedQuAD docs (relative names kept)."""
    corpus = dest / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(ROOT / "corpus", corpus)
    for d in medquad:
        (corpus / d).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MEDQUAD / "docs" / d, corpus / d)
    return corpus


def scale_questions(medquad: list[str], n: int = 40) -> list[str]:
    """Questions about documents that are in this corpus, plus seed questions."""
    present = set(medquad)
    rows = [json.loads(x) for x in (MEDQUAD / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r["question"] for r in rows if r["doc"] in present]
    rng = random.Random(SEED)
    qs = rng.sample(rows, min(n - 10, len(rows))) if rows else []
    return qs + eval_questions()[: n - len(qs)]


# --------------------------------------------------------------------------- workers (run in subprocesses)


def settings_for(corpus: str, index: str) -> Any:
    from nmnbot.config import Settings

    return Settings.from_env(environ={}, corpus_dir=Path(corpus), index_dir=Path(index), data_dir=Path(index).parent / "data")


def worker_query(args: argparse.Namespace) -> dict[str, Any]:
    """Warm ask latency and the floor (one query embedding) in this process."""
    from nmnbot import Chatbot
    from nmnbot.index import ingest

    questions = json.loads(Path(args.questions).read_text(encoding="utf-8"))
    ingest(settings_for(args.corpus, args.index), lock_timeout=600)  # not timed; the engine's schema may have moved on
    bot = Chatbot(settings=settings_for(args.corpus, args.index), build_if_missing=False).warm_up()
    from nmnbot.embed import OnnxEncoder, exported_encoder_path

    # The floor (issue 20): the fastest way this machine embeds one question, the ONNX export
    # with onnxruntime's default threads, measured in the same loop. The bot's own encoder
    # (Settings.query_threads per request) and the one-thread export are reported beside it.
    onnx_path = exported_encoder_path(bot.settings.encoder_dir)
    floors = {"onnx_default_threads": OnnxEncoder(onnx_path).encode, "onnx_1_thread": OnnxEncoder(onnx_path, 1).encode,
              "bot_encoder": bot.encoder.encode}
    for q in questions[:5]:  # first-call effects (caches, allocator) are not "warm"
        bot.ask(q)
        for encode in floors.values():
            encode([q])
    ask, statuses = [], {}
    floor: dict[str, list[float]] = {k: [] for k in floors}
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            a = bot.ask(q)
            ask.append(time.perf_counter() - t)
            statuses[a.status] = statuses.get(a.status, 0) + 1
            for name, encode in floors.items():
                t = time.perf_counter()
                encode([q])
                floor[name].append(time.perf_counter() - t)
    ms = lambda v: round(v * 1000, 2)  # noqa: E731
    f50 = statistics.median(floor["onnx_default_threads"])
    return {"n": len(ask), "p50_ms": ms(pct(ask, 50)), "p95_ms": ms(pct(ask, 95)), "floor_p50_ms": ms(f50),
            "floor_p95_ms": ms(pct(floor["onnx_default_threads"], 95)),
            "floors_p50_ms": {k: ms(statistics.median(v)) for k, v in floor.items()},
            "query_threads": bot.settings.query_threads, "p50_ratio": round(pct(ask, 50) / f50, 2),
            "p95_ratio": round(pct(ask, 95) / f50, 2), "statuses": statuses, "rss_mb": round(peak_rss_mb())}


def ingest_texts(corpus: Path, settings: Any) -> list[str]:
    """The passage, sentence and new-word texts a fresh ingest embeds, in its order."""
    from nmnbot.corpus import iter_corpus_files, load_document
    from nmnbot.errors import CorpusError
    from nmnbot.text import vocabulary

    texts: list[str] = []
    known: set[str] = set()
    for path in iter_corpus_files(corpus, settings):
        try:
            doc = load_document(path, corpus, settings)
        except CorpusError:
            continue
        vocab: set[str] = set()
        for p in doc.passages:
            vocab.update(vocabulary(p.embedding_text()))
        new = sorted(vocab - known)
        known |= vocab
        texts += [p.embedding_text() for p in doc.passages]
        texts += [p.sentence_embedding_text(s) for p in doc.passages for s in p.sentences if s.quotable]
        texts += new
    return texts


def worker_ingest(args: argparse.Namespace) -> dict[str, Any]:
    """A fresh ingest (model loaded and the question encoder exported first, so neither is
    counted); optionally raw encode of the same texts."""
    from nmnbot.embed import encode, export_encoder, load_model
    from nmnbot.index import ingest

    s = settings_for(args.corpus, args.index)
    encode(["warm up"])
    export_encoder(s.encoder_dir)  # once per machine, not part of an ingest's throughput
    t = time.perf_counter()
    report = ingest(s)
    ingest_s = time.perf_counter() - t
    out: dict[str, Any] = {"ingest_s": round(ingest_s, 2), "files": len(report.added), "passages": report.passages,
                           "sentences": report.sentences, "skipped": len(report.skipped)}
    if args.raw_encode:
        texts = ingest_texts(Path(args.corpus), s)
        model = load_model()
        t = time.perf_counter()
        model.encode(texts, batch_size=s.embed_batch_size, normalize_embeddings=True, convert_to_numpy=True,
                     show_progress_bar=False)
        raw = time.perf_counter() - t
        out.update({"texts": len(texts), "raw_encode_s": round(raw, 2), "ratio": round(raw / ingest_s, 3),
                    "texts_per_s_ingest": round(len(texts) / ingest_s, 1), "texts_per_s_raw": round(len(texts) / raw, 1)})
    out["rss_mb"] = round(peak_rss_mb())
    return out


def run_worker(kind: str, *extra: str, timeout: float = 7200) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, *extra]
    got = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=timeout)
    if got.returncode != 0:
        raise RuntimeError(f"worker {kind} failed: {got.stderr[-2000:]}")
    return json.loads(got.stdout.strip().splitlines()[-1])


def cli(*args: str, timeout: float = 600) -> tuple[float, subprocess.CompletedProcess[str]]:
    t = time.perf_counter()
    got = subprocess.run([str(BIN / "nmnbot"), *args], capture_output=True, text=True, env=env(), timeout=timeout)
    return time.perf_counter() - t, got


# --------------------------------------------------------------------------- sections


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "sched_cpus": len(os.sched_getaffinity(0)), "memory_gb": round(mem_kb / 1024 ** 2, 1),
            "cpu": cpu, "python": platform.python_version(), "torch": metadata.version("torch"),
            "sentence_transformers": metadata.version("sentence-transformers"), "chromadb": metadata.version("chromadb"),
            "date": time.strftime("%Y-%m-%d %H:%M"), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


def seed_index() -> tuple[Path, Path]:
    base = WORK / "seeds"
    corpus = make_corpus(base, [])
    index = base / "index"
    if index.exists():
        shutil.rmtree(index)
    return corpus, index


def bench_ingest(results: dict[str, Any], n_docs: int = 150) -> None:
    """Ingest throughput on the seeds plus MedQuAD documents: on the four seeds alone the
    fixed costs (importing chromadb, a new generation, the manifest) hide the throughput."""
    docs = medquad_docs()[:n_docs]
    base = WORK / "ingest"
    corpus = make_corpus(base, docs)
    index = base / "index"
    if index.exists():
        shutil.rmtree(index)
    log(f"ingest seeds + {n_docs} MedQuAD docs (and raw encode of the same texts)")
    results["ingest"] = {"corpus": f"4 seed documents + {n_docs} MedQuAD documents",
                         **run_worker("ingest", "--corpus", str(corpus), "--index", str(index), "--raw-encode")}


def bench_warm(results: dict[str, Any]) -> tuple[Path, Path]:
    corpus, index = seed_index()
    qfile = WORK / "seeds" / "questions.json"
    qfile.write_text(json.dumps(eval_questions()), encoding="utf-8")
    log("warm ask latency")
    results["warm"] = {"corpus": "4 seed documents", **run_worker("query", "--corpus", str(corpus), "--index", str(index),
                                                                  "--questions", str(qfile), "--rounds", "2")}
    return corpus, index


def bench_cold(results: dict[str, Any], corpus: Path, index: Path) -> None:
    log("cold start")
    cli("ingest", "-q", "--corpus", str(corpus), "--index", str(index))  # make sure the index is current (not timed)
    helps = [cli("--help")[0] for _ in range(5)]
    firsts = []
    for _ in range(3):
        secs, got = cli("ask", "Does NMN help with hair loss?", "--json", "--corpus", str(corpus), "--index", str(index))
        if got.returncode != 0:
            raise RuntimeError(got.stderr)
        firsts.append(secs)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch, sentence_transformers"], env=env(), check=True)
    imports = time.perf_counter() - t
    results["cold"] = {"help_s": round(statistics.median(helps), 3), "help_runs": [round(x, 3) for x in helps],
                       "first_answer_s": round(statistics.median(firsts), 2), "first_answer_runs": [round(x, 2) for x in firsts],
                       "import_torch_sentence_transformers_s": round(imports, 2)}


def bench_scale(results: dict[str, Any], sizes: list[str]) -> None:
    docs = medquad_docs()
    scale = results.setdefault("scale", load().get("scale", {}))
    for size in sizes:
        n = len(docs) if size == "all" else int(size)
        chosen = docs[:n]
        base = WORK / f"scale-{size}"
        log(f"scale {size}: corpus of 4 + {n} docs")
        corpus = make_corpus(base, chosen)
        index = base / "index"
        if index.exists():
            shutil.rmtree(index)
        row: dict[str, Any] = {"medquad_docs": n, "corpus_mb": round(dir_bytes(corpus) / 1e6, 1)}
        ing = run_worker("ingest", "--corpus", str(corpus), "--index", str(index), *(["--raw-encode"] if n <= 500 else []))
        row.update({"ingest_s": ing["ingest_s"], "passages": ing["passages"], "sentences": ing["sentences"],
                    "ingest_rss_mb": ing["rss_mb"], "index_mb": round(dir_bytes(index) / 1e6, 1)})
        if "ratio" in ing:
            row.update({"ingest_ratio": ing["ratio"], "raw_encode_s": ing["raw_encode_s"], "texts": ing["texts"]})
        log(f"scale {size}: ingest {ing['ingest_s']} s; queries")
        qfile = base / "questions.json"
        qfile.write_text(json.dumps(scale_questions(chosen)), encoding="utf-8")
        q = run_worker("query", "--corpus", str(corpus), "--index", str(index), "--questions", str(qfile), "--rounds", "1")
        row.update({"query_p50_ms": q["p50_ms"], "query_p95_ms": q["p95_ms"], "floor_p50_ms": q["floor_p50_ms"],
                    "query_p50_ratio": q["p50_ratio"], "query_p95_ratio": q["p95_ratio"], "query_rss_mb": q["rss_mb"],
                    "statuses": q["statuses"]})
        row["rss_max_mb"] = max(row["ingest_rss_mb"], row["query_rss_mb"])
        secs, got = cli("ingest", "-q", "--corpus", str(corpus), "--index", str(index))
        row["reingest_cli_s"] = round(secs, 2)
        row["reingest_report"] = got.stdout.strip().splitlines()[-1] if got.stdout.strip() else got.stderr[-300:]
        scale[size] = row
        log(f"scale {size}: {row}")
        save(results)  # a long run keeps what it has measured


def bench_http(results: dict[str, Any], corpus: Path, index: Path, seconds: float = 20.0) -> None:
    try:
        import httpx  # noqa: F401

        from nmnbot.fronts.web import app as web  # noqa: F401
        assert hasattr(web, "serve") and hasattr(web, "create_app")
    except Exception as exc:  # the web module is another engineer's work in progress
        results["http"] = {"skipped": f"nmnbot.web not usable ({type(exc).__name__}: {exc})"}
        log(results["http"]["skipped"])
        return
    import httpx
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = ("import sys; from pathlib import Path; from nmnbot.config import Settings; from nmnbot.fronts.web import serve; "
            f"serve(Settings.from_env(environ={{}}, corpus_dir=Path({str(corpus)!r}), index_dir=Path({str(index)!r}), "
            f"data_dir=Path({str(index.parent / 'data')!r})), '127.0.0.1', {port})")
    log_path = WORK / "http-server.log"
    server = subprocess.Popen([sys.executable, "-c", code], env=env(), stdout=log_path.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {"seconds_per_level": seconds}
    try:
        t0 = time.perf_counter()
        while True:
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.perf_counter() - t0 > 180:
                results["http"] = {"skipped": f"server did not come up: {log_path.read_text()[-500:]}"}
                return
            time.sleep(0.5)
        out["server_ready_s"] = round(time.perf_counter() - t0, 1)
        questions = eval_questions()
        for clients in (1, 4, 8):
            log(f"http: {clients} clients for {seconds} s")
            ok, errors, lat = [0], [0], []
            lock = threading.Lock()
            stop = time.perf_counter() + seconds

            def client(i: int) -> None:
                with httpx.Client(base_url=url, timeout=60) as c:
                    n = i
                    while time.perf_counter() < stop:
                        q = questions[n % len(questions)]
                        n += clients
                        t = time.perf_counter()
                        try:
                            r = c.post("/api/ask", json={"question": q})
                            good = r.status_code == 200 and "status" in r.json()
                        except Exception:
                            good = False
                        with lock:
                            lat.append(time.perf_counter() - t)
                            if good:
                                ok[0] += 1
                            else:
                                errors[0] += 1

            t = time.perf_counter()
            threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            wall = time.perf_counter() - t
            out[str(clients)] = {"answers": ok[0], "errors": errors[0], "answers_per_s": round(ok[0] / wall, 1),
                                 "latency_p50_ms": round(pct(lat, 50) * 1000, 1) if lat else None,
                                 "latency_p95_ms": round(pct(lat, 95) * 1000, 1) if lat else None}
            log(f"http {clients}: {out[str(clients)]}")
        log(f"http: /v1/chat/completions against /api/ask, 1 client for {seconds} s")
        out["v1"] = compare_v1(url, questions, seconds)
        log(f"http v1: {out['v1']}")
        results["http"] = out
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def compare_v1(url: str, questions: list[str], seconds: float) -> dict[str, Any]:
    """p50 of /v1/chat/completions (whole and streamed) against /api/ask: one client asks each
    question on every route in turn, the order rotating, so other work on the machine and the
    bot's caches weigh on all routes alike. Timed to the last byte received."""
    import httpx

    routes = ("api", "v1", "v1_stream")
    lat: dict[str, list[float]] = {r: [] for r in routes}
    errors = 0

    def one(c: httpx.Client, route: str, q: str) -> bool:
        if route == "api":
            t = time.perf_counter()
            r = c.post("/api/ask", json={"question": q})
            lat[route].append(time.perf_counter() - t)
            return r.status_code == 200 and "status" in r.json()
        chat = {"model": "nmnbot", "messages": [{"role": "user", "content": q}], "stream": route == "v1_stream"}
        t = time.perf_counter()
        with c.stream("POST", "/v1/chat/completions", json=chat) as r:
            body = r.read()
        lat[route].append(time.perf_counter() - t)
        if r.status_code != 200:
            return False
        return body.endswith(b"data: [DONE]\n\n") if chat["stream"] else "status" in json.loads(body)["nmnbot"]

    stop = time.perf_counter() + seconds
    with httpx.Client(base_url=url, timeout=60) as c:
        n = 0
        while time.perf_counter() < stop:
            q = questions[n % len(questions)]
            for route in routes[n % 3:] + routes[: n % 3]:
                errors += 0 if one(c, route, q) else 1
            n += 1
    p50 = {r: pct(v, 50) * 1000 for r, v in lat.items()}
    return {"requests_per_route": n, "errors": errors, "api_p50_ms": round(p50["api"], 1),
            "v1_p50_ms": round(p50["v1"], 1), "v1_stream_p50_ms": round(p50["v1_stream"], 1),
            "v1_p50_ratio": round(p50["v1"] / p50["api"], 3),
            "v1_stream_p50_ratio": round(p50["v1_stream"] / p50["api"], 3)}


# --------------------------------------------------------------------------- results


def load() -> dict[str, Any]:
    try:
        return json.loads((BENCH / "results.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


_save_lock = threading.Lock()


def save(results: dict[str, Any]) -> None:
    with _save_lock:
        merged = load()
        merged.update(results)
        (BENCH / "results.json").write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        (BENCH / "RESULTS.md").write_text(render(merged), encoding="utf-8")


def _get(results: dict[str, Any], path: tuple[str, ...]) -> Any:
    cur: Any = results
    for p in path:
        if not isinstance(cur, dict) or p not in cur:
            return None
        cur = cur[p]
    return cur


def render(r: dict[str, Any]) -> str:
    m = r.get("machine", {})
    lines = ["# nmnbot benchmarks", "", "Produced by `make bench` (`bench/run.py`); raw figures in `results.json`.", "",
             "## Machine", "",
             f"- {m.get('nproc')} CPUs (`nproc`), {m.get('memory_gb')} GB RAM, {m.get('cpu')}",
             f"- Python {m.get('python')}, torch {m.get('torch')}, sentence-transformers {m.get('sentence_transformers')}, "
             f"chromadb {m.get('chromadb')}",
             f"- run {m.get('date')}, load average at start {m.get('load_avg_at_start')} (other work on the machine inflates every figure)",
             "", "## Targets", "", "| measure | value | target | |", "| --- | --- | --- | --- |"]
    for path, op, bound, label in TARGETS:
        v = _get(r, path)
        if v is None:
            lines.append(f"| {label} | not measured | {op} {bound:g} | |")
            continue
        ok = v <= bound if op == "<=" else v >= bound
        lines.append(f"| {label} | {v:g} | {op} {bound:g} | {'met' if ok else '**missed**'} |")
    w = r.get("warm")
    if w:
        lines += ["", "## Warm `ask` (4 seed documents)", "",
                  f"{w['n']} asks after warm-up: p50 {w['p50_ms']} ms, p95 {w['p95_ms']} ms; floor (one question through the "
                  f"ONNX export with onnxruntime's default threads, in the same loop) p50 {w['floor_p50_ms']} ms, p95 "
                  f"{w['floor_p95_ms']} ms. Ratios use that floor's p50. Other encoders of one question, p50 ms: "
                  f"{w.get('floors_p50_ms', {})} (the bot's own runs with query_threads={w.get('query_threads')}). "
                  f"Statuses: {w['statuses']}. Peak RSS {w['rss_mb']} MB."]
    c = r.get("cold")
    if c:
        lines += ["", "## Cold start", "",
                  f"- `nmnbot --help`: median {c['help_s']} s of {c['help_runs']}",
                  f"- `nmnbot ask ... --json` on an existing index, new process: median {c['first_answer_s']} s of {c['first_answer_runs']}",
                  f"- for scale: `python -c 'import torch, sentence_transformers'` alone takes {c['import_torch_sentence_transformers_s']} s"]
    i = r.get("ingest")
    if i:
        lines += ["", "## Ingest throughput", "",
                  f"{i['corpus']}: ingest {i['ingest_s']} s for {i.get('texts')} texts (passages + sentences + words); raw "
                  f"`model.encode` of the same texts {i.get('raw_encode_s')} s; ratio {i.get('ratio')}. Model loaded before timing."]
    s = r.get("scale")
    if s:
        lines += ["", "## Scale (seeds + MedQuAD docs)", "",
                  "| MedQuAD docs | passages | sentences | ingest s | ingest/raw encode | index MB | query p50 ms | p95 ms | floor ms | p50/floor | peak RSS MB (ingest / query) | re-ingest unchanged (CLI) s |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for size, row in s.items():
            lines.append(f"| {row['medquad_docs']} | {row['passages']} | {row['sentences']} | {row['ingest_s']} | "
                         f"{row.get('ingest_ratio', '')} | {row['index_mb']} | {row['query_p50_ms']} | {row['query_p95_ms']} | "
                         f"{row['floor_p50_ms']} | {row['query_p50_ratio']} | {row['ingest_rss_mb']} / {row['query_rss_mb']} | "
                         f"{row['reingest_cli_s']} |")
    h = r.get("http")
    if h:
        lines += ["", "## HTTP (`POST /api/ask` and `/v1/chat/completions`, loopback)", ""]
        if "skipped" in h:
            lines.append(f"Skipped: {h['skipped']}")
        else:
            lines += [f"Server ready in {h.get('server_ready_s')} s; each level runs {h['seconds_per_level']} s of closed-loop clients.", "",
                      "| clients | answers/s | answers | errors | p50 ms | p95 ms |", "| --- | --- | --- | --- | --- | --- |"]
            for k in ("1", "4", "8"):
                if k in h:
                    x = h[k]
                    lines.append(f"| {k} | {x['answers_per_s']} | {x['answers']} | {x['errors']} | {x['latency_p50_ms']} | {x['latency_p95_ms']} |")
            v = h.get("v1")
            if v:
                lines += ["", f"`POST /v1/chat/completions` against `/api/ask`, one client asking each question on every "
                              f"route in turn ({v['requests_per_route']} per route, {v['errors']} errors): p50 "
                              f"{v['v1_p50_ms']} ms whole and {v['v1_stream_p50_ms']} ms streamed, against "
                              f"{v['api_p50_ms']} ms (ratios {v['v1_p50_ratio']} and {v['v1_stream_p50_ratio']})."]
    if r.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in r["notes"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,all", help="MedQuAD doc counts for the scale bench (comma list; 'all')")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--only", default="", help=f"comma list of sections: {','.join(SECTIONS)}")
    ap.add_argument("--http-seconds", type=float, default=20.0)
    ap.add_argument("--worker", choices=["query", "ingest"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--index", help=argparse.SUPPRESS)
    ap.add_argument("--questions", help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--raw-encode", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps((worker_query if args.worker == "query" else worker_ingest)(args)))
        return
    only = set(filter(None, args.only.split(","))) or set(SECTIONS)
    if args.skip_scale:
        only.discard("scale")
    if args.skip_http:
        only.discard("http")
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine()}
    save(results)
    corpus = index = None
    if "ingest" in only:
        bench_ingest(results)
        save(results)
    if only & {"warm", "cold", "http"}:
        corpus, index = bench_warm(results)
        save(results)
    if "cold" in only:
        bench_cold(results, corpus, index)
        save(results)
    if "http" in only:
        bench_http(results, corpus, index, args.http_seconds)
        save(results)
    if "scale" in only:
        sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
        bench_scale(results, sizes)
        save(results)
    print((BENCH / "RESULTS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
