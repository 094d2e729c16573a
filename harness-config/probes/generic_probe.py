#!/usr/bin/env python3
"""Generic authbisect probe: import a module, construct a client, call named methods.

Copy it and adapt it; it uses the Python 3 standard library only. authbisect runs it once per
module version and environment, in a clean environment (README "Writing a probe").

Configure it in probe.env (Mustache templates), for example:

    probe:
      command: [python3, "${configDir}/probes/generic_probe.py"]
      env:
        PYTHONPATH: "{{module.dir}}/backend"
        PROBE_MODULE: app.exchange_client        # imported with importlib
        PROBE_CLASS: ExchangeClient              # constructed once
        PROBE_INIT_BASE_URL: "{{relay.url}}"     # -> ExchangeClient(base_url=..., api_key=..., api_secret=...)
        PROBE_INIT_API_KEY: "{{credentials.api_key}}"
        PROBE_INIT_API_SECRET: "{{credentials.api_secret}}"
        PROBE_CALL_GET_OPEN_ORDERS: open_orders  # call get_open_orders -> client.open_orders()
        PROBE_ARGS_GET_ORDER_HISTORY: '{"limit": 20}'   # keyword arguments, JSON

PROBE_INIT_<NAME> become keyword arguments of the constructor (<name> in lower case).
For each call in AUTHBISECT_CALLS the method is PROBE_CALL_<CALL> (the call name in upper
case), or the call name itself; PROBE_ARGS_<CALL> holds its keyword arguments as JSON.

Exit codes: 0 when it ran (a call that raised is reported, not fatal); 125 when PROBE_MODULE
(or a package above it) or PROBE_CLASS does not exist at this version, so authbisect marks the
version SKIPPED, as `git bisect run` does; 2 when misconfigured; anything else (a crash, a missing
third-party dependency) is a probe error.
"""
import importlib
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

LIMIT = 2000  # characters of a returned value or error sent to authbisect

# Control requests go straight to authbisect, never through the egress sentinel proxy.
CONTROL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def control(kind, call, body=None):
    url = os.environ["AUTHBISECT_CONTROL_URL"].rstrip("/") + "/" + kind + "/" + urllib.parse.quote(call)
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        CONTROL.open(request, timeout=10).close()
    except urllib.error.HTTPError as refused:
        # the relay says what was wrong (e.g. a call name the config does not have); the calls go on
        print(refused.read().decode("utf-8", "replace").strip() or str(refused), file=sys.stderr)


def env_key(name):
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def shown(value):
    """The value as JSON when it is JSON and short; otherwise its text, truncated."""
    try:
        text = json.dumps(value)
        if len(text) <= LIMIT:
            return value
    except (TypeError, ValueError):
        text = repr(value)
    return text[:LIMIT] + "…"


def freeze_clock():
    """When the simulator runs on a fixed clock, run ours from the same instant (time.time only)."""
    fixed_ms = os.environ.get("AUTHBISECT_FIXED_TIME_MS")
    if fixed_ms:
        offset = int(fixed_ms) / 1000 - time.time()
        real_time = time.time
        time.time = lambda: real_time() + offset
        time.time_ns = lambda: int((real_time() + offset) * 1e9)


def load_client_class(module_name, class_name):
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name == module_name or module_name.startswith(f"{e.name}."):
            print(f"cannot test this version: no module {module_name}", file=sys.stderr)
            sys.exit(125)
        raise  # a dependency is missing: that is a probe error, not an untestable version
    if not hasattr(module, class_name):
        print(f"cannot test this version: {module_name} has no {class_name}", file=sys.stderr)
        sys.exit(125)
    return getattr(module, class_name)


def main():
    module_name, class_name = os.environ.get("PROBE_MODULE"), os.environ.get("PROBE_CLASS")
    if not module_name or not class_name:
        print("generic_probe: set PROBE_MODULE and PROBE_CLASS in probe.env", file=sys.stderr)
        return 2
    freeze_clock()
    client_class = load_client_class(module_name, class_name)
    init = {k[len("PROBE_INIT_"):].lower(): v for k, v in os.environ.items() if k.startswith("PROBE_INIT_")}
    client = client_class(**init)

    for call in filter(None, os.environ.get("AUTHBISECT_CALLS", "").split(",")):
        method = os.environ.get(f"PROBE_CALL_{env_key(call)}", call)
        kwargs = json.loads(os.environ.get(f"PROBE_ARGS_{env_key(call)}", "{}"))
        control("call", call)
        try:
            result = {"ok": True, "value": shown(getattr(client, method)(**kwargs))}
        except Exception as e:  # what the code raised is the result of this call
            result = {"ok": False, "error": f"{type(e).__name__}: {e}"[:LIMIT]}
        control("result", call, result)
        print(f"{call}: {'ok' if result['ok'] else result['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
