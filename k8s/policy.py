"""Checks on rendered manifests that schemas cannot express; used by k8s/check.sh.

usage: python k8s/policy.py RENDERED.yaml   (exit 1 and one line per problem on failure)
"""

import sys

import yaml


def cpu_cores(value: str) -> float:
    value = str(value)
    return int(value[:-1]) / 1000 if value.endswith("m") else float(value)


def check(docs: list[dict]) -> list[str]:
    problems = []
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    (cm,) = by_kind["ConfigMap"]
    env = cm["data"]
    (dep,) = by_kind["Deployment"]
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    res = c["resources"]

    if res["requests"]["cpu"] != res["limits"]["cpu"]:
        problems.append("CPU request must equal the CPU limit")
    limit = cpu_cores(res["limits"]["cpu"])
    if limit != int(limit) or int(env["ARTICLE_WORKERS"]) != int(limit):
        problems.append(f"ARTICLE_WORKERS={env['ARTICLE_WORKERS']} must equal the CPU limit {limit}")
    if env.get("ARTICLE_LISTEN") != "0.0.0.0:50051":
        problems.append("ARTICLE_LISTEN must be 0.0.0.0:50051")
    pre_stop = c["lifecycle"]["preStop"]["sleep"]["seconds"]
    drain_s = int(env["ARTICLE_DRAIN_TIMEOUT_MS"]) / 1000
    grace = pod["terminationGracePeriodSeconds"]
    if grace <= pre_stop + drain_s:
        problems.append(
            f"terminationGracePeriodSeconds {grace} must exceed preStop {pre_stop}s + drain {drain_s}s"
        )
    if c["readinessProbe"]["grpc"] != {"port": 50051, "service": "article.v1.ArticleService"}:
        problems.append("readiness must probe article.v1.ArticleService over gRPC on 50051")
    if c["livenessProbe"]["grpc"] != {"port": 50051, "service": ""}:
        problems.append('liveness must probe "" over gRPC on 50051')
    sc = c["securityContext"]
    if not (
        sc.get("readOnlyRootFilesystem")
        and sc.get("allowPrivilegeEscalation") is False
        and sc.get("runAsNonRoot")
        and sc.get("runAsUser") == 65532
        and sc.get("capabilities", {}).get("drop") == ["ALL"]
        and sc.get("seccompProfile", {}).get("type") == "RuntimeDefault"
    ):
        problems.append("container securityContext is not the hardened one")
    ru = dep["spec"]["strategy"]["rollingUpdate"]
    if (ru["maxUnavailable"], ru["maxSurge"]) != (0, 1):
        problems.append("rolling update must be maxUnavailable 0, maxSurge 1")
    services = {s["metadata"]["name"]: s for s in by_kind["Service"]}
    if services.get("article-server-headless", {}).get("spec", {}).get("clusterIP") != "None":
        problems.append("a headless Service article-server-headless is required")
    return problems


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    problems = check(docs)
    for p in problems:
        print(f"{sys.argv[1]}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
