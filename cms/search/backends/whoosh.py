"""A modelsearch backend that keeps its index in Whoosh.

Wagtail 8 searches through ``modelsearch``, which has no Whoosh backend; this is one. It is a
complete backend - ``Page.objects.search()``, autocomplete, filters, ordering, facets, boosts,
``rebuild_modelsearch_index`` - and passes modelsearch's own ``BackendTests`` with no skips.
Whoosh comes from ``whoosh-reloaded`` 2.7 (imported as ``whoosh``); every Whoosh import in the
project is in this module, so moving to another fork is the requirements line plus, at most, the
import block below.

Settings::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "cms.search.backends.whoosh",
            "PATH": BASE_DIR / "var/whoosh_index",  # required: the directory the indexes live in
            "WRITE_TIMEOUT": 30,        # seconds a write waits for the index lock before it fails
            "LIMITMB": 256,             # memory (MB) of the writer's posting pool for bulk adds
            "PROCS": 1,                 # > 1: bulk adds index in that many processes (not
                                        # inside daemonic processes such as Celery's pool)
            "INDEX_WRITES": "direct",   # or "celery": add()/delete() send cms.search.tasks jobs
        }
    }

Index layout
------------
One Whoosh index per *root model* - the topmost concrete model of an inheritance tree - each in
its own directory ``PATH/<app_label>.<model>.v<SCHEMA_VERSION>``: every Wagtail page type shares
``wagtailcore.page``, images have ``wagtailimages.image``, and so on. This is the layout of
modelsearch's Elasticsearch backends, chosen over one index with a content-type field because

* Whoosh allows one writer per index: saving a page never waits for an image or snippet write;
* ``rebuild_modelsearch_index`` works index by index: rebuilding (clearing) one model's index
  leaves the others searchable, and one model's words do not skew another's term statistics;
* multi-table inheritance still needs only one document per object: the document of the most
  specific class carries a ``ct`` keyword listing its model and every concrete parent, so
  searching ``Page`` finds a ``CaseStudyPage`` and searching ``CaseStudyPage`` finds only those;
* a directory per index means the files of two indexes can never collide (Whoosh's
  ``create_index`` deletes every file starting with the index name), and the schema version in
  the name means a changed schema starts a new, empty index (run ``rebuild_modelsearch_index``)
  instead of misreading an old one.

Document fields (dynamic "glob" fields, so the schema never needs migrating):

* ``pk``: the primary key as text (stored, unique, with a column for fast look-up);
* ``ct``: the content-type labels (``app_label.model``) of the model and its concrete parents;
* ``t_<column>``: one text field per ``SearchField``, including those inside ``RelatedFields``
  (``authors__name``, nested as deep as declared). Columns of fields defined on a subclass are
  prefixed ``<app>_<model>__``, as in modelsearch's Elasticsearch mapping. Analysis: Unicode
  NFKC, split into words, lower case, accents folded, words over 64 characters dropped, Porter
  stemming; positions are kept for phrases. ``boost`` values are applied at query time, so
  changing a boost needs no re-index;
* ``a_<column>``: one field per ``AutocompleteField``: the same words, not stemmed, indexed as
  edge n-grams (prefixes of 1-20 characters);
* ``f_<column>``: ``FilterField`` values as exact terms (related objects as primary keys,
  booleans as true/false, dates in ISO format), so the index records every ``search_fields``
  declaration. Filtering itself is done by the database (below); these terms let the index be
  inspected or queried by field value, e.g. ``f_live:true``.

Queries
-------
User text is never parsed as Whoosh query syntax. Each query string is run through the analyser
of the fields it searches and ``whoosh.query`` objects are built directly from the resulting
terms, so quotes, ``AND``/``OR``/``NOT``, ``*``, ``field:value``, emoji, NUL bytes or 10 kB of
text are just words (at most 64 distinct words per query are used).

* ``PlainText``: each word must match any searched field (``Or`` of ``Term``s with the field
  boosts), words combined with ``And`` or ``Or`` per the operator. The default operator is
  "and", as in modelsearch's database backends (what a Wagtail site gets out of the box): every
  word must match. The Elasticsearch backends default to "or", so a view that must behave the
  same on both should pass ``operator=`` explicitly.
* ``Phrase``: a ``Phrase`` per field; ``Fuzzy``: ``FuzzyTerm`` per word with Elasticsearch's
  "AUTO" edit distance (0 for 1-2 letters, 1 for 3-5, 2 above); ``Boost`` multiplies the boosts
  of the terms below it; ``And``/``Or``/``Not``/``MatchAll`` fold into ``And``/``Or``/
  ``Not`` (inside ``And``)/``Every`` (``MATCH_ALL``/``MATCH_NONE`` inside them are simplified away).
* A search on a model covers the fields of that model and all its indexed subclasses (as the
  Elasticsearch backends' ``_all_text`` does); ``fields=[...]`` restricts it to the named
  ``SearchField``s of the model.
* ``autocomplete()`` matches every word as the prefix of a word in an ``AutocompleteField``
  (``fields=[...]`` names ``AutocompleteField``s). ``partial_match`` on a ``SearchField`` has no
  effect, as in modelsearch since Wagtail 5.
* Ranking is Whoosh's BM25F; ties keep index order, so pages of results never overlap.

Filters, ordering, facets and counts
------------------------------------
Whoosh finds the matching primary keys (restricted to the queried model's content type); the
database applies the queryset's own filters, ordering and facet counts on those keys, as
modelsearch's database backends do. ``check()`` still insists that filters and ordering use
``FilterField``s, so behaviour matches the Elasticsearch backends. Results are therefore
always exactly what the database says now (filters on related fields, subqueries, treebeard
trees, ``__year`` lookups - anything the ORM can express). Keys go to the database in chunks of
500, never as one unbounded ``IN`` list, except that SQLite and PostgreSQL take up to 20,000
as one array parameter (``json_each``, ``unnest``): a broad search's facet is then one query,
and Django does not compile thousands of parameters.

* Ordered by relevance, with no filter on the queryset: Whoosh returns only the top ``stop``
  hits and only the requested page is loaded from the database.
* Filtered: hits are checked against the filtered queryset best first, 500 at a time, until
  the requested page is full (usually one query), then the page is loaded.
* ``order_by_relevance=False`` (or ``MATCH_ALL``/pure negations, whose scores are constant):
  the database orders the hits with the queryset's ordering, any expression allowed
  (``-pk`` when the queryset has none).
* ``count()`` of an unfiltered search is answered by Whoosh alone, without a database query.
* ``facet(field)`` counts the hits in the database, like the SQLite backend, summing chunks.
  For a column of the model it reads ``(pk, value)`` rows, which also tell which hits the
  filtered queryset keeps, and it uses the ranked hits when the search is ranked: a facet and a
  page of results (what a results page asks for) share one Whoosh search and one check.

Concurrency
-----------
Whoosh allows one writer per index. Every write (add, bulk add, delete, clear, create) takes the
index's write lock through ``ix.writer(timeout=...)`` - it waits for the lock rather than
failing at once - and retries on ``LockError`` until ``WRITE_TIMEOUT`` has passed, then raises
(``catch_indexing_errors`` is False: this backend never drops a write silently; note that
modelsearch's post_save task, run by django-tasks' ImmediateBackend, records a failure rather
than raising it, which is one more reason to use ``INDEX_WRITES="celery"`` in production). A
failed write cancels its writer, releasing the lock. Clearing is a commit with Whoosh's
``CLEAR`` merge policy, so index generations only ever go up.

Readers keep one searcher per thread and index and open a new one when a newer generation has
been committed (not ``Searcher.refresh()``, which is broken in whoosh-reloaded 2.7.5: see
``WhooshIndex._searcher``); a reader that races a commit (``FileNotFoundError`` or another
``OSError`` on a table-of-contents or segment file) drops its searcher and retries.

With ``INDEX_WRITES="celery"``, ``add()``/``delete()`` send jobs to the ``cms.search.tasks``
Celery tasks on commit instead of writing in the web process (a one-worker queue in
production); those tasks write with the same locking and retry on ``LockError``.

Performance
-----------
Whoosh is pure Python, and its cost is per posting, per commit and per segment, so: a bulk add
is one writer and one commit (posting pool ``LIMITMB``, 256 MB by default, so that 10,000
documents sort in memory); the rebuild writes in batches of 5,000 documents rather than the
command's chunks; related objects are prefetched before a bulk add; the content-type
restriction is a ``Require`` (Whoosh's ``filter=`` builds a bit set of the whole model per
search) and is left out entirely for root-model searches, where every document qualifies.
Indexes are read without ``mmap``: whoosh-reloaded's memory-mapped segments copy each terms and
postings file whole into a ``BytesIO`` when a searcher opens (at 10,000 case studies, 27 MB per
searcher, plus as much again of mapped pages), whereas plain file reads keep only what a search
touches; searches are no slower.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import multiprocessing
import os
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ObjectDoesNotExist
from django.db import connections
from django.db.models import Count, IntegerField, Manager, Model, QuerySet, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.utils.encoding import force_str
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    SearchFieldError,
    get_model_root,
)
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
    class_is_indexed,
    get_indexed_models,
)
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

# Whoosh: these are the project's only Whoosh imports.
from whoosh import query as wq
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, LockError
from whoosh.support.charset import accent_map
from whoosh.writing import CLEAR

__all__ = ["SearchBackend", "WhooshSearchBackend", "LockError"]

#: Bump when the schema or analysis changes: indexes then live in a new directory (rebuild).
SCHEMA_VERSION = 1
INDEX_NAME = "MAIN"

MAX_WORD_LENGTH = 64  # longer "words" (hashes, base64, runs of one letter) are not indexed
NGRAM_MAX = 20  # autocomplete matches prefixes up to this long (longer input is cut to it)
MAX_QUERY_TERMS = 64  # distinct words used from one query string
MAX_FILTER_VALUE_LENGTH = 200
DB_CHUNK = 500  # primary keys per database query, as an IN list
DB_ARRAY_CHUNK = 20_000  # primary keys per query where they go as one parameter (_keys)
LOCK_POLL_SECONDS = 0.05
READ_ATTEMPTS = 3
SMALL_WRITE_LIMITMB = 32

TEXT_PREFIX, AUTOCOMPLETE_PREFIX, FILTER_PREFIX = "t", "a", "f"


def _words():
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=frozenset(), minsize=1, maxsize=MAX_WORD_LENGTH)
    )


# Query-side analysis: as the fields' analysers in build_schema(), but without the stem cache
# (Whoosh's cache is not thread-safe, and queries are analysed in every request thread) and,
# for autocomplete, without the n-grams.
TEXT_QUERY_ANALYZER = _words() | StemFilter(cachesize=None)
AUTOCOMPLETE_QUERY_ANALYZER = _words()
FILTER_SEPARATOR = "\x1f"


def build_schema():
    """The schema of a new index. It is pickled into the index, so every opened index has
    analysers of its own."""
    schema = Schema(
        pk=ID(stored=True, unique=True, sortable=True),
        ct=KEYWORD(lowercase=False, commas=False, scorable=False),
    )
    text = TEXT(analyzer=_words() | StemFilter(cachesize=50000), phrase=True)
    autocomplete = TEXT(
        analyzer=_words() | NgramFilter(minsize=1, maxsize=NGRAM_MAX, at="start"), phrase=False
    )
    schema.add(TEXT_PREFIX + "_*", text, glob=True)
    schema.add(AUTOCOMPLETE_PREFIX + "_*", autocomplete, glob=True)
    schema.add(FILTER_PREFIX + "_*", ID(analyzer=RegexTokenizer(r"[^\x1f]+")), glob=True)
    return schema


# --- text -----------------------------------------------------------------------------------

_UNSAFE_CHARS = re.compile("[\x00\x1f\ud800-\udfff]")
_UNSAFE_NAME_CHARS = re.compile(r"[^0-9A-Za-z_]")


def clean_text(text):
    """Text Whoosh can always take: no NUL, separator or lone surrogate characters, NFKC."""
    return unicodedata.normalize("NFKC", _UNSAFE_CHARS.sub(" ", text))


def analyse(analyzer, text, limit=MAX_QUERY_TERMS, unique=True):
    """The terms ``analyzer`` makes of ``text`` (query side), in order."""
    if not isinstance(text, str):
        text = force_str(text)
    terms, seen = [], set()
    for token in analyzer(clean_text(text), mode="query"):
        term = token.text
        if unique:
            if term in seen:
                continue
            seen.add(term)
        terms.append(term)
        if len(terms) >= limit:
            break
    return terms


def _text_of(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):
        return "\n".join(_text_of(item) for item in value.values())
    if isinstance(value, (Manager, QuerySet)):
        value = value.all()
    if isinstance(value, (list, tuple, set, frozenset, QuerySet)):
        return "\n".join(_text_of(item) for item in value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return force_str(value)


def _filter_terms(value):
    if value is None:
        return []
    if isinstance(value, (Manager, QuerySet)):
        value = list(value.all())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [term for item in value for term in _filter_terms(item)]
    if isinstance(value, Model):
        return [str(value.pk)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (datetime.date, datetime.time)):
        return [value.isoformat()]
    return [force_str(value)]


# --- from search_fields to Whoosh fields and documents -----------------------------------------


def _safe_name(name):
    return _UNSAFE_NAME_CHARS.sub("_", name)


def _attname(field, model):
    if isinstance(field, RelatedFields) or model is None:
        return field.field_name
    return field.get_attname(model)


def _related_model(field, model):
    if model is None:
        return None
    try:
        return field.get_field(model).related_model
    except (FieldDoesNotExist, AttributeError):
        return None


def _related_objects(field, obj):
    """The objects a ``RelatedFields`` entry points at on ``obj`` (a list, maybe empty)."""
    try:
        value = field.get_value(obj)
    except FieldDoesNotExist:
        value = getattr(obj, field.field_name, None)
    except ObjectDoesNotExist:
        return []
    if callable(value) and not isinstance(value, Manager):
        value = value()
    if value is None:
        return []
    if isinstance(value, (Manager, QuerySet)):
        return list(value.all())
    if isinstance(value, Model):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if isinstance(item, Model)]
    return []


def _is_to_many(field, model):
    try:
        model_field = model._meta.get_field(field.field_name)
    except (FieldDoesNotExist, AttributeError):
        return False
    return bool(model_field.is_relation and (model_field.many_to_many or model_field.one_to_many))


class Mapping:
    """How one model's ``search_fields`` become Whoosh field names and documents."""

    _cache = {}

    @classmethod
    def for_model(cls, model):
        mapping = cls._cache.get(model)
        if mapping is None:
            mapping = cls._cache[model] = cls(model)
        return mapping

    def __init__(self, model):
        self.model = model
        self.root = get_model_root(model)
        self.content_types = [model._meta.label_lower] + [
            parent._meta.label_lower for parent in model._meta.get_parent_list()
        ]

    def _definition_model(self, field):
        try:
            return field.get_field(self.model).model
        except (FieldDoesNotExist, AttributeError):
            pass
        # A method or property: the topmost concrete class that has it.
        for klass in [*reversed(self.model._meta.get_parent_list()), self.model]:
            if hasattr(klass, field.field_name):
                return klass
        return self.model

    def column(self, field):
        """The column name of a top-level search_fields entry (as modelsearch's ES mapping)."""
        definition_model = self._definition_model(field)
        prefix = ""
        if definition_model is not self.root and hasattr(definition_model, "_meta"):
            prefix = f"{definition_model._meta.app_label}_{definition_model._meta.model_name}__"
        return prefix + _safe_name(_attname(field, self.model))

    def field_name(self, kind, field):
        return f"{kind}_{self.column(field)}"

    @cached_property
    def leaves(self):
        """``(kind, whoosh field name, field)`` for every entry, nested RelatedFields included."""
        return list(self._leaves(self.model, self.model.get_search_fields(), None))

    def _leaves(self, model, fields, path):
        for field in fields:
            column = self.column(field) if path is None else path + _safe_name(_attname(field, model))
            if isinstance(field, RelatedFields):
                yield from self._leaves(_related_model(field, model), field.fields, column + "__")
            elif isinstance(field, SearchField):
                yield TEXT_PREFIX, f"{TEXT_PREFIX}_{column}", field
            elif isinstance(field, AutocompleteField):
                yield AUTOCOMPLETE_PREFIX, f"{AUTOCOMPLETE_PREFIX}_{column}", field
            elif isinstance(field, FilterField):
                yield FILTER_PREFIX, f"{FILTER_PREFIX}_{column}", field

    @cached_property
    def prefetch_lookups(self):
        """Relations to prefetch before indexing many objects (RelatedFields, to-many filters)."""
        lookups = []
        self._prefetch_lookups(self.model, self.model.get_search_fields(), "", lookups)
        return list(dict.fromkeys(lookups))

    def _prefetch_lookups(self, model, fields, prefix, lookups):
        for field in fields:
            try:
                model_field = model._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                continue
            if not model_field.is_relation:
                continue
            lookup = prefix + field.field_name
            if isinstance(field, RelatedFields):
                lookups.append(lookup)
                if model_field.related_model is not None:
                    self._prefetch_lookups(model_field.related_model, field.fields, lookup + "__", lookups)
            elif model_field.many_to_many or model_field.one_to_many:
                lookups.append(lookup)

    def document(self, obj):
        values = {}
        self._collect(obj, type(obj), self.model.get_search_fields(), None, values)
        doc = {"pk": str(obj.pk), "ct": " ".join(self.content_types)}
        for name, parts in values.items():
            if name.startswith(FILTER_PREFIX + "_"):
                terms = [clean_text(term)[:MAX_FILTER_VALUE_LENGTH] for term in parts]
                text = FILTER_SEPARATOR.join(term for term in terms if term.strip())
            else:
                text = clean_text("\n".join(part for part in parts if part))
            if text.strip():
                doc[name] = text
        return doc

    def _collect(self, obj, model, fields, path, values):
        for field in fields:
            column = self.column(field) if path is None else path + _safe_name(_attname(field, model))
            if isinstance(field, RelatedFields):
                for related in _related_objects(field, obj):
                    self._collect(related, type(related), field.fields, column + "__", values)
                continue
            if isinstance(field, SearchField):
                kind = TEXT_PREFIX
            elif isinstance(field, AutocompleteField):
                kind = AUTOCOMPLETE_PREFIX
            elif isinstance(field, FilterField):
                kind = FILTER_PREFIX
            else:
                continue
            parts = values.setdefault(f"{kind}_{column}", [])
            if kind == FILTER_PREFIX and _is_to_many(field, model):
                # Primary keys through the related manager, which uses prefetched objects
                # (taggit's value_from_object would run a query per object).
                manager = getattr(obj, field.field_name, None)
                if manager is not None:
                    parts.extend(str(related.pk) for related in manager.all())
                continue
            try:
                value = field.get_value(obj)
            except ObjectDoesNotExist:
                value = None
            if kind == FILTER_PREFIX:
                parts.extend(_filter_terms(value))
            else:
                parts.append(_text_of(value))


