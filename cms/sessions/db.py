"""``SESSION_ENGINE = "cms.sessions.db"``: Django's database sessions, loading the member too."""

from django.contrib.sessions.backends import db

from cms.sessions import LoadsMember


class SessionStore(LoadsMember, db.SessionStore):
    pass
