from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import User
from .services import user_erase


class SuperusersOnly:
    """Mixed into a third-party app's own admin: its pages are for superusers only.

    Their labels (django-axes' lockout records, django-tasks-db's task results) are partly or
    wholly English and translating another package's models would mean patching it; they are
    technical records that only the technical administrator (a superuser) reads, so everyone
    else neither sees them in the admin index nor reaches their pages (403).
    """

    def _for_superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._for_superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._for_superuser(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._for_superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._for_superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._for_superuser(request) and super().has_delete_permission(request, obj)


def for_superusers_only(*models) -> None:
    """Re-register each model with its own admin class plus ``SuperusersOnly``."""
    for model in models:
        current = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(current.__name__, (SuperusersOnly, current), {}))


# django-axes (sign-in lockouts) is registered before this module: its app comes earlier
# in INSTALLED_APPS, and the admin imports every app's admin module in that order.
for_superusers_only(AccessAttempt, AccessLog, AccessFailureLog)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "erased_at"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["erased_at", "last_login", "date_joined"]
    actions = ["erase_personal_data"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # People are erased (pseudonymised), never deleted: events and memberships point at them.
        return False

    def has_erase_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(
        description=_("Erase personal data of the selected users (irreversible)"),
        permissions=["erase"],
    )
    def erase_personal_data(self, request, queryset):
        if not self.has_erase_permission(request):
            raise PermissionDenied
        queryset = queryset.filter(erased_at__isnull=True)
        if request.POST.get("confirm") == "yes":
            count = 0
            for user in queryset:
                user_erase(user=user, actor=request.user)
                count += 1
            self.message_user(
                request,
                ngettext(
                    "Erased the personal data of %(count)d user.",
                    "Erased the personal data of %(count)d users.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data?"),
            "users": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "erase_personal_data",
        }
        return TemplateResponse(request, "admin/accounts/erase_confirmation.html", context)
