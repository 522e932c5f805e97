"""The anonymous page cache: a visitor's page served without rendering, never stale.

Why our own middleware rather than Django's per-site cache: Django's keys pages by URL and a
fixed prefix, so it cannot forget every page when content changes, and the CSRF token in our
booking and message forms makes it key each visitor separately (``Vary: Cookie``), so it would
almost never hit. Here:

* Only opted-in views are stored (Wagtail's page view and views marked ``cache_for_visitors``),
  only for ``GET`` from visitors with no session or messages cookie and no query parameter a
  page does not read, only ``200`` responses that set no cookie and are not
  ``private``/``no-store``. Personal pages (booking links, feedback, unsubscribe, the admin)
  are never opted in. A cache that is down is logged and rendered around.
* Every key carries the site's **content version**, a counter in the database that goes up
  after any change that can show on a public page commits: a publish, a booking, a cancellation,
  an endorsement, a vocabulary edit (``content_changed``), a migration. Old entries are then never read again,
  whatever cache backend holds them and however many workers share it, so places left are right.
  Parts that only content can change (``timeless``) are kept by the version less the bumps made
  only for what people do at surgeries (``ACTIVITY_MODELS``): a booking makes pages show places
  left afresh without working out the case-study listings or ranked fixes again.
* Pages that depend on the clock (upcoming surgeries, booking windows) are kept no longer than
  the next moment something starts, ends, opens or closes (hook ``practicehub_next_time_change``).
* The CSRF token is cut out before storing and a fresh one for the visitor put in on serving,
  so the cached booking form works for everyone.
"""

import hashlib
import json
import logging
import re
import threading
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.dateparse import parse_datetime
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

NEXT_TIME_CHANGE_HOOK = "practicehub_next_time_change"
CACHE_HEADER = "X-Page-Cache"
# Has "<" and ">", which escaped or sanitised content never holds raw: only _freeze writes it.
CSRF_PLACEHOLDER = "<practicehub-csrf-token>"
# cms.models.ContentVersion: the version, when the next scheduled change is due and the paths the
# site's view restrictions reach, in one read.
VERSION_QUERY = (
    "SELECT value, schedule_asked_at, next_change_at, restriction_paths, value - activity_bumps"
    " FROM cms_contentversion WHERE id = 1"
)
# More paths than this (restricted pages and their aliases) are not carried on the version row,
# which every request reads: pages then read the restrictions themselves (once per version, from
# the fragment cache).
RESTRICTION_PATHS_CARRIED = 100
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')

# Apps whose records can show on a public page. Models below are bookkeeping that cannot.
WATCHED_APPS = {
    "cms",
    "practice",
    "surgeries",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}
UNWATCHED_MODELS = {
    "cms.contentversion",
    "cms.membersession",
    "cms.topicdigest",
    "cms.topicfollow",
    "cms.user",
    "practice.mentormessage",
    "practice.authorreviewemail",
    "surgeries.managetoken",
    "surgeries.mentorbriefing",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.workflowtask",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
}
# What people do at surgeries: bookings (places left, the waitlist, attendance), the help mentors
# record and attendees' answers. They show only in parts that also depend on the clock (places
# left, people helped, the impact report), never in a timeless one: their bumps are counted as
# activity bumps, and timeless parts are kept by the version less those.
ACTIVITY_MODELS = {
    "surgeries.booking",
    "surgeries.helprecord",
    "surgeries.surgeryfeedback",
}
# A page's draft saves, locks and workflow bookkeeping write only these fields; visitors see
# none of it until a publish (which saves the page whole and sends page_published).
BOOKKEEPING_FIELDS = {
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}
# Query parameters some public page reads (filters, sorting, paging, the impact period, search
# words). A page asked for with any other parameter (utm_*, typos, junk) is rendered but not
# stored, so nobody can fill the cache with made-up addresses.
PAGE_QUERY_PARAMETERS = {
    "audience", "barrier", "category", "council", "format", "from", "kind", "mentor", "offer",
    "page", "platform", "q", "region", "sort", "stage", "table", "to", "topic", "type",
}  # fmt: skip
LONGEST_QUERY_STRING = 300


def cache_for_visitors(view):
    """Let the page cache keep this view's anonymous ``GET`` answers."""
    view.cache_for_visitors = True
    return view


# --- The content version -------------------------------------------------------------------


class VersionRow(NamedTuple):
    value: int
    schedule_asked_at: datetime | None  # None: not recorded (asking failed, or an old row)
    next_change_at: datetime | None  # None, with schedule_asked_at set: nothing scheduled
    restriction_paths: "RecordedPaths | None" = None  # None: not recorded for this version
    content_value: int | None = None  # value - activity_bumps: what timeless parts are kept by


