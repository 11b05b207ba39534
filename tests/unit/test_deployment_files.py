"""The container files say what docs/deploy.md promises. Docker's daemon is not available where these
tests run, so the image is not built here: these checks read the Dockerfile and compose.yaml instead."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = (ROOT / "compose.yaml").read_text()


def instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n\s*", " ", text)
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_image_installs_python_packages_only_from_the_lock_with_hashes():
    installs = [args for op, args in instructions(DOCKERFILE) if op == "RUN" and "pip install" in args]

    def from_the_lock(command: str) -> bool:
        return "--require-hashes" in command and "-r requirements.lock" in command

    assert any(from_the_lock(args) for args in installs)
    for args in installs:
        for command in args.split("&&"):
            if "pip install" in command:
                # the lock as listed (it pins every dependency), or the project itself without its own
                assert "--no-deps" in command, command
                assert from_the_lock(command) or "-e ." in command, command
    assert "npm ci" in DOCKERFILE  # front-end packages from package-lock.json


def test_image_runs_as_a_non_root_user_with_a_data_volume():
    final = DOCKERFILE.split("\nFROM ")[-1]
    users = [args for op, args in instructions(final) if op == "USER"]
    assert users and users[-1] not in ("0", "root")
    assert ("VOLUME", "/data") in instructions(final)
    assert "CYMUNED_VAR_DIR=/data" in final


def test_compose_runs_database_web_and_worker_read_only():
    for service in ("db:", "release:", "web:", "worker:"):
        assert re.search(rf"^  {service}", COMPOSE, re.MULTILINE), service
    assert "read_only: true" in COMPOSE and "tmpfs: [/tmp]" in COMPOSE
    assert 'command: ["cymuned", "worker", "--no-reload"]' in COMPOSE
    assert "cymuned migrate --noinput" in COMPOSE  # migrations on release, before web and worker
    assert COMPOSE.count("service_completed_successfully") == 2


def test_the_web_process_freezes_what_it_loaded_and_collects_garbage_less_often(tmp_path):
    """gunicorn loads `cymuned.wsgi`: by then the code's objects are out of the collector's way and its
    first generation waits for 50,000 allocations (the reasons are in the module). In a process of its
    own, so the test run's collector is left as it is."""
    script = "import gc, cymuned.wsgi; print(gc.get_threshold()[0], gc.get_freeze_count())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cymuned.settings", "CYMUNED_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    threshold, frozen = map(int, done.stdout.split())
    assert threshold == 50_000 and frozen > 10_000
