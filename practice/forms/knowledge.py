"""Public forms of the knowledge base: its filters, endorsements and suggested fixes.

Everything members type is plain text: control characters are removed, and text that a
browser would read as markup is refused with a message saying so (it would never run anyway:
templates escape plain text, but a suggestion full of tags is not one a moderator can use).
"""

from django import forms

from cms.forms import CouncilChoiceField
from cms.sanitize import contains_markup, strip_control_characters
from practice.models import BarrierPage

MARKUP_MESSAGE = "Please write plain text, without anything in angle brackets such as <b> or <script>."
MAX_STEPS = 12
STEP_MAX_LENGTH = 160


class KnowledgeBaseFilterForm(forms.Form):
    """The index's filters, sent with GET so that a filtered list has its own address."""

    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label="All topics",
        error_messages={"invalid_choice": "There is no barrier with that topic. Choose one from the list."},
    )
    category = forms.ChoiceField(
        label="Category",
        choices=[("", "All categories"), *BarrierPage.Category.choices],
        required=False,
        error_messages={"invalid_choice": "That is not one of the categories. Choose one from the list."},
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class EndorsementForm(forms.Form):
    """ "This worked for us" and "we face this too": a button, and optionally the council."""

    council = CouncilChoiceField(
        empty_label="Don’t name a council",
        error_messages={
            "invalid_choice": "That council is not in our list. Choose one from the list, or none."
        },
    )


def _plain_text(value):
    value = strip_control_characters(value or "").strip()
    if contains_markup(value):
        raise forms.ValidationError(MARKUP_MESSAGE, code="markup")
    return value


class SuggestFixForm(forms.Form):
    """A fix suggested by a member from the barrier page: plain text, moderated before it shows."""

    title = forms.CharField(
        label="Your fix in a few words",
        max_length=120,
        help_text="For example: “Run a small pilot and report it to the chief executive”.",
    )
    summary = forms.CharField(
        label="What to do, in one or two sentences",
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps = forms.CharField(
        label="The steps",
        max_length=MAX_STEPS * (STEP_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"One step on each line: up to {MAX_STEPS} steps of up to {STEP_MAX_LENGTH} characters each.",
    )
    where_it_worked = forms.CharField(
        label="Where and how it worked",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Which team or service, what happened, and what changed.",
    )
    council = CouncilChoiceField(
        empty_label="Don’t name a council",
        error_messages={
            "invalid_choice": "That council is not in our list. Choose one from the list, or none."
        },
    )

    def clean_title(self):
        title = " ".join(_plain_text(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError("Please give your fix a title.", code="required")
        return title

    def clean_summary(self):
        summary = _plain_text(self.cleaned_data["summary"])
        if not summary:
            raise forms.ValidationError("Please say what to do in a sentence or two.", code="required")
        return summary

    def clean_where_it_worked(self):
        where = _plain_text(self.cleaned_data["where_it_worked"])
        if not where:
            raise forms.ValidationError("Please say where this worked.", code="required")
        return where

    def clean_steps(self):
        text = _plain_text(self.cleaned_data["steps"])
        steps = [" ".join(line.split()) for line in text.split("\n")]
        steps = [step for step in steps if step]
        if not steps:
            raise forms.ValidationError("Please write at least one step.", code="required")
        if len(steps) > MAX_STEPS:
            raise forms.ValidationError(
                f"Please keep to {MAX_STEPS} steps or fewer (you wrote {len(steps)}).", code="too_many"
            )
        for number, step in enumerate(steps, start=1):
            if len(step) > STEP_MAX_LENGTH:
                raise forms.ValidationError(
                    f"Step {number} is {len(step)} characters long. Keep each step to "
                    f"{STEP_MAX_LENGTH} characters, or split it over two lines.",
                    code="step_too_long",
                )
        return steps
