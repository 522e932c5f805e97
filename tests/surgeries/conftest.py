"""Fixtures of the surgeries' tests."""

import pytest

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
