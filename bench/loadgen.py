"""A small closed-loop HTTP load generator, run in its own process by bench/run.py.

Each of ``concurrency`` threads keeps one keep-alive connection and sends the next request as
soon as the last one is answered, for ``duration`` seconds. Prints one JSON object: requests,
errors, requests per second and latency percentiles in milliseconds.
"""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def worker(host, port, path, headers, deadline, latencies, errors, lock):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    mine, failed = [], 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                failed += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            continue
        mine.append((time.perf_counter() - started) * 1000)
    connection.close()
    with lock:
        latencies.extend(mine)
        errors.append(failed)


def run(url, concurrency, duration, cookie=None):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc, "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    latencies, errors, lock = [], [], threading.Lock()
    started = time.perf_counter()
    deadline = started + duration
    threads = [
        threading.Thread(
            target=worker, args=(parts.hostname, parts.port, path, headers, deadline, latencies, errors, lock)
        )
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": sum(errors),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--cookie")
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.concurrency, args.duration, args.cookie)))


if __name__ == "__main__":
    main()
