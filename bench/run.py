#!/usr/bin/env python
"""Benchmark Practice Hub's public pages: ``make bench`` (or ``python bench/run.py --help``).

For each database (SQLite, and PostgreSQL when reachable) it builds a fresh site at the chosen
scale, serves it with gunicorn (production settings, 2 workers) and drives every public page type
from a second process. It measures requests per second, p50/p99 latency, queries per request and
peak worker memory, and a bare Django view served the same way as the ceiling. Each page's
throughput is printed as a ratio to that ceiling, measured in the same run. Results go to
``bench/results/<timestamp>.json`` as well.
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALES = {
    # case studies, barriers, fixes, mentors, surgeries, bookings
    "default": {
        "case_studies": 10_000,
        "barriers": 500,
        "fixes": 3_000,
        "mentors": 300,
        "surgeries": 2_000,
        "bookings": 20_000,
    },
    "small": {
        "case_studies": 500,
        "barriers": 50,
        "fixes": 300,
        "mentors": 40,
        "surgeries": 100,
        "bookings": 1_000,
    },
    "tiny": {"case_studies": 40, "barriers": 10, "fixes": 30, "mentors": 10, "surgeries": 12, "bookings": 60},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_available():
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def run_django(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )


def child_pids(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def peak_rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 (our own http://127.0.0.1 server)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url}")


def query_count(url, cookie=None):
    """Queries of one request, its status and whether the page cache answered it."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            headers, status = response.headers, response.status
    except urllib.error.HTTPError as error:
        headers, status = error.headers, error.code
    return int(headers.get("X-Query-Count", "-1")), status, headers.get("X-Page-Cache", "")


def warm_workers(base, paths):
    """Each worker's once-a-process work (Django's content types, Wagtail's site root paths,
    templates compiled) done before anything is measured: it is not the cost of any page."""
    for _ in range(4):  # each request goes to whichever worker takes it first
        for path in paths:
            query_count(base + path)


def load(url, args, cookie=None):
    command = [
        PYTHON,
        str(ROOT / "bench" / "loadgen.py"),
        url,
        "--concurrency",
        str(args.concurrency),
        "--duration",
        str(args.duration),
    ]
    if cookie:
        command += ["--cookie", cookie]
    output = subprocess.run(command, check=True, text=True, stdout=subprocess.PIPE).stdout
    return json.loads(output)


@contextlib.contextmanager
def serve(env, verbose=False):
    """gunicorn with 2 workers on a free port, stopped on leaving."""
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if verbose else "/dev/null",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def measure(base, name, path, mode, cookie, ceiling, args):
    """One page in one mode: the queries of the first request after a change (which fills the
    caches), then of a request as the load will find the page, then the load."""
    _, status, _ = query_count(base + path, cookie)
    if status != 200:
        print(f"   {name:<28} {mode:<14} skipped: {path} answers {status}", flush=True)
        return []
    urllib.request.urlopen(f"{base}/__bench__/changed/", timeout=30).read()  # noqa: S310 (our own server)
    first_queries, _, _ = query_count(base + path, cookie)
    for _ in range(3):  # both workers warm (each takes whichever request comes first)
        queries, _, cache = query_count(base + path, cookie)
    cache = cache or "-"  # "hit" if the page cache answered
    result = load(base + path, args, cookie)
    ratio = round(result["rps"] / ceiling["rps"], 3) if ceiling["rps"] else None
    print(
        f"   {name:<28} {mode:<14} {result['rps']:>8} req/s  ratio {ratio}  "
        f"p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms  {queries} queries ({first_queries} first)  "
        f"page cache {cache}",
        flush=True,
    )
    return [
        {
            "page": name,
            "path": path,
            "mode": mode,
            "status": status,
            "queries": queries,
            "first_queries": first_queries,
            "page_cache": cache,
            **result,
            "ratio": ratio,
        }
    ]


def bench_database(label, database_url, args):
    workdir = Path(tempfile.mkdtemp(prefix=f"practicehub-bench-{label}-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "PRACTICEHUB_VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DATABASE_URL", None)
    if not (ROOT / "cms" / "search").is_dir():  # the Whoosh backend is not on this branch yet
        env.setdefault("SEARCH_BACKEND", "modelsearch.backends.database")
    if database_url:
        env["DATABASE_URL"] = database_url
    print(f"\n== {label}: building the site at scale {args.scale}", flush=True)
    if database_url:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-q",
                "-c",
                "DROP DATABASE IF EXISTS practicehub_bench",
                "-c",
                "CREATE DATABASE practicehub_bench",
            ],
            check=True,
        )
    run_django(env, "migrate", "--noinput", "-v0")
    run_django(env, "collectstatic", "--noinput", "-v0")
    started = time.monotonic()
    targets_file = workdir / "targets.json"
    counts = SCALES[args.scale]
    subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "generate.py"),
            "--targets",
            str(targets_file),
            *[f"--{key.replace('_', '-')}={value}" for key, value in counts.items()],
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"   generated in {time.monotonic() - started:.0f}s", flush=True)
    targets = json.loads(targets_file.read_text())

    rows, memory = [], 0.0
    member_cookie = targets.get("member_cookie")
    try:
        # Caches on: the ceiling, a visitor (served from the page cache after the first request)
        # and a signed-in member (never the page cache; costly shared fragments are cached).
        with serve(env, args.verbose) as (base, server):
            wait_until_up(f"{base}/__bench__/ceiling/")
            warm_workers(base, targets["pages"].values())
            ceiling = load(f"{base}/__bench__/ceiling/", args)
            rows.append(
                {
                    "page": "ceiling (bare Django view)",
                    "path": "/__bench__/ceiling/",
                    "mode": "-",
                    **ceiling,
                    "queries": 0,
                    "ratio": 1.0,
                }
            )
            print(f"   ceiling: {ceiling['rps']} req/s", flush=True)
            for name, path in targets["pages"].items():
                rows += measure(base, name, path, "anonymous", None, ceiling, args)
                if member_cookie:
                    rows += measure(base, name, path, "signed in", member_cookie, ceiling, args)
            memory = max([memory, *(peak_rss_mib(pid) for pid in child_pids(server.pid))])
        # The page cache off: every page rendered afresh for a visitor, as for a member, with the
        # costly parts the same for everyone from the fragment cache (the issue's "cache off").
        # Then every cache off: every part of every page worked out afresh (the strictest reading).
        for mode, caches_off in [
            ("page cache off", {"PAGE_CACHE_SECONDS": "0"}),
            ("no cache", {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}),
        ]:
            with serve({**env, **caches_off}, args.verbose) as (base, server):
                wait_until_up(f"{base}/__bench__/ceiling/")
                warm_workers(base, targets["pages"].values())
                for name, path in targets["pages"].items():
                    rows += measure(base, name, path, mode, None, ceiling, args)
                memory = max([memory, *(peak_rss_mib(pid) for pid in child_pids(server.pid))])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {"database": label, "scale": counts, "rows": rows, "peak_worker_memory_mib": round(memory, 1)}


