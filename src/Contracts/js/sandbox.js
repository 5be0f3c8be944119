// Runs last when the startup snapshot is made: removes what is not deterministic or not safe
// (docs/determinism.md). Code generation from strings is also switched off on every context by the shim.
(function () {
  'use strict';
  const G = globalThis;
  const RegExpPrototype = G.RegExp.prototype;
  const isRegExp = (value) => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === RegExpPrototype;
  const removed = [
    'Date', 'WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', 'WebAssembly', 'Intl', 'eval',
    'Promise', 'RegExp',
  ];
  for (const name of removed) delete G[name];
  delete Math.random;
  // String methods that would turn a string argument into a regular expression accept only real
  // RegExp objects, which only the libraries hold (contracts can neither write nor construct one).
  for (const name of ['match', 'matchAll', 'search']) {
    const original = String.prototype[name];
    Object.defineProperty(String.prototype, name, {
      value: { [name](pattern) {
        if (!isRegExp(pattern)) throw new TypeError(`String.prototype.${name} is not available: regular expressions are not allowed`);
        return original.call(this, pattern);
      } }[name],
      writable: true, enumerable: false, configurable: true,
    });
  }
  for (const name of ['localeCompare', 'toLocaleUpperCase', 'toLocaleLowerCase']) delete String.prototype[name];
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
  for (const proto of [Number.prototype, Array.prototype, Object.prototype, BigInt.prototype, typedArray]) delete proto.toLocaleString;
  // V8's stack-trace hooks would let a contract look at the host's frames.
  delete Error.captureStackTrace;
  // Memory outside the V8 heap (ArrayBuffer and its views) escapes the heap limit, and BigInt
  // arithmetic does unbounded work in one operator: none of them is reachable (the compiler refuses
  // BigInt literals).
  for (const name of ['ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'BigInt']) {
    delete G[name];
  }
})();
