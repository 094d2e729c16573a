"""Crypto.com Exchange client of the bot (test fixture for `authbisect init`)."""
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request

METHOD_HISTORY = "private/get-order-history"


class ExchangeError(Exception):
    pass


class CryptoClient:
    """Signs private calls with HMAC-SHA256 (see https://api.crypto.com docs)."""

    def __init__(self, timeout=10):
        self.api_key = os.getenv("CDC_API_KEY", "")
        self.secret = os.environ["CDC_API_SECRET"]
        self.base = os.environ.get("CDC_BASE_URL", "https://api.crypto.com/exchange/v1").rstrip("/")
        self.timeout = timeout
        self.debug = os.environ.get("BOT_DEBUG") == "1"

    def _sign(self, method, req_id, params, nonce):
        param_str = "".join(k + str(params[k]) for k in sorted(params))
        payload = method + str(req_id) + self.api_key + param_str + str(nonce)
        return hmac.new(self.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()

    def _post(self, method, params=None):
        params = params or {}
        nonce = int(time.time() * 1000)
        body = {"id": 7, "method": method, "api_key": self.api_key, "params": params, "nonce": nonce}
        body["sig"] = self._sign(method, 7, params, nonce)
        request = urllib.request.Request(self.base + "/" + method, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read())
        except urllib.error.HTTPError as error:
            payload = json.loads(error.read() or b"{}")
        if payload.get("code", 0) != 0:
            raise ExchangeError(payload.get("code"))
        return payload.get("result")

    def balances(self):
        # "private/get-account-summary" is v2 only: v1 calls it user-balance
        return self._post("private/user-balance")

    def open_orders(self, instrument=None):
        return self._post("private/get-open-orders", {"instrument_name": instrument} if instrument else {})

    def order_history(self, limit=20):
        return self._post(METHOD_HISTORY, {"limit": limit})

    def place_order(self, instrument, quantity):
        return self._post("private/create-order", {"instrument_name": instrument, "quantity": quantity})
