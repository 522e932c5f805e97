"""``{% cache_until_changed "name" arg … %}…{% end_cache_until_changed %}``: keep a rendered
fragment until public content changes (cms.cache's content version) or the next scheduled
change (a surgery starting, a booking window closing, midnight), whichever comes first.

``{% cache_until_changed "name" arg … timeless %}`` is for fragments that only content changes
can change (a listing of case studies, a pick list of councils): they are kept past scheduled
changes and bookings too. Nothing that shows a surgery, a booking window, places left, people
helped or a date relative to today.

For the parts of a page that cost the most and are the same for everyone who sees them
(aggregates, the "Who can help" panel): members get them without the work too. Never wrap
anything personal (a member's own endorsements, forms with errors, CSRF tokens).
"""

from django import template

from cms.cache import remember

register = template.Library()


class CacheUntilChangedNode(template.Node):
    def __init__(self, nodelist, name, arguments, timeless):
        self.nodelist = nodelist
        self.name = name
        self.arguments = arguments
        self.timeless = timeless

    def render(self, context):
        parts = [argument.resolve(context) for argument in self.arguments]
        return remember(
            context.get("request"),
            f"fragment:{self.name.resolve(context)}",
            lambda: self.nodelist.render(context),
            *parts,
            timeless=self.timeless,
        )


@register.tag("cache_until_changed")
def cache_until_changed(parser, token):
    bits = token.split_contents()
    timeless = len(bits) > 2 and bits[-1] == "timeless"
    if timeless:
        bits = bits[:-1]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("end_cache_until_changed",))
    parser.delete_first_token()
    return CacheUntilChangedNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], timeless
    )
