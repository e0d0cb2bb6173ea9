"""The test suite's settings: the service's own, plus the test kind (``tests.testkind``), an
app only the tests install, so the service never offers the kind ``test``. ``manage.py``
(and ``makemigrations --check``) keep ``config.settings`` and never see it."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testkind"]

# Outermost, so it sees every response as sent: keeps the HTML the browser tests are served,
# for the Nu HTML Checker (tests/browser/nu_html.py); idle unless the browser fixtures run.
MIDDLEWARE = ["tests.browser.nu_html.PageCollector", *MIDDLEWARE]  # noqa: F405
