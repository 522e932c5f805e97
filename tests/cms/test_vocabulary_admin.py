import pytest

from cms.models import Council
from tests.factories import CouncilFactory, TopicFactory


@pytest.mark.django_db
def test_moderator_manages_councils_in_the_admin(client, group_member):
    client.force_login(group_member("Moderators"))
    CouncilFactory(name="Devon County Council")
    assert "Devon County Council" in client.get("/admin/snippets/cms/council/").content.decode()
    response = client.post(
        "/admin/snippets/cms/council/add/",
        {
            "name": "Frome Town Council",
            "kind": "town_parish",
            "region": "south_west",
            "website": "https://frome.gov.uk",
        },
    )
    assert response.status_code == 302
    assert Council.objects.filter(name="Frome Town Council", kind="town_parish").exists()


@pytest.mark.django_db
def test_topics_are_listed_for_moderators_but_not_editable_by_authors(client, group_member):
    TopicFactory(name="risk-assessment")
    client.force_login(group_member("Moderators"))
    assert "risk-assessment" in client.get("/admin/snippets/cms/topic/").content.decode()
    client.force_login(group_member("Authors"))
    assert client.get("/admin/snippets/cms/topic/add/").status_code in (302, 403)
