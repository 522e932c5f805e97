"""Factories for digital mentors: the index page, profiles, and mentors who can sign in."""

from contextlib import contextmanager
from io import BytesIO

import factory
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from practice.models import MentorIndexPage, MentorPage
from practice.services.mentor_profiles import put_under_moderation
from tests.factories import CouncilFactory, UserFactory

#: Every factory-made mentor's private address ends with this, so a test can look for it.
PRIVATE_DOMAIN = "private-mentor-inbox.example"


def make_mentor_index(home_page, **fields):
    """The /mentors/ page, published, with the moderation workflow, as the demo content has it."""
    existing = MentorIndexPage.objects.child_of(home_page).first()
    if existing is not None:
        return existing
    index = MentorIndexPage(
        title=fields.pop("title", "Digital mentors"), slug="mentors", show_in_menus=True, **fields
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    put_under_moderation(index)
    return index


class MentorPageFactory(factory.django.DjangoModelFactory):
    """``MentorPageFactory(parent=index, topics=[...], platforms=[...])``: a live profile.

    ``revision=True`` also publishes a first revision, as the Wagtail editor would; the
    default adds the live page directly, which is quicker for tests that need many."""

    class Meta:
        model = MentorPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mentor Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    role = "Digital communications officer"
    council = factory.SubFactory(CouncilFactory)
    bio = "<p>Happy to help councils get started.</p>"
    availability = "Tuesday afternoons"
    languages = "English"
    contact_email = factory.Sequence(lambda n: f"mentor.{n}@{PRIVATE_DOMAIN}")
    parent = None
    topics = ()
    platforms = ()
    revision = False

    @classmethod
    def _create(cls, model_class, *args, parent, topics=(), platforms=(), revision=False, **fields):
        assert parent is not None, "MentorPageFactory needs parent=<the mentor index>"
        page = model_class(**fields)
        if topics:
            page.topics.add(*topics)
        if platforms:
            page.platforms = list(platforms)
        parent.add_child(instance=page)
        if revision:
            page.save_revision().publish()
        return page


@contextmanager
def without_index_updates():
    """Skip search and reference index updates while creating many pages quickly, in tests
    that measure something else (query counts of a listing)."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    post_save.disconnect(post_save_signal_handler, sender=MentorPage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=MentorPage)


def make_photo(title="Mentor photo", colour="#0b3d59"):
    """A small PNG in the Wagtail image library."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a transactional test flushed it
        Collection.add_root(name="Root")
    buffer = BytesIO()
    PillowImage.new("RGB", (400, 400), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{slugify(title)}.png"))


def make_mentor_user(**fields):
    """A member of the Mentors group, who can sign in to the admin."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name="Mentors"))
    return user


def message_data(**overrides):
    """A valid "Message this mentor" form submission."""
    data = {
        "name": "Jo Officer",
        "email": "jo.officer@example.gov.uk",
        "topic": "",
        "message": "We want to start a Facebook page for the libraries. Where do we begin?",
        "relay_check": "",
    }
    data.update(overrides)
    return data
