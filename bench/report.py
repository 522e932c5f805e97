#!/usr/bin/env python
"""Print a results file of ``bench/run.py`` as Markdown tables (as pasted in the README):
``python bench/report.py bench/results/<timestamp>.json``."""

import argparse
import json
from pathlib import Path

MODES = ("anonymous", "signed in", "page cache off", "no cache")


def markdown(report):
    lines = [
        f"Measured {report['date']} on {report['machine']['platform']}, {report['machine']['cpus']} CPUs, "
        f"Python {report['machine']['python']}; {report['concurrency']} connections, "
        f"{report['duration_s']:g} s a page and mode.",
    ]
    for result in report["results"]:
        rows = [row for row in result["rows"] if row["mode"] != "-"]
        ceiling = next(row for row in result["rows"] if row["mode"] == "-")
        lines += [
            "",
            f"**{result['database']}** (ceiling {ceiling['rps']} req/s; peak worker memory "
            f"{result['peak_worker_memory_mib']} MiB)",
            "",
            "| page | "
            + " | ".join(f"{mode}: req/s (ratio), p99 ms, queries (first)" for mode in MODES)
            + " |",
            "|---|" + "---|" * len(MODES),
        ]
        for page in dict.fromkeys(row["page"] for row in rows):
            cells = []
            for mode in MODES:
                row = next((r for r in rows if r["page"] == page and r["mode"] == mode), None)
                first = row and row.get("first_queries")
                queries = (
                    f"{row['queries']} ({first})" if row and first is not None else (row and row["queries"])
                )
                cells.append(f"{row['rps']} ({row['ratio']}), {row['p99_ms']}, {queries}" if row else "–")
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", type=Path)
    print(markdown(json.loads(parser.parse_args().results.read_text())))


if __name__ == "__main__":
    main()