_FIELD_WEIGHTS = {}


def field_weights(model, kind):
    """``[(whoosh field name, boost)]`` of ``kind`` over ``model`` and its indexed subclasses."""
    key = (model, kind)
    weights = _FIELD_WEIGHTS.get(key)
    if weights is None:
        found = {}
        models = [model] + [m for m in get_indexed_models() if m is not model and issubclass(m, model)]
        for each in models:
            for leaf_kind, name, field in Mapping.for_model(each).leaves:
                if leaf_kind == kind and name not in found:
                    found[name] = float(getattr(field, "boost", None) or 1.0)
        weights = _FIELD_WEIGHTS[key] = list(found.items())
    return weights


# --- query algebra ----------------------------------------------------------------------------


class _Constant:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


NOTHING = _Constant("NOTHING")
EVERYTHING = _Constant("EVERYTHING")


def conjoin(parts):
    if any(part is NOTHING for part in parts):
        return NOTHING
    parts = [part for part in parts if part is not EVERYTHING]
    if not parts:
        return EVERYTHING
    positive = [part for part in parts if not isinstance(part, wq.Not)]
    negative = [part.query for part in parts if isinstance(part, wq.Not)]
    excluded = None
    if negative:
        excluded = negative[0] if len(negative) == 1 else wq.Or(negative)
    if not positive:
        return wq.Not(excluded)
    if excluded is None:
        return positive[0] if len(positive) == 1 else wq.And(positive)
    # Not wq.AndNot: in whoosh-reloaded 2.7.5 it kept documents matching both sides (``risk``
    # AND NOT ``for`` found "Risk assessment for social media"); an inverse inside And does not.
    return wq.And([*positive, wq.Not(excluded)])


