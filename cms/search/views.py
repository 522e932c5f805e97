"""The site search at /search/?q=… : every live, public page of the site, whatever its type.

The view uses only modelsearch's public API (``.search()``, ``.facet()``, ``.autocomplete()``
on a ``Page`` queryset, filtered by ``Page``'s own ``FilterField``s), so it works the same on the
Whoosh backend, the database backends and Elasticsearch/OpenSearch.

How a page type takes part (all optional; a page type that defines nothing is simply found):

``filter_search_results(cls, queryset)`` (classmethod)
    Return the part of ``queryset`` (a queryset of that model) that may be found, e.g. only
    upcoming, scheduled surgeries::

        @classmethod
        def filter_search_results(cls, queryset):
            return queryset.filter(end__gt=timezone.now(), status=cls.Status.SCHEDULED)

    It is applied in the search itself, as ``Q(content_type=<model>) -> pk IN (<your queryset>)``,
    so counts, facets and pages stay right; it runs as a subquery (Elasticsearch runs it as one
    extra query), so it may filter on any field, indexed or not. It also hides the page from
    promoted results and suggestions. Subclasses inherit it, each applied to its own pages.

``prepare_search_results(cls, queryset)`` (classmethod)
    Return ``queryset`` (the model's pages on one page of results) with whatever its key facts
    need fetched in bulk: ``select_related``, ``prefetch_related``, annotations. By default the
    relations the model indexes (its ``index.RelatedFields``, e.g. topics, council) are
    prefetched, so a partial may show those without a query per result.

``templates/search/results/<app_label>_<model_name>.html``
    The page type's "key facts" (a ``<dl>``), given ``result`` (``result.page`` is the specific
    page, ``result.parent`` its parent page or None when that is the site's home). Without one,
    ``search/results/page.html`` shows where the page lives. Partials show only public facts:
    never a mentor's ``contact_email`` or a surgery's ``joining_link``.

The type filter (``?type=barrier``) and facet labels come from each model's ``verbose_name``.

What a search finds (facet counts, total, the page's results as keys) is the same for everyone,
so it is kept with ``cms.cache.remember``, keyed by the content version and the search index's
own version; a repeated search then only loads its page of results.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.views.decorators.http import require_safe
from modelsearch import index
from modelsearch.backends import get_search_backend
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.fields import RichTextField
from wagtail.models import Page, Site, get_page_models
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from cms.cache import computed_when_used, remember
from cms.models import HasTopics
from cms.page_queries import private_section_q
from cms.pagination import page_links
from cms.sanitize import strip_tags

#: Longer queries are cut to this many characters (the header's box says the same with maxlength).
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SUGGESTION_COUNT = 5
#: The snippet: the first of these plain-text (or rich-text) fields that mentions a query word,
#: else the first that has any text. StreamFields are never used (they hold markup and blocks).
SNIPPET_FIELDS = ("search_description", "summary", "intro", "bio", "description", "role")
SNIPPET_LENGTH = 240
#: Words shorter than this are not highlighted (a one-letter word would mark half the snippet).
MIN_HIGHLIGHT_LENGTH = 2
MAX_HIGHLIGHT_WORDS = 32

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")


# --- the query --------------------------------------------------------------------------------


def clean_query(raw):
    """The query as shown and logged: control characters (NULs included) become spaces, runs of
    space collapse, and it is cut to ``MAX_QUERY_LENGTH`` characters."""
    text = _CONTROL_CHARACTERS.sub(" ", raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words of ``query`` as the backend is asked for them: letters and digits only, spaces
    between. Every backend reads plain words the same way, whereas some read punctuation as
    syntax (SQLite's full-text MATCH fails on an unbalanced double quote, MySQL's boolean mode
    reads ``+ - * "``). Emoji and punctuation alone leave nothing to search for."""
    return " ".join(_WORD.findall(query))


def query_words(query):
    """The query's words worth highlighting, longest first, each once (case-insensitively)."""
    words = {word.casefold() for word in _WORD.findall(query) if len(word) >= MIN_HIGHLIGHT_LENGTH}
    return sorted(words, key=lambda word: (-len(word), word))[:MAX_HIGHLIGHT_WORDS]


def highlight_pattern(query):
    """A pattern matching any word that starts with a query word ("assess" marks
    "assessments"), or None when there is nothing to highlight."""
    words = query_words(query)
    if not words:
        return None
    return re.compile(r"\b(?:{})\w*".format("|".join(re.escape(word) for word in words)), re.IGNORECASE)


