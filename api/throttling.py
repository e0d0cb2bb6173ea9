"""DRF's throttles with their rates read on each request (``REST_FRAMEWORK`` setting), not
frozen at import, so a deployment or a test may change them."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class AnonThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserThrottle(throttling.UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
