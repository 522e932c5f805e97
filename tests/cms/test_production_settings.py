"""Production settings pass Django's deployment checks and refuse to start without a secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=cms.settings.production",
        SECRET_KEY="x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="practicehub.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", "--settings=cms.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_search_switches_to_elasticsearch_or_opensearch_by_environment_alone():
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS['default'], default=str))"
    )
    for backend in ("modelsearch.backends.elasticsearch8", "modelsearch.backends.opensearch2"):
        environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        environment.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            SEARCH_BACKEND=backend,
            SEARCH_URLS="https://search.internal:9200",
        )
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {script}"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        config = json.loads(result.stdout)
        assert config["BACKEND"] == backend
        assert config["URLS"] == ["https://search.internal:9200"]
        assert "PATH" not in config


def test_whoosh_is_the_default_search_backend():
    from django.conf import settings

    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "cms.search.backends.whoosh"
