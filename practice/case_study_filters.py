"""Finding case studies on the index: filters that combine, live in the address (so a search can
be shared) and work without JavaScript, with a count of results for each option, sorting and
pagination.

Bad input never fails: an unknown filter value is left out and named in a notice, ``page=abc``
shows the first page and a page past the end shows the last. Every query is counted: the
options with their counts (two queries), then one page of results with its relations
prefetched, however many case studies there are.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Min, Q, Value
from django.db.models.functions import Lower
from django.utils.text import Truncator

from cms.models import Council, Platform, Topic
from cms.pagination import PageLinks, page_links

from .models.case_studies import CaseStudyPage, CaseStudyTopic


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    any_label: str
    lookup: str  # the ORM lookup it filters (and counts) on


FACETS = (
    Facet("topic", "Topic", "Any topic", "tagged_topics__tag__slug"),
    Facet("platform", "Platform", "Any platform", "platforms__slug"),
    Facet("stage", "Stage", "Any stage", "stage"),
    Facet("kind", "Type of council", "Any type of council", "council__kind"),
    Facet("region", "Region", "Any region", "council__region"),
)

SORTS = {
    "newest": ("Newest first", ("-published_date", "-first_published_at", "-pk")),
    "title": ("A to Z", (Lower("title"), "pk")),
}
DEFAULT_SORT = "newest"


def tidy_query(query):
    """The query without the empty filters and default sort a submitted form adds, or None if
    there are none: ``?topic=&platform=twitter&sort=newest`` → ``?platform=twitter``. Anything
    else (unknown values, the page) is kept, to be answered as it stands."""
    names = {facet.name for facet in FACETS}
    pairs = [(key, value) for key, values in query.lists() for value in values]
    kept = [
        (key, value)
        for key, value in pairs
        if not ((key in names and value == "") or (key == "sort" and value in ("", DEFAULT_SORT)))
    ]
    if len(kept) == len(pairs):
        return None
    return "?" + urlencode(kept) if kept else ""


class CaseStudyFilterForm(forms.Form):
    """One optional choice per facet, plus the sort order. The choices are every value the
    filter accepts; after validation the finder narrows what is shown to options with results."""

    def __init__(self, data, *, options):
        super().__init__(data, label_suffix="")
        for facet in FACETS:
            self.fields[facet.name] = forms.ChoiceField(
                label=facet.label, required=False, choices=[("", facet.any_label), *options[facet.name]]
            )
        self.fields["sort"] = forms.ChoiceField(
            label="Sort by",
            required=False,
            choices=[(key, label) for key, (label, _) in SORTS.items()],
        )


@dataclass
class ResultsPage:
    page: object  # django.core.paginator.Page
    count: int
    pages: PageLinks = field(default_factory=PageLinks)
    note: str = ""


class CaseStudyFinder:
    def __init__(self, case_studies, data):
        self.case_studies = case_studies
        # The options and the counts are read together, for the filters as given; a value that
        # turns out not to be an option is left out, and only then are the counts read again.
        wanted = {facet.name: data.get(facet.name) for facet in FACETS if data.get(facet.name)}
        self.options, self._counts, self._total = self._options_and_counts(wanted)
        self.form = CaseStudyFilterForm(data, options=self.options)
        self.form.is_valid()  # invalid values drop out of cleaned_data and are reported below
        cleaned = self.form.cleaned_data
        self.selected = {facet.name: cleaned[facet.name] for facet in FACETS if cleaned.get(facet.name)}
        self.sort = cleaned.get("sort") or DEFAULT_SORT
        if self.selected != wanted:
            _, self._counts, self._total = self._options_and_counts(self.selected)
        self._show_only_options_with_results()

    # --- queries ----------------------------------------------------------------------------

    def _options_and_counts(self, selected):
        """Every value each filter accepts (the topics and platforms the listed case studies
        use, and every stage, type of council and region), how many case studies each option
        would show given the other filters in ``selected``, and how many match them all.

        Two queries: the topic and platform links of the listed case studies counted per topic
        and per platform, with every topic's and platform's slug and name (one union), and the
        case studies matching the topic and platform filters counted per stage and council, from
        which the other three facets' counts and the total are summed (each case study falls in
        exactly one group).

        Why by id: grouping the 20,000 links and 10,000 case studies of the default scale by
        names (or by type of council and region) made the database sort them by text, a third of
        the time the counts take. The names are matched up here; a council's type and region
        are read with ``Min``, exact since a group has one council."""
        listed = self.case_studies.values("pk")

        def count_matching(links, relation, key, facet_name):
            # The links are of listed case studies already, so the other filters are checked
            # against all case studies: not reading the listed ones again halves the query.
            others = self.filtered(
                selected, ignoring=facet_name, within=self.case_studies.model.objects.all()
            )
            condition = Q(**{f"{relation}__in": others.values("pk")}) if others.query.where else None
            return (
                links.objects.filter(**{f"{relation}__in": listed})
                .annotate(facet=Value(facet_name))
                .values_list("facet", key)
                .annotate(
                    slug=Value(""), name=Value(""), matches=Count(relation, distinct=True, filter=condition)
                )
                .order_by()
            )

        def names(model, facet_name):
            return (
                model.objects.annotate(
                    facet=Value(facet_name), matches=Value(None, output_field=IntegerField())
                )
                .values_list("facet", "pk", "slug", "name", "matches")
                .order_by()
            )

        rows = count_matching(CaseStudyTopic, "content_object", "tag_id", "topic").union(
            count_matching(CaseStudyPage.platforms.through, "casestudypage", "platform_id", "platform"),
            names(Topic, "topic"),
            names(Platform, "platform"),
            all=True,
        )
        labels, matching = {}, {}  # (facet, id): (slug, name), and how many each option shows
        for facet_name, pk, slug, name, matches in rows:
            if matches is None:
                labels[facet_name, pk] = (slug, name)
            else:
                matching[facet_name, pk] = matches
        used = {"topic": [], "platform": []}  # (name, slug, matches), in use by listed case studies
        for (facet_name, pk), matches in matching.items():
            slug, name = labels[facet_name, pk]
            used[facet_name].append((name, slug, matches))
        topics, platforms = sorted(used["topic"]), sorted(used["platform"])
        groups = list(
            self.filtered({name: selected[name] for name in ("topic", "platform") if name in selected})
            .order_by()
            .values_list("stage", "council_id")
            .annotate(
                kind=Min("council__kind"), region=Min("council__region"), matches=Count("pk", distinct=True)
            )
            .values_list("stage", "kind", "region", "matches")
        )
        counts = {
            "topic": {slug: matches for _, slug, matches in topics},
            "platform": {slug: matches for _, slug, matches in platforms},
        }
        grouped = ("stage", "kind", "region")
        for position, name in enumerate(grouped):
            counts[name] = {}
            for row in groups:
                if all(
                    selected.get(other) in (None, row[index])
                    for index, other in enumerate(grouped)
                    if other != name
                ):
                    counts[name][row[position]] = counts[name].get(row[position], 0) + row[-1]
        total = sum(
            row[-1]
            for row in groups
            if all(selected.get(name) in (None, row[index]) for index, name in enumerate(grouped))
        )
        options = {
            "topic": [(slug, name) for name, slug, _ in topics],
            "platform": [(slug, name) for name, slug, _ in platforms],
            "stage": list(CaseStudyPage.Stage.choices),
            "kind": list(Council.Kind.choices),
            "region": list(Council.Region.choices),
        }
        return options, counts, total

    def filtered(self, selected=None, *, ignoring=None, within=None):
        """The case studies (``within``, or those listed) matching every selected filter (but
        ``ignoring`` one, for its counts)."""
        selected = self.selected if selected is None else selected
        queryset = self.case_studies if within is None else within
        for facet in FACETS:
            if facet.name != ignoring and facet.name in selected:
                queryset = queryset.filter(**{facet.lookup: selected[facet.name]})
        return queryset

    def counts(self, facet):
        """How many case studies each option of ``facet`` would show, given the other filters."""
        return self._counts[facet.name]

    def results(self):
        """The matching case studies, sorted."""
        return self.filtered().order_by(*SORTS[self.sort][1])

    def _load_page(self, keys):
        """The case studies with primary keys ``keys`` (one page of ``results()``, sliced), in
        order, with what a card shows.

        Why: sorting whole rows made the database carry every column of every matching case study
        (10,000 at the default scale) through the sort to keep 20; sorting the keys alone and then
        loading the page's rows by key costs a third as much. Still one query: the keys are a
        subquery."""
        return list(
            self.case_studies.model.objects.filter(pk__in=keys)
            .select_related("council")
            .prefetch_related("platforms", CaseStudyPage.topic_links_prefetch())
            .order_by(*SORTS[self.sort][1])
        )

    # --- what the template shows ------------------------------------------------------------

    def _show_only_options_with_results(self):
        """Label each option with its count, and hide options that would show nothing (unless
        chosen), so a reader never picks a dead end."""
        for facet in FACETS:
            counts = self.counts(facet)
            chosen = self.selected.get(facet.name)
            self.form.fields[facet.name].choices = [("", facet.any_label)] + [
                (value, f"{label} ({counts.get(value, 0)})")
                for value, label in self.options[facet.name]
                if counts.get(value) or value == chosen
            ]

    def query_string(self, **changes):
        """The address's query for the current filters and sort, with ``changes`` (None drops one)."""
        params = dict(self.selected)
        if self.sort != DEFAULT_SORT:
            params["sort"] = self.sort
        params.update(changes)
        params = {key: value for key, value in params.items() if value not in (None, "")}
        return "?" + urlencode(params) if params else ""

    @property
    def active_filters(self):
        """(filter label, chosen option, address without it) for each filter in use."""
        active = []
        for facet in FACETS:
            value = self.selected.get(facet.name)
            if value:
                option = dict(self.options[facet.name]).get(value, value)
                active.append((facet.label, option, self.query_string(**{facet.name: None}) or "?"))
        return active

    @property
    def ignored_filters(self):
        """(filter label, the value given, shortened) for each value we did not recognise."""
        ignored = []
        for name in self.form.errors:
            label = self.form.fields[name].label if name in self.form.fields else name
            given = Truncator(self.form.data.get(name, "")).chars(40)
            ignored.append((label, given))
        return ignored

    def paginate(self, requested, *, per_page, url=""):
        """One page of ``results()`` (``requested``, or the first or last if that is no page);
        its links are ``url`` (the listing's address) with each page's query."""
        paginator = Paginator(self.results().values("pk"), per_page)
        paginator.count = self._total  # summed with the counts, so not counted again
        try:
            number = int(requested)
        except (TypeError, ValueError):
            number = 1
        note = ""
        if number > paginator.num_pages:
            note = f"That page does not exist, so this is the last page (page {paginator.num_pages})."
            number = paginator.num_pages
        number = max(number, 1)
        page = paginator.page(number)
        page.object_list = self._load_page(page.object_list)
        return ResultsPage(
            page=page,
            count=paginator.count,
            pages=page_links(page, lambda number: url + self._page_url(number)),
            note=note,
        )

    def _page_url(self, number):
        return (self.query_string(page=number) if number != 1 else self.query_string()) or "?"
