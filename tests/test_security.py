"""Secure defaults: no secret in the code (a random key made at first start, kept in var/ for its
owner only), security headers on every answer (from the response cache too), admin sign-in
attempts limited per client and per user name, a warning when `openll serve` accepts any Host on
an address others reach, and settings under which `openll check --deploy` is clean.

Finding 10: SECRET_KEY defaulted to a fixed string in the code; the admin could be framed;
/admin/login/ was not rate-limited; `openll check --deploy` listed W002, W004, W008, W009, W012,
W016."""

from __future__ import annotations

import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import LL2_FILES
from django.contrib.auth.models import User
from django.test import Client
from live import openll, server_env
from wsgi import CachedAPI

from openll import cli, secret_key

PADS = next(path for path in LL2_FILES if path.name.startswith("pads"))
PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def key_of_a_new_process(env: dict) -> str:
    code = f"import django; django.setup(); {PRINT_KEY}"
    env = {**env, "DJANGO_SETTINGS_MODULE": "openll.settings"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_without_secret_key_a_random_one_is_made_at_first_start_and_kept(tmp_path):
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "SECRET_KEY" not in env
    # Four processes starting at once (workers of one server) agree on one key.
    with ThreadPoolExecutor(4) as pool:
        keys = set(pool.map(lambda _: key_of_a_new_process(env), range(4)))
    assert len(keys) == 1
    key = keys.pop()
    path = tmp_path / "var" / "secret_key"
    assert path.read_text().strip() == key and len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key_of_a_new_process(env) == key  # reused at the next start
    other = tmp_path / "other"
    assert key_of_a_new_process(server_env(other, env["DATABASE_URL"])) != key  # per installation


def test_a_secret_key_from_the_environment_wins_and_writes_nothing(tmp_path):
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}", SECRET_KEY="k" * 60)
    assert key_of_a_new_process(env) == "k" * 60
    assert not (tmp_path / "var" / "secret_key").exists()


def test_a_damaged_key_file_is_refused_with_a_message(tmp_path):
    (tmp_path / "secret_key").write_text("short\n")
    with pytest.raises(Exception, match="not a secret key"):
        secret_key.load_or_create(tmp_path)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("url", ["/2.3.0/pads/?limit=2", "/admin/login/", "/health/", "/2.3.0/pads/999999/"])
def test_security_headers_on_every_answer_from_the_cache_too(load, url):
    load(PADS)
    api = CachedAPI()
    for answer in (api.get(url), api.get(url)):
        assert answer.headers["x-frame-options"] == "DENY", url
        assert answer.headers["x-content-type-options"] == "nosniff", url
        assert answer.headers["referrer-policy"] == "same-origin", url


# --------------------------------------------------------------------------- admin sign-in


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("root", "root@example.org", "right-password")


def sign_in(password: str, username: str = "root", address: str = "192.0.2.1", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_admin_sign_in_is_refused_after_five_failures_even_with_the_right_password(admin_user):
    assert [sign_in("wrong").status_code for _ in range(4)] == [200] * 4  # the form again
    locked = sign_in("wrong")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json" and int(locked["Retry-After"]) == 900
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    assert sign_in("right-password").status_code == 429


def test_a_locked_client_gets_no_fresh_attempts_from_a_made_up_forwarded_for(admin_user):
    for _ in range(5):
        sign_in("wrong", username="nobody")
    assert sign_in("x", username="someone-else", HTTP_X_FORWARDED_FOR="10.9.8.7").status_code == 429


def test_a_user_name_under_attack_is_locked_from_every_address(admin_user):
    for i in range(5):
        sign_in("wrong", address=f"198.51.100.{i}")
    assert sign_in("right-password", address="203.0.113.9").status_code == 429


def test_a_success_before_the_limit_signs_in_and_starts_the_count_again(admin_user):
    for _ in range(4):
        sign_in("wrong")
    assert sign_in("right-password").status_code == 302
    assert [sign_in("wrong").status_code for _ in range(4)] == [200] * 4


# --------------------------------------------------------------------------- serving and deploying


@pytest.mark.parametrize("host, warned", [("0.0.0.0", True), ("10.1.2.3", True), ("127.0.0.1", False)])
def test_serving_any_host_on_a_reachable_address_warns(settings, capsys, host, warned):
    settings.ALLOWED_HOSTS = ["*"]
    cli._check_before_serving(host)
    err = capsys.readouterr().err
    assert ("ALLOWED_HOSTS=*" in err) is warned
    settings.ALLOWED_HOSTS = ["launches.example.org"]
    cli._check_before_serving(host)
    assert "ALLOWED_HOSTS" not in capsys.readouterr().err


def test_check_deploy_is_clean_with_the_production_settings_of_the_readme(tmp_path):
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    default = openll(env, "check", "--deploy", check=False)
    for code in ("W004", "W008", "W012", "W016"):  # what HTTPS settings are for
        assert code in default.stderr + default.stdout
    for code in ("W002", "W009"):  # made safe by default: frames denied, a random key
        assert code not in default.stderr + default.stdout
    production = {"OPENLL_HTTPS": "on", "ALLOWED_HOSTS": "launches.example.org"}
    done = openll(server_env(tmp_path, env["DATABASE_URL"], **production), "check", "--deploy")
    assert "System check identified no issues" in done.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_https_on_http_is_redirected_but_the_health_check(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    client = Client()
    assert client.get("/2.3.0/pads/").status_code == 301
    assert client.get("/health/").status_code == 200
    secure = client.get("/2.3.0/pads/?format=json", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200 and secure["Strict-Transport-Security"].startswith("max-age=3600")