class RecordedPaths(NamedTuple):
    """The view restrictions' paths as a bump recorded them (cms.page_queries)."""

    restricted: list
    reach: list
    asked_at: datetime


def content_version(using=DEFAULT_DB_ALIAS):
    """The current version, read with one plain query (this runs on every cached hit)."""
    row = _version_row(using)
    return row.value if row else None


def _version_row(using=DEFAULT_DB_ALIAS):
    with connections[using].cursor() as cursor:
        cursor.execute(VERSION_QUERY)
        row = cursor.fetchone()
    if row is None:
        return None
    value, asked_at, next_change_at, restriction_paths, content_value = row
    return VersionRow(
        value,
        _as_datetime(asked_at),
        _as_datetime(next_change_at),
        _as_paths(restriction_paths, value),
        content_value,
    )


def _as_paths(recorded, version):
    """The paths recorded for ``version``, or ``None`` (pages then read the restrictions): none
    recorded, recorded for another version (a bump by code that predates them left them
    behind), or not readable back."""
    if not recorded:
        return None
    try:
        found = json.loads(recorded)
        paths = RecordedPaths(found["restricted"], found["reach"], _as_datetime(found["asked_at"]))
        if found["version"] != version or not all(
            isinstance(path, str) for path in [*paths.restricted, *paths.reach]
        ):
            return None
    except (ValueError, TypeError, KeyError):
        logger.warning("The version row's restriction paths cannot be read; pages will read them")
        return None
    return paths


def _as_datetime(value):
    """A raw cursor on SQLite gives datetimes naive or as text (UTC, as Django stores them)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


_this_request = threading.local()


def _request_started(**kwargs):
    _this_request.memo = {}
    _this_request.began = timezone.now()


def _request_finished(**kwargs):
    _this_request.memo = None
    _this_request.began = None


request_started.connect(_request_started, dispatch_uid="practicehub_request_memo_started")
request_finished.connect(_request_finished, dispatch_uid="practicehub_request_memo_finished")


def request_memo():
    """The current request's memo (a dict), or ``None`` outside a request."""
    return getattr(_this_request, "memo", None)


def once_per_request(name, compute):
    """``compute()``, worked out once in the current request and reused by later asks in it
    (outside a request, in a task or a shell, every time). A value of ``None`` is not kept."""
    memo = getattr(_this_request, "memo", None)
    if memo is None:
        return compute()
    if memo.get(name) is None:
        memo[name] = compute()
    return memo[name]


def content_version_for(request=None):
    """The content version, read once per request (``None`` before migrate). Outside a request
    (a task, a shell) it is read every time."""
    row = _version_row_for(request)
    return row.value if row else None


def _version_row_for(request=None):
    if request is not None and hasattr(request, "_practicehub_content_version"):
        return request._practicehub_content_version
    row = once_per_request("content-version", _read_version_row_or_none)
    if request is not None:
        request._practicehub_content_version = row
    return row


def _read_version_row_or_none():
    try:
        return _version_row()
    except DatabaseError:  # no version table yet (before migrate): nothing may be cached
        return None


def _bump(using, activity_only=False):
    """Never fails: a bump that cannot be written (a locked SQLite file) costs at most stale
    pages until they expire, which must not stop the commit's other work (a booking's email).
    ``activity_only=True`` (only what people did at surgeries changed) leaves timeless parts kept.

    The next scheduled change is asked inside the bump's transaction, after the version row is
    locked: a bump that commits later asks after this one, so the latest version always carries
    an answer that saw every change committed before it."""
    from cms.models import ContentVersion

    versions = ContentVersion.objects.using(using)
    try:
        with transaction.atomic(using=using):
            forgotten = {
                "value": F("value") + 1,
                "schedule_asked_at": None,
                "next_change_at": None,
                "restriction_paths": "",
            }
            if activity_only:
                forgotten["activity_bumps"] = F("activity_bumps") + 1
            if not versions.filter(pk=1).update(**forgotten):
                versions.get_or_create(pk=1, defaults={"value": 1, "activity_bumps": int(activity_only)})
            _record_next_change(versions)
            _record_restriction_paths(versions)
    except DatabaseError:
        logger.exception("Could not bump the content version; cached pages expire on their own")


