"""Four processes publishing pages at once against one Whoosh index: every page is found."""

import multiprocessing

import pytest
from django.db import connections

from cms.models import StandardPage

PROCESSES, PAGES_EACH = 4, 50

pytestmark = pytest.mark.django_db(transaction=True)


def publish_pages(section_id, worker):
    """Runs in a forked child: its own database connection, the same index directory."""
    connections.close_all()
    section = StandardPage.objects.get(pk=section_id)
    for number in range(PAGES_EACH):
        page = StandardPage(
            title=f"Orchard notes {worker}-{number}",
            slug=f"orchard-{worker}-{number}",
            body=[("paragraph", "<p>What the orchard volunteers learned.</p>")],
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    connections.close_all()


def test_four_processes_publishing_fifty_pages_each_are_all_found(home_page):
    sections = []
    for worker in range(PROCESSES):
        section = StandardPage(title=f"Section {worker}", slug=f"section-{worker}", body=[])
        home_page.add_child(instance=section)
        section.save_revision().publish()
        sections.append(section)
    connections.close_all()  # a forked child must not share the parent's connection

    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=publish_pages, args=(section.pk, n)) for n, section in enumerate(sections)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=600)

    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    assert (
        StandardPage.objects.live().filter(title__startswith="Orchard notes").count()
        == PROCESSES * PAGES_EACH
    )
    found = StandardPage.objects.live().search("orchard notes")
    assert len(found) == PROCESSES * PAGES_EACH
    assert {page.slug for page in found} == {
        f"orchard-{w}-{n}" for w in range(PROCESSES) for n in range(PAGES_EACH)
    }
