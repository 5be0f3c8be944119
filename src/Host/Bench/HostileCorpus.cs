namespace ActorVm.Host.Bench;

/// <summary>
/// Contracts written to get the most work out of each unit of gas: each touches one built-in (or
/// host function, or language feature) at scale and keeps at it until its gas runs out. The
/// calibration measures nanoseconds per gas unit over them; the determinism check runs them on two
/// nodes and compares every receipt.
/// </summary>
public static class HostileCorpus
{
    public sealed record Entry(string Name, string Body)
    {
        /// <summary>The contract: one class whose method run() is the body.</summary>
        public string Code => $"class C {{ run() {{ {Body} }} }}\nmodule.exports = C;";
    }

    public const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"run","args":[]}]}""";

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        // Plain code: the instrumenter's own charges.
        new("empty loop", "for (;;) {}"),
        new("arithmetic", "let x = 1; for (;;) { x = (x * 31 + 7) % 1000003; }"),
        new("closures", "for (;;) { const f = (a) => () => a; f(1)(); }"),
        new("object literals", "for (;;) { const o = { a: 1, b: [1, 2, 3], c: { d: 'x' } }; }"),
        new("exceptions", "for (;;) { try { throw new Error('x'); } catch (e) { e.message; } }"),
        new("deep recursion", "const r = (n) => (n > 0 ? r(n - 1) : 0); for (;;) r(250);"),
        new("call depth exceeded", "const r = (n) => r(n + 1); r(0);"),
        new("generators", "function* g() { for (;;) yield 1; } for (const v of g()) {}"),
        new("proxies", "const p = new Proxy({}, { get: (t, k) => k }); for (;;) { p.x; p.y; }"),
        new("getters", "const o = { get v() { return this; } }; for (;;) { o.v.v.v; }"),
        new("for-in over a wide object", "const o = {}; for (let i = 0; i < 2000; i++) o['k' + i] = i; for (;;) { for (const k in o) {} }"),
        new("string concatenation doubling", "for (;;) { let s = 'x'; for (let i = 0; i < 22; i++) s = s + s; s.charCodeAt(7); }"),
        new("template literals", "let s = ''; for (let i = 0;; i++) { s = `${i}:${s.length}`; }"),
        new("comparing long equal strings", "const a = 'x'.repeat(1000000), b = 'x'.repeat(999999) + 'x'; for (;;) a === b;"),
        new("switch on long strings", "const a = 'x'.repeat(1000000), b = 'x'.repeat(999999) + 'y'; for (;;) { switch (a) { case b: break; default: } }"),
        new("comparing long strings in order", "const a = 'x'.repeat(1000000) + 'a', b = 'x'.repeat(1000000) + 'b'; for (;;) a < b;"),
        new("long computed property keys", "const o = {}; const k = 'k'.repeat(100000); for (let i = 0;; i++) o[k + (i % 10)] = i;"),
        new("long Map keys", "const m = new Map(); const k = 'k'.repeat(100000); for (let i = 0;; i++) m.set(k + (i % 10), i);"),
        // Strings.
        new("repeat", "for (;;) 'abc'.repeat(100000);"),
        new("padStart", "for (;;) 'x'.padStart(300000, 'ab');"),
        new("padEnd", "for (;;) 'x'.padEnd(300000);"),
        new("concat", "const s = 'y'.repeat(50000); for (;;) s.concat(s, s, s);"),
        new("split into characters", "const s = 'ab'.repeat(20000); for (;;) s.split('');"),
        new("split on a separator", "const s = 'a,b'.repeat(20000); for (;;) s.split(',');"),
        new("replaceAll", "const s = 'ab-'.repeat(20000); for (;;) s.replaceAll('-', '+++');"),
        new("replace with a function", "const s = 'ab-'.repeat(20000); for (;;) s.replace('-', () => 'x');"),
        new("indexOf a missing needle", "const s = 'a'.repeat(200000); for (;;) s.indexOf('ab');"),
        new("includes", "const s = 'a'.repeat(200000); for (;;) s.includes('b');"),
        new("toUpperCase", "const s = 'abc'.repeat(70000); for (;;) s.toUpperCase();"),
        new("normalize", "const s = 'é'.repeat(70000); for (;;) s.normalize('NFD');"),
        new("trim", "const s = ' '.repeat(200000) + 'x'; for (;;) s.trim();"),
        new("charCodeAt of a long string", "const s = 'q'.repeat(1000000); for (let i = 0;; i++) s.charCodeAt(i % 1000);"),
        new("string iteration", "const s = 'héllo'.repeat(20000); for (;;) { for (const c of s) {} }"),
        new("parseInt of long text", "const s = '7'.repeat(100000); for (;;) parseInt(s);"),
        new("fromCharCode spread", "const a = new Array(9000).fill(65); for (;;) String.fromCharCode(...a);"),
        // Arrays.
        new("fill", "const a = new Array(100000); for (;;) a.fill(1);"),
        new("sort numbers", "const a = []; for (let i = 0; i < 20000; i++) a.push((i * 7919) % 20011); for (;;) a.slice().sort();"),
        new("sort with a comparator", "const a = []; for (let i = 0; i < 20000; i++) a.push((i * 7919) % 20011); for (;;) a.slice().sort((x, y) => x - y);"),
        new("sort strings", "const a = []; for (let i = 0; i < 20000; i++) a.push('k' + ((i * 7919) % 20011)); for (;;) a.slice().sort();"),
        new("join", "const a = new Array(100000).fill('abc'); for (;;) a.join(',');"),
        new("join of holes", "const a = new Array(100000); for (;;) a.join('');"),
        new("concat arrays", "const a = new Array(50000).fill(1); for (;;) a.concat(a, a);"),
        new("map filter reduce", "const a = new Array(20000).fill(2); for (;;) a.map((x) => x + 1).filter((x) => x > 2).reduce((s, x) => s + x, 0);"),
        new("forEach with a built-in callback", "const a = new Array(100000).fill(1); for (;;) a.forEach(Object.freeze);"),
        new("indexOf in an array", "const a = new Array(200000).fill(1); for (;;) a.indexOf(2);"),
        new("includes NaN", "const a = new Array(200000).fill(0); for (;;) a.includes(NaN);"),
        new("reverse", "const a = new Array(200000).fill(1); for (;;) a.reverse();"),
        new("shift", "const a = new Array(100000).fill(1); for (;;) { a.shift(); a.push(1); }"),
        new("unshift", "const a = new Array(100000).fill(1); for (;;) { a.unshift(1); a.pop(); }"),
        new("splice", "const a = new Array(100000).fill(1); for (;;) { a.splice(0, 1, 2, 3); a.length = 100000; }"),
        new("slice", "const a = new Array(200000).fill(1); for (;;) a.slice();"),
        new("flat", "const a = new Array(20000).fill([1, [2, [3]]]); for (;;) a.flat(3);"),
        new("flatMap", "const a = new Array(20000).fill(1); for (;;) a.flatMap((x) => [x, x]);"),
        new("Array.from a length", "for (;;) Array.from({ length: 100000 });"),
        new("spread into an array", "const a = new Array(100000).fill(1); for (;;) [...a];"),
        new("copyWithin", "const a = new Array(200000).fill(1); for (;;) a.copyWithin(0, 1);"),
        new("sparse array with a huge length", "const a = []; a[50000000] = 1; for (;;) a.includes(2);"),
        new("apply with many arguments", "const a = new Array(9000).fill(1); for (;;) Math.max.apply(null, a);"),
        new("String of nested arrays", "let a = []; for (let i = 0; i < 200; i++) a = [a, i]; for (;;) String(a);"),
        // Objects, JSON, collections.
        new("Object.keys of a wide object", "const o = {}; for (let i = 0; i < 20000; i++) o['k' + i] = i; for (;;) Object.keys(o);"),
        new("Object.assign", "const o = {}; for (let i = 0; i < 20000; i++) o['k' + i] = i; for (;;) Object.assign({}, o);"),
        new("Object.entries and fromEntries", "const o = {}; for (let i = 0; i < 10000; i++) o['k' + i] = i; for (;;) Object.fromEntries(Object.entries(o));"),
        new("object spread", "const o = {}; for (let i = 0; i < 20000; i++) o['k' + i] = i; for (;;) ({ ...o });"),
        new("JSON.stringify an array", "const a = new Array(50000).fill({ a: 1, b: 'text' }); for (;;) JSON.stringify(a);"),
        new("JSON.stringify a shared tree", "let a = [1]; for (let i = 0; i < 30; i++) a = [a, a]; for (;;) JSON.stringify(a);"),
        new("JSON.stringify with indent", "let a = 1; for (let i = 0; i < 200; i++) a = [a]; for (;;) JSON.stringify(a, null, 10);"),
        new("JSON.parse", "const t = JSON.stringify(new Array(50000).fill({ a: [1, 2], b: 'x' })); for (;;) JSON.parse(t);"),
        new("JSON.parse with a reviver", "const t = JSON.stringify(new Array(20000).fill([1, 2])); for (;;) JSON.parse(t, (k, v) => v);"),
        new("Map from an array", "const a = new Array(50000).fill(0).map((x, i) => [i, i]); for (;;) new Map(a);"),
        new("Set from an array", "const a = new Array(50000).fill(0).map((x, i) => i); for (;;) new Set(a);"),
        new("Map set and get", "const m = new Map(); for (let i = 0;; i++) { m.set(i % 50000, i); m.get(i % 777); }"),
        new("Set spread", "const s = new Set(new Array(50000).fill(0).map((x, i) => i)); for (;;) [...s];"),
        // Numbers.
        new("BigNumber times", "const x = new BigNumber('9'.repeat(3000)); for (;;) x.times(x);"),
        new("BigNumber div", "BigNumber.config({ DECIMAL_PLACES: 3000 }); const x = new BigNumber(7); for (;;) x.div(3);"),
        new("BigNumber pow", "const x = new BigNumber(3); for (;;) x.pow(20000);"),
        new("BigNumber sqrt", "BigNumber.config({ DECIMAL_PLACES: 2000 }); const x = new BigNumber(2); for (;;) x.sqrt();"),
        new("BigNumber toFixed", "const x = new BigNumber('1e900000'); for (;;) x.toFixed();"),
        new("BigNumber from long text", "const s = '9'.repeat(50000); for (;;) new BigNumber(s);"),
        new("Int64 arithmetic", "let x = new Int64(1); for (;;) { x = x.plus(3).multi(7).mod(1000003); }"),
        new("Float64 division", "let x = new Float64(1); for (;;) { x = x.div(3).plus(1); }"),
        new("number to string", "for (let i = 0;; i++) (i * 1.1).toString(2);"),
        // Host functions.
        new("storage writes of large values", "const v = 'v'.repeat(60000); for (let i = 0;; i++) storage.put('k' + (i % 10), v);"),
        new("storage reads of large values", "storage.put('k', 'v'.repeat(60000)); for (;;) storage.get('k');"),
        new("map grown field by field", "for (let i = 0;; i++) storage.mapPut('m', 'f' + i, '1');"),
        new("map keys of a large map", "for (let i = 0; i < 3000; i++) storage.mapPut('m', 'f' + i, '1'); for (;;) storage.mapKeys('m');"),
        new("map length of a large map", "for (let i = 0; i < 3000; i++) storage.mapPut('m', 'f' + i, '1'); for (;;) storage.mapLen('m');"),
        new("sha3 of large text", "const s = 'z'.repeat(60000); for (;;) IOSTCrypto.sha3(s);"),
        new("console.log of large text", "const s = 'l'.repeat(60000); for (;;) console.debug(s);"),
        new("events until refused", "const s = 'e'.repeat(1000); for (;;) { try { blockchain.event(s); } catch (e) {} }"),
        new("transaction info", "for (;;) { JSON.parse(blockchain.txInfo()); JSON.parse(blockchain.blockInfo()); }"),
    ];
}