def highlight(text, pattern, length=SNIPPET_LENGTH):
    """``text`` (plain, unescaped) as safe HTML: escaped, with words matching ``pattern`` in
    ``<mark>``, cut to about ``length`` characters around the first match."""
    text = " ".join(text.split())
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3 and len(text) > length:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        if end <= start:
            end = start + length
    window = text[start:end]
    parts = ["…"] if start else []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    if end < len(text):
        parts.append("…")
    # Safe: every piece of the text was escaped above; only the <mark> tags are ours.
    return mark_safe("".join(parts))


def snippet_text(page, pattern):
    """The text to quote for ``page``: see ``SNIPPET_FIELDS``."""
    texts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if not isinstance(value, str) or not value.strip():
            continue
        if _is_rich_text(type(page), name):
            value = strip_tags(value)
        if pattern is None or pattern.search(value):
            return value
        texts.append(value)
    return texts[0] if texts else ""


@cache
def _is_rich_text(model, name):
    try:
        return isinstance(model._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:  # a property: plain text
        return False


# --- page types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultType:
    """One page model, as the search shows and filters it."""

    model: type
    slug: str
    label: str
    label_plural: str

    @property
    def content_type(self):
        return page_content_types()[self.model]


@cache
def result_types():
    """Every page model by its type slug (its verbose name, slugified: ``barrier``,
    ``case-study``); a clash is settled with the app label."""
    types = {}
    for model in get_page_models():
        # str(): Wagtail's own names are lazy translations, which a URL would spell letter by letter.
        name, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        slug = slugify(name)
        if slug in types or not slug:
            slug = f"{model._meta.app_label}-{model._meta.model_name}"
        types[slug] = ResultType(model=model, slug=slug, label=capfirst(name), label_plural=capfirst(plural))
    return types


@cache
def types_by_model():
    return {result_type.model: result_type for result_type in result_types().values()}


def type_of_model(model):
    return types_by_model().get(model)


def page_content_types():
    """``{page model: ContentType}``: one query for all of them on a worker's first search,
    where asking model by model (and id by id for the facets) took one each."""
    return ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False)


def model_of_content_type(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


# --- what may be found ------------------------------------------------------------------------


def searchable_pages(site):
    """Live, public pages of ``site``, less what page types leave out (``filter_search_results``)."""
    pages = Page.objects.live().in_site(site)
    private = private_section_q()
    if private is not None:
        pages = pages.exclude(private)
    content_types = page_content_types()
    for model in get_page_models():
        hook = getattr(model, "filter_search_results", None)
        if hook is None:
            continue
        pages = pages.filter(
            ~Q(content_type=content_types[model]) | Q(pk__in=hook(model.objects.all()).values("pk"))
        )
    return pages


def default_prepared(model, queryset):
    """Fetch the relations ``model`` indexes (its ``RelatedFields``), for its key facts: a
    foreign key joined into the page's own query, anything else prefetched. Topics are left to
    ``load_specific``, which reads them for every result type in one query."""
    joined, prefetched = [], []
    for name in _indexed_relations(model):
        if name == "topics" and issubclass(model, HasTopics):
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        is_foreign_key = model_field is not None and (model_field.many_to_one or model_field.one_to_one)
        (joined if is_foreign_key and model_field.concrete else prefetched).append(name)
    if joined:
        queryset = queryset.select_related(*joined)
    return queryset.prefetch_related(*prefetched) if prefetched else queryset


def load_specific(found):
    """The pages ``found`` (``(pk, content_type_id)`` pairs, in order) as their specific models,
    one query per type (plus what each type's ``prepare_search_results`` adds). Pages deleted
    meanwhile drop out."""
    keys_by_model = defaultdict(list)
    for pk, content_type_id in found:
        model = model_of_content_type(content_type_id)
        if model is not None:
            keys_by_model[model].append(pk)
    loaded, with_topics = {}, []
    for model, keys in keys_by_model.items():
        queryset = model.objects.filter(pk__in=keys)
        prepare = getattr(model, "prepare_search_results", None)
        queryset = prepare(queryset) if prepare else default_prepared(model, queryset)
        pages = list(queryset)
        loaded.update((page.pk, page) for page in pages)
        if not prepare and _indexes_topics(model):
            with_topics += pages
    HasTopics.load_topic_lists(with_topics)
    return [loaded[pk] for pk, _ in found if pk in loaded]


def _indexed_relations(model):
    return [field.field_name for field in model.get_search_fields() if isinstance(field, index.RelatedFields)]


def _indexes_topics(model):
    return issubclass(model, HasTopics) and "topics" in _indexed_relations(model)


def parents_of(pages, site):
    """Each page's parent (by page id), in one query; None when the parent is the site's home."""
    home = site.root_page
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > home.depth + 1}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    return {page.pk: parents.get(page.path[: -Page.steplen]) for page in pages}


