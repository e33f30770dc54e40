"""The second-factor page: set up an authenticator app once, then confirm each session."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from techbridge.accounts.two_factor import confirmed_device, pending_device, secret_base32
from techbridge.web.next_page import local_next


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    setting_up = device is None
    if device is None:
        device = pending_device(request.user)
    context = {
        "setting_up": setting_up,
        "secret": secret_base32(device) if setting_up else "",
        "config_url": device.config_url if setting_up else "",
        "next": request.GET.get("next", ""),
    }
    if request.method == "POST":
        code = request.POST.get("code", "").strip().replace(" ", "")
        if device.verify_token(code):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            target = local_next(request, request.POST.get("next", ""))
            return redirect(target or "web:home")
        context["error"] = _("That code is not right (or was used already). Try the next one.")
        return render(request, "accounts/two_factor.html", context, status=400)
    return render(request, "accounts/two_factor.html", context)
