"""Load mix for esflow (bench/load.sh runs it headless against 127.0.0.1 only).

Weights: queue 30 and its tab counts 30 (the browser asks for them after each page), case page 25,
registry search 15, public profile 15, transition 10, document download 5.
``ESFLOW_LOAD_RATE`` (requests/s per user) makes each user open-loop at a constant rate
(locust's constant_throughput); unset = as fast as possible (peak).
"""

import json
import os
import random

from locust import HttpUser, constant, constant_throughput, task

DATA = json.loads(open(os.environ.get("ESFLOW_LOAD_DATA", "var/load.json")).read())  # noqa: SIM115
RATE = float(os.environ.get("ESFLOW_LOAD_RATE", "0"))
SEARCHES = ["catering", "sprzątanie", "zieleni", "szkolenia", "ceramika", "opiekuńcze"]


class Staff(HttpUser):
    wait_time = constant_throughput(RATE) if RATE else constant(0)

    def on_start(self):
        self.client.cookies.set("sessionid", random.choice(DATA["advisor_sessions"]))
        self.client.cookies.set("csrftoken", DATA["csrf"])

    @task(30)
    def queue(self):
        self.client.get("/sprawy/kolejka/?queue=all", name="queue")

    @task(30)
    def queue_counts(self):
        # What the browser asks once a queue page is shown (htmx): the other tabs' counts.
        # A task of its own, as often as the page, so that every task is one request and
        # the open-loop rate (tasks per second) is the request rate.
        self.client.get(
            "/sprawy/kolejka/liczniki/?queue=all",
            headers={"HX-Request": "true"},
            name="queue tab counts",
        )

    @task(25)
    def case_page(self):
        pk = random.choice(DATA["case_ids"])
        self.client.get(f"/sprawy/{pk}/", name="case page")

    @task(15)
    def registry_search(self):
        q = random.choice(SEARCHES)
        self.client.get(f"/portal/rejestr/?q={q}", name="registry search")

    @task(15)
    def public_profile(self):
        pk = random.choice(DATA["profile_ids"])
        self.client.get(f"/portal/rejestr/{pk}/", name="public profile")

    @task(10)
    def transition(self):
        pk = random.choice(DATA["transition_cases"])
        with self.client.post(
            f"/sprawy/{pk}/akcja/reassign/",
            data={
                "csrfmiddlewaretoken": DATA["csrf"],
                "seen_status": "in_review",
                "assignee": random.choice(DATA["assignees"]),
            },
            cookies={"sessionid": DATA["coordinator_session"], "csrftoken": DATA["csrf"]},
            name="transition",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # 302 = done; 409 = another user moved the case first (a correct refusal).
            if response.status_code in (302, 409):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")

    @task(5)
    def document(self):
        if DATA["document_id"]:
            self.client.get(f"/dokumenty/{DATA['document_id']}/pobierz/", name="document")
