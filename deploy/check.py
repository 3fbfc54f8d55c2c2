"""Offline checks of the deployment artefacts (``make lint-deploy``).

- the Helm chart lints strictly and renders with its default values and every ``ci/*.yaml``;
- every rendered manifest validates against the Kubernetes API schema (kubernetes-validate,
  strict); custom resources of the Prometheus Operator are checked by shape, and the rendered
  PrometheusRule's groups by ``promtool check rules``;
- ``deploy/kong/kong.yml`` validates against ``deploy/kong/kong.schema.json``.

No cluster and no network: helm-python-sdk renders in-process, schemas ship with the packages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml
from helm_python.chart import Chart, lint

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "helm" / "prodvor"
KUBE_VERSION = "1.31.0"
WARNING = 2  # helm lint severities: 1 info (e.g. "icon is recommended"), 2 warning, 3 error
CUSTOM_KINDS = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
}


def value_sets() -> dict[str, dict[str, Any]]:
    sets: dict[str, dict[str, Any]] = {"default": {}}
    for path in sorted((CHART / "ci").glob("*.yaml")):
        sets[path.name] = yaml.safe_load(path.read_text()) or {}
    return sets


def render(values: dict[str, Any]) -> list[dict[str, Any]]:
    with Chart.load(CHART) as chart:
        files = chart.render(values, name="prodvor", namespace="prodvor", is_upgrade=True)
    documents = []
    for text in files.values():
        documents.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return documents


def check_chart() -> list[str]:
    problems = []
    for label, values in value_sets().items():
        report = lint(CHART, values, strict=True, kube_version=f"v{KUBE_VERSION}")
        findings = [m for m in report["messages"] if m["severity"] >= WARNING] + report["errors"]
        problems += [f"helm lint ({label}): {finding}" for finding in findings]
        for document in render(values):
            problems += [f"{label}: {p}" for p in check_manifest(document)]
    return problems


def check_manifest(document: dict[str, Any]) -> list[str]:
    name = f"{document.get('kind')}/{document.get('metadata', {}).get('name')}"
    if (document.get("apiVersion"), document.get("kind")) in CUSTOM_KINDS:
        return check_custom(document, name)
    try:
        kubernetes_validate.validate(document, KUBE_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{name}: {error.message} at {'/'.join(map(str, error.path))}"]
    except (kubernetes_validate.SchemaNotFoundError, kubernetes_validate.InvalidSchemaError) as e:
        return [f"{name}: {e}"]
    return []


def check_custom(document: dict[str, Any], name: str) -> list[str]:
    spec = document.get("spec") or {}
    if document["kind"] == "ServiceMonitor":
        ok = spec.get("selector", {}).get("matchLabels") and spec.get("endpoints")
        return [] if ok else [f"{name}: selector and endpoints are required"]
    with tempfile.NamedTemporaryFile("w", suffix=".yml") as rules:
        yaml.safe_dump({"groups": spec.get("groups", [])}, rules)
        rules.flush()
        run = subprocess.run(["promtool", "check", "rules", rules.name], capture_output=True)
    return [] if run.returncode == 0 else [f"{name}: {run.stdout.decode()}{run.stderr.decode()}"]


def check_kong() -> list[str]:
    schema = json.loads((ROOT / "deploy" / "kong" / "kong.schema.json").read_text())
    config = yaml.safe_load((ROOT / "deploy" / "kong" / "kong.yml").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"kong.yml: {error.message} at {'/'.join(map(str, error.path))}"
        for error in validator.iter_errors(config)
    ]


def main() -> int:
    problems = check_chart() + check_kong()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"deploy checks: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
