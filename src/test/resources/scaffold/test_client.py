"""Tests that mock the exchange (they mention its methods too)."""
import hmac
from bot.exchange.client import CryptoClient


class FakeExchange:
    def answer(self):
        return {"method": "private/get-open-orders", "code": 0}


def test_sign():
    assert hmac and CryptoClient and FakeExchange().answer()["method"] == "private/get-open-orders"