def disjoin(parts):
    parts = [part for part in parts if part is not NOTHING]
    if not parts:
        return NOTHING
    if all(part is EVERYTHING for part in parts):
        return EVERYTHING
    queries = [part for part in parts if part is not EVERYTHING]
    if len(queries) < len(parts):
        queries.append(wq.Every())
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def negate(part):
    if part is NOTHING:
        return EVERYTHING
    if part is EVERYTHING:
        return NOTHING
    if isinstance(part, wq.Not):
        return part.query
    return wq.Not(part)


def _fuzzy_distance(term):
    if len(term) <= 2:
        return 0
    return 1 if len(term) <= 5 else 2


# --- the index --------------------------------------------------------------------------------

_local = threading.local()


def _searchers():
    """This thread's cached searchers (dropped after a fork: file handles are not shared)."""
    pid = os.getpid()
    if getattr(_local, "pid", None) != pid:
        _local.pid = pid
        _local.searchers = {}
    return _local.searchers


def _pk_column(searcher):
    """The searcher's ``pk`` column, opened once per searcher: opening one reads every
    segment's table of key lengths (about 1.5 ms at 16,000 documents)."""
    column = getattr(searcher, "_practicehub_pk_column", None)
    if column is None:
        column = searcher._practicehub_pk_column = searcher.reader().column_reader("pk")
    return column


