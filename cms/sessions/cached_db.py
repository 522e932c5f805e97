"""``SESSION_ENGINE = "cms.sessions.cached_db"``: Django's cached database sessions (with Redis),
loading the member too whenever the session comes from the database."""

from django.contrib.sessions.backends import cached_db

from cms.sessions import LoadsMember


class SessionStore(LoadsMember, cached_db.SessionStore):
    pass
