"""Shared fixtures: personas per role (Healthchecks' alice/bob/charlie idea) and the browser."""

import os
import shutil

import pytest

from organizations.choices import Role
from organizations.tests.factories import LevelFactory, MembershipFactory, UnitFactory, UserFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves the data generations where they were,
    so a figure cached by one test would otherwise answer the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def org(db):
    """Two trees. District: root ▸ office A, office B, commune C. Another tree: root2 ▸ office X."""
    district = LevelFactory(code="district", name="Cấp huyện", rank=2)
    commune = LevelFactory(code="commune", name="Cấp xã", rank=3)
    root = UnitFactory(code="R", short_name="UBND huyện Thử", kind="committee", level=district)
    a = UnitFactory(code="A", short_name="Phòng Nội vụ", kind="agency", level=district, parent=root)
    b = UnitFactory(code="B", short_name="Phòng Tư pháp", kind="agency", level=district, parent=root)
    c = UnitFactory(code="C", short_name="UBND xã Tân Phú", kind="commune", level=commune, parent=root)
    root2 = UnitFactory(code="R2", short_name="UBND huyện Khác", kind="committee", level=district)
    x = UnitFactory(code="X", short_name="Phòng Nội vụ huyện Khác", kind="agency", level=district, parent=root2)
    return type("Org", (), {"root": root, "a": a, "b": b, "c": c, "root2": root2, "x": x})


def _member(unit, role, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def officer_a(org):
    return _member(org.a, Role.OFFICER, "officer_a")


@pytest.fixture
def officer_b(org):
    return _member(org.b, Role.OFFICER, "officer_b")


@pytest.fixture
def leader_root(org):
    return _member(org.root, Role.LEADER, "leader_root")


@pytest.fixture
def focal_point(org):
    return _member(org.a, Role.FOCAL_POINT, "focal")


@pytest.fixture
def outsider(org):
    return _member(org.x, Role.FOCAL_POINT, "outsider")


@pytest.fixture
def viewer_c(org):
    return _member(org.c, Role.VIEWER, "viewer_c")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def browser():
    """A headless Debian Chromium driven by Playwright; skipped where none is installed."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Chromium not installed: apt-get install chromium (see README, 'Browser tests')")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test
    # body are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    # bypass_csp: Playwright's polling helpers (wait_for_function) evaluate strings, which the strict CSP
    # forbids; the CSP itself is checked in a context without it (core/tests/test_csp_browser.py).
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login(live_server, page):
    """Log `user` in through the real login form; password 'pw-Secret-123'."""

    def do_login(user):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", "pw-Secret-123")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do_login


@pytest.fixture(autouse=True)
def _media(settings, tmp_path_factory):
    """Uploaded and staged files go to a temporary folder, not to the working tree's var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _mfa_not_required(request, settings):
    """The second factor is required (administrators, focal points) only in tests marked `mfa`:
    the other tests are about other things and sign in with a password or force_login."""
    if "mfa" not in request.keywords:
        settings.MFA_REQUIRED_ROLES = []
        settings.MFA_REQUIRED_FOR_ADMINS = False


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test starts in Vietnamese: a request in English must not leak into the next test."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()
