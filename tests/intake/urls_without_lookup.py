"""A URLconf without the CPV lookup, for the widget's fallback test."""

urlpatterns: list = []