def _cancel(writer):
    try:
        writer.cancel()
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None and getattr(lock, "fd", None) is not None:
            # If even this fails nothing more can be done; the OS frees the lock on exit.
            with contextlib.suppress(Exception):
                lock.release()


class WhooshIndex(BaseIndex):
    """The Whoosh index of one root model (see the module docstring)."""

    def __init__(self, backend, name):
        super().__init__(backend)
        self.name = name
        self.path = os.path.join(backend.path, f"{name}.v{SCHEMA_VERSION}")

    def get_key(self):
        return self.name

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<WhooshIndex {self.name} in {self.path}>"

    # opening

    def _storage(self):
        # No mmap: see "Performance" in the module docstring.
        return FileStorage(self.path, supports_mmap=False)

    def _open(self):
        """The Whoosh index, or None if it has not been created yet."""
        try:
            return self._storage().open_index(INDEX_NAME)
        except EmptyIndexError:
            return None

    @contextlib.contextmanager
    def write_lock(self, timeout=None):
        """Hold the index's write lock - the one every Whoosh writer takes - for the duration,
        e.g. while copying the index directory for a backup. Waits up to ``timeout`` seconds
        (default: the backend's WRITE_TIMEOUT), then raises LockError."""
        wait = self.backend.write_timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        os.makedirs(self.path, exist_ok=True)
        lock = self._storage().lock(f"{INDEX_NAME}_WRITELOCK")
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise LockError(f"The Whoosh index {self.name} stayed locked for {wait}s")
            time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            lock.release()

    def _open_or_create(self, deadline):
        ix = self._open()
        if ix is not None:
            return ix
        with self.write_lock(timeout=max(0.0, deadline - time.monotonic())):
            if self._open() is None:
                self._storage().create_index(build_schema(), indexname=INDEX_NAME)
        # Reopened rather than the object create_index() returns: that one would keep using the
        # schema object passed in instead of reading its own copy from the index.
        return self._open()

    # writing

    def _write(self, operation, bulk=False, mergetype=None):
        """Run ``operation(writer)`` and commit, holding the index's write lock.

        Waits up to the backend's WRITE_TIMEOUT for the lock (``ix.writer(timeout=...)``),
        retrying on LockError and on a table of contents that vanished while being opened.
        """
        backend = self.backend
        deadline = time.monotonic() + backend.write_timeout
        while True:
            try:
                ix = self._open_or_create(deadline)
                writer = ix.writer(
                    timeout=max(0.0, deadline - time.monotonic()),
                    delay=LOCK_POLL_SECONDS,
                    limitmb=backend.limitmb if bulk else SMALL_WRITE_LIMITMB,
                    procs=backend.procs if bulk and not multiprocessing.current_process().daemon else 1,
                )
                break
            except LockError:
                if time.monotonic() >= deadline:
                    raise LockError(
                        f"The Whoosh index {self.name} stayed locked for {backend.write_timeout}s"
                    ) from None
            except FileNotFoundError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(LOCK_POLL_SECONDS)
        try:
            operation(writer)
            if mergetype is not None:
                writer.commit(mergetype=mergetype)
            else:
                writer.commit()
        except BaseException:
            _cancel(writer)
            raise

    def add_model(self, model):
        self._open_or_create(time.monotonic() + self.backend.write_timeout)

    def refresh(self):
        # Commits are visible to the next search: searchers re-check the generation each time.
        pass

    def reset(self):
        self._write(lambda writer: None, mergetype=CLEAR)

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def documents(self, items):
        """Whoosh documents for ``items`` (one per primary key, the last one winning)."""
        by_class = {}
        for item in items:
            by_class.setdefault(type(item), []).append(item)
        for klass, objects in by_class.items():
            if len(objects) > 1 and class_is_indexed(klass):
                lookups = Mapping.for_model(klass).prefetch_lookups
                if lookups:
                    # Only an optimisation: without it, values are fetched object by object.
                    with contextlib.suppress(AttributeError, ValueError, TypeError):
                        prefetch_related_objects(objects, *lookups)
        docs = {}
        for item in items:
            klass = type(item)
            if class_is_indexed(klass):
                doc = Mapping.for_model(klass).document(item)
                docs[doc["pk"]] = doc
        return list(docs.values())

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        self.add_documents(self.documents(items))

    def add_documents(self, docs):
        """Add or replace (by ``pk``) documents, all in one writer and one commit."""
        if not docs:
            return

        def write(writer):
            for doc in docs:
                writer.update_document(**doc)

        self._write(write, bulk=len(docs) > 1)

    def delete_item(self, item):
        self.delete_pks([item.pk])

    def delete_pks(self, pks):
        keys = [str(pk) for pk in pks]
        if not keys:
            return

        def write(writer):
            for key in keys:
                writer.delete_by_term("pk", key)

        self._write(write)

    # reading

    def _searcher(self):
        """This thread's searcher on the newest committed generation of the index.

        Not ``Searcher.refresh()``: in whoosh-reloaded 2.7.5, ``Index.reader(reuse=...)`` adds
        the old reader's segments back into the new one, resurrecting documents that a merge,
        deletion or clear has removed. A new generation gets a searcher of its own.
        """
        cache = _searchers()
        cached = cache.get(self.path)
        if cached is not None:
            ix, generation, searcher = cached
            if ix.latest_generation() == generation:
                return searcher
            del cache[self.path]
            searcher.close()
        ix = self._open()
        if ix is None:
            return None
        generation = ix.latest_generation()
        searcher = ix.searcher()
        cache[self.path] = (ix, generation, searcher)
        return searcher

    def _forget_searcher(self):
        cached = _searchers().pop(self.path, None)
        if cached is not None:
            with contextlib.suppress(Exception):  # it is being thrown away anyway
                cached[2].close()

    def _read(self, operation, default):
        for attempt in range(READ_ATTEMPTS):
            try:
                searcher = self._searcher()
                if searcher is None:
                    return default
                return operation(searcher)
            except EmptyIndexError:
                self._forget_searcher()
                return default
            except (OSError, EOFError):
                # A writer replaced or removed a file this reader was opening: start again.
                self._forget_searcher()
                if attempt + 1 == READ_ATTEMPTS:
                    raise
                time.sleep(0.01 * (attempt + 1))
        return default  # pragma: no cover

    def _restrict(self, query, content_type):
        """Only documents of ``content_type`` (or its subclasses). Every document in the index is
        of the root model, so a search on the root model needs no restriction; otherwise
        ``Require`` intersects with the ``ct`` term without touching scores (cheaper than
        Whoosh's ``filter=``, which builds a bit set of every matching document per search)."""
        if content_type == self.name:
            return query
        return wq.Require(query, wq.Term("ct", content_type))

    def search(self, query, content_type, scored=True, limit=None):
        """``[(pk text, score)]`` of documents of ``content_type`` matching ``query``, best first
        (in index order if not scored). ``limit`` keeps only the top hits."""
        if limit is not None and limit < 1:
            return []
        query = self._restrict(query, content_type)

        def run(searcher):
            results = searcher.search(query, limit=limit, scored=scored)
            if results.is_empty():
                return []
            pks = _pk_column(searcher)
            return [(pks[docnum], float(score or 0.0)) for docnum, score in results.items()]

        return self._read(run, [])

    def count(self, query, content_type):
        query = self._restrict(query, content_type)

        def run(searcher):
            return searcher.search(query, limit=None, scored=False).scored_length()

        return self._read(run, 0)

    def doc_count(self):
        return self._read(lambda searcher: searcher.doc_count(), 0)

    def generation(self):
        """The newest committed generation (-1 before the index exists): it goes up with every
        write, so caches of search results can be keyed by it."""
        cached = _searchers().get(self.path)
        ix = cached[0] if cached is not None else self._open()
        return -1 if ix is None else ix.latest_generation()


