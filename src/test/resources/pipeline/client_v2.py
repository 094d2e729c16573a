"""A tiny Crypto.com-style broker client (test fixture): credentials and base URL from the environment."""
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request


class Client:
    def __init__(self):
        self.key = os.environ["EX_KEY"]
        self.secret = os.environ["EX_SECRET"]
        self.base = os.environ["EX_BASE"].rstrip("/")

    def _sign(self, method, req_id, params, nonce):
        param_str = "".join(k + str(params[k]) for k in sorted(params))
        payload = method + str(req_id) + self.key + param_str + str(nonce)
        return hmac.new(self.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()

    def _call(self, method, params):
        nonce = int(time.time() * 1000)
        body = {"id": 1, "method": method, "params": params, "api_key": self.key, "nonce": nonce}
        body["sig"] = self._sign(method, nonce if method.endswith("balance") else 1, params, nonce)
        req = urllib.request.Request(self.base + "/" + method, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return json.loads(err.read() or b"{}")

    def open_orders(self):
        return self._call("private/get-open-orders", {})

    def balance(self):
        return self._call("private/user-balance", {})
