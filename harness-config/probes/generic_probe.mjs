#!/usr/bin/env node
// Generic authbisect probe for Node clients: import a module, construct a client, call named methods.
//
// Copy it and adapt it; it uses Node's standard library only (Node 18 or newer). authbisect runs it
// once per module version and environment, in a clean environment (README "Writing a probe").
//
// Configure it in probe.env (Mustache templates), for example:
//
//     probe:
//       command: [node, "${configDir}/probes/generic_probe.mjs"]
//       env:
//         PROBE_MODULE: "{{module.dir}}/src/exchange.js"   // imported with import()
//         PROBE_CLASS: ExchangeClient                      // a named export, or the default export
//         EXCHANGE_BASE_URL: "{{relay.url}}"               // whatever your code reads from process.env
//         EXCHANGE_API_KEY: "{{credentials.api_key}}"
//         EXCHANGE_API_SECRET: "{{credentials.api_secret}}"
//         PROBE_INIT_baseUrl: "{{relay.url}}"              // -> new ExchangeClient({baseUrl: ...}) (optional)
//         PROBE_CALL_GET_OPEN_ORDERS: openOrders           // call get_open_orders -> client.openOrders()
//         PROBE_ARGS_GET_ORDER_HISTORY: '{"limit": 20}'    // one argument (JSON); a JSON array is spread
//
// PROBE_INIT_<name> become the options object passed to the constructor (<name> as written).
// For each call in AUTHBISECT_CALLS the method is PROBE_CALL_<CALL> (the call name in upper case,
// non-alphanumerics as _), or the call name itself.
//
// Exit codes: 0 when it ran (a call that threw is reported, not fatal); 125 when PROBE_MODULE or
// PROBE_CLASS does not exist at this version, so authbisect marks the version SKIPPED, as
// `git bisect run` does; 2 when misconfigured; anything else (a crash) is a probe error.
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { request } from "node:http";
import { pathToFileURL } from "node:url";

const LIMIT = 2000; // characters of a returned value or error sent to authbisect

function envKey(name) {
  return name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();
}

// Control requests go straight to authbisect (plain http on 127.0.0.1), never through a proxy.
function control(kind, call, body) {
  const base = process.env.AUTHBISECT_CONTROL_URL;
  if (!base) {
    return Promise.resolve();
  }
  const url = new URL(base.replace(/\/$/, "") + "/" + kind + "/" + encodeURIComponent(call));
  const data = body === undefined ? "" : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end(data);
  });
}

function shown(value) {
  try {
    const text = JSON.stringify(value);
    if (text === undefined || text.length <= LIMIT) {
      return value === undefined ? null : value;
    }
    return text.slice(0, LIMIT) + "…";
  } catch {
    return String(value).slice(0, LIMIT);
  }
}

// When the simulator runs on a fixed clock, run ours from the same instant (Date.now and new Date()).
function freezeClock() {
  const fixed = process.env.AUTHBISECT_FIXED_TIME_MS;
  if (!fixed) {
    return;
  }
  const offset = Number(fixed) - Date.now();
  const realNow = Date.now;
  const RealDate = Date;
  Date.now = () => realNow() + offset;
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [realNow() + offset]));
    }
    static now() {
      return realNow() + offset;
    }
  };
}

async function main() {
  const moduleSetting = process.env.PROBE_MODULE;
  const className = process.env.PROBE_CLASS;
  if (!moduleSetting || !className) {
    console.error("generic_probe: set PROBE_MODULE and PROBE_CLASS in probe.env");
    return 2;
  }
  const file = isAbsolute(moduleSetting) ? moduleSetting : join(process.env.AUTHBISECT_MODULE_DIR || ".", moduleSetting);
  if (!existsSync(file)) {
    console.error(`cannot test this version: no module ${moduleSetting}`);
    return 125;
  }
  freezeClock();
  const mod = await import(pathToFileURL(file).href);
  const ClientClass = mod[className] ?? mod.default?.[className]
    ?? (typeof mod.default === "function" && mod.default.name === className ? mod.default : undefined);
  if (typeof ClientClass !== "function") {
    console.error(`cannot test this version: ${moduleSetting} exports no ${className}`);
    return 125;
  }
  const options = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith("PROBE_INIT_")) {
      options[k.slice("PROBE_INIT_".length)] = v;
    }
  }
  const client = Object.keys(options).length ? new ClientClass(options) : new ClientClass();
  for (const call of (process.env.AUTHBISECT_CALLS || "").split(",").filter(Boolean)) {
    const method = process.env[`PROBE_CALL_${envKey(call)}`] || call;
    const argsText = process.env[`PROBE_ARGS_${envKey(call)}`];
    const parsed = argsText ? JSON.parse(argsText) : undefined;
    const args = Array.isArray(parsed) ? parsed : parsed === undefined ? [] : [parsed];
    await control("call", call);
    let result;
    try {
      result = { ok: true, value: shown(await client[method](...args)) };
    } catch (e) {
      result = { ok: false, error: `${e?.name ?? "Error"}: ${e?.message ?? e}`.slice(0, LIMIT) };
    }
    await control("result", call, result);
    console.log(`${call}: ${result.ok ? "ok" : result.error}`);
  }
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
