// ccxt's binance exchange against the authbisect simulator: a real client, only its URLs changed
// (and its options limited to the spot market, which is all the simulator serves).
// Usage: SIM_BASE_URL=http://127.0.0.1:PORT node check-binance.mjs
import ccxt from 'ccxt';

const base = process.env.SIM_BASE_URL;
if (!base) {
  console.error('check-binance.mjs: SIM_BASE_URL is not set; expected http://127.0.0.1:PORT');
  process.exit(2);
}

function exchange(apiKey, secret) {
  const e = new ccxt.binance({
    apiKey,
    secret,
    timeout: 10000,
    enableRateLimit: false,
    options: { fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false, defaultType: 'spot' },
  });
  e.urls.api = { ...e.urls.api, public: `${base}/api/v3`, private: `${base}/api/v3`, v1: `${base}/api/v1` };
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
async function rejects(fn, errorClass, code, notClass) {
  try {
    await fn();
  } catch (e) {
    assert(e instanceof errorClass, `expected ${errorClass.name}, got ${e.constructor.name}: ${e.message}`);
    if (notClass) {
      assert(!(e instanceof notClass), `did not expect ${notClass.name}: ${e.message}`);
    }
    if (code) {
      assert(e.message.includes(`"code":${code}`), `expected code ${code} in: ${e.message}`);
    }
    return e;
  }
  throw new Error(`expected ${errorClass.name}, but the call succeeded`);
}

const good = exchange('CcxtBinanceKey0001', 'ccxt-binance-secret-1');

await check('fetchTime reads /api/v3/time', async () => {
  const t = await good.fetchTime();
  assert(Math.abs(t - Date.now()) < 60000, `server time ${t}`);
});
await check('loadMarkets reads /api/v3/exchangeInfo', async () => {
  const markets = await good.loadMarkets();
  const btc = markets['BTC/USDT'];
  assert(btc && btc.spot && btc.id === 'BTCUSDT', 'BTC/USDT spot market missing');
  assert(btc.precision.price === 0.01 && btc.limits.amount.min === 0.00001, JSON.stringify({ p: btc.precision, l: btc.limits.amount }));
  assert(markets['ETH/BTC'], 'ETH/BTC missing');
});
await check('fetchTicker reads /api/v3/ticker/24hr', async () => {
  const t = await good.fetchTicker('BTC/USDT');
  assert(t.symbol === 'BTC/USDT' && t.last === 86250.12 && t.bid === 86250.11, JSON.stringify({ s: t.symbol, last: t.last, bid: t.bid }));
});
await check('fetchLastPrices reads /api/v3/ticker/price', async () => {
  const p = await good.fetchLastPrices(['BTC/USDT', 'ETH/USDT']);
  assert(p['BTC/USDT'] && p['BTC/USDT'].price === 86250.12 && p['ETH/USDT'].price === 2951.37, JSON.stringify(p));
});
await check('fetchBalance reads /api/v3/account', async () => {
  const b = await good.fetchBalance();
  assert(b.USDT && b.USDT.free === 1520.4412 && b.USDT.used === 80, JSON.stringify(b.USDT));
  assert(b.BTC && b.BTC.total === 0.0224, JSON.stringify(b.BTC));
});
await check('fetchOpenOrders reads /api/v3/openOrders', async () => {
  const orders = await good.fetchOpenOrders('BTC/USDT');
  assert(orders.some((o) => o.id === '28457' && o.status === 'open' && o.price === 80000), JSON.stringify(orders.map((o) => o.id)));
});
await check('fetchOrders reads /api/v3/allOrders (order history)', async () => {
  const orders = await good.fetchOrders('BTC/USDT', undefined, 20);
  assert(orders.some((o) => o.status === 'closed' && o.type === 'market'), JSON.stringify(orders.map((o) => [o.id, o.status])));
  assert(orders.some((o) => o.status === 'open'), 'the open order is in the history too');
});
await check('createOrder, fetchOrder and cancelOrder use POST, GET and DELETE /api/v3/order', async () => {
  const o = await good.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50000);
  assert(o.id && o.status === 'open' && o.clientOrderId.startsWith('x-'), JSON.stringify({ id: o.id, s: o.status, c: o.clientOrderId }));
  const fetched = await good.fetchOrder(o.id, 'BTC/USDT');
  assert(fetched.id === o.id && fetched.price === 50000, JSON.stringify(fetched.info));
  const canceled = await good.cancelOrder(o.id, 'BTC/USDT');
  assert(canceled.status === 'canceled', JSON.stringify(canceled.info));
  await rejects(() => good.cancelOrder(o.id, 'BTC/USDT'), ccxt.OrderNotFound, -2011);
});
await check('an unknown order is OrderNotFound (-2013)', () =>
  rejects(() => good.fetchOrder('1', 'BTC/USDT'), ccxt.OrderNotFound, -2013));

function withMarkets(e) {
  e.setMarkets(good.markets, good.currencies);
  return e;
}

await check('a wrong secret gives AuthenticationError (-1022)', () =>
  rejects(() => withMarkets(exchange('CcxtBinanceKey0001', 'not-the-secret')).fetchBalance(), ccxt.AuthenticationError, -1022));
await check('a malformed API key gives AuthenticationError (-2014)', () =>
  rejects(() => withMarkets(exchange('not a key!', 'x')).fetchBalance(), ccxt.AuthenticationError, -2014));
await check('an unknown key gives AuthenticationError (-2015)', () =>
  rejects(() => withMarkets(exchange('CcxtNoSuchKey', 'whatever')).fetchBalance(), ccxt.AuthenticationError, -2015));
await check('an IP outside the key\'s list gives AuthenticationError (-2015)', () =>
  rejects(() => withMarkets(exchange('CcxtBinanceKey0002', 'ccxt-binance-secret-2')).fetchOpenOrders('BTC/USDT'),
    ccxt.AuthenticationError, -2015));
await check('a revoked key gives AuthenticationError (-2015)', () =>
  rejects(() => withMarkets(exchange('CcxtBinanceKey0003', 'ccxt-binance-secret-3')).fetchOrders('BTC/USDT'),
    ccxt.AuthenticationError, -2015));
await check('a read-only key placing an order gives AuthenticationError (-2015)', () =>
  rejects(() => withMarkets(exchange('CcxtBinanceKey0004', 'ccxt-binance-secret-4')).createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50000),
    ccxt.AuthenticationError, -2015));

const slowClock = withMarkets(exchange('CcxtBinanceKey0001', 'ccxt-binance-secret-1'));
slowClock.nonce = () => Date.now() - 120000; // a client whose clock runs two minutes behind
await check('a timestamp outside recvWindow gives InvalidNonce (-1021)', () =>
  rejects(() => slowClock.fetchBalance(), ccxt.InvalidNonce, -1021, ccxt.AuthenticationError));

const burst = withMarkets(exchange('CcxtBinanceKey0005', 'ccxt-binance-secret-5'));
await check('going over the rate limit gives RateLimitExceeded/DDoSProtection (HTTP 429, -1003)', async () => {
  const results = await Promise.allSettled(Array.from({ length: 40 }, () => burst.fetchBalance()));
  const limited = results.filter((r) => r.status === 'rejected');
  assert(limited.length > 0, 'no request was rate limited');
  for (const r of limited) {
    assert(r.reason instanceof ccxt.DDoSProtection, `${r.reason.constructor.name}: ${r.reason.message}`);
    assert(r.reason.message.includes('429') && r.reason.message.includes('-1003'), r.reason.message);
  }
});

console.log(`interop (binance): ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
