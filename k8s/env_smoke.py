"""Starts the real server with an overlay's ConfigMap as its environment; used by k8s/check.sh.

usage: python k8s/env_smoke.py RENDERED.yaml SERVER_BINARY

Catches settings the server rejects at start (bad zone, bad log filter, unknown values). Listens
on 127.0.0.1:0 instead of the ConfigMap's ARTICLE_LISTEN; expects the "listening" log line, then
SIGTERM and exit 0.
"""

import os
import signal
import subprocess
import sys
import time

import yaml


def main() -> int:
    rendered, binary = sys.argv[1], sys.argv[2]
    with open(rendered, encoding="utf-8") as f:
        (cm,) = [d for d in yaml.safe_load_all(f) if d and d["kind"] == "ConfigMap"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update({k: str(v) for k, v in cm["data"].items()})
    env["ARTICLE_LISTEN"] = "127.0.0.1:0"
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    lines = []
    for raw in proc.stdout:
        line = raw.decode("utf-8", "replace").rstrip()
        lines.append(line)
        if "listening on" in line:
            break
        if time.monotonic() > deadline:
            break
    else:
        print(f"{rendered}: server exited {proc.wait()} at start:\n" + "\n".join(lines), file=sys.stderr)
        return 1
    if "listening on" not in lines[-1]:
        proc.kill()
        print(f"{rendered}: no listening line:\n" + "\n".join(lines), file=sys.stderr)
        return 1
    print(f"  {lines[-1][:200]}")
    # The server installs its SIGTERM handler when serving starts, just after the "listening"
    # line: a SIGTERM in that window kills it outright (exit -15). Give it a moment.
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    proc.stdout.read()
    code = proc.wait(timeout=30)
    if code != 0:
        print(f"{rendered}: exit {code} after SIGTERM", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
