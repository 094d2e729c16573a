"""Smoke test: call the three private endpoints with the credentials in the environment.

    cd backend && python3 scripts/smoke_test_crypto.py
"""
import sys

from app.services.brokers.crypto_com_trade import CryptoComAPIError, CryptoComTradeClient


def main():
    client = CryptoComTradeClient()
    failed = False
    for name in ("get_account_summary", "get_open_orders", "get_order_history"):
        try:
            getattr(client, name)()
            print(f"OK    {name}")
        except CryptoComAPIError as error:
            failed = True
            print(f"FAIL  {name}: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
