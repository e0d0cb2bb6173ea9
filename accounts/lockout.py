"""How django-axes names the account being tried (settings.AXES_USERNAME_CALLABLE)."""


def username_of(request, credentials: dict | None = None) -> str:
    """The e-mail typed into the login form, lower-cased as accounts stores it, so that
    ``Anna@…`` and ``anna@…`` count against the same lock."""
    source = credentials if credentials else getattr(request, "POST", {})
    return (source.get("username") or "").strip().lower()
