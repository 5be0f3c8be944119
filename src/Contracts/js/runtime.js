// The call runtime, in the startup snapshot's default context (the compiler has a context of its own):
// the gas meter, the loading of a contract's modules and run(...), over the contract API of
// contract-api.js. A worker keeps a context per loaded contract and reuses it: the shim calls
// __avm.setup(host, modules) once per context, which binds the context's copy of the API, made with
// the snapshot, to the host object and freezes the global object, then run(...) for each call.
// Built-ins are frozen by lockdown.js and the contract's modules run afresh on every call, so no call
// sees what another left behind, unless the compiler found that they only declare: then their
// bindings are frozen once they have run and the loaded class serves later calls, which pay the gas
// loading took. The gas meter and the host object live only in closures here.
(function () {
  'use strict';
  const G = globalThis;
  // Parsing what the host hands over is not the contract's work; stringifying what the contract
  // passes on or returns is, and is metered (metering.js).
  const parse = G.__avm.parse;
  const applyUnmetered = G.__avm.unmetered.apply;
  const { resolve, describe } = G.__avm.modules;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const ownKeys = Reflect.ownKeys;
  const isArray = Array.isArray;

  // Deepest nesting of function calls (contract functions and built-ins) in one contract call: a
  // count the injected code keeps, far below what V8's stack allows, so that no machine's stack size
  // decides a result.
  const MAX_DEPTH = 256;
  // Most arguments one call may take through spread syntax, and gas per key read or written: the
  // rates metering.js charges Function.prototype.apply, Object.keys and Object.assign at.
  const { MAX_ARGUMENTS, KEY_READ, KEY_WRITE } = G.__avm.rates;

  // BigNumber.config/set change the library for everything after them: contexts serve many calls,
  // so a call that changed them has them reset before the next call starts.
  const BigNumber = G.BigNumber;
  const configure = BigNumber.config;
  const bigNumberDefaults = configure({});
  let bigNumberChanged = false;
  BigNumber.config = BigNumber.set = function config(settings) {
    bigNumberChanged = true;
    return configure(settings);
  };

  // The contract API is made with the snapshot, so that every context starts with a copy of its own
  // (making it in each context was two fifths of a worker's start); setup binds a context's copy to
  // the context's host object and modules. run(...) serves one call at a time; the meter and the API
  // read that call's state through `call`.
  let modules = null;
  let harden = null;
  let restore = null;
  const setMeter = G.__avm.meter;
  let call = null;

  // The meter. Contracts cannot name it (the compiler refuses the identifier) and it is no
  // parameter of theirs, so it cannot be reached, reset or replaced.
  function $gas(n) {
    const c = call;
    c.used += n;
    if (c.used > c.limit) {
      c.used = c.limit;
      kernel.host.outOfGas(c.used);
      halt();
    }
  }
  // Entering and leaving a function or a built-in: the injected code calls $gas.i() first in every
  // function body and $gas.o() in its finally.
  // Going deeper ends the call: no contract catches it, so no unwinding through its finally
  // blocks and no retry can cost more than the gas it was charged.
  function enter() {
    const c = call;
    if (++c.depth > MAX_DEPTH) {
      kernel.host.fatal(`RangeError: Maximum call depth exceeded: at most ${MAX_DEPTH} nested calls`, c.used);
      halt();
    }
  }
  function exit() { call.depth--; }
  // Spread syntax pays per element it spreads (kind 1: into an array or call; 2: into a call's
  // arguments, at most MAX_ARGUMENTS; 3: an object's keys into an object, as keys written; 4: the
  // keys a for-in loop collects, as keys read).
  function spread(value, kind) {
    let n = 0;
    if (kind >= 3) {
      n = value === null || value === undefined ? 0 : ownKeys(Object(value)).length * (kind === 3 ? KEY_WRITE : KEY_READ);
    } else if (typeof value === 'string') {
      n = value.length;
    } else if (value !== null && typeof value === 'object') {
      if (kind === 2 && !isArray(value)) value = Array.from(value);
      const length = value instanceof Map || value instanceof Set ? value.size : value.length;
      n = typeof length === 'number' && length > 0 ? length : 0;
    }
    if (kind === 2 && n > MAX_ARGUMENTS) throw new RangeError(`too many arguments: at most ${MAX_ARGUMENTS} may be spread into a call`);
    // Keys were counted at their own rate above; elements are copied one by one.
    $gas(1 + (kind >= 3 ? n : 2 * n));
    return value;
  }
  // In every catch clause: V8's own stack overflow depends on the machine, so it is never caught.
  function caught(error) {
    if (error instanceof RangeError && error.message === 'Maximum call stack size exceeded') {
      kernel.host.overflowed();
      halt();
    }
  }
  defineProperty($gas, 'c', { value: caught });
  // Comparisons of two operands that may be strings: $gas.l(a) OP $gas.r(b). Comparing walks the
  // shorter string (and flattens one built by concatenation): one unit per 64 characters of it.
  // Left operands wait on a stack, so that comparisons nested in the right operand pair up.
  function compared(a, b) {
    if (typeof a === 'string' && typeof b === 'string') {
      const n = a.length < b.length ? a.length : b.length;
      if (n > 64) $gas(n >> 6);
    }
  }
  const lefts = [];
  function left(a) { lefts.push(a); return a; }
  function rightOf(b) {
    compared(lefts.pop(), b);
    return b;
  }
  // A string used as a key is looked up in V8's string table (and flattened and hashed whole); an
  // object with many such keys is a dictionary, where each one added is a hash insertion.
  function key(k) {
    if (typeof k === 'string') $gas(4 + (k.length >> 4));
    return k;
  }
  // switch (v) { case t: }: the value switched on, then each case test compared with it.
  let switched;
  function switchOn(v) { switched = v; return v; }
  function caseTest(t) {
    compared(switched, t);
    return t;
  }
  defineProperty($gas, 'w', { value: switchOn });
  defineProperty($gas, 't', { value: caseTest });
  defineProperty($gas, 'l', { value: left });
  defineProperty($gas, 'r', { value: rightOf });
  defineProperty($gas, 'k', { value: key });
  defineProperty($gas, 'i', { value: enter });
  defineProperty($gas, 'o', { value: exit });
  defineProperty($gas, 's', { value: spread });
  // A module that only declares (the compiler checked: instrument.js) hands over its top-level
  // bindings once it has run: frozen, free of gas, so that whether they were frozen before never
  // decides a call's gas. A load whose every module did so may serve this context's later calls.
  let declaredPure = 0;
  function pure(bindings) {
    setMeter(null, null, null);
    try {
      harden(bindings);
    } finally {
      setMeter($gas, enter, exit);
    }
    declaredPure++;
  }
  defineProperty($gas, 'f', { value: pure });
  // The loaded contract and the gas loading it took: a later call pays the same gas without the work.
  let loaded = null;
  let loadedEntry = null;
  let loadGas = 0;
  function loadContract(entry) {
    if (loaded !== null && loadedEntry === entry) {
      $gas(loadGas);
      return loaded;
    }
    declaredPure = 0;
    const before = call.used;
    const { exports, modulesRun } = load(modules, entry);
    if (modulesRun > 0 && declaredPure === modulesRun && typeof exports === 'function') {
      loaded = exports;
      loadedEntry = entry;
      loadGas = call.used - before;
    }
    return exports;
  }
  // What spreading n values through metering's array iterator charged (one unit per value plus one,
  // and a level of call depth), to the unit, without making the iterator.
  function spreadCharge(n) { $gas(1 + n); enter(); exit(); }
  // A termination requested from inside the run fires at the next loop back edge: loop until it does.
  function halt() { for (;;) {} }

  // What the contract API (contract-api.js) works with. The runtime keeps its host and call
  // current; `call` stays a variable of its own as well, since $gas reads it on every charge.
  const kernel = { $gas, spreadCharge, halt, host: null, call: null };
  const { storage, blockchain } = G.__avm.contractApi(kernel);
  delete G.__avm.contractApi;

  function run(mode, entry, method, args, gasLimit, optional, contract, owner, callerName, callerIsAccount) {
    if (bigNumberChanged) {
      configure(bigNumberDefaults);
      bigNumberChanged = false;
    }
    call = kernel.call = { limit: gasLimit, used: 0, depth: 0, contract, method, owner, callerName, callerIsAccount, chain: null };
    // Built-ins charge this call while it runs, and nothing outside it.
    setMeter($gas, enter, exit);
    lefts.length = 0;
    try {
      const Contract = loadContract(entry);
      if (typeof Contract !== 'function') {
        throw new Error('the contract must export a class (module.exports = MyContract)');
      }
      if (mode === 'describe') return stringify({ methods: describe(Contract) });
      const instance = new Contract();
      if (typeof instance[method] !== 'function') {
        if (optional) return undefined;
        throw new Error(`the contract has no method '${method}'`);
      }
      // instance[method](...values) as it charged; the ABI admits only an array, and parsing runs no
      // contract code, so it may come before the method is read.
      const values = parse(args);
      let result;
      if (isArray(values)) {
        const callee = instance[method];
        spreadCharge(values.length);
        result = applyUnmetered(callee, instance, values);
      } else result = instance[method](...values);
      return result === undefined ? undefined : stringify(result);
    } finally {
      setMeter(null, null, null);
      kernel.host.setGas(call.used);
      call = kernel.call = null;
      if (!restore()) kernel.host.retire();
    }
  }

  // CommonJS inside the bundle: a module cache, module.exports/exports, and cycles that see the
  // partial exports of a module still loading.
  function load(modules, entry) {
    const cache = new Map();
    let modulesRun = 0;
    const require = (from) => (name) => {
      if (name === 'storage') return storage;
      if (name === 'blockchain') return blockchain;
      const path = typeof name === 'string' ? resolve(modules, from, name) : null;
      if (path === null) throw new Error(`cannot find module '${name}' from '${from}'`);
      return instantiate(path);
    };
    function instantiate(path) {
      if (cache.has(path)) return cache.get(path).exports;
      const module = { exports: {} };
      cache.set(path, module);
      modulesRun++;
      modules[path]($gas).call(module.exports, module, module.exports, require(path));
      return module.exports;
    }
    const exports = instantiate(entry);
    return { exports, modulesRun };
  }

  // Once per context, before its first call.
  function setup(contextHost, contextModules) {
    const lockdown = G.__avm.lockdown;
    delete G.__avm;
    // V8 installs these on every new context, after the snapshot's removals.
    const late = ['WebAssembly', 'SharedArrayBuffer', 'Atomics'];
    for (let i = 0; i < late.length; i++) delete G[late[i]];
    // Errors carry no stack trace: capturing one costs more than any gas a throw is charged, and a
    // contract has no use for the host's frames. Positions of uncaught errors are reported anyway.
    Error.stackTraceLimit = 0;
    const locked = lockdown();
    harden = locked.harden;
    restore = locked.restore;
    kernel.host = contextHost;
    modules = contextModules;
    harden($gas);
    freeze(G);
    return run;
  }

  G.__avm.setup = setup;
})();
