import os
import subprocess
import sys

from django.urls import reverse


def test_security_headers(client, world):
    client.force_login(world.viewer)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_language_switch_persists(client, world):
    client.force_login(world.viewer)
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/organisation/"})
    assert response.status_code == 302
    assert client.cookies["cymuned_language"].value == "cy"
    page = client.get(reverse("orgs:unit", args=["AG"]))
    assert '<html lang="cy">' in page.content.decode()
    assert "Aman Gwendraeth" in page.content.decode()


def test_welsh_interface_text(client, world):
    client.cookies["cymuned_language"] = "cy"
    page = client.get(reverse("login")).content.decode()
    assert "Mewngofnodi" in page


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "CYMUNED_DEV",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "PYTEST_VERSION",
            "PYTEST_CURRENT_TEST",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        SECRET_KEY="x" * 20 + "production-secret-key-for-the-check-0123456789",
        ALLOWED_HOSTS="cymuned.example",
    )
    env["CYMUNED_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "cymuned.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CYMUNED_DEV", "DEBUG", "SECRET_KEY", "PYTEST_VERSION", "DJANGO_SETTINGS_MODULE"}
    }
    env["CYMUNED_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "cymuned.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