class WhooshIndexRebuilder:
    """For ``rebuild_modelsearch_index``: ``start()`` clears the index; the command then hands
    over every object, chunk by chunk. Documents are built per chunk but written in batches of
    up to ``REBUILD_BATCH_DOCS`` documents (or ``REBUILD_BATCH_CHARS`` characters of text), one
    writer and one commit each: Whoosh's cost per commit and per segment is high, while the
    write lock is still released between batches so that other writers get their turn."""

    REBUILD_BATCH_DOCS = 5000
    REBUILD_BATCH_CHARS = 20_000_000

    def __init__(self, index):
        self.index = index
        self._pending = []
        self._pending_chars = 0

    def start(self):
        self.index.reset()
        return _RebuildingIndex(self)

    def add(self, docs):
        self._pending.extend(docs)
        self._pending_chars += sum(len(value) for doc in docs for value in doc.values())
        if len(self._pending) >= self.REBUILD_BATCH_DOCS or self._pending_chars >= self.REBUILD_BATCH_CHARS:
            self.flush()

    def flush(self):
        docs, self._pending, self._pending_chars = self._pending, [], 0
        self.index.add_documents(docs)

    def finish(self):
        self.flush()
        self.index.refresh()


class _RebuildingIndex:
    """What ``WhooshIndexRebuilder.start()`` gives the rebuild command: the index, with
    ``add_items`` going through the rebuilder's batches."""

    def __init__(self, rebuilder):
        self._rebuilder = rebuilder
        self._index = rebuilder.index

    def add_items(self, model, items):
        if class_is_indexed(model):
            self._rebuilder.add(self._index.documents(items))

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def __getattr__(self, name):
        return getattr(self._index, name)

    def __str__(self):
        return str(self._index)


