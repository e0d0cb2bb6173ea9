from django.conf import settings


def site(request):
    """Site-wide values for every template."""
    return {"ESFLOW_SITE_NAME": settings.ESFLOW_SITE_NAME}
