"""Load for esflow (scripts/loadtest.sh runs it headless against 127.0.0.1 only).

Two user classes, run as two locust processes side by side so that each has its own figures:

- ``Staff``, the request mix. Weights: queue 30 and its tab counts 30 (the browser asks for
  them after each page), case page 25, registry search 15, public profile 15, transition 10,
  document download 5. ``ESFLOW_LOAD_RATE`` (requests/s per user) makes each user open-loop
  at a constant rate (locust's constant_throughput); unset = as fast as possible (peak).
- ``DocumentAuthor``, the documents band: a coordinator publishes an approved case (the
  transition that queues the opinion PDF), then polls the case's documents partial until the
  PDF is ready. "publish → PDF ready" is the time from sending the action to the poll that
  sees the download link: the transition, the outbox, the task worker's pick-up and the
  render, on whatever the worker is doing for the Staff load at the time. One publish per
  ``ESFLOW_LOAD_DOC_PACING`` seconds (2 by default), the next one not before the last is
  ready. Each run takes its cases from ``ESFLOW_LOAD_PUBLISH_FROM`` on in the list that
  bench/load_setup.py wrote (a case is published once).
"""

import json
import os
import random
import time

from locust import HttpUser, constant, constant_pacing, constant_throughput, task

DATA = json.loads(open(os.environ.get("ESFLOW_LOAD_DATA", "var/load.json")).read())  # noqa: SIM115
RATE = float(os.environ.get("ESFLOW_LOAD_RATE", "0"))
DOC_PACING = float(os.environ.get("ESFLOW_LOAD_DOC_PACING", "2"))
PUBLISH_FROM = int(os.environ.get("ESFLOW_LOAD_PUBLISH_FROM", "0"))
#: How often the author looks again: finer than the page's own 3 s, so that the figure is the
#: document's time rather than the poll's (it errs by at most this much, upwards), and coarse
#: enough that the polling adds little to the load. After READY_TIMEOUT it counts as failed.
POLL_EVERY = 0.5
READY_TIMEOUT = 60.0
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


class DocumentAuthor(HttpUser):
    wait_time = constant_pacing(DOC_PACING)
    cases = iter(DATA["publish_cases"][PUBLISH_FROM:])

    def on_start(self):
        self.client.cookies.set("sessionid", DATA["coordinator_session"])
        self.client.cookies.set("csrftoken", DATA["csrf"])

    @task
    def publish_until_ready(self):
        pk = next(self.cases, None)
        if pk is None:
            self.stop()
            return
        started = time.perf_counter()
        response = self.client.post(
            f"/sprawy/{pk}/akcja/publish/",
            data={"csrfmiddlewaretoken": DATA["csrf"], "seen_status": "approved"},
            name="publish",
            allow_redirects=False,
        )
        error = None
        if response.status_code != 302:
            error = RuntimeError(f"publish: HTTP {response.status_code}")
        while error is None:
            partial = self.client.get(
                f"/sprawy/{pk}/dokumenty/",
                headers={"HX-Request": "true"},
                name="case documents (poll)",
            )
            if "/pobierz/" in partial.text:
                break
            if "hx-trigger" not in partial.text:
                error = RuntimeError("the document failed")
            elif time.perf_counter() - started > READY_TIMEOUT:
                error = TimeoutError(f"not ready after {READY_TIMEOUT:.0f} s")
            else:
                time.sleep(POLL_EVERY)
        self.environment.events.request.fire(
            request_type="DOC",
            name="publish → PDF ready",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