# --- queries ---------------------------------------------------------------------------------


def _chunks(items, size=None):
    size = size or DB_CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _takes_key_array(connection):
    # SQLite's JSON functions are built in (Django's JSONField, which Wagtail uses, needs them).
    return connection.vendor in ("sqlite", "postgresql")


def _keys(queryset, pks):
    """``pks`` (text) as the right-hand side of a ``pk__in`` on ``queryset``, one batch at a time.

    SQLite (``json_each``) and PostgreSQL (``unnest``) take any number of keys as one parameter:
    one query for a broad search's 2,000 hits, where IN lists of DB_CHUNK would take four, and
    compiling an IN list of 2,000 parameters costs Django more than the database's look-ups.
    """
    connection = connections[queryset.db]
    if not _takes_key_array(connection):
        yield from _chunks(pks)
        return
    pk = queryset.model._meta.pk
    if isinstance(pk.target_field if pk.is_relation else pk, IntegerField):
        value_of = int  # the usual key, and 2,000 field conversions cost a millisecond
    else:
        value_of = lambda key: pk.get_db_prep_value(pk.to_python(key), connection)  # noqa: E731
    for chunk in _chunks(pks, DB_ARRAY_CHUNK):
        values = [value_of(key) for key in chunk]
        if connection.vendor == "sqlite":
            yield RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values, default=str)])
        else:
            # The cast names the key column's own type (never user input): an untyped array of
            # text keys would not unnest, and a mistyped one would not use the primary key index.
            yield RawSQL(f"SELECT unnest(%s::{pk.cast_db_type(connection)}[])", [values])  # noqa: S611


def _is_unfiltered(queryset):
    return not queryset.query.where.children


