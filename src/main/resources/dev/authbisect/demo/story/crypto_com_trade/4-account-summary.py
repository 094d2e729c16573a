"""Crypto.com Exchange v1 trade client (private endpoints).

Credentials and endpoint come from the environment:

    EXCHANGE_CUSTOM_API_KEY      API key
    EXCHANGE_CUSTOM_API_SECRET   API secret
    EXCHANGE_CUSTOM_BASE_URL     default https://api.crypto.com/exchange/v1

Requests are signed as in the exchange's documentation: HMAC-SHA256 over
method + id + api_key + paramString + nonce, hex encoded.
"""
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request

DEFAULT_BASE_URL = "https://api.crypto.com/exchange/v1"
MAX_LEVEL = 3


class CryptoComAPIError(Exception):
    """The exchange answered with a non-zero code."""

    def __init__(self, code, message):
        super().__init__(f"Crypto.com API error {code}: {message}")
        self.code = code
        self.message = message


def params_to_str(obj, level=0):
    """The exchange's paramString: sorted keys, each followed by its value's str()."""
    if level >= MAX_LEVEL:
        return str(obj)
    out = ""
    for key in sorted(obj):
        out += key
        value = obj[key]
        if value is None:
            out += "null"
        elif isinstance(value, list):
            for item in value:
                out += params_to_str(item, level + 1) if isinstance(item, dict) else str(item)
        elif isinstance(value, dict):
            out += params_to_str(value, level + 1)
        else:
            out += str(value)
    return out


class CryptoComTradeClient:
    def __init__(self, api_key=None, api_secret=None, base_url=None, timeout=10.0):
        self.api_key = (api_key or os.environ.get("EXCHANGE_CUSTOM_API_KEY", "")).strip()
        self.api_secret = (api_secret or os.environ.get("EXCHANGE_CUSTOM_API_SECRET", "")).strip()
        self.base_url = (base_url or os.environ.get("EXCHANGE_CUSTOM_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout

    def _sign(self, request):
        param_str = params_to_str(request.get("params") or {})
        payload = request["method"] + str(request["id"]) + request["api_key"] + param_str + str(request["nonce"])
        return hmac.new(self.api_secret.encode("utf-8"), payload.encode("utf-8"), hashlib.sha256).hexdigest()

    def _post(self, method, params=None):
        request = {
            "id": 1,
            "method": method,
            "api_key": self.api_key,
            "params": params or {},
            "nonce": int(time.time() * 1000),
        }
        request["sig"] = self._sign(request)
        body = json.dumps(request).encode("utf-8")
        http_request = urllib.request.Request(
            f"{self.base_url}/{method}",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(http_request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            try:
                payload = json.loads(text)
            except ValueError:
                raise CryptoComAPIError(None, f"HTTP {error.code}: {text[:200]}") from None
        if payload.get("code", 0) != 0:
            raise CryptoComAPIError(payload.get("code"), payload.get("message", ""))
        return payload.get("result", {})

    def get_account_summary(self):
        """Balances of the trading account."""
        return self._post("private/get-account-summary")

    def get_open_orders(self, instrument_name=None):
        params = {"instrument_name": instrument_name} if instrument_name else {}
        return self._post("private/get-open-orders", params)

    def get_order_history(self, limit=20, hours=24):
        """Orders of the last `hours` hours (window on whole seconds, in milliseconds)."""
        end_time = round(time.time()) * 1000
        start_time = end_time - hours * 3600 * 1000
        # The signature covers str() of every value: a float renders as "1766044800000.0",
        # the exchange renders the number as 1766044800000, and the request fails with 40101.
        return self._post("private/get-order-history", {
            "start_time": int(start_time),
            "end_time": int(end_time),
            "limit": int(limit),
        })
