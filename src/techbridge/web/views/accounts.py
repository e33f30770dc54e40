"""Account pages: sign-up with e-mail verification, throttled log-in, limited password reset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.accounts import throttle
from techbridge.accounts.services import user_update_preferences
from techbridge.accounts.signup import (
    send_verification_mail,
    user_sign_up,
    user_verify_email,
    verification_token,
)
from techbridge.core.errors import ServiceValidationError
from techbridge.web.account_forms import PreferencesForm, SignUpForm
from techbridge.web.base_forms import add_service_errors


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _too_many(request: HttpRequest, template: str, form: Any, wait: int) -> HttpResponse:
    message = throttle.refusal_message(wait)
    response = render(request, template, {"form": form, "throttled": message}, status=429)
    response["Retry-After"] = str(wait)
    return response


class ThrottledLoginView(auth_views.LoginView):
    """Log-in refusing the 6th failure for one account within 30 minutes, even if correct."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Counted as a failure before the password is checked (one atomic step with the limit
        # check, so parallel guesses cannot all slip under it); a success forgives it below.
        email = request.POST.get("username", "")
        wait = throttle.attempt(throttle.LOGIN, email, _client_ip(request)) if email else None
        if wait is not None:
            return _too_many(request, str(self.template_name), self.get_form(), wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        throttle.clear(throttle.LOGIN, user.email)
        response = super().form_valid(form)
        # Pages follow the user's own language from now on, unless they asked for a page.
        language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
        if not self.get_redirect_url():
            response = redirect(translate_url(reverse("web:home"), language))
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """At most three reset mails per address per hour (whether or not an account exists)."""

    success_url = reverse_lazy("web:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("email", "")
        wait = (
            throttle.attempt(throttle.PASSWORD_RESET, email, _client_ip(request)) if email else None
        )
        if wait is not None:
            return _too_many(request, str(self.template_name), self.get_form(), wait)
        return super().post(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    initial = {"preferred_language": get_language()}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
                residence_region=form.cleaned_data["residence_region"],
                accept_privacy=form.cleaned_data["accept_privacy"],
                accept_cross_border=form.cleaned_data["accept_cross_border"],
            )
        except ServiceValidationError as error:
            add_service_errors(form, error)
        else:
            link = request.build_absolute_uri(
                reverse("web:verify_email", args=[verification_token(user)])
            )
            send_verification_mail(user, link)
            return render(request, "accounts/signup_done.html", {"email": user.email})
    return render(request, "accounts/signup.html", {"form": form})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = user_verify_email(token)
    except ServiceValidationError as error:
        problems = [message for messages_ in error.message_dict.values() for message in messages_]
        return render(request, "accounts/verify_failed.html", {"problems": problems}, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome to techbridge."))
    return redirect("web:home")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PreferencesForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "digest_frequency": user.digest_frequency,
        },
    )
    if request.method == "POST" and form.is_valid():
        user_update_preferences(actor=user, **form.cleaned_data)
        language = form.cleaned_data["preferred_language"]
        response = redirect(translate_url(reverse("web:preferences"), language))
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        with translation.override(language):
            messages.success(request, _("Your preferences are saved."))
        return response
    return render(request, "accounts/preferences.html", {"form": form})