def _record_next_change(versions):
    asked_at = timezone.now()
    try:
        with transaction.atomic(using=versions.db):  # a savepoint: whatever fails, the bump stands
            moments = [moment for moment in _ask_next_changes(asked_at) if moment is not None]
            versions.filter(pk=1).update(
                schedule_asked_at=asked_at, next_change_at=min(moments, default=None)
            )
    except Exception:  # noqa: BLE001 - any hook's error; pages then ask for themselves
        logger.exception("Could not record when the next scheduled change is due; pages will ask")


def _record_restriction_paths(versions):
    """The view restrictions' paths as they are now, on the row just locked, with the version
    they belong to: like the next change, every later bump records after this one, so the
    latest version carries paths that saw every change committed before it that sent a signal
    (a restriction, a page move, an alias). Changes that send none are covered by the age limit
    in ``recorded_restriction_paths``."""
    from .page_queries import restriction_paths_now

    try:
        with transaction.atomic(using=versions.db):
            asked_at = timezone.now()
            restricted, reach = restriction_paths_now(using=versions.db)
            if len(reach) <= RESTRICTION_PATHS_CARRIED:
                recorded = {
                    "version": versions.values_list("value", flat=True).get(pk=1),
                    "asked_at": asked_at.isoformat(),
                    "restricted": restricted,
                    "reach": reach,
                }
                versions.filter(pk=1).update(restriction_paths=json.dumps(recorded))
    except Exception:  # noqa: BLE001 - whatever fails, the bump stands; pages then read them
        logger.exception("Could not record the view restrictions' paths; pages will read them")


def recorded_restriction_paths():
    """``(restricted paths, paths a restriction reaches from)`` as the version row carries them,
    read with the version; ``None`` when the row has none for this version, they are older than
    the fragment cache keeps anything (a change that sent no signal, such as a bulk update or
    ``fixtree``, is then seen as soon as it would have been before), or the fragment cache is
    off. Pages then read the restrictions themselves, as they would any cached part."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return None
    row = _version_row_for()
    recorded = row.restriction_paths if row is not None else None
    if recorded is None:
        return None
    if timezone.now() - recorded.asked_at >= timedelta(seconds=settings.FRAGMENT_CACHE_SECONDS):
        return None
    return recorded.restricted, recorded.reach


def content_changed(using=DEFAULT_DB_ALIAS, *, activity_only=False):
    """Forget every cached page once the current transaction commits.

    After the commit, not before: a page rendered from the old data while the change was in
    flight is then stored under the old version, which no one reads again. Call it from any
    service that changes what public pages show with ``QuerySet.update()`` (no signal fires).

    ``activity_only=True`` says only what people did at surgeries changed (``ACTIVITY_MODELS``):
    pages are forgotten, timeless parts are kept.

    A transaction bumps the version once, however many changes it makes (a publish saves the
    page, its revision and its tags): a bump already queued in it is enough, since a rollback
    that drops the queued bump drops this change too. A change of content in a transaction that
    queued a bump for activity alone makes that bump forget timeless parts too.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        queued = [
            bump for _, bump, _ in connection.run_on_commit if getattr(bump, "bumps_content_version", False)
        ]
        if queued:
            if not activity_only:
                for bump in queued:
                    bump.activity_only = False
            return

    def bump():
        _bump(using, activity_only=bump.activity_only)

    bump.bumps_content_version = True
    bump.activity_only = activity_only
    transaction.on_commit(bump, using=using, robust=True)


def _is_activity(model):
    return model._meta.label_lower in ACTIVITY_MODELS


def _is_watched(sender):
    meta = getattr(sender, "_meta", None)
    if sender.__module__ == "__fake__":  # a migration's historical model: no pages served yet
        return False
    if meta is None or meta.app_label not in WATCHED_APPS:
        return False
    return meta.label_lower not in UNWATCHED_MODELS


def _model_saved(sender, update_fields=None, using=DEFAULT_DB_ALIAS, raw=False, **kwargs):
    if raw or not _is_watched(sender):
        return
    if update_fields and (set(update_fields) <= BOOKKEEPING_FIELDS or set(update_fields) == {"last_login"}):
        return
    content_changed(using, activity_only=_is_activity(sender))


