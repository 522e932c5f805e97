#!/usr/bin/env python
"""Search benchmark: our Whoosh backend beside modelsearch's SQLite FTS5 backend, same data, same run.

``make bench-search`` (or ``python bench/search.py --case-studies 10000``) builds a fresh SQLite
site with that many case studies, rebuilds each backend's index of them (documents per second),
then runs a fixed set of queries against each (p50 and p95 latency, first 10 results fetched,
as the site search does). Prints a table and writes JSON to ``--output`` if given.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="practicehub-search-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="bench.settings",
    SECRET_KEY=secrets.token_urlsafe(60),
    PRACTICEHUB_VAR_DIR=str(WORKDIR),
    STATIC_ROOT=str(WORKDIR / "static"),
)
os.environ.pop("DATABASE_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

QUERIES = [
    "twitter",
    "risk assessment",
    "young people",
    "facebook",
    "metrics",
    "blogging",
    "council",
    "Devon",
    "culture change",
    "co-production",
    "what changed",
    "internal networks",
    "video",
    "skills",
    "Brighton",
    "community groups",
    "listening",
    "councillors",
    "strategy",
    "case study 42",
]
BACKENDS = {
    "whoosh (ours)": ("cms.search.backends.whoosh", {"PATH": str(WORKDIR / "whoosh")}),
    "sqlite fts5 (modelsearch)": ("modelsearch.backends.database.sqlite.sqlite", {}),
}


def build_site(case_studies):
    call_command("migrate", verbosity=0, interactive=False)
    from bench import generate  # noqa: PLC0415 - needs Django set up, and turns auto-update off

    call_command("load_demo_content", verbosity=0)
    from django.db import transaction
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cms.models import Council, Platform, Topic
    from practice.models import BarrierPage, MentorPage

    with disable_reference_index_auto_update(), transaction.atomic():
        generate.make_case_studies(
            case_studies,
            list(Topic.objects.all()),
            list(Council.objects.all()),
            list(Platform.objects.all()),
            list(BarrierPage.objects.all()),
            list(MentorPage.objects.all()),
        )


def rebuild(backend, model, chunk_size=1000):
    """What the rebuild command does for one model; returns (documents, seconds)."""
    index = backend.get_index_for_model(model)
    started = time.perf_counter()
    rebuilder = backend.rebuilder_class(index)
    index = rebuilder.start()
    index.add_model(model)
    objects = model.get_indexed_objects().order_by("pk")
    count = 0
    keys = list(objects.values_list("pk", flat=True))
    for start in range(0, len(keys), chunk_size):
        chunk = list(objects.filter(pk__in=keys[start : start + chunk_size]))
        index.add_items(model, chunk)
        count += len(chunk)
    rebuilder.finish()
    return count, time.perf_counter() - started


def query_latencies(backend, model, rounds):
    queryset = model.objects.live()
    latencies = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            results = backend.search(query, queryset)
            list(results[:10])
            results.count()
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "queries": len(latencies),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--case-studies", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="times each of the 20 queries runs")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()

    from modelsearch.backends import get_search_backend

    from practice.models import CaseStudyPage

    started = time.perf_counter()
    build_site(args.case_studies)
    print(f"built {args.case_studies} case studies in {time.perf_counter() - started:.0f}s", flush=True)

    results = {}
    for label, (path, params) in BACKENDS.items():
        backend = get_search_backend(path, **params)
        documents, seconds = rebuild(backend, CaseStudyPage)
        results[label] = {
            "documents": documents,
            "rebuild_s": round(seconds, 1),
            "docs_per_s": round(documents / seconds, 1),
            **query_latencies(backend, CaseStudyPage, args.rounds),
        }
        print(f"{label}: {results[label]}", flush=True)

    print(f"\n{'backend':<28} {'documents':>9} {'rebuild s':>9} {'docs/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, row in results.items():
        print(
            f"{label:<28} {row['documents']:>9} {row['rebuild_s']:>9} {row['docs_per_s']:>8} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
        )
    if args.output:
        args.output.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
