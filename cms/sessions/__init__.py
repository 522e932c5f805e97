"""Session stores that load the signed-in member with their session, in one query.

Django reads a member's session (one query), then asks the authentication backend for the user
(another). ``cms.models.MemberSession`` keeps the member's id in a column of its own, so the
session's query joins the member's row, with their admin access (``cms.auth_backends``), and
hands the member to the backend for this request: one query fewer on every page a member sees.
That is the synchronous path, the one gunicorn serves; the async one (``aload``) is Django's,
and its backend asks for the member on its own, as before.

``SESSION_ENGINE`` names ``cms.sessions.db``, or ``cms.sessions.cached_db`` with Redis (the
session then usually comes from the cache, and the member is loaded on their own as before).
Everything else is Django's: the session's data, expiry, key cycling at sign-in, and the
check of the member's session hash, which the backend's answer still goes through.
"""

import logging

from django.contrib.auth import SESSION_KEY
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone


class LoadsMember:
    """For a subclass of Django's database session store."""

    @classmethod
    def get_model_class(cls):
        from cms.models import MemberSession

        return MemberSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = _member_id(data)
        return session

    async def acreate_model_instance(self, data):
        session = await super().acreate_model_instance(data)
        session.user_id = _member_id(data)
        return session

    def _get_session_from_db(self):
        from cms.auth_backends import admin_access, hand_over

        sessions = self.model.objects.select_related("user").annotate(
            user_holds_admin_access=admin_access("user")
        )
        # The rest is Django's own db.SessionStore._get_session_from_db (5.2), with this query:
        # keep it in step when upgrading Django.
        try:
            session = sessions.get(session_key=self.session_key, expire_date__gt=timezone.now())
        except (self.model.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            self._session_key = None
            return None
        if session.user is not None:
            session.user.holds_admin_access = session.user_holds_admin_access
            hand_over(session.user)
        return session


def _member_id(data):
    """The signed-in member's id from the session's data, or ``None`` (a visitor's session, or
    an id that is not a number: the column then stays empty and the member is loaded alone).
    The project's users have integer keys (``DEFAULT_AUTO_FIELD``)."""
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None
