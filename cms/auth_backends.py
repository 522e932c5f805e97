"""Django's and allauth's authentication backends, loading a signed-in member together with the
one permission every page asks about.

The header asks on every page whether the member may use the Wagtail admin (for the user bar).
Django's backends load the user in one query and answer ``has_perm`` with two more (their own
permissions and their groups'); ``User.can_access_admin`` made that one query. Loaded here, as a
subquery of the user's own row, it costs none: one query fewer on every page a member sees.
Authentication itself is the backends' own, unchanged.

A member's session loads them in the same query (``cms.sessions``) and hands them over here for
the rest of the request; the backend then answers with that member rather than asking again.
"""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends, get_user_model
from django.db.models import Exists, OuterRef, Q

from cms.cache import request_memo

_HANDED_OVER = "cms.auth_backends:member-with-their-session"


def admin_access(user="pk"):
    """True where the user (the outer row, or the one its ``user`` names) holds
    ``wagtailadmin.access_admin``, directly or through a group: what the backends' ``has_perm``
    answers for an active non-superuser."""
    from django.contrib.auth.models import Permission

    return Exists(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").filter(
            Q(user=OuterRef(user)) | Q(group__user=OuterRef(user))
        )
    )


def hand_over(user):
    """Keep ``user``, just loaded with their session, for this request's ``get_user``."""
    memo = request_memo()
    if memo is not None:
        memo[_HANDED_OVER] = user


def _take_handed_over(user_id):
    """The member handed over in this request, if it is this one; taken, so asked once."""
    memo = request_memo()
    user = memo.pop(_HANDED_OVER, None) if memo is not None else None
    return user if user is not None and str(user.pk) == str(user_id) else None


class LoadsAdminAccess:
    @staticmethod
    def _users():
        return get_user_model()._default_manager.annotate(holds_admin_access=admin_access())

    def get_user(self, user_id):
        user = _take_handed_over(user_id)
        if user is None:
            try:
                user = self._users().get(pk=user_id)
            except get_user_model().DoesNotExist:
                return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        try:
            user = await self._users().aget(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(LoadsAdminAccess, backends.ModelBackend):
    """Django's backend (usernames, and the admin's sign-in)."""


class AuthenticationBackend(LoadsAdminAccess, allauth_backends.AuthenticationBackend):
    """allauth's backend (sign-in by email)."""
