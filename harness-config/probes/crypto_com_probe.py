#!/usr/bin/env python3
"""authbisect probe for the demo's Crypto.com client (see harness-config/demo.yaml).

A probe is the small program that makes the configured calls through the code under test,
as it is at one module version. authbisect runs it once per module version and environment
(README "Writing a probe" states the contract):

  * cwd is an empty scratch folder. The module at this commit is in $AUTHBISECT_MODULE_DIR;
    demo.yaml puts its backend/ folder on PYTHONPATH so `app.services...` imports.
  * The environment is clean: only what `probe.env` in the config lists (here the
    EXCHANGE_CUSTOM_* variables the client reads, pointing at the relay and carrying this
    environment's credentials), plus the AUTHBISECT_* variables and a proxy that refuses
    every host except the relay.
  * $AUTHBISECT_CALLS names the calls to make, comma-separated. Before each one the probe
    announces it (POST $AUTHBISECT_CONTROL_URL/call/<name>), so the relay knows which
    signed requests belong to which call; afterwards it reports what the code returned
    (POST $AUTHBISECT_CONTROL_URL/result/<name>).
  * Exit 0 when it ran, whatever the calls answered: the relay saw the requests and judges
    them. Exit 125 when this version cannot be tested (the client does not exist yet):
    those cells are SKIPPED, as with `git bisect run`. Anything else is a PROBE_ERROR.

To adapt it to your own client, change MODULE, CLIENT_CLASS and make_client(); the rest
is the contract and stays the same.

Run by hand (no harness): without AUTHBISECT_CONTROL_URL it only prints what each call did.
    PYTHONPATH=path/to/backend EXCHANGE_CUSTOM_BASE_URL=http://127.0.0.1:8080 python3 crypto_com_probe.py
"""
import importlib
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

MODULE = "app.services.brokers.crypto_com_trade"
CLIENT_CLASS = "CryptoComTradeClient"
DEFAULT_CALLS = "get_account_summary,get_open_orders,get_order_history"

CANNOT_TEST = 125
MAX_ERROR_CHARS = 500
MAX_VALUE_CHARS = 4000

# Control requests go straight to the relay: an opener without any proxy.
_control_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def control(kind, name, body=None):
    """POST <control>/<kind>/<name> (kind is "call" or "result"); a no-op outside authbisect."""
    base = os.environ.get("AUTHBISECT_CONTROL_URL")
    if not base:
        return
    url = base.rstrip("/") + "/" + kind + "/" + urllib.parse.quote(name, safe="")
    data = b"" if body is None else json.dumps(body, default=str).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with _control_opener.open(request, timeout=10) as response:
            response.read()
    except urllib.error.HTTPError as refused:
        # the relay says what was wrong (e.g. a call name the config does not have); the calls go on
        print(refused.read().decode("utf-8", "replace").strip() or str(refused), file=sys.stderr)


def freeze_clock():
    """Match the simulator's fixed clock, so nonces and time windows are what it expects."""
    fixed_ms = os.environ.get("AUTHBISECT_FIXED_TIME_MS")
    if not fixed_ms:
        return
    fixed_ms = int(fixed_ms)
    time.time = lambda: fixed_ms / 1000.0
    time.time_ns = lambda: fixed_ms * 1_000_000


def make_client():
    """The client as this module version builds it, or exit 125 if it does not exist yet."""
    try:
        module = importlib.import_module(MODULE)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if MODULE == missing or MODULE.startswith(missing + "."):
            print(f"cannot test: {MODULE} does not exist at this version", file=sys.stderr)
            sys.exit(CANNOT_TEST)
        raise  # the module exists but imports something missing: that is the code's problem
    client_class = getattr(module, CLIENT_CLASS, None)
    if client_class is None:
        print(f"cannot test: {MODULE} has no {CLIENT_CLASS} at this version", file=sys.stderr)
        sys.exit(CANNOT_TEST)
    return client_class()  # reads EXCHANGE_CUSTOM_* from the environment


def truncated(text, limit):
    return text if len(text) <= limit else text[:limit] + "…"


def outcome_of(client, name):
    """Call one client method; what it returned or raised, as a JSON-ready dict."""
    method = getattr(client, name, None)
    if not callable(method):
        return {"ok": False, "error": f"{CLIENT_CLASS} has no method {name} at this version"}
    try:
        value = method()
    except Exception as error:  # the code's own failure is a result, not a probe crash
        result = {"ok": False, "error": truncated(f"{type(error).__name__}: {error}", MAX_ERROR_CHARS)}
        if isinstance(getattr(error, "code", None), int):
            result["code"] = error.code
        return result
    text = json.dumps(value, default=str)
    if len(text) > MAX_VALUE_CHARS:
        return {"ok": True, "truncated": True, "value": truncated(text, MAX_VALUE_CHARS)}
    return {"ok": True, "value": json.loads(text)}


def main():
    freeze_clock()
    client = make_client()
    calls = [c.strip() for c in os.environ.get("AUTHBISECT_CALLS", DEFAULT_CALLS).split(",") if c.strip()]
    for name in calls:
        control("call", name)
        result = outcome_of(client, name)
        control("result", name, result)
        status = "ok" if result["ok"] else "error: " + result["error"]
        print(f"{name}: {status}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
