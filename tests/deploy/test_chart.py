"""The Helm chart, rendered offline: what each part of the deployment promises."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from app.observability import metrics
from app.workers import all_workers

ROOT = Path(__file__).parents[2]
_spec = importlib.util.spec_from_file_location("deploy_check", ROOT / "deploy" / "check.py")
assert _spec is not None
assert _spec.loader is not None
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


@pytest.fixture(scope="module")
def manifests() -> list[dict[str, Any]]:
    rendered: list[dict[str, Any]] = check.render({})
    return rendered


def of_kind(manifests: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    [found] = deployment["spec"]["template"]["spec"]["containers"]
    return found


def test_every_value_set_lints_renders_and_validates() -> None:
    assert check.check_chart() == []


def test_the_api_is_probed_scaled_and_protected_from_disruption(
    manifests: list[dict[str, Any]],
) -> None:
    api = container(of_kind(manifests, "Deployment")["prodvor-api"])

    assert api["args"][0] == "serve"
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert api["resources"]["limits"]["memory"]
    assert "prodvor-api" in of_kind(manifests, "HorizontalPodAutoscaler")
    assert "prodvor-api" in of_kind(manifests, "PodDisruptionBudget")


def test_relay_and_one_deployment_per_worker(manifests: list[dict[str, Any]]) -> None:
    deployments = of_kind(manifests, "Deployment")

    assert container(deployments["prodvor-relay"])["args"] == ["relay"]
    workers = {
        container(d)["args"][1] for d in deployments.values() if container(d)["args"][0] == "worker"
    }
    assert workers == set(all_workers())


def test_migrations_run_as_a_pre_upgrade_hook(manifests: list[dict[str, Any]]) -> None:
    job = of_kind(manifests, "Job")["prodvor-migrate"]

    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]


def test_metrics_are_scraped_but_never_exposed(manifests: list[dict[str, Any]]) -> None:
    [ingress] = of_kind(manifests, "Ingress").values()
    service = of_kind(manifests, "Service")["prodvor"]
    [monitor] = of_kind(manifests, "ServiceMonitor").values()

    paths = [p["path"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]]
    assert "/graphql" in paths
    assert not any(path.startswith("/metrics") for path in paths)
    assert [port["name"] for port in service["spec"]["ports"]] == ["http"]
    assert monitor["spec"]["endpoints"][0]["port"] == "metrics"
    assert monitor["spec"]["endpoints"][0]["authorization"]["credentials"]["key"] == "METRICS_TOKEN"
    with pytest.raises(Exception, match="must not expose /metrics"):
        check.render({"ingress": {"paths": ["/graphql", "/metrics"]}})


def test_no_secret_values_and_non_root_pods(manifests: list[dict[str, Any]]) -> None:
    values = yaml.safe_load((ROOT / "helm" / "prodvor" / "values.yaml").read_text())

    assert of_kind(manifests, "Secret") == {}
    assert "password" not in yaml.safe_dump(values).lower()
    for deployment in of_kind(manifests, "Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert container(deployment)["securityContext"]["readOnlyRootFilesystem"] is True


def test_alerts_and_dashboard_ship_with_the_chart(manifests: list[dict[str, Any]]) -> None:
    [rule] = of_kind(manifests, "PrometheusRule").values()
    dashboard = of_kind(manifests, "ConfigMap")["prodvor-dashboard"]

    alerts = {r["alert"] for group in rule["spec"]["groups"] for r in group["rules"]}
    assert alerts == {
        "ProdvorHighErrorRate",
        "ProdvorHighLatencyP99",
        "ProdvorDbPoolSaturated",
        "ProdvorOutboxBacklog",
        "ProdvorConsumerLag",
        "ProdvorDeadLetters",
        "ProdvorAiFailures",
    }
    assert '"uid": "prodvor-bff"' in dashboard["data"]["prodvor.json"]


def test_the_image_runs_as_a_non_root_user_with_the_cli_as_entrypoint() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert dockerfile.count("FROM ") == 2
    assert "USER 10001:10001" in dockerfile
    assert 'ENTRYPOINT ["prodvor"]' in dockerfile
    assert "HEALTHCHECK" in dockerfile


def test_dashboard_and_alerts_read_only_series_the_app_exports(
    manifests: list[dict[str, Any]],
) -> None:
    exported = {
        family.name
        for value in vars(metrics).values()
        if isinstance(value, MetricWrapperBase)
        for family in value.describe()
    }
    dashboard = of_kind(manifests, "ConfigMap")["prodvor-dashboard"]["data"]["prodvor.json"]
    [rule] = of_kind(manifests, "PrometheusRule").values()
    alerts = yaml.safe_dump(rule["spec"])

    used = set(re.findall(r"prodvor_[a-z_]+", dashboard + alerts))
    base = {re.sub(r"_(total|bucket|count|sum)$", "", name) for name in used}
    assert base <= exported | {name.removesuffix("_total") for name in exported}
    assert {name for name in exported if name not in base} == set(), "every series is charted"