# --- results, facets, promotions and suggestions ----------------------------------------------


@dataclass
class SearchResult:
    page: Page
    type: ResultType
    url: str
    parent: Page | None
    snippet: str
    template: str


@cache
def key_facts_template(model):
    """The model's key-facts partial, or the generic one."""
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    return select_template([f"search/results/{label}.html", "search/results/page.html"]).template.name


def build_results(found, query, request, site):
    specific = load_specific(found)
    parents = parents_of(specific, site)
    pattern = highlight_pattern(query)
    results = []
    for page in specific:
        result_type = type_of_model(type(page))
        text = snippet_text(page, pattern)
        results.append(
            SearchResult(
                page=page,
                type=result_type,
                url=page.get_url(request),
                parent=parents.get(page.pk),
                snippet=highlight(text, pattern) if text else "",
                template=key_facts_template(type(page)),
            )
        )
    return results


def type_counts(searchable, terms, operator, results):
    """How many of ``results`` (``searchable.search(terms, operator=operator)``) are of each type:
    ``[(ResultType, count)]``, most first, and how many there are of each content type (id):
    ``{content_type_id: count}``, or None where the backend cannot facet. One facet query where
    the backend can facet, else one count per page type: a bounded number of queries either way."""
    counts = defaultdict(int)
    by_content_type = None
    if getattr(results, "supports_facet", False):
        by_content_type = dict(results.facet("content_type_id"))
        for content_type_id, count in by_content_type.items():
            if content_type_id is None:
                continue
            model = model_of_content_type(content_type_id)
            result_type = type_of_model(model) if model else None
            if result_type is not None:
                counts[result_type] += count
    else:  # every modelsearch backend facets today; this keeps other backends working
        for result_type in result_types().values():
            of_type = searchable.filter(content_type=result_type.content_type)
            counts[result_type] = of_type.search(terms, operator=operator).count()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].label))
    return [(result_type, count) for result_type, count in ranked if count], by_content_type


def promotions(query_string, searchable):
    """Editors' picks for the query (Wagtail's search promotions): external links, and pages that
    may be found (live, public, in this site)."""
    return (
        SearchPromotion.objects.filter(query__query_string=query_string)
        .filter(Q(page__isnull=True) | Q(page__in=searchable))
        .select_related("page")
        .order_by("sort_order", "pk")
    )


def log_search(query_string):
    """One more hit for ``query_string`` in Wagtail's search promotions report: once today's row
    exists, a single UPDATE (``Query.get().add_hit()`` takes three queries every time)."""
    today = timezone.now().date()
    hits = QueryDailyHits.objects.filter(query__query_string=query_string, date=today)
    if not hits.update(hits=F("hits") + 1):
        Query.get(query_string).add_hit(date=today)


def suggestions(terms, searchable):
    """When nothing matches: pages with a title word starting like one of the query's words
    (autocomplete, any word)."""
    return list(searchable.autocomplete(terms, operator="or")[:SUGGESTION_COUNT])


