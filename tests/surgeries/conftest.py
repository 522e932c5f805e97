"""Fixtures of the surgeries' tests."""

import zoneinfo
from datetime import datetime, time

import pytest
import time_machine
from django.utils import timezone

from tests.surgeries.factories import AllowedEmailDomainFactory, make_surgery, surgery_index


@pytest.fixture
def index(home_page):
    return surgery_index(home_page)


@pytest.fixture
def surgery(index):
    return make_surgery(index, title="Twitter for service updates", capacity=2)


@pytest.fixture
def staff_domains(db):
    """Two councils' domains only (the migration's gov.uk default is removed)."""
    from surgeries.models import AllowedEmailDomain

    AllowedEmailDomain.objects.all().delete()
    return [
        AllowedEmailDomainFactory(domain="devon.gov.uk"),
        AllowedEmailDomainFactory(domain="kirklees.gov.uk"),
    ]


@pytest.fixture
def mid_morning():
    """Run at 10:00 London time today, so "later today" never crosses midnight.

    Walk-ins, attendance and help records open on the surgery's day; a test that books a
    surgery "in half an hour" would otherwise fail whenever it runs after 23:30.
    """
    today = timezone.localdate()
    moment = datetime.combine(today, time(10, 0), tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=True):
        yield moment
