"""Canary probe: leaks every credential it can reach, in every encoding it knows, then makes the calls.

Per environment it ends differently: "office" exits 0, "laptop" crashes (a traceback holding its secret),
"vault" fails (exit 3 after printing its secret). It also looks for other processes' CANARY_* variables in
/proc/*/environ (authbisect's own environment, unless the probe runs in its own PID namespace) and leaks
what it finds, and reads the scenario file's secrets from disk.
"""
import base64
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

fixed = os.environ.get("AUTHBISECT_FIXED_TIME_MS")
if fixed:
    time.time = lambda: int(fixed) / 1000.0


def encodings(value):
    b = value.encode()
    return [value, base64.b64encode(b).decode(), base64.urlsafe_b64encode(b).decode().rstrip("="), b.hex(), b.hex().upper(),
            urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value),
            base64.b64encode(("user:" + value).encode()).decode(), base64.b64encode(("k:" + value + "\n").encode()).decode()]


def leak(label, value):
    print(label, " ".join(encodings(value)))
    print(label, "(stderr)", " ".join(encodings(value)), file=sys.stderr)


for name in ("EX_KEY", "EX_SECRET", "PROBE_TOKEN"):
    if os.environ.get(name):
        leak(name, os.environ[name])

found = []
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            with open("/proc/" + pid + "/environ", "rb") as f:
                for entry in f.read().split(b"\0"):
                    name, _, value = entry.decode("utf-8", "replace").partition("=")
                    if "CANARY" in name:
                        found.append((name, value))
        except OSError:
            pass
print("proc environ canaries visible:", len(found))
for name, value in found:
    leak("environ " + name, value)

scenario = os.environ.get("LEAK_SCENARIO_FILE")
if scenario:
    with open(scenario) as f:
        for secret in re.findall(r"secret: ([A-Za-z0-9-]+)", f.read()):
            leak("scenario file", secret)

module_dir = os.environ["AUTHBISECT_MODULE_DIR"]
if not os.path.exists(os.path.join(module_dir, "broker", "client.py")):
    sys.exit(125)
sys.path.insert(0, module_dir)
from broker.client import Client  # noqa: E402

control = urllib.request.build_opener(urllib.request.ProxyHandler({}))
client = Client()
secret = os.environ["EX_SECRET"]
for name in os.environ["AUTHBISECT_CALLS"].split(","):
    control.open(urllib.request.Request(os.environ["AUTHBISECT_CONTROL_URL"] + "/call/" + name, data=b"", method="POST"))
    answer = getattr(client, name)()
    body = json.dumps({"answer": answer, "secret_b64": base64.b64encode(secret.encode()).decode(), "secret_hex": secret.encode().hex(),
                       "key": client.key}).encode()
    control.open(urllib.request.Request(os.environ["AUTHBISECT_CONTROL_URL"] + "/result/" + name, data=body, method="POST",
                                        headers={"Content-Type": "application/json"}))

env = os.environ["AUTHBISECT_ENV"]
if env == "laptop":
    raise RuntimeError("crashing with " + secret + " / " + base64.b64encode(secret.encode()).decode())
if env == "vault":
    print("failing with", secret.encode().hex(), file=sys.stderr)
    sys.exit(3)
