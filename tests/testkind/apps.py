from django.apps import AppConfig


class TestKindConfig(AppConfig):
    """The test kind, registered like any real kind: from its ``AppConfig.ready``."""

    __test__ = False  # not a pytest test class

    name = "tests.testkind"
    label = "testkind"
    verbose_name = "Test kind"

    def ready(self):
        from .kind import register_test_kind

        register_test_kind()
