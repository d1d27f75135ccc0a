"""HTTP latency of POST /api/ask under concurrent loopback clients.

Starts the real app (nmnbot.fronts.web.create_app, real model and index) under uvicorn
on a free loopback port, warms it, then sends a bounded number of requests from
N client threads (httpx) and prints the median / p90 / p99 latency as JSON.

    .venv/bin/python bench/http_latency.py --corpus corpus --index index --clients 8 --requests 200
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUESTIONS = (
    "Does NMN help with hair loss?",
    "Can NMN help with depression?",
    "What are the health benefits of NMN for humans?",
    "Can exosomes make hair grow back?",
    "Does NMN improve sleep?",
    "Is NMN good for muscle strength in older people?",
    "What is the capital of France?",
    "Does NMN reduce inflammation?",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--index", default="index")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()

    import httpx
    import uvicorn

    from nmnbot.config import Settings
    from nmnbot.embed import offline_environment

    offline_environment()
    from nmnbot.fronts.web import create_app

    settings = Settings.from_env(corpus_dir=Path(args.corpus), index_dir=Path(args.index))
    app = create_app(settings)
    app.state.bot.warm_up()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)

    local = threading.local()

    def one(i: int) -> tuple[float, int]:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=url, timeout=60)
        started = time.perf_counter()
        r = client.post("/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
        return time.perf_counter() - started, r.status_code

    for i in range(len(QUESTIONS)):  # warm every question path once
        one(i)
    started = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        results = list(pool.map(one, range(args.requests)))
    wall = time.perf_counter() - started
    server.should_exit = True
    thread.join(timeout=10)

    ok = sorted(t for t, status in results if status == 200)
    codes: dict[int, int] = {}
    for _, status in results:
        codes[status] = codes.get(status, 0) + 1
    q = statistics.quantiles(ok, n=100) if len(ok) >= 2 else [float("nan")] * 99
    report = {
        "clients": args.clients, "requests": args.requests, "status_codes": codes,
        "median_ms": round(statistics.median(ok) * 1000, 1) if ok else None,
        "p90_ms": round(q[89] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
        "answers_per_s": round(len(ok) / wall, 1), "wall_s": round(wall, 2),
    }
    print(json.dumps(report, indent=2))
    return 0 if codes.get(200) == args.requests else 1


if __name__ == "__main__":
    sys.exit(main())