def _is_single_valued(model, field_name):
    """Whether ``field_name`` is a column of ``model`` itself (one value per object, unlike a
    many-to-many or reverse relation, whose values() repeat the object)."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.many_to_many and not field.one_to_many


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"  # as modelsearch's database backends; see the module docstring
    HANDLES_ORDER_BY_EXPRESSIONS = True  # ordering is done by the database

    field_kind = TEXT_PREFIX

    def _declared_fields(self):
        return self.queryset.model.get_searchable_search_fields()

    @cached_property
    def weighted_fields(self):
        model = self.queryset.model
        if self.fields is None:
            return field_weights(model, self.field_kind)
        declared = {field.field_name: field for field in self._declared_fields()}
        mapping = Mapping.for_model(model)
        weights = []
        for name in self.fields:
            field = declared.get(name)
            if field is not None:
                weights.append(
                    (mapping.field_name(self.field_kind, field), float(getattr(field, "boost", None) or 1.0))
                )
        return weights

    @cached_property
    def compiled(self):
        return self.compile(self.query, 1.0)

    @property
    def matches_nothing(self):
        return self.compiled is NOTHING

    @property
    def constant_score(self):
        """MATCH_ALL or pure negations: every hit scores the same, so relevance cannot order."""
        return self.compiled is EVERYTHING or isinstance(self.compiled, wq.Not)

    @property
    def whoosh_query(self):
        return wq.Every() if self.compiled is EVERYTHING else self.compiled

    def compile(self, query, boost):
        if isinstance(query, MatchAll):
            return EVERYTHING
        if isinstance(query, Not):
            return negate(self.compile(query.subquery, boost))
        if isinstance(query, And):
            return conjoin([self.compile(subquery, boost) for subquery in query.subqueries])
        if isinstance(query, Or):
            return disjoin([self.compile(subquery, boost) for subquery in query.subqueries])
        if isinstance(query, Boost):
            return self.compile(query.subquery, boost * float(query.boost))
        if isinstance(query, PlainText):
            return self.plain_text(query.query_string, query.operator, boost * float(query.boost))
        if isinstance(query, Phrase):
            return self.phrase(query.query_string, boost)
        if isinstance(query, Fuzzy):
            return self.fuzzy(query.query_string, query.operator, boost)
        raise NotImplementedError(f"`{type(query).__name__}` is not supported by the Whoosh search backend.")

    def any_field(self, make, boost):
        queries = [make(name, weight * boost) for name, weight in self.weighted_fields]
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    def combine(self, clauses, operator):
        if not clauses:
            return NOTHING
        return conjoin(clauses) if operator == "and" else disjoin(clauses)

    def plain_text(self, text, operator, boost):
        terms = analyse(TEXT_QUERY_ANALYZER, text)
        if not terms or not self.weighted_fields:
            return NOTHING
        clauses = [
            self.any_field(lambda name, weight, term=term: wq.Term(name, term, boost=weight), boost)
            for term in terms
        ]
        return self.combine(clauses, operator)

    def phrase(self, text, boost):
        words = analyse(TEXT_QUERY_ANALYZER, text, unique=False)
        if not words or not self.weighted_fields:
            return NOTHING
        if len(words) == 1:
            return self.any_field(lambda name, weight: wq.Term(name, words[0], boost=weight), boost)
        return self.any_field(lambda name, weight: wq.Phrase(name, words, boost=weight), boost)

    def fuzzy(self, text, operator, boost):
        terms = analyse(TEXT_QUERY_ANALYZER, text)
        if not terms or not self.weighted_fields:
            return NOTHING

        def make(term):
            distance = _fuzzy_distance(term)
            if distance == 0:
                return lambda name, weight: wq.Term(name, term, boost=weight)
            return lambda name, weight: wq.FuzzyTerm(
                name, term, boost=weight, maxdist=distance, prefixlength=1, constantscore=False
            )

        return self.combine([self.any_field(make(term), boost) for term in terms], operator)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    field_kind = AUTOCOMPLETE_PREFIX

    def _declared_fields(self):
        return self.queryset.model.get_autocomplete_search_fields()

    def check(self):
        # As the base check, but ``fields`` name AutocompleteFields rather than SearchFields.
        if self.fields:
            allowed = {field.field_name for field in self._declared_fields()}
            for field_name in self.fields:
                if field_name not in allowed:
                    raise SearchFieldError(
                        f'Cannot autocomplete with field "{field_name}". Please add '
                        f'index.AutocompleteField("{field_name}") to '
                        f"{self.queryset.model.__name__}.search_fields.",
                        field_name=field_name,
                    )
        self._get_filters_from_queryset(check_only=True)
        list(self._get_order_by())

    def _prefixes(self, text):
        return list(dict.fromkeys(term[:NGRAM_MAX] for term in analyse(AUTOCOMPLETE_QUERY_ANALYZER, text)))

    def plain_text(self, text, operator, boost):
        terms = self._prefixes(text)
        if not terms or not self.weighted_fields:
            return NOTHING
        clauses = [
            self.any_field(lambda name, weight, term=term: wq.Term(name, term, boost=weight), boost)
            for term in terms
        ]
        return self.combine(clauses, operator)

    def phrase(self, text, boost):
        # Edge n-grams keep no word order: every word must be there, as a prefix.
        return self.plain_text(text, "and", boost)

    def fuzzy(self, text, operator, boost):
        return self.plain_text(text, operator, boost)


# --- results ---------------------------------------------------------------------------------


def _fetch(queryset, pks):
    """``{pk text: object}`` for those of ``pks`` in ``queryset``."""
    found = {}
    for chunk in _chunks(pks):
        for obj in queryset.filter(pk__in=chunk):
            found.setdefault(str(obj.pk), obj)
    return found


def _pks_in(queryset, pks):
    """Those of ``pks`` that are in ``queryset``, as text."""
    kept = set()
    for keys in _keys(queryset, pks):
        kept.update(str(pk) for pk in queryset.order_by().filter(pk__in=keys).values_list("pk", flat=True))
    return kept


def _ordered_page(queryset, pks, start, stop):
    """Objects of ``queryset`` whose pk is in ``pks``, in the queryset's order, sliced."""
    if len(pks) <= DB_CHUNK:
        return list(queryset.filter(pk__in=pks)[start:stop])
    wanted, seen, ordered = set(pks), set(), []
    for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=2000):
        key = str(pk)
        if key in wanted and key not in seen:
            seen.add(key)
            ordered.append(key)
            if stop is not None and len(ordered) >= stop:
                break
    page = ordered[start:stop]
    objects = _fetch(queryset, page)
    return [objects[key] for key in page if key in objects]


