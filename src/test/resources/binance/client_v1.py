"""Binance spot REST client of the trading bot (test fixture): signed requests with the standard library."""
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request


class BinanceError(Exception):
    def __init__(self, status, code, msg):
        super().__init__(f"HTTP {status} {code}: {msg}")
        self.status, self.code, self.msg = status, code, msg


class BinanceClient:
    def __init__(self, api_key=None, api_secret=None, base_url=None):
        self.api_key = api_key or os.environ["BINANCE_API_KEY"]
        self.api_secret = api_secret or os.environ["BINANCE_API_SECRET"]
        self.base_url = (base_url or os.environ.get("BINANCE_BASE_URL", "https://api.binance.com")).rstrip("/")

    def _request(self, method, path, query="", signed=False):
        url = self.base_url + path + ("?" + query if query else "")
        headers = {"X-MBX-APIKEY": self.api_key} if signed else {}
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            body = error.read()
            try:
                answer = json.loads(body)
            except ValueError:
                answer = {"msg": body[:200].decode("utf-8", "replace")}
            raise BinanceError(error.code, answer.get("code"), answer.get("msg")) from None

    def _signed_query(self, params):
        params = dict(params, timestamp=int(time.time() * 1000))
        query = urllib.parse.urlencode(params)
        signature = hmac.new(self.api_secret.encode(), query.encode(), hashlib.sha256).hexdigest()
        return query + "&signature=" + signature

    def account(self):
        return self._request("GET", "/api/v3/account", self._signed_query({}), signed=True)

    def open_orders(self, symbol="BTCUSDT"):
        return self._request("GET", "/api/v3/openOrders", self._signed_query({"symbol": symbol}), signed=True)

    def ticker_price(self, symbol="BTCUSDT"):
        return self._request("GET", "/api/v3/ticker/price", urllib.parse.urlencode({"symbol": symbol}))
