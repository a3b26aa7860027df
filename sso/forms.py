"""The Wagtail admin's login form under the project's login policy (``WAGTAILADMIN_USER_LOGIN_FORM``).

The throttle (``sso.throttle``) guards every password form inside the authentication backends;
this form only makes ``/admin/login/`` say what the allauth sign-in says when it refuses: how
long to wait, rather than "wrong password".
"""

from __future__ import annotations

from wagtail.admin.forms.auth import LoginForm

from sso import throttle


class AdminLoginForm(LoginForm):
    def get_invalid_login_error(self):
        return throttle.refusal_error(self.request) or super().get_invalid_login_error()
