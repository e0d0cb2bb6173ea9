"""A test-only page that hosts an intake form, as the request page will (for browser tests)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines

from casework.kinds.advisory.intake.topics import MODE_DRAFT, intake_form

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}
<h1>Wniosek</h1>
<form method="post" novalidate>{% csrf_token %}
{% include "advisory/intake/form_fields.html" with form=form %}
<button type="submit">Zapisz</button>
</form>{% endblock %}"""
)


@login_required
def intake_page(request, topic):
    form = intake_form(topic, data=request.POST or None, mode=MODE_DRAFT)
    if request.method == "POST":
        form.is_valid()
    return HttpResponse(PAGE.render({"form": form}, request))