def print_table(result):
    print(f"\n{result['database']}: peak worker memory {result['peak_worker_memory_mib']} MiB")
    print(
        f"{'page':<28} {'mode':<14} {'req/s':>8} {'ratio':>7} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} "
        f"{'first':>6} {'errors':>7} {'cache':>6}"
    )
    for row in result["rows"]:
        print(
            f"{row['page']:<28} {row['mode']:<14} {row['rps']:>8} {row['ratio']:>7} {row['p50_ms']:>8} "
            f"{row['p99_ms']:>8} {row['queries']:>8} {row.get('first_queries', '-'):>6} {row['errors']:>7} "
            f"{row.get('page_cache', '-'):>6}"
        )
    print_targets(result)


def print_targets(result):
    """The issue's targets against this run: the worst page for each."""
    pages = [row for row in result["rows"] if row["mode"] != "-"]

    def worst(mode, key, pick, cached=None):
        rows = [row for row in pages if row["mode"] == mode and row[key] is not None]
        if cached is not None:
            rows = [row for row in rows if (row.get("page_cache") == "hit") == cached]
        return pick(rows, key=lambda row: row[key]) if rows else None

    checks = [
        (
            "visitor from the cache, ratio >= 0.5",
            worst("anonymous", "ratio", min, True),
            "ratio",
            lambda v: v >= 0.5,
        ),
        (
            "visitor, never cached (search), ratio >= 0.04",
            worst("anonymous", "ratio", min, False),
            "ratio",
            lambda v: v >= 0.04,
        ),
        (
            "rendered afresh (page cache off), ratio >= 0.04",
            worst("page cache off", "ratio", min),
            "ratio",
            lambda v: v >= 0.04,
        ),
        (
            "rendered afresh (page cache off), p99 < 250 ms",
            worst("page cache off", "p99_ms", max),
            "p99_ms",
            lambda v: v < 250,
        ),
        ("signed in, ratio >= 0.04", worst("signed in", "ratio", min), "ratio", lambda v: v >= 0.04),
        ("signed in, p99 < 250 ms", worst("signed in", "p99_ms", max), "p99_ms", lambda v: v < 250),
        (
            "queries per page <= 15",
            max(pages, key=lambda row: row["queries"], default=None),
            "queries",
            lambda v: v <= 15,
        ),
        (
            "queries, first request after a change <= 15",
            max(pages, key=lambda row: row.get("first_queries", 0), default=None),
            "first_queries",
            lambda v: v <= 15,
        ),
    ]
    # Every cache off is not one of the issue's cases as this project reads them (README,
    # "Measured"): it is the cost each page pays once after a change, shown against the same bar.
    reference = [
        ("every cache off, ratio >= 0.04", worst("no cache", "ratio", min), "ratio", lambda v: v >= 0.04),
        ("every cache off, p99 < 250 ms", worst("no cache", "p99_ms", max), "p99_ms", lambda v: v < 250),
    ]

    def show(label, row, key, ok):
        if row is not None:
            verdict = "met" if ok(row[key]) else "NOT met"
            print(f"  {label:<48} {row[key]:>8}  {row['page']} ({row['mode']})  {verdict}")

    print("targets (worst page):")
    for check in checks:
        show(*check)
    memory = result["peak_worker_memory_mib"]
    print(f"  {'worker memory < 160 MiB':<48} {memory:>8}  {'met' if memory < 160 else 'NOT met'}")
    print("for reference, a cold render (worst page):")
    for check in reference:
        show(*check)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=SCALES, default="default")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per page and mode")
    parser.add_argument("--output", type=Path, help="JSON file (default bench/results/<timestamp>.json)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    databases = []
    if args.database in ("sqlite", "both"):
        databases.append(("sqlite", None))
    if args.database in ("postgres", "both"):
        if postgres_available():
            databases.append(("postgres", "postgres://postgres@127.0.0.1:5432/practicehub_bench"))
        elif args.database == "postgres":
            sys.exit("PostgreSQL is not reachable at 127.0.0.1:5432")
        else:
            print("PostgreSQL is not reachable at 127.0.0.1:5432: measuring SQLite only.")

    results = [bench_database(label, url, args) for label, url in databases]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "concurrency": args.concurrency,
        "duration_s": args.duration,
        "results": results,
    }
    for result in results:
        print_table(result)
    output = args.output or ROOT / "bench" / "results" / f"{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {output}")


if __name__ == "__main__":
    main()