def search_url(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


# --- the view ---------------------------------------------------------------------------------


@require_safe
def search(request):
    """Results for ``q``, optionally of one ``type``, ``page`` by page. Any ``q`` gives a page
    of results (perhaps empty); an unknown ``type`` is named and ignored (with a 400)."""
    query = clean_query(request.GET.get("q", ""))
    type_slug = request.GET.get("type", "")
    chosen_type = result_types().get(type_slug) if type_slug else None
    unknown_type = type_slug[:60] if type_slug and chosen_type is None else ""
    context = {"search_query": query, "chosen_type": chosen_type, "unknown_type": unknown_type}
    site = Site.find_for_request(request)
    if query and site is not None:
        context.update(search_context(request, site, query, chosen_type))
    return TemplateResponse(request, "search/search.html", context, status=400 if unknown_type else 200)


def find(searchable, terms, chosen_type, page_param):
    """What the search of ``searchable`` finds, as plain data that may be kept (see
    ``search_context``): facet counts ``[(type slug, count)]``, whether only some words matched,
    the number of results, the page number and that page's results as ``(pk, content_type_id)``."""
    # Only the keys of the page's results are needed: ``load_specific`` loads them whole.
    searchable = searchable.only("content_type")
    facets, results, some_words, by_content_type = [], searchable.none(), False, None
    if terms:  # (nothing but punctuation or emoji leaves nothing to look for)
        # Pages with every word first; when none has them all, pages with some of them.
        for operator in ("and", "or") if " " in terms else ("and",):
            everything = searchable.search(terms, operator=operator)
            facets, by_content_type = type_counts(searchable, terms, operator, everything)
            if facets:
                break
        some_words = bool(facets) and operator == "or"
        if chosen_type is not None:
            results = searchable.filter(content_type=chosen_type.content_type).search(
                terms, operator=operator
            )
        else:
            results = everything
    paginator = Paginator(results, RESULTS_PER_PAGE)
    if by_content_type is not None:
        # The facet counted every result by content type: the total needs no count of its own
        # (which, like the facet, would check every hit against the database again).
        if chosen_type is None:
            paginator.count = sum(by_content_type.values())
        else:
            paginator.count = by_content_type.get(chosen_type.content_type.pk, 0)
    listing = paginator.get_page(page_param)
    return {
        "facets": [(result_type.slug, count) for result_type, count in facets],
        "some_words": some_words,
        "count": paginator.count,
        "number": listing.number,
        "found": [(page.pk, page.content_type_id) for page in listing.object_list],
    }


def index_version():
    """A token that changes with the search index (None where the backend has none). Index
    writes can land after the content version moves on (Celery index jobs), so results kept
    under the content version alone could miss a page published a moment before."""
    backend = get_search_backend()
    version = getattr(backend, "index_version", None)
    return version(Page) if version is not None else None


def search_context(request, site, query, chosen_type):
    """Everything the results page shows for a non-empty ``query``.

    What the search finds is the same for everyone, so it is kept (``cms.cache.remember``, keyed
    by the content version and the index's) and a repeated search only loads its page of
    results; the search log and promotions are per request."""
    terms = search_terms(query)
    type_slug = chosen_type.slug if chosen_type else ""
    page_param = (request.GET.get("page") or "")[:20]
    version = index_version()
    searchable = searchable_pages(site)
    found = remember(
        request,
        "site-search",
        lambda: find(searchable, terms, chosen_type, page_param or None),
        site.pk,
        terms,
        type_slug,
        page_param,
        version,
    )
    types = result_types()
    facets = [(types[slug], count) for slug, count in found["facets"] if slug in types]
    listing = Paginator(range(found["count"]), RESULTS_PER_PAGE).get_page(found["number"])
    total = sum(count for _, count in facets)

    def page_url(number):
        return search_url(q=query, type=type_slug, page=number)

    # The query as first asked: logged for Wagtail's search promotions report, and answered
    # with the editors' picks. Paging through or filtering the same query does neither.
    logged_query = None
    if listing.number == 1 and chosen_type is None:
        # Lower case, then cut: Query.get() cuts, then lowers, and lowering can lengthen ("İ"
        # is two characters in lower case) past the column's 255, so the row saved (cut again)
        # would never match the look-up and the same search a second time would fail.
        logged_query = normalise_query_string(query.lower()[:MAX_QUERY_STRING_LENGTH])
        if request.method == "GET" and "page" not in request.GET:
            log_search(logged_query)
    return {
        "searched": True,
        # Loaded only if the template renders them: it keeps the rendered results (the same
        # for everyone asking this) until content or the index changes.
        "results": computed_when_used(
            lambda: {"results": build_results(found["found"], terms, request, site)}, ["results"]
        )["results"],
        "results_key": (site.pk, query, type_slug, page_param, version),
        "listing": listing,
        "result_count": listing.paginator.count,
        "total": total,
        "facets": [
            (result_type, count, search_url(q=query, type=result_type.slug), result_type == chosen_type)
            for result_type, count in facets
        ],
        "all_types_url": search_url(q=query),
        "pages": page_links(listing, page_url),
        "promotions": list(promotions(logged_query, searchable)) if logged_query is not None else [],
        "suggestions": suggestions(terms, searchable) if terms and total == 0 else [],
        "some_words": found["some_words"],
    }
