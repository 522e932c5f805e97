from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .cache import cache_for_visitors


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


# --- topics ---------------------------------------------------------------------------------


@cache_for_visitors
def topic_page(request, slug):
    """/topics/<slug>/: what is tagged with a topic, across the site, and a Follow button."""
    from django.shortcuts import get_object_or_404

    from . import topics
    from .models import Topic

    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "cms/topic.html",
        {
            "topic": topic,
            "groups": topics.topic_items([topic.pk], limit=20),
            "following": topics.follows(request.user, topic),
        },
    )


@require_POST
def follow_topic(request, slug):
    """Follow or stop following a topic (a POST toggle); back to where the button was."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    from . import topics
    from .models import Topic

    topic = get_object_or_404(Topic, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("topic", args=[slug]))
    now_following = topics.toggle_follow(request.user, topic)
    if now_following:
        messages.success(request, f"You follow {topic.name}. New work on it comes in your Monday email.")
    else:
        messages.success(request, f"You no longer follow {topic.name}.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("topic", args=[slug])
    return redirect(next_url)


@login_required
def followed_topics(request):
    """/accounts/topics/: the topics a member follows, each with an Unfollow button."""
    from .models import Topic

    followed = Topic.objects.filter(follows__user=request.user).order_by("name")
    return render(request, "cms/followed_topics.html", {"topics": followed})


def topic_unsubscribe(request, token):
    """The one-click link in the digest: no sign-in; a token made for one member only."""
    from django.core import signing

    from . import topics

    try:
        topics.unsubscribe(token)
    except signing.BadSignature:
        return render(
            request,
            "cms/topic_unsubscribe.html",
            {"error": "This unsubscribe link is not valid. Please use the link in your email."},
            status=400,
        )
    response = render(request, "cms/topic_unsubscribe.html", {})
    response._has_been_logged = True  # keep the token out of the request log
    return response
