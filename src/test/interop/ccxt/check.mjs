// ccxt's cryptocom exchange against the authbisect simulator: a real client, only its URLs changed.
// Usage: SIM_BASE_URL=http://127.0.0.1:PORT node check.mjs
import ccxt from 'ccxt';

const base = process.env.SIM_BASE_URL;
if (!base) {
  console.error('check.mjs: SIM_BASE_URL is not set; expected http://127.0.0.1:PORT');
  process.exit(2);
}

function exchange(apiKey, secret) {
  const e = new ccxt.cryptocom({ apiKey, secret, timeout: 10000, enableRateLimit: false });
  e.urls.api = { ...e.urls.api, base, v1: `${base}/exchange/v1`, v2: `${base}/v2`, derivatives: `${base}/v2` };
  return e;
}

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e && e.constructor ? e.constructor.name : ''} ${e && e.message ? e.message : e}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
async function rejects(fn, errorClass, notClass) {
  try {
    await fn();
  } catch (e) {
    assert(e instanceof errorClass, `expected ${errorClass.name}, got ${e.constructor.name}: ${e.message}`);
    if (notClass) {
      assert(!(e instanceof notClass), `did not expect ${notClass.name}: ${e.message}`);
    }
    return e;
  }
  throw new Error(`expected ${errorClass.name}, but the call succeeded`);
}

const good = exchange('CcxtInteropKey0001', 'ccxt-interop-secret-1');

await check('loadMarkets reads public/get-instruments (and private/get-currency-networks)', async () => {
  const markets = await good.loadMarkets();
  assert(markets['BTC/USDT'] && markets['BTC/USDT'].spot, 'BTC/USDT spot market missing');
  assert(markets['BTC/USD:USD'] && markets['BTC/USD:USD'].swap, 'BTCUSD-PERP swap missing');
  assert(good.currencies['USDT'], 'USDT currency missing');
});
await check('fetchBalance reads private/user-balance', async () => {
  const b = await good.fetchBalance();
  assert(b.USDT && b.USDT.total === 1520.4412, `USDT total ${b.USDT && b.USDT.total}`);
  assert(b.BTC && b.BTC.total === 0.0214, `BTC total ${b.BTC && b.BTC.total}`);
});
await check('fetchOpenOrders reads private/get-open-orders', async () => {
  const orders = await good.fetchOpenOrders('BTC/USDT');
  assert(orders.some((o) => o.id === '6530219599901241143' && o.status === 'open'), JSON.stringify(orders.map((o) => o.id)));
});
await check('fetchOrders reads private/get-order-history', async () => {
  const orders = await good.fetchOrders('BTC/USDT', undefined, 20);
  assert(orders.some((o) => o.status === 'closed'), JSON.stringify(orders.map((o) => o.status)));
});
await check('fetchTicker reads public/get-tickers', async () => {
  const t = await good.fetchTicker('BTC/USDT');
  assert(t.symbol === 'BTC/USDT' && t.last === 86250.12, JSON.stringify({ symbol: t.symbol, last: t.last }));
});
await check('createOrder and cancelOrder use private/create-order and private/cancel-order', async () => {
  const o = await good.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50000);
  assert(o.id, 'no order id');
  const open = await good.fetchOpenOrders('BTC/USDT');
  assert(open.some((x) => x.id === o.id), 'created order is not open');
  await good.cancelOrder(o.id, 'BTC/USDT');
});
await check('v2 private/get-account-summary answers through ccxt\'s implicit API', async () => {
  const r = await good.v2PrivatePostPrivateGetAccountSummary({});
  assert(String(r.code) === '0' && r.result.accounts.length === 3, JSON.stringify(r));
});

const wrongSecret = exchange('CcxtInteropKey0001', 'not-the-secret');
wrongSecret.setMarkets(good.markets, good.currencies);
await check('a wrong secret gives AuthenticationError (40101)', () =>
  rejects(() => wrongSecret.fetchBalance(), ccxt.AuthenticationError));

const elsewhere = exchange('CcxtInteropKey0002', 'ccxt-interop-secret-2');
elsewhere.setMarkets(good.markets, good.currencies);
await check('an IP outside the allowlist gives AuthenticationError (40103)', async () => {
  const e = await rejects(() => elsewhere.fetchOpenOrders('BTC/USDT'), ccxt.AuthenticationError);
  assert(e.message.includes('40103'), e.message);
});

const revoked = exchange('CcxtInteropKey0003', 'ccxt-interop-secret-3');
revoked.setMarkets(good.markets, good.currencies);
await check('a revoked key gives AuthenticationError (40101)', () =>
  rejects(() => revoked.fetchOrders('BTC/USDT'), ccxt.AuthenticationError));

const unknown = exchange('CcxtNoSuchKey', 'whatever');
unknown.setMarkets(good.markets, good.currencies);
await check('an unknown key gives AuthenticationError (40101)', () =>
  rejects(() => unknown.fetchBalance(), ccxt.AuthenticationError));

const slowClock = exchange('CcxtInteropKey0001', 'ccxt-interop-secret-1');
slowClock.setMarkets(good.markets, good.currencies);
slowClock.nonce = () => Date.now() - 120000; // a client whose clock runs two minutes behind
await check('a nonce outside the window gives InvalidNonce (40102)', () =>
  rejects(() => slowClock.fetchBalance(), ccxt.InvalidNonce, ccxt.AuthenticationError));

console.log(`interop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
