// Runs last when the startup snapshot is made: freezes every built-in a contract can reach, so that
// a context can be reused between calls without one call's changes reaching the next (docs/determinism.md).
// V8 adds its shipped features (Array.prototype.at, Object.hasOwn, ...) to a few built-ins in every
// new context, so those stay open in the snapshot and __avm.lockdown(), called by the runtime's
// setup in each context, freezes them and whatever else is new. The global object itself is frozen
// by the setup, once the contract API is installed.
(function () {
  'use strict';
  const G = globalThis;
  const { getPrototypeOf, getOwnPropertyDescriptor, defineProperty } = Object;
  // metering.js has wrapped these by now; nothing is charged outside a call, so the walk uses the built-ins.
  const { ownKeys, freeze } = G.__avm.unmetered;
  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

  // Freezes value and everything reachable from it through prototypes and own properties. What was
  // hardened once is skipped later, so the per-context setup only walks its own new objects.
  const hardened = new WeakSet();
  // Properties kept writable (and put back after each call) instead of frozen: [object, key, value].
  const resettable = [];
  // Plain loops: Array.prototype's iterating methods are metered wrappers too.
  function isResettable(o, key) {
    for (let i = 0; i < resettable.length; i++) {
      if (resettable[i][0] === o && (key === undefined || resettable[i][1] === key)) return true;
    }
    return false;
  }
  function freezeExceptResettable(o) {
    if (!isResettable(o)) return freeze(o);
    const keys = ownKeys(o);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const writable = isResettable(o, key);
      const d = getOwnPropertyDescriptor(o, key);
      defineProperty(o, key, 'value' in d ? { configurable: false, writable } : { configurable: false });
    }
    return Object.preventExtensions(o);
  }
  function harden(value) {
    const pending = [value];
    let n = 1;
    while (n > 0) {
      const o = pending[--n];
      if (!isObject(o) || hardened.has(o)) continue;
      hardened.add(o);
      freezeExceptResettable(o);
      pending[n++] = getPrototypeOf(o);
      const keys = ownKeys(o);
      for (let i = 0; i < keys.length; i++) {
        const d = getOwnPropertyDescriptor(o, keys[i]);
        if ('value' in d) pending[n++] = d.value;
        else {
          pending[n++] = d.get;
          pending[n++] = d.set;
        }
      }
    }
    return value;
  }

  // Puts back what a call changed; false when it cannot (the context must then be dropped). Runs after
  // every call: an indexed loop, since for-of takes Array.prototype's metered iterator.
  function restore() {
    for (let i = 0; i < resettable.length; i++) {
      // Indexed, not destructured: array destructuring takes the metered iterator too.
      const entry = resettable[i];
      const o = entry[0], key = entry[1], value = entry[2];
      if (o[key] === value) continue;
      if (!getOwnPropertyDescriptor(o, key).writable) return false;
      o[key] = value;
    }
    return true;
  }

  // The built-ins V8 changes in every new context after the snapshot (V8 10.2's InitializeGlobal_*
  // and InstallSpecialObjects, which sets Error.stackTraceLimit).
  const lateBuiltins = () => [Object, Error, Array.prototype, Array.prototype[Symbol.unscopables], String.prototype];
  // The global object is reachable from itself (globalThis); the runtime freezes it after setup.
  hardened.add(G);
  function hardenGlobals() {
    const keys = ownKeys(G);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === '__avm') continue;
      const d = getOwnPropertyDescriptor(G, key);
      harden('value' in d ? d.value : [d.get, d.set]);
    }
  }

  // Assigning to an inherited read-only property fails, so freezing would break ordinary code such
  // as `this.name = 'MyError'`. These properties become accessors whose setter gives the object an
  // own property instead (the same properties SES leaves overridable).
  function keepOverridable(proto, name) {
    const d = getOwnPropertyDescriptor(proto, name);
    if (d === undefined || !('value' in d) || !d.writable) return;
    const value = d.value;
    defineProperty(proto, name, {
      get: { [name]() { return value; } }[name],
      set: { [name](replacement) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${name}' of a built-in prototype`);
        defineProperty(this, name, { value: replacement, writable: true, enumerable: true, configurable: true });
      } }[name],
      enumerable: d.enumerable,
      configurable: false,
    });
  }
  const overridable = [
    [Object.prototype, ['constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf']],
    [Function.prototype, ['constructor', 'bind', 'call', 'apply', 'toString']],
    [Array.prototype, ['constructor', 'toString', 'push']],
  ];
  // An error's name and message stay data properties, because V8 reads them without running code
  // when it formats an uncaught error; they are writable and put back after every call instead.
  for (const E of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    overridable.push([E.prototype, ['constructor', 'toString']]);
    for (const key of ['name', 'message']) resettable.push([E.prototype, key, E.prototype[key]]);
  }
  for (const [proto, names] of overridable) for (const name of names) keepOverridable(proto, name);

  // In the snapshot: everything but the late built-ins, including what is reachable only through
  // syntax (iterators, generators and their prototypes).
  const late = lateBuiltins();
  late.forEach((o) => hardened.add(o));
  hardenGlobals();
  [
    [][Symbol.iterator](), ''[Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](),
    function* () {}, (function* () {})(), async function () {}, async function* () {},
  ].forEach((o) => harden(getPrototypeOf(o)));
  // What the late built-ins hold when the snapshot is made is the same in every context: hardened
  // here, so that a context walks only the late built-ins themselves and what V8 added to them
  // (a tenth of a worker's start went into walking Array.prototype's and String.prototype's methods).
  for (const o of late) {
    for (const key of ownKeys(o)) {
      const d = getOwnPropertyDescriptor(o, key);
      harden('value' in d ? d.value : [d.get, d.set]);
    }
  }
  late.forEach((o) => hardened.delete(o));

  // In each context: the late built-ins and anything V8 added; returns harden for the objects the
  // setup adds and restore for the end of every call.
  G.__avm.lockdown = function lockdown() {
    // A new context has a new global proxy.
    hardened.add(globalThis);
    harden(lateBuiltins());
    hardenGlobals();
    return { harden, restore };
  };
})();
