"""Mentor profiles go live through the site's "Moderator approval" workflow.

Product decision: a mentor's own edits are moderated, like every other page a non-moderator
changes. A profile speaks for the site to council staff and the public (bio, links, what the
mentor offers), and a mentor's account is an ordinary member account: if it is compromised, or
someone writes in haste, a moderator sees the change before the public does. Profiles change
rarely, so waiting a day for approval costs little. Moderators' own edits publish directly.
"""

from cms.permissions import assign_moderation_workflow


def put_under_moderation(index_page):
    """Assign the shared moderation workflow to the mentor index (and so to every profile under
    it), unless the index already has a workflow of its own. Returns the workflow in force."""
    return assign_moderation_workflow(index_page)
