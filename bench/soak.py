"""Soak test: N concurrent loopback clients ask the real app questions for a fixed time.

    python bench/soak.py                       # starts `nmnbot serve` on a free port, 120 s x 8 clients
    python bench/soak.py --url http://127.0.0.1:7860 --seconds 30 --clients 4

Reports requests, errors (anything but a 200 with a sound Answer JSON; a 503 "busy"
counts separately as a refusal), latency percentiles and the server's RSS at start
and end (when it runs on this machine). Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

QUESTIONS = [
    "Does NMN help with hair loss?",
    "Can NMN help with depression?",
    "What are the health benefits of NMN for humans?",
    "Can exosomes make hair grow back?",
    "Is NMN safe to take every day?",
    "Does NMN cure cancer?",
    "What dose of NMN was used in human studies?",
    "Does NMN improve sleep?",
]


def run(url: str, seconds: float = 120, clients: int = 8) -> dict[str, Any]:
    """Hammer ``url``/api/ask from ``clients`` threads for ``seconds``; returns counts and latencies."""
    import httpx

    stop = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    refused = 0

    def client(i: int) -> None:
        nonlocal refused
        n = i
        with httpx.Client(base_url=url, timeout=60) as http:
            while time.monotonic() < stop:
                question = QUESTIONS[n % len(QUESTIONS)]
                n += 1
                t0 = time.perf_counter()
                try:
                    r = http.post("/api/ask", json={"question": question})
                    dt = time.perf_counter() - t0
                    if r.status_code == 503:
                        with lock:
                            refused += 1
                        time.sleep(float(r.headers.get("retry-after", "1")))
                        continue
                    problem = _problem(r)
                except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the soak
                    dt, problem = time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"
                with lock:
                    latencies.append(dt)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 3) if latencies else 0.0

    return {"requests": len(latencies), "errors": len(errors), "refused_503": refused,
            "first_errors": errors[:5], "p50_s": pct(0.5), "p95_s": pct(0.95), "max_s": pct(1.0),
            "per_second": round(len(latencies) / seconds, 1)}


def _problem(r: Any) -> str | None:
    if r.status_code != 200:
        return f"HTTP {r.status_code}: {r.text[:200]}"
    data = r.json()
    if not data.get("caveats"):
        return "answer without caveats"
    if data.get("status") == "answered" and not data.get("quotes"):
        return "answered without quotes"
    return None


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running app; default: start `nmnbot serve` here")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--index", default="index")
    args = parser.parse_args()

    proc = None
    url = args.url
    if url is None:
        import httpx

        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        nmnbot = str(Path(sys.executable).with_name("nmnbot"))
        # bring the index up to date first: serve refuses an index built by other code
        subprocess.run([nmnbot, "ingest", "-q", "--corpus", args.corpus, "--index", args.index], env=env, check=True)
        proc = subprocess.Popen([nmnbot, "serve", "--port", str(port), "--corpus", args.corpus, "--index", args.index],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 600
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                print("soak: the server did not start", file=sys.stderr)
                return 1
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
    try:
        run(url, seconds=5, clients=args.clients)  # warm-up, not measured
        start = rss_mib(proc.pid) if proc else None
        result = run(url, seconds=args.seconds, clients=args.clients)
        end = rss_mib(proc.pid) if proc else None
        if proc:
            result.update(rss_start_mib=round(start, 1), rss_end_mib=round(end, 1),
                          rss_growth_mib=round(end - start, 1))
        print(json.dumps(result, indent=1))
        return 1 if result["errors"] else 0
    finally:
        if proc:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    sys.exit(main())