def _first_known(known, *keys):
    for key in keys:
        if known.get(key) is not None:
            return known[key]
    return None


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    @property
    def _index(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model)

    @property
    def _content_type(self):
        return self.query_compiler.queryset.model._meta.label_lower

    def _matches_nothing(self):
        return self.query_compiler.matches_nothing or self.query_compiler.queryset.query.is_empty()

    # Clones made by slicing share the query compiler, so what one learns (the Whoosh hits, which
    # of them the filtered queryset keeps) is kept there for the others: a paginated search asks
    # Whoosh once and checks each hit against the database at most once.

    def _hits(self, scored=True, limit=None):
        """``[(pk, score)]`` from Whoosh, best first when scored; all of them unless ``limit``."""
        known = self.query_compiler.__dict__.setdefault("_whoosh_hits", {})
        complete = _first_known(known, scored, True)  # scored hits also serve unscored asks
        if complete is not None:
            return complete if limit is None else complete[:limit]
        hits = self._index.search(
            self.query_compiler.whoosh_query, self._content_type, scored=scored, limit=limit
        )
        if limit is None or len(hits) < limit:
            known[scored] = hits
        return hits

    def _kept_hits(self, stop=None):
        """The scored hits that are in the (filtered) queryset, best first: at least ``stop`` of
        them, or all. Checked against the database a chunk at a time, only as far as needed
        (all at once when all are needed)."""
        state = self.query_compiler.__dict__.setdefault("_whoosh_kept", {"checked": 0, "kept": []})
        hits = self._hits()
        queryset = self.query_compiler.queryset
        while state["checked"] < len(hits) and (stop is None or len(state["kept"]) < stop):
            chunk = hits[state["checked"] : None if stop is None else state["checked"] + DB_CHUNK]
            allowed = _pks_in(queryset, [pk for pk, _ in chunk])
            state["kept"].extend(hit for hit in chunk if hit[0] in allowed)
            state["checked"] += len(chunk)
        return state["kept"]

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        if self._matches_nothing() or (self.stop is not None and self.stop <= self.start):
            return []
        score_field = self._score_field

        if compiler.order_by_relevance and not compiler.constant_score:
            filtered = not _is_unfiltered(queryset)
            hits = self._kept_hits(self.stop) if filtered else self._hits(limit=self.stop)
            page = hits[self.start : self.stop]
            objects = _fetch(queryset, [pk for pk, _ in page])
            results = []
            for pk, score in page:
                obj = objects.get(pk)
                if obj is not None:
                    if score_field:
                        setattr(obj, score_field, score)
                    results.append(obj)
            return results

        hits = self._hits(scored=score_field is not None)
        if not queryset.query.order_by:
            # A stable order, so that pages never overlap (wagtail#3729).
            queryset = queryset.order_by("-pk")
        results = _ordered_page(queryset, [pk for pk, _ in hits], self.start, self.stop)
        if score_field:
            scores = dict(hits)
            for obj in results:
                setattr(obj, score_field, scores.get(str(obj.pk), 0.0))
        return results

    def _do_count(self):
        queryset = self.query_compiler.queryset
        if self._matches_nothing():
            return 0
        if _is_unfiltered(queryset):
            complete = _first_known(self.query_compiler.__dict__.get("_whoosh_hits", {}), True, False)
            if complete is not None:
                total = len(complete)
            else:
                total = self._index.count(self.query_compiler.whoosh_query, self._content_type)
        else:
            total = len(self._kept_hits())
        total = max(total - self.start, 0)
        if self.stop is not None:
            total = min(total, max(self.stop - self.start, 0))
        return total

    def facet(self, field_name):
        compiler = self.query_compiler
        if compiler._get_filterable_field(field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f"index.FilterField('{field_name}') to {compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        if self._matches_nothing():
            return OrderedDict()
        queryset = compiler.queryset.order_by()
        # The hits a page of these results will use: ranked ones if it is ranked, so that a
        # facet and a page (the usual pair) ask Whoosh once between them.
        ranked = compiler.order_by_relevance and not compiler.constant_score
        hits = self._hits(scored=ranked)
        counts = {}
        if not _is_single_valued(queryset.model, field_name):
            for keys in _keys(queryset, [pk for pk, _ in hits]):
                rows = queryset.filter(pk__in=keys).values(field_name).annotate(count=Count("pk")).order_by()
                for row in rows:
                    counts[row[field_name]] = counts.get(row[field_name], 0) + row["count"]
            return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))
        # One value per object: the same queries, reading (pk, value) rows, also tell which hits
        # the queryset keeps, so a ranked page (and the count) needs no query of its own for that.
        kept = set()
        for keys in _keys(queryset, [pk for pk, _ in hits]):
            for pk, value in queryset.filter(pk__in=keys).values_list("pk", field_name):
                kept.add(str(pk))
                counts[value] = counts.get(value, 0) + 1
        if ranked:
            compiler.__dict__["_whoosh_kept"] = {
                "checked": len(hits),
                "kept": [hit for hit in hits if hit[0] in kept],
            }
        return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))


# --- the backend -----------------------------------------------------------------------------


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshIndexRebuilder
    # A failed index write raises (as the database backends do) rather than being logged and
    # lost; writes wait WRITE_TIMEOUT for the lock first.
    catch_indexing_errors = False

    INDEX_WRITES_CHOICES = ("direct", "celery")

    def __init__(self, params):
        super().__init__(params)
        params = dict(params)
        path = params.pop("PATH", None)
        if not path:
            raise ImproperlyConfigured(
                'The Whoosh search backend needs a "PATH" (the directory to keep its index in).'
            )
        self.path = os.path.abspath(os.fspath(path))
        self.write_timeout = float(params.pop("WRITE_TIMEOUT", 30))
        self.limitmb = int(params.pop("LIMITMB", 256))
        self.procs = max(1, int(params.pop("PROCS", 1)))
        self.index_writes = params.pop("INDEX_WRITES", "direct")
        if self.index_writes not in self.INDEX_WRITES_CHOICES:
            raise ImproperlyConfigured(
                f'INDEX_WRITES must be one of {self.INDEX_WRITES_CHOICES}, not "{self.index_writes}".'
            )

    @property
    def task_params(self):
        """The parameters a Celery task needs to rebuild this backend (JSON-serialisable)."""
        return {
            "PATH": self.path,
            "WRITE_TIMEOUT": self.write_timeout,
            "LIMITMB": self.limitmb,
            "PROCS": self.procs,
        }

    def get_index_for_model(self, model):
        root = get_model_root(model)
        return self.index_class(self, root._meta.label_lower)

    def index_version(self, model):
        """Changes whenever the index that ``model`` is searched in is written to."""
        return self.get_index_for_model(model).generation()

    def add(self, obj):
        if self.index_writes == "celery":
            from cms.search.tasks import send_index_job

            send_index_job(self, "index", type(obj), [obj.pk])
        else:
            super().add(obj)

    def delete(self, obj):
        if self.index_writes == "celery":
            from cms.search.tasks import send_index_job

            send_index_job(self, "delete", type(obj), [obj.pk])
        else:
            super().delete(obj)


SearchBackend = WhooshSearchBackend