def _model_deleted(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if _is_watched(sender):
        content_changed(using, activity_only=_is_activity(sender))


def _relation_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_") and _is_watched(type(instance)):
        # From the other side (a topic's bookings) it is counted as content: forgetting more is safe.
        content_changed(using, activity_only=_is_activity(type(instance)))


def _page_changed(sender, **kwargs):
    content_changed()


def _migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """A deploy migrates: pages kept from the old code (or changed by data migrations) go."""
    if sender.name == "cms":
        _bump(using)


def connect_signals():
    """Called from ``CmsConfig.ready``: any watched model saved or deleted changes the version."""
    post_save.connect(_model_saved, dispatch_uid="practicehub_cache_saved")
    post_delete.connect(_model_deleted, dispatch_uid="practicehub_cache_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="practicehub_cache_m2m")
    # Unpublishing descendants and moving a subtree update rows in bulk: no post_save for them.
    page_published.connect(_page_changed, dispatch_uid="practicehub_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="practicehub_cache_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="practicehub_cache_moved")
    post_migrate.connect(_migrated, dispatch_uid="practicehub_cache_migrated")


# --- Keeping and serving pages --------------------------------------------------------------


def cache_seconds(now=None, limit=None):
    """How long something rendered at ``now`` may be kept: ``limit`` (the page cache's maximum
    by default), or less when something scheduled (a surgery starting, a booking window
    closing) is due to change pages sooner."""
    limit = settings.PAGE_CACHE_SECONDS if limit is None else limit
    now = now or timezone.now()
    for moment in _next_changes(now):
        if moment is not None and moment - now < timedelta(seconds=limit):
            limit = max(0, int((moment - now).total_seconds()))
    return limit


def _ask_next_changes(moment):
    return [next_change(moment) for next_change in hooks.get_hooks(NEXT_TIME_CHANGE_HOOK)]


def _next_changes(now):
    """The next scheduled change of each hook after ``now``. Within a request they are asked
    once, as of the moment the request began (a page stores several fragments, and the page
    itself, each needing them): those answers hold for any later ``now`` until one of them has
    passed, and then they are asked again."""
    began = getattr(_this_request, "began", None)
    if began is None or now < began:
        return _ask_next_changes(now)
    moments = once_per_request("next-scheduled-changes", lambda: _next_changes_shared(began))
    if any(moment is not None and moment <= now for moment in moments):
        return _ask_next_changes(now)
    return moments


def _next_changes_shared(now):
    """The hooks' answers as of ``now``, without asking them when they were asked earlier under
    the same content version and none has passed since: first the soonest answer the version
    row carries (asked when the version went up, read with the version), then answers kept in
    the fragment cache by a page that asked after that one passed.

    Why they hold: asked at ``t``, each answer is the first scheduled moment after ``t``; for any
    later ``now`` before the soonest of them, nothing fell between, and the content they are
    worked out from is unchanged while the version is. So even the first page rendered under a
    new version asks no more than the version."""
    row = _version_row_for()
    if row is not None and _recorded_answer_holds(row, now):
        return [row.next_change_at]
    version = row.value if row else None
    if not settings.FRAGMENT_CACHE_SECONDS or version is None:
        return _ask_next_changes(now)
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"practicehub:next-changes:{version}"
    stored = _cache_get(cache, key)
    if stored is not None:
        asked_at, moments = stored
        if asked_at <= now and not any(moment is not None and moment <= now for moment in moments):
            return moments
    moments = _ask_next_changes(now)
    seconds = settings.FRAGMENT_CACHE_SECONDS
    soonest = min((moment for moment in moments if moment is not None), default=None)
    if soonest is not None:
        seconds = min(seconds, int((soonest - now).total_seconds()))
    if seconds > 0:
        _cache_set(cache, key, (now, moments), seconds)
    return moments


def _recorded_answer_holds(row, now):
    """Whether the next change the version row carries (asked when the version went up) still
    holds at ``now``: asked no later than ``now``, and not passed."""
    if row.schedule_asked_at is None or row.schedule_asked_at > now:
        return False
    return row.next_change_at is None or row.next_change_at > now


def _is_visitor_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES  # a message waits for this visitor
        and not getattr(request, "is_dummy", False)  # Wagtail's preview request
        and len(request.META.get("QUERY_STRING", "")) <= LONGEST_QUERY_STRING
        and set(request.GET) <= PAGE_QUERY_PARAMETERS
    )


def _seconds_left(rendered_at, limit):
    """What is left of the lifetime of something whose rendering began at ``rendered_at``
    (the wall clock, before the work): it must not outlive a change that fell during the work."""
    now = timezone.now()
    elapsed = (now - rendered_at).total_seconds()
    return max(0, int(cache_seconds(rendered_at, limit) - elapsed))


def _cache_get(cache, key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that is down (Redis) must not take pages down
        logger.warning("Page cache unreachable; rendering without it", exc_info=True)
        return None


def _cache_set(cache, key, value, seconds):
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unreachable; not storing", exc_info=True)


def _cache_key(request, version):
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"practicehub:page:{version}:{hashlib.sha256(where.encode()).hexdigest()}"


def _is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not cache_control & {"private", "no-store", "no-cache"}


class AnonymousPageCacheMiddleware:
    """Serves visitors' pages from the cache (see the module docstring). Sits just inside
    ``CsrfViewMiddleware``, so a served page still gets the visitor's CSRF cookie, and outside
    the middleware that adds headers (CSP, frame options), so stored pages keep theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _is_visitor_request(request):
            return self.get_response(request)
        version = content_version_for(request)
        if version is None:
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = _cache_key(request, version)
        stored = _cache_get(cache, key)
        if stored is not None:
            return self._serve(request, stored)
        rendered_at = timezone.now()
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            request.method == "GET"
            and getattr(request, "_practicehub_cacheable", False)
            and _is_storable(response)
            and not (session is not None and session.modified)
        ):
            seconds = _seconds_left(rendered_at, settings.PAGE_CACHE_SECONDS)
            if seconds:
                _cache_set(cache, key, self._freeze(response), seconds)
                response[CACHE_HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        request._practicehub_cacheable = view_func is serve or getattr(view_func, "cache_for_visitors", False)

    @staticmethod
    def _freeze(response):
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER.encode() + rb"\2", response.content)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in (CACHE_HEADER.lower(), "content-length")
        ]
        return {"content": content, "headers": headers}

    @staticmethod
    def _serve(request, stored):
        content = stored["content"]
        if CSRF_PLACEHOLDER.encode() in content:
            content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(content)
        for name, value in stored["headers"]:
            response[name] = value
        response[CACHE_HEADER] = "hit"
        return response


def remember(request, name, compute, *parts, keep=None, timeless=False):
    """``compute()``, kept until public content changes or the next scheduled change.

    For costly results that are the same for everyone (aggregates, panels, listings, the site's
    frame): members get them without the work too. Never for anything personal. A preview
    computes afresh. ``request`` may be ``None`` (code that has none, inside a request or not).
    ``keep(value)``, if given, says whether a result is worth keeping.

    ``timeless=True`` is for results that only content changes can change, never the clock
    (the site, a page's route, a listing of case studies): they are kept past scheduled changes,
    so a surgery starting does not make every page work out its frame again, and storing them
    needs no look at the schedule. Nor do bookings and the rest of ``ACTIVITY_MODELS`` forget
    them. Anything showing a surgery, a booking window, places left, people helped or a date
    relative to today is not timeless.
    """
    if not settings.FRAGMENT_CACHE_SECONDS or getattr(request, "is_preview", False):
        return compute()
    row = _version_row_for(request)
    version = (row.content_value if timeless else row.value) if row else None
    if version is None:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    # Two counters, two key spaces: a timeless part is never read under the other counter's value.
    key = f"practicehub:{'content' if timeless else 'part'}:{version}:{name}:{digest}"
    cache = caches[settings.PAGE_CACHE_ALIAS]
    value = _cache_get(cache, key)
    if value is None:
        rendered_at = timezone.now()
        value = compute()
        if timeless:
            seconds = settings.FRAGMENT_CACHE_SECONDS
        else:
            seconds = _seconds_left(rendered_at, settings.FRAGMENT_CACHE_SECONDS)
        if seconds and (keep is None or keep(value)):
            _cache_set(cache, key, value, seconds)
    return value


def computed_when_used(compute, names):
    """``{name: lazy value}`` for a page's context: ``compute()`` (returning a dict with those
    names) runs once, the first time the template uses any of them. A listing wrapped in
    ``{% cache_until_changed %}`` then costs nothing on a cache hit."""
    from django.utils.functional import SimpleLazyObject, cached_property

    class Computed:
        @cached_property
        def values(self):
            return compute()

    computed = Computed()
    return {name: SimpleLazyObject(lambda name=name: computed.values[name]) for name in names}


def _find_site(request):
    """Wagtail's own lookup, with the root page as its specific type (routing needs it) but its
    own fields deferred: no query for a home page's intro and body when serving a page below."""
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific_deferred
    return site


class CachedSiteMiddleware:
    """Finds the request's Wagtail site (and its home page) from the fragment cache: two queries
    and a few milliseconds saved on every page. ``Site.find_for_request`` reads
    ``request._wagtail_site`` first; sites and pages are watched models, so any change to them
    forgets this as it forgets pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = remember(
                request,
                "site",
                lambda: _find_site(request),
                request._get_raw_host(),
                request.get_port(),
                timeless=True,
            )
        return self.get_response(request)


def watched_models():
    """The models whose changes forget cached pages (for the README and tests)."""
    return [model for model in apps.get_models() if _is_watched(model)]
