"""How the knowledge base is moderated: who may contribute, and who approves.

Authors get Wagtail's "add" permission on the knowledge base index page: they can create
barriers and fixes anywhere below it and edit only pages they own (Wagtail's owner rule), and
they cannot publish. Everything below the index goes through the "Moderator approval" workflow
that every section shares (cms.permissions).

``ensure_knowledge_base_moderation`` runs when the index page is created (a post_save signal,
see practice.signals), so this holds however the page is made: in the editor, by the demo
content command, in tests or from a fixture. The data migration 0003 applies the same rule to
an index page that already exists.
"""

from django.db import transaction

from cms.permissions import assign_moderation_workflow, grant_group_page_permissions

AUTHORS_GROUP = "Authors"


@transaction.atomic
def ensure_knowledge_base_moderation(index_page):
    """Give Authors "add" on ``index_page`` and put the moderation workflow on it. Idempotent;
    leaves alone a workflow an administrator has already chosen for the page."""
    grant_group_page_permissions(index_page, AUTHORS_GROUP, ["add_page"])
    assign_moderation_workflow(index_page)
