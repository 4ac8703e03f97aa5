#!/usr/bin/env bash
# Renders every overlay with `kubectl kustomize` and validates the output offline with
# `kubernetes-validate --strict` against a current Kubernetes version; lints the Dockerfile with
# hadolint, checks cross-field rules with k8s/policy.py, and (when the server binary exists)
# starts the server with each overlay's ConfigMap as its environment. Tools come from
# k8s/requirements.txt into target/k8s-venv (git-ignored).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

K8S_VERSION="${K8S_VERSION:-1.37.0}"
VENV="target/k8s-venv"
# The server binary for the env smoke test (skipped when absent; ARTICLE_SERVER_BIN=none skips).
SERVER_BIN="${ARTICLE_SERVER_BIN:-target/debug/article-server}"
OUT="target/k8s-rendered"

if [ ! -x "$VENV/bin/kubernetes-validate" ] || ! cmp -s k8s/requirements.txt "$VENV/.requirements"; then
  echo "== installing k8s tools into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r k8s/requirements.txt
  cp k8s/requirements.txt "$VENV/.requirements"
fi
KUBECTL="$VENV/bin/kubectl"
"$KUBECTL" version --client

mkdir -p "$OUT"
status=0
for dir in k8s/overlays/*/; do
  overlay="$(basename "$dir")"
  echo "== render $overlay"
  if ! "$KUBECTL" kustomize "$dir" > "$OUT/$overlay.yaml"; then
    echo "FAIL: kubectl kustomize $dir" >&2
    status=1
    continue
  fi
  echo "== validate $overlay (Kubernetes $K8S_VERSION, strict)"
  if ! "$VENV/bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$OUT/$overlay.yaml"; then
    echo "FAIL: kubernetes-validate $OUT/$overlay.yaml" >&2
    status=1
  fi
  echo "== policy $overlay (workers = CPU limit, grace > preStop + drain, probes, hardening)"
  if ! "$VENV/bin/python" k8s/policy.py "$OUT/$overlay.yaml"; then
    echo "FAIL: k8s/policy.py $OUT/$overlay.yaml" >&2
    status=1
  fi
  if [ -x "$SERVER_BIN" ]; then
    echo "== server starts with the $overlay ConfigMap as its environment ($SERVER_BIN)"
    if ! "$VENV/bin/python" k8s/env_smoke.py "$OUT/$overlay.yaml" "$SERVER_BIN"; then
      echo "FAIL: k8s/env_smoke.py $OUT/$overlay.yaml" >&2
      status=1
    fi
  else
    echo "== (skipped: no server binary at $SERVER_BIN for the env smoke test)"
  fi
done

echo "== hadolint Dockerfile"
if ! "$VENV/bin/hadolint" Dockerfile; then
  echo "FAIL: hadolint Dockerfile" >&2
  status=1
fi

if [ "$status" -eq 0 ]; then echo "k8s check: OK"; else echo "k8s check: FAILED" >&2; fi
exit "$status"
