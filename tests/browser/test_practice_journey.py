"""A good practice from submission to publication in a real browser: an association's member
submits it with a photo, an advisor claims and scores it, a committee member approves it; by
keyboard wherever a form is filled (the file itself is chosen in the system dialog), with
axe-core on every page, in Polish and, for the key pages, in English; then anyone, signed
out, finds it in the public catalogue by a word typed without Polish letters and sees its
photo. (The catalogue's filters, map and similar practices are its own test.)"""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from casework.kinds.practice.models import PracticePhoto, ReviewCriterion
from casework.models import Case
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory, TerritorialUnitFactory

from .test_advisory_journey import act, key_press, key_type, start_at_top

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    TerritorialUnitFactory(code="2604092", name="Masłów")
    association = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Razem w Masłowie"
    )
    rops = OrganisationFactory(rops=True)
    committee = OrganisationFactory(committee=True)
    # A transactional test may find the tables emptied of migration data: two criteria of
    # its own are enough for the journey.
    if not ReviewCriterion.objects.filter(is_active=True).exists():
        for order, (code, name, name_en) in enumerate(
            [
                ("impact", "Wpływ społeczny", "Social impact"),
                ("repeat", "Powtarzalność", "Replicability"),
            ]
        ):
            ReviewCriterion.objects.create(code=code, name=name, name_en=name_en, order=order)
    return {
        "member": MembershipFactory(
            organisation=association,
            user__email="prezes@razem.example.pl",
            user__full_name="Maria Wójcik",
        ).user,
        "advisor": MembershipFactory(
            organisation=rops,
            role=MembershipRole.ADVISOR,
            user__email="doradca@rops.example.pl",
            user__full_name="Piotr Zieliński",
        ).user,
        "member1": MembershipFactory(
            organisation=committee,
            user__email="k1@rkres.example.pl",
            user__full_name="Ewa Kamińska",
        ).user,
    }


def photo_bytes() -> bytes:
    image = Image.new("RGB", (1200, 800), (40, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def press_enter_and_wait(page, tab_to, selector):
    tab_to(page, selector, 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_practice_from_submission_to_approval(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast
):
    member, advisor, member1 = (cast[k] for k in ("member", "advisor", "member1"))

    # 1. The association's member starts a practice…
    login_as(member)
    page.goto(url("casework:practice-new"))
    assert_accessible(page)
    start_at_top(page)
    key_type(page, tab_to, "#id_title", "Stołówka szkolna prowadzona przez stowarzyszenie")
    key_press(page, tab_to, "#id_area_0")  # the first thematic area
    press_enter_and_wait(page, tab_to, "form.narrow-form button[type=submit]")
    case = Case.objects.get()
    assert "/praktyka/" in page.url
    assert_accessible(page)

    # …describes it and saves…
    start_at_top(page)
    for selector, text in [
        ("#id_problem", "Dzieci z małych szkół bez ciepłego posiłku."),
        ("#id_solution", "Stowarzyszenie gotuje i zatrudnia bezrobotnych mieszkańców."),
        ("#id_results", "Ciepły posiłek dla 120 dzieci dziennie."),
    ]:
        key_type(page, tab_to, selector, text)
    press_enter_and_wait(page, tab_to, "button[name=save]")
    assert case.practice.__class__.objects.get(pk=case.pk).results.startswith("Ciepły")

    # …adds a photo (chosen in the system dialog; its description by keyboard)…
    page.set_input_files(
        "#id_photo-file",
        files=[{"name": "stolowka.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
    )
    start_at_top(page)
    key_type(page, tab_to, "#id_photo-alt_text", "Dzieci przy stole w szkolnej stołówce")
    key_type(page, tab_to, "#id_photo-author", "Maria Wójcik")
    key_press(page, tab_to, "#id_photo-licence_0")  # CC BY 4.0
    press_enter_and_wait(page, tab_to, "#photos-manage-title ~ form button[type=submit]")
    photo = PracticePhoto.objects.get()
    assert photo.alt_text == "Dzieci przy stole w szkolnej stołówce"
    assert page.locator(f"img[src='{photo.thumbnail_url}']").is_visible()
    assert (
        page.evaluate(
            "(src) => document.querySelector(`img[src='${src}']`).naturalWidth", photo.thumbnail_url
        )
        == 400
    )
    assert_accessible(page)

    # …and submits it.
    start_at_top(page)
    press_enter_and_wait(page, tab_to, "button[name=submit]")
    case.refresh_from_db()
    assert case.status == "submitted"
    assert page.locator("#practice-photos-title").is_visible()
    assert_accessible(page)

    # 2. The advisor claims it and scores every criterion by keyboard.
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    act(page, tab_to, "accept")
    # In review the office may put the gallery in order (its own page).
    page.goto(url("casework:practice-photos", case.pk))
    assert page.locator("#id_photo-alt_text").is_visible()
    assert_accessible(page)
    page.goto(url("casework:case-detail", case.pk))
    start_at_top(page)
    for criterion in ReviewCriterion.objects.filter(is_active=True):
        tab_to(page, f"#id_score_{criterion.pk}_0", 400)
        for _ in range(3):  # 1 → 4
            page.keyboard.press("ArrowDown")
        key_type(page, tab_to, f"#id_justification_{criterion.pk}", "Dobrze udokumentowane.")
    press_enter_and_wait(page, tab_to, "#score-title ~ form button[type=submit]")
    assert_accessible(page)
    act(page, tab_to, "submit_for_approval")
    case.refresh_from_db()
    assert case.status == "in_approval"

    # 3. A committee member approves it: published.
    login_as(member1)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    act(page, tab_to, "approve")
    case.refresh_from_db()
    assert case.status == "published"
    assert_accessible(page)

    # 4. The member sees it published, with its gallery, in English too.
    login_as(member)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    switch_language(page, "en")
    assert page.locator("#case-status").inner_text() == "published"
    assert page.locator("#practice-photos-title").inner_text() == "Photos"
    assert_accessible(page)
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)

    # 5. The public, signed out, finds it in the catalogue without Polish letters.
    page.context.clear_cookies()
    page.goto(url("portal:catalogue"))
    assert_accessible(page)
    tab_to(page, "#id_q", limit=80)
    page.keyboard.type("stolowka szkolna")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=stolowka**")
    expect(page.locator(".registry-card")).to_have_count(1)  # the results are in
    title = "Stołówka szkolna prowadzona przez stowarzyszenie"
    assert page.locator(".registry-card h3").all_inner_texts() == [title]
    start_at_top(page)
    tab_to(page, ".registry-card h3 a", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title
    assert page.get_attribute(".practice-gallery img", "alt") == (
        "Dzieci przy stole w szkolnej stołówce"
    )
    assert page.eval_on_selector(
        ".practice-gallery img", "img => img.complete && img.naturalWidth > 0"
    )
    assert_accessible(page)
