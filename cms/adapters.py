from allauth.account.adapter import DefaultAccountAdapter

from .tasks import send_rendered_email


class AccountAdapter(DefaultAccountAdapter):
    """Members never get admin access from signing up, and account emails go through Celery."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        send_rendered_email.delay_on_commit(
            message.subject, message.body, list(message.to), message.from_email, html_body
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.is_staff = False
        user.is_superuser = False
        if commit:
            user.save()
        return user
