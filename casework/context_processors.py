from .models import Notification


def notifications(request) -> dict:
    """The unread count for the header (one COUNT query, only for signed-in users)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"unread_notifications": Notification.objects.for_user(user).unread().count()}
