// `actorvm test`'s harness: runs test files in Node.js with test(), expect() and chain as globals.
// chain talks to the actorvm process, which runs the contracts in its own engine over in-memory
// state: each request is one line on stdout (marked with \u0001) answered by one line on stdin,
// synchronously, so tests read as plain sequences of calls.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

const MARK = '\u0001';
let pending = '';

function request(op, args) {
  fs.writeSync(1, MARK + JSON.stringify({ op, ...args }) + '\n');
  const buffer = Buffer.alloc(65536);
  while (!pending.includes('\n')) {
    let read;
    try {
      read = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      continue;
    }
    if (read === 0) throw new Error('actorvm went away');
    pending += buffer.toString('utf8', 0, read);
  }
  const end = pending.indexOf('\n');
  const answer = JSON.parse(pending.slice(0, end));
  pending = pending.slice(end + 1);
  if (answer.error) throw new Error(answer.error);
  return answer.result;
}

// A receipt with its returns parsed: r.ok, r.value (the first return), r.returns, r.events, r.logs.
let logs = [];
function receipt(raw) {
  for (const line of raw.logs || []) logs.push(`[${line.level}] ${line.contract}: ${line.message}`);
  const returns = raw.returns.map((text) => { try { return JSON.parse(text); } catch (e) { return text; } });
  return { ...raw, ok: raw.status.code === 0, returns, value: returns[0], logs: raw.logs || [] };
}

let testDir = process.cwd();
const chain = {
  /** Deploys a contract file (or folder, with options.entry) relative to the test file; answers its id. */
  deploy(file, options = {}) {
    const r = request('deploy', { path: path.resolve(testDir, file), as: options.as || 'admin', abi: options.abi && path.resolve(testDir, options.abi), entry: options.entry, gasLimit: options.gasLimit });
    if (r.status.code !== 0) throw new Error(`deploy of ${file} failed: ${r.status.message}`);
    return JSON.parse(r.returns[0]);
  },
  /** A transaction calling contract.method(...args) as options.as (admin by default), in a block of its own. */
  call(contract, method, args = [], options = {}) {
    // A bare signer name means its active permission, as /v1's short form reads it.
    const signers = (options.signers || []).map((s) => (s.includes('@') ? s : `${s}@active`));
    return receipt(request('call', { contract, method, args: JSON.stringify(args), as: options.as || 'admin', signers, gasLimit: options.gasLimit }));
  },
  /** contract.method(...args) read-only, against the last block. */
  query(contract, method, args = [], options = {}) {
    return receipt(request('query', { contract, method, args: JSON.stringify(args), as: options.as || 'admin', gasLimit: options.gasLimit }));
  },
  /** A contract's stored value (or a map's field), or null. */
  storage(contract, key, field) { return request('storage', { contract, key, field: field === undefined ? null : field }); },
  /** Signs an account up (admin pays), as the first use of a name as a publisher does; answers its public key. */
  account(name) { return request('account', { name }); },
  /** An account's balance of a token (iost by default), as a string. */
  balance(account, token = 'iost') { return request('balance', { account, token }); },
  /** Moves the chain's clock forward by some seconds. */
  advance(seconds) { request('advance', { seconds }); },
  get height() { return request('height', {}); },
};

class ExpectationError extends Error {}

function expect(actual) {
  const show = (v) => util.inspect(v, { depth: 6, breakLength: Infinity });
  const make = (negate) => {
    const check = (pass, message) => {
      if (pass === negate) throw new ExpectationError(negate ? `not: ${message}` : message);
    };
    const matchers = {
      toBe: (expected) => check(Object.is(actual, expected), `expected ${show(actual)} to be ${show(expected)}`),
      toEqual: (expected) => check(util.isDeepStrictEqual(actual, expected), `expected ${show(actual)} to equal ${show(expected)}`),
      toContain: (item) => check(actual != null && actual.includes(item), `expected ${show(actual)} to contain ${show(item)}`),
      toMatch: (pattern) => check(new RegExp(pattern).test(String(actual)), `expected ${show(actual)} to match ${pattern}`),
      toBeTruthy: () => check(!!actual, `expected ${show(actual)} to be truthy`),
      toBeNull: () => check(actual === null, `expected ${show(actual)} to be null`),
      toBeGreaterThan: (n) => check(Number(actual) > Number(n), `expected ${show(actual)} to be greater than ${show(n)}`),
      toBeLessThan: (n) => check(Number(actual) < Number(n), `expected ${show(actual)} to be less than ${show(n)}`),
      toThrow: (text) => {
        let error = null;
        try { actual(); } catch (e) { error = e; }
        check(error !== null && (text === undefined || String(error.message).includes(text)),
          error ? `expected an error with ${show(text)}, got ${show(error.message)}` : 'expected a throw');
      },
      /** A receipt whose transaction succeeded. */
      toSucceed: () => check(actual.ok, `expected success, got status ${actual.status.code}: ${actual.status.message}`),
      /** A receipt whose transaction failed, its message containing the text. */
      toFailWith: (text) => check(!actual.ok && actual.status.message.includes(text),
        actual.ok ? `expected a failure with ${show(text)}, but it succeeded` : `expected a failure with ${show(text)}, got: ${actual.status.message}`),
    };
    return matchers;
  };
  return { ...make(false), not: make(true) };
}

// A failure's message and where in the test file it happened; the harness's own frames are noise.
function describe(error, file) {
  if (!(error instanceof Error)) return String(error);
  const at = (error.stack || '').split('\n').find((line) => line.includes(file));
  return at ? `${error.message}\n        ${at.trim()}` : error.message;
}

const tests = [];
function test(name, body) { tests.push({ name, body, file: testDir }); }

global.test = test;
global.expect = expect;
global.chain = chain;

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  testDir = path.dirname(file);
  const before = tests.length;
  require(file);
  console.log(path.relative(process.cwd(), file) || file);
  for (const t of tests.slice(before)) {
    request('reset', {});
    logs = [];
    try {
      t.body();
      passed++;
      console.log(`  \u2713 ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`  \u2717 ${t.name}`);
      console.log(`      ${describe(e, file)}`);
      // What the contracts wrote with console is how a failure is understood.
      for (const line of logs) console.log(`      log ${line}`);
    }
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
