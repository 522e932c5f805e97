"""Forms of the mentor pages: the index's filters and the "Message this mentor" relay form."""

from urllib.parse import urlencode

from django import forms

from cms.models import Topic
from cms.sanitize import contains_markup, strip_control_characters, strip_tags

MESSAGE_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 100


class MentorFilterForm(forms.Form):
    """Filters of the mentor index, sent by GET so a filtered list has an address to share."""

    OFFERS = {
        "surgeries": ("Runs surgeries", "offers_surgeries"),
        "calls": ("Offers a 1:1 call", "offers_calls"),
        "messages": ("Answers questions by message", "offers_messages"),
    }

    topic = forms.ChoiceField(label="Topic", required=False)
    platform = forms.ChoiceField(label="Platform", required=False)
    region = forms.ChoiceField(label="Region", required=False)
    offer = forms.ChoiceField(label="What they offer", required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic"), *choices["topic"]]
        self.fields["platform"].choices = [("", "Any platform"), *choices["platform"]]
        self.fields["region"].choices = [("", "Any region"), *choices["region"]]
        self.fields["offer"].choices = [("", "Anything")] + [
            (value, label) for value, (label, _) in self.OFFERS.items()
        ]
        for name, noun in (("topic", "topic"), ("platform", "platform"), ("region", "region")):
            self.fields[name].error_messages["invalid_choice"] = (
                f"No listed mentor has the {noun} “%(value)s”. Choose one from the list."
            )
        self.fields["offer"].error_messages["invalid_choice"] = "Choose what the mentor offers from the list."

    def chosen(self):
        """The filters that were given and are valid."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, mentors):
        chosen = self.chosen()
        if "topic" in chosen:
            mentors = mentors.filter(tagged_topics__tag__slug=chosen["topic"])
        if "platform" in chosen:
            mentors = mentors.filter(platforms__slug=chosen["platform"])
        if "region" in chosen:
            mentors = mentors.filter(council__region=chosen["region"])
        if "offer" in chosen:
            mentors = mentors.filter(**{self.OFFERS[chosen["offer"]][1]: True})
        return mentors

    def query_string(self):
        """The valid filters as a query string, for the pagination links."""
        return urlencode(self.chosen())


class MentorMessageForm(forms.Form):
    """What a visitor sends a mentor. Plain text only; the name never reaches a header raw."""

    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter your name.",
            "max_length": "Enter a name of at most %(limit_value)d characters (it has %(show_value)d).",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="The mentor replies to this address. It is not shown on the site.",
        error_messages={
            "required": "Enter your email address, so the mentor can reply.",
            "invalid": "Enter an email address in the right format, like name@example.gov.uk.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ModelChoiceField(
        label="What is it about?",
        queryset=Topic.objects.none(),
        required=False,
        empty_label="Something else",
        error_messages={"invalid_choice": "Choose one of this mentor’s topics, or “Something else”."},
    )
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        help_text=f"Plain text, up to {MESSAGE_MAX_LENGTH:,} characters. Say what you are trying to do "
        "and what is in the way.",
        error_messages={
            "required": "Write your message.",
            "max_length": "Your message is %(show_value)s characters long: please keep it to "
            f"{MESSAGE_MAX_LENGTH:,} characters.",
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # A honeypot: hidden from people (and from screen readers and the keyboard); bots fill it.
    # Its name matches no browser autofill rule, so a person's browser will not fill it either.
    relay_check = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    HONEYPOT = "relay_check"

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        self.fields["topic"].queryset = mentor.topics.all()
        self.fields["email"].error_messages["required"] = (
            f"Enter your email address, so {mentor.title} can reply."
        )

    def visible_fields(self):
        """Every field people see; the honeypot is rendered apart, in a ``hidden`` container."""
        return [field for field in super().visible_fields() if field.name != self.HONEYPOT]

    @property
    def honeypot(self):
        return self[self.HONEYPOT]

    def is_from_a_bot(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    def clean_name(self):
        raw = self.data.get("name", "")
        if "\n" in raw or "\r" in raw:
            raise forms.ValidationError("Enter your name on one line.")
        name = strip_control_characters(self.cleaned_data["name"]).strip()
        if contains_markup(name):
            raise forms.ValidationError("Enter your name as plain text, without < or > characters.")
        if not name:
            raise forms.ValidationError("Enter your name.")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_message(self):
        message = strip_tags(self.cleaned_data["message"]).strip()
        if not message:
            raise forms.ValidationError("Write your message in plain words.")
        return message

    def message_details(self):
        return {
            "sender_name": self.cleaned_data["name"],
            "sender_email": self.cleaned_data["email"],
            "topic": self.cleaned_data["topic"],
            "body": self.cleaned_data["message"],
        }
