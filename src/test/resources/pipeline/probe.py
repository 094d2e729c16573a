"""Test probe: loads broker.client from the module folder, announces each call, makes it."""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

fixed = os.environ.get("AUTHBISECT_FIXED_TIME_MS")
if fixed:
    time.time = lambda: int(fixed) / 1000.0

log = os.environ.get("PROBE_LOG")
if log:
    with open(log, "a") as f:
        f.write(json.dumps({"mv": os.environ.get("AUTHBISECT_MODULE_VERSION"), "env": os.environ.get("AUTHBISECT_ENV"),
                            "environ": dict(os.environ), "cwd": os.getcwd()}) + "\n")

mode = os.environ.get("PROBE_MODE", "")
if mode == "hang":
    child = subprocess.Popen(["sleep", os.environ.get("PROBE_SLEEP", "300")])
    with open(os.environ["PROBE_PIDFILE"], "w") as f:
        f.write(str(child.pid))
    time.sleep(300)
if mode == "spam":
    chunk = "x" * 1023 + "\n"
    for _ in range(6 * 1024):
        sys.stdout.write(chunk)
    sys.stdout.flush()
if mode == "egress":
    try:
        urllib.request.urlopen("http://api.ipify.org/?format=json", timeout=3).read()
    except Exception as err:  # the harness refuses it; carry on
        print("egress refused:", err)

module_dir = os.environ["AUTHBISECT_MODULE_DIR"]
if not os.path.exists(os.path.join(module_dir, "broker", "client.py")):
    sys.exit(125)  # no client at this version: cannot test it
sys.path.insert(0, module_dir)
from broker.client import Client  # noqa: E402

control = urllib.request.build_opener(urllib.request.ProxyHandler({}))
client = Client()
if mode == "stalekey":  # the code loads another key than the environment's (a stale .env.local) and logs it
    client.key = "StaleLocalKey0123456789"
    print("using key", client.key, file=sys.stderr)
control_url = os.environ.get("AUTHBISECT_CONTROL_URL")  # absent when run by hand (the benchmark's checkout loop)
for name in os.environ["AUTHBISECT_CALLS"].split(","):
    announced = name[:-1] if mode == "typo" else name  # "typo": a careless probe misspells every call it announces
    if control_url:
        try:
            control.open(urllib.request.Request(control_url + "/call/" + announced, data=b"", method="POST"))
        except urllib.error.HTTPError as refused:
            print(refused.read().decode("utf-8", "replace").strip(), file=sys.stderr)
    print(name, json.dumps(getattr(client, name)())[:200])
