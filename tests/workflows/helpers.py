import datetime


class Clock:
    """A movable 'today' for the engine (``workflows.calendar.today``)."""

    def __init__(self, day: datetime.date):
        self.day = day

    def __call__(self) -> datetime.date:
        return self.day

    def advance(self, days: int) -> None:
        self.day += datetime.timedelta(days=days)
