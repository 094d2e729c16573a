"""Benchmark probe, the same for `git bisect run` and `authbisect bisect`.

Sleeps PROBE_SLEEP seconds (a slow test suite), reads module/state from the module folder
(AUTHBISECT_MODULE_DIR, else the checkout it runs in), exits 125 for "skip", else makes one signed
private/user-balance call to BASE: with the right secret when the state is "good", a wrong one when
"bad" (the venue answers 40101). Exits 0 when the venue said code 0, else 1 (what git bisect run reads;
authbisect reads the call's outcome). Appends "<epoch ms> start" to PROBE_LOG when set.
"""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.request

log = os.environ.get("PROBE_LOG")
if log:
    with open(log, "a") as f:
        f.write("%d start\n" % int(time.time() * 1000))
time.sleep(float(os.environ.get("PROBE_SLEEP", "1")))

module_dir = os.environ.get("AUTHBISECT_MODULE_DIR", os.getcwd())
try:
    with open(os.path.join(module_dir, "module", "state")) as f:
        state = f.read().strip()
except OSError:
    sys.exit(125)
if state == "skip":
    sys.exit(125)

direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
control = os.environ.get("AUTHBISECT_CONTROL_URL")
if control:
    direct.open(urllib.request.Request(control + "/call/balance", data=b"", method="POST")).read()

key = os.environ["KEY"]
secret = os.environ["SECRET"] if state == "good" else "not-the-secret"
method = "private/user-balance"
nonce = int(time.time() * 1000)
sig = hmac.new(secret.encode(), (method + str(nonce) + key + str(nonce)).encode(), hashlib.sha256).hexdigest()
body = json.dumps({"id": nonce, "method": method, "api_key": key, "params": {}, "nonce": nonce, "sig": sig}).encode()
request = urllib.request.Request(os.environ["BASE"] + "/" + method, data=body, headers={"Content-Type": "application/json"})
try:
    answer = json.loads(direct.open(request).read())
except urllib.error.HTTPError as e:
    answer = json.loads(e.read() or b"{}")
sys.exit(0 if answer.get("code") == 0 else 1)
