// The ceiling for committed transfers: the bench token contract (src/Host/Bench/BenchContract.cs)
// run by plain Node.js over an in-memory Map, with no VM, no gas, no sandbox and no store.
// Usage: node token.js ACCOUNTS TRANSFERS; prints {"tps": N}.
'use strict';
const [accounts, transfers] = process.argv.slice(2).map(Number);
const map = new Map();
const storage = { get: (k) => (map.has(k) ? map.get(k) : null), put: (k, v) => { map.set(k, v); } };
const blockchain = { requireAuth: () => true };
const Token = new Function('storage', 'blockchain', `
  class Token {
    mint(to, amount) { storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount)); }
    transfer(from, to, amount) {
      if (!blockchain.requireAuth(from, 'transfer')) throw new Error('not authorised');
      const balance = Number(storage.get('b_' + from) || '0');
      if (balance < amount) throw new Error('balance not enough');
      storage.put('b_' + from, String(balance - amount));
      storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount));
    }
  }
  return Token;`)(storage, blockchain);
const token = new Token();
for (let i = 0; i < accounts; i++) token.mint('acct' + i, 1000000);
let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const start = process.hrtime.bigint();
for (let i = 0; i < transfers; i++) token.transfer('acct' + (next() % accounts), 'acct' + (next() % accounts), 1);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ tps: transfers / seconds }));
