"""Whoosh allows one writer per index: writes wait for the lock and are never lost, readers
that race a commit retry, and a searcher never shows a stale generation."""

import multiprocessing
import threading
import time

import pytest
from wagtail.models import Page

from cms.search.backends.whoosh import LockError, WhooshIndex, WhooshSearchBackend

PROCESSES, WRITES_EACH = 4, 20


def document(key, text="concurrent write"):
    return {"pk": str(key), "ct": "tests.fake", "t_body": text}


def write_many(path, worker):
    index = WhooshIndex(WhooshSearchBackend({"PATH": path, "WRITE_TIMEOUT": 60}), "tests.fake")
    for n in range(WRITES_EACH):
        index.add_documents([document(f"{worker}-{n}")])  # one commit per document


def test_concurrent_writers_in_several_processes_lose_nothing(tmp_path):
    path = str(tmp_path / "whoosh")
    index = WhooshIndex(WhooshSearchBackend({"PATH": path}), "tests.fake")
    index.add_documents([document("seed")])
    counts, errors, done = [], [], threading.Event()

    def read():
        while not done.is_set():
            try:
                counts.append(index.doc_count())
            except Exception as error:  # pragma: no cover - the assertion below reports it
                errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=write_many, args=(path, worker)) for worker in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    done.set()
    reader.join()

    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    assert errors == []
    assert counts == sorted(counts)  # a reader never goes back to an older generation
    assert index.doc_count() == 1 + PROCESSES * WRITES_EACH


def test_a_write_waits_for_the_lock_and_then_lands(tmp_path):
    backend = WhooshSearchBackend({"PATH": tmp_path, "WRITE_TIMEOUT": 10})
    index = WhooshIndex(backend, "tests.fake")
    index.add_documents([document(1)])
    finished = []

    with index.write_lock():

        def write():
            index.add_documents([document(2)])
            finished.append(time.monotonic())

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.5)
        assert finished == []  # still waiting for the lock
        released = time.monotonic()
    writer.join(timeout=10)

    assert finished and finished[0] >= released
    assert index.doc_count() == 2


def test_a_write_that_cannot_get_the_lock_in_time_raises_and_leaves_no_lock(tmp_path):
    backend = WhooshSearchBackend({"PATH": tmp_path, "WRITE_TIMEOUT": 0.3})
    index = WhooshIndex(backend, "tests.fake")
    index.add_documents([document(1)])

    with index.write_lock():
        started = time.monotonic()
        with pytest.raises(LockError):
            index.add_documents([document(2)])
        assert time.monotonic() - started >= 0.3

    index.add_documents([document(3)])
    assert index.doc_count() == 2


def test_a_failed_write_releases_the_lock(tmp_path):
    backend = WhooshSearchBackend({"PATH": tmp_path, "WRITE_TIMEOUT": 1})
    index = WhooshIndex(backend, "tests.fake")

    with pytest.raises(Exception, match="No field named"):
        index.add_documents([document(1), {"pk": "2", "unknown field": "x"}])

    index.add_documents([document(3)])
    assert index.doc_count() == 1  # the failed batch left nothing behind


@pytest.mark.django_db
def test_a_reader_that_races_a_commit_retries(backend, pages, monkeypatch):
    real_searcher = WhooshIndex._searcher
    failures = []

    def flaky(self):
        if not failures:
            failures.append(1)
            raise FileNotFoundError("_MAIN_7.toc")  # a writer replaced the table of contents
        return real_searcher(self)

    monkeypatch.setattr(WhooshIndex, "_searcher", flaky)
    assert len(backend.search("twitter", Page)) == 2
    assert failures == [1]

    def always_gone(self):
        raise FileNotFoundError("gone")

    monkeypatch.setattr(WhooshIndex, "_searcher", always_gone)
    with pytest.raises(FileNotFoundError):
        list(backend.search("council", Page))


@pytest.mark.django_db
def test_searchers_never_show_documents_that_were_deleted_cleared_or_replaced(backend, pages):
    # whoosh-reloaded 2.7.5's Searcher.refresh() re-adds old segments to the new reader.
    page = pages["Twitter for council press offices"]
    assert backend.search("twitter", Page).count() == 2  # opens and caches a searcher

    backend.delete(page)
    assert backend.search("twitter", Page).count() == 1

    backend.get_index_for_model(Page).reset()
    assert backend.search("twitter", Page).count() == 0

    backend.add(page)
    backend.add(page)
    assert backend.search("twitter", Page).count() == 1
    assert [result.pk for result in backend.search("twitter", Page)] == [page.pk]
