// Crypto.com Exchange client of the bot (test fixture for `authbisect init`, Node flavour).
import { createHmac } from "node:crypto";

const HISTORY = "private/get-order-history"; // a constant the scan does not follow

export class CdcClient {
  constructor({ apiKey, apiSecret, baseUrl } = {}) {
    this.apiKey = process.env.CDC_KEY ?? apiKey;
    this.apiSecret = process.env["CDC_SECRET"] ?? apiSecret;
    this.baseUrl = (baseUrl ?? "https://api.crypto.com/exchange/v1").replace(/\/$/, "");
  }

  sign(method, id, params, nonce) {
    const paramString = Object.keys(params).sort().map((k) => k + String(params[k])).join("");
    return createHmac("sha256", this.apiSecret).update(method + id + this.apiKey + paramString + nonce).digest("hex");
  }

  async post(method, params = {}) {
    const nonce = Date.now();
    const body = { id: 3, method, api_key: this.apiKey, params, nonce };
    body.sig = this.sign(method, 3, params, nonce);
    const res = await fetch(`${this.baseUrl}/${method}`, { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return res.json();
  }

  async balances() {
    return this.post("private/user-balance");
  }

  async openOrders({ instrument } = {}) {
    return this.post("private/get-open-orders", instrument ? { instrument_name: instrument } : {});
  }

  cancel(orderId) {
    return this.post("private/cancel-order", { order_id: orderId });
  }
}
