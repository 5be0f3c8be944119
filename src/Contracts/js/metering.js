// Gas for the work built-ins do. The instrumenter charges what contract code does statement by
// statement; a built-in called once can do work in proportion to its input (a sort, a join, a
// repeat), so each one a contract can reach is replaced here by a wrapper that charges for that work
// before doing it: per element, per character (CHARS per unit), per key, per limb of a big number.
// Runs when the startup snapshot is made, after bignumber.js and before everything that captures a
// built-in; the runtime's setup hands each context its call's meter through __avm.meter. Outside a
// call (setup, snapshot) nothing is charged.
(function () {
  'use strict';
  const G = globalThis;
  const apply = Reflect.apply;
  const ownKeys = Reflect.ownKeys;
  const { defineProperty, getOwnPropertyDescriptor, keys, freeze } = Object;
  const isArray = Array.isArray;
  const ceil = Math.ceil;
  const log2 = Math.log2;
  const min = Math.min;
  const max = Math.max;
  const indexOf = String.prototype.indexOf;
  const join = Array.prototype.join;

  // Characters per gas unit for work that copies text; searching and comparing text is slower per
  // character, normalising it slower still.
  const CHARS = 16;
  const SEARCHED_CHARS = 4;
  // Gas per key or entry: reading an object's keys, and adding one (V8 keeps wide objects as
  // dictionaries, where every added property costs a hash insertion and sometimes a resize).
  const KEY_READ = 24;
  const KEY_WRITE = 120;
  // Gas per element for methods that call a function for each one (V8's calls into JS cost more
  // than the callback's own statements are charged).
  const PER_CALLBACK = 4;
  // Most arguments a call may spread or apply: a fixed bound, so that no call depends on how much
  // native stack a machine has.
  const MAX_ARGUMENTS = 10000;

  // Deepest nesting of JSON that JSON.stringify writes or JSON.parse revives (both recurse in V8).
  const MAX_JSON_DEPTH = 256;

  // The call in progress: charge(units), enter() and exit() of the runtime's meter; null outside calls.
  let meter = null;
  let enter = null;
  let exit = null;
  const charge = (units) => { if (meter !== null) meter(units); };

  const size = (value) => {
    if (value === null || value === undefined) return 0;
    if (typeof value === 'string') return value.length;
    if (typeof value !== 'object' && typeof value !== 'function') return 0;
    const n = value instanceof Map || value instanceof Set ? value.size : value.length;
    return typeof n === 'number' && n > 0 ? min(n, 4294967295) : 0;
  };
  const textCost = (n) => 1 + ceil(n / CHARS);
  const argumentCount = (list) => {
    const n = size(list);
    if (n > MAX_ARGUMENTS) throw new RangeError(`too many arguments: at most ${MAX_ARGUMENTS} may be passed at once`);
    return n;
  };

  function wrap(owner, name, cost, after) {
    const original = owner[name];
    if (typeof original !== 'function') return;
    const wrapped = {
      [name](...args) {
        if (meter === null) return apply(original, this, args);
        meter(cost(this, args));
        if (original === join) joins++;
        // A built-in may call back into contract code (toString, comparators, getters), so it
        // counts as a level of the call depth, like a contract's own function.
        enter();
        try {
          const result = apply(original, this, args);
          if (after !== undefined) meter(after(result));
          return result;
        } finally {
          if (original === join) joins--;
          exit();
        }
      },
    }[name];
    defineProperty(wrapped, 'length', { value: original.length });
    defineProperty(owner, name, { value: wrapped, writable: true, enumerable: false, configurable: true });
  }
  const perElement = (self) => 1 + size(self);
  const perChar = (self) => textCost(size(self));
  const perArgument = (self, args) => 1 + args.length;
  const resultSize = (result) => size(result);

  // Arrays: every method that walks or moves elements pays one unit per element; callbacks are
  // contract code and pay for themselves.
  const AP = Array.prototype;
  for (const name of ['fill', 'includes', 'indexOf', 'lastIndexOf']) wrap(AP, name, perElement);
  // Methods that move or copy elements (an array V8 keeps as a dictionary moves them one by one).
  for (const name of ['copyWithin', 'reverse', 'shift', 'slice']) wrap(AP, name, (self) => 1 + 2 * size(self));
  for (const name of ['filter', 'map', 'forEach', 'every', 'some', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce',
    'reduceRight']) {
    wrap(AP, name, (self) => 1 + PER_CALLBACK * size(self));
  }
  // flatMap appends element by element through V8's generic path.
  wrap(AP, 'flatMap', (self) => 1 + 24 * size(self));
  // Iterators are made once and walked once: making one pays for the walk (spread, destructuring
  // and for-of take them from here too).
  for (const name of ['keys', 'values', 'entries', Symbol.iterator]) wrap(AP, name, perElement);
  for (const P of [Map.prototype, Set.prototype]) {
    for (const name of ['keys', 'values', 'entries', 'forEach', Symbol.iterator]) wrap(P, name, perElement);
  }
  // A string key is hashed whole (and flattened) by Map and Set.
  const keyed = (self, args) => 8 + (typeof args[0] === 'string' ? args[0].length >> 4 : 0);
  for (const P of [Map.prototype, Set.prototype]) for (const name of ['get', 'set', 'has', 'delete', 'add']) wrap(P, name, keyed);
  wrap(AP, 'push', perArgument);
  wrap(AP, 'unshift', (self, args) => 1 + 2 * size(self) + args.length);
  wrap(AP, 'splice', (self, args) => 1 + 2 * size(self) + args.length);
  wrap(AP, 'concat', (self, args) => {
    let n = 1 + size(self);
    for (const a of args) n += isArray(a) ? size(a) : 1;
    return n;
  });
  wrap(AP, 'sort', (self) => {
    const n = size(self);
    return 1 + (n < 2 ? n : 8 * n * ceil(log2(n)));
  });
  // join and flat: what they produce is known only by walking, so the walk pays as it goes and
  // stops the call as soon as the gas is gone.
  // V8 checks each nested join against the arrays being joined (cycle detection): a join pays for
  // the joins it runs inside of, too.
  let joins = 0;
  wrap(AP, 'join', (self, args) => {
    const n = 3 * size(self) + 8 * joins;
    const separator = args[0] === undefined ? 1 : size(String(args[0]));
    let chars = n * separator;
    charge(1 + n);
    for (let i = 0; i < n; i++) {
      const v = self[i];
      if (typeof v === 'string') chars += v.length;
      else if (v !== null && v !== undefined) chars += 24;
      if ((i & 1023) === 1023) { charge(ceil(chars / CHARS)); chars = 0; }
    }
    return ceil(chars / CHARS);
  });
  wrap(AP, 'flat', (self, args) => {
    const depth = args[0] === undefined ? 1 : Number(args[0]);
    const arrays = [self];
    const depths = [0];
    while (arrays.length > 0) {
      const array = arrays.pop();
      const d = depths.pop();
      const n = size(array);
      charge(1 + 16 * n);
      if (d >= depth) continue;
      if (d >= MAX_JSON_DEPTH) throw new RangeError(`arrays nested deeper than ${MAX_JSON_DEPTH} cannot be flattened`);
      for (let i = 0; i < n; i++) {
        const item = array[i];
        if (isArray(item)) {
          arrays.push(item);
          depths.push(d + 1);
        }
      }
    }
    return 0;
  });
  wrap(Array, 'from', (self, args) => 1 + 4 * size(args[0]));
  wrap(Array, 'of', perArgument);

  // Strings: one unit per CHARS characters of the string worked on and of what is made.
  const SP = String.prototype;
  for (const name of ['match', 'matchAll', 'search', 'toLowerCase', 'toUpperCase', 'trim', 'trimEnd', 'trimStart', 'isWellFormed',
    'toWellFormed']) {
    wrap(SP, name, perChar);
  }
  for (const name of ['endsWith', 'includes', 'indexOf', 'lastIndexOf', 'startsWith']) {
    wrap(SP, name, (self, args) => 1 + ceil((size(self) + size(args[0])) / SEARCHED_CHARS));
  }
  wrap(SP, 'normalize', (self) => 1 + size(self));
  // Reading one character or a slice is constant work once the string is flat; a string built by
  // many concatenations is flattened by the first of them, paid for here a little at a time.
  for (const name of ['at', 'charAt', 'charCodeAt', 'codePointAt', 'slice', 'substr', 'substring']) {
    wrap(SP, name, (self) => 1 + (size(self) >> 6));
  }
  wrap(SP, 'repeat', (self, args) => textCost(size(self) * max(0, Number(args[0]) || 0)));
  wrap(SP, 'padStart', (self, args) => textCost(max(size(self), Number(args[0]) || 0)));
  wrap(SP, 'padEnd', (self, args) => textCost(max(size(self), Number(args[0]) || 0)));
  wrap(SP, 'concat', (self, args) => {
    let n = size(self);
    for (const a of args) n += typeof a === 'string' ? a.length : 24;
    return textCost(n);
  });
  wrap(SP, 'split', perChar, (result) => 2 * size(result));
  wrap(SP, Symbol.iterator, (self) => 1 + (size(self) >> 1));
  // replace/replaceAll with a string replacement: the result's length is counted exactly (one unit
  // per occurrence found, plus its characters); a function replacement is contract code.
  const replaced = (all) => (self, args) => {
    const text = String(self);
    let n = 1 + ceil(text.length / SEARCHED_CHARS);
    const [pattern, replacement] = args;
    if (typeof replacement !== 'string' || typeof pattern !== 'string') return n;
    if (!all) return n + ceil(replacement.length / CHARS);
    let occurrences = 0;
    for (let at = apply(indexOf, text, [pattern]); at !== -1; at = apply(indexOf, text, [pattern, at + max(pattern.length, 1)])) {
      occurrences++;
      if ((occurrences & 1023) === 0) charge(16 * 1024);
      if (at >= text.length) break;
    }
    // Each replacement is a piece V8 assembles: it pays as a key written would.
    return n + 16 * (occurrences & 1023) + ceil((occurrences * replacement.length) / CHARS);
  };
  wrap(SP, 'replace', replaced(false));
  wrap(SP, 'replaceAll', replaced(true));
  wrap(String, 'fromCharCode', perArgument);
  wrap(String, 'fromCodePoint', perArgument);
  wrap(String, 'raw', (self, args) => 1 + size(args[0] && args[0].raw) + args.length);
  for (const owner of [G, Number]) {
    wrap(owner, 'parseInt', (self, args) => textCost(size(args[0])));
    wrap(owner, 'parseFloat', (self, args) => textCost(size(args[0])));
  }

  // Numbers written in another radix than 10 can take a thousand digits.
  const NP = Number.prototype;
  wrap(NP, 'toString', (self, args) => (args[0] === undefined || Number(args[0]) === 10 ? 2 : 70));
  for (const name of ['toFixed', 'toPrecision', 'toExponential']) wrap(NP, name, (self, args) => 2 + (Number(args[0]) >>> 3));

  // Objects: one unit per own key walked.
  const keyCount = (o) => (o === null || (typeof o !== 'object' && typeof o !== 'function') ? 0 : ownKeys(o).length);
  const keysRead = (result) => KEY_READ * size(result);
  for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertySymbols']) wrap(Object, name, () => 1, keysRead);
  wrap(Object, 'getOwnPropertyDescriptors', (self, args) => 1 + KEY_WRITE * keyCount(args[0]));
  wrap(Object, 'assign', (self, args) => {
    let n = 1;
    for (let i = 1; i < args.length; i++) n += KEY_WRITE * keyCount(args[i]);
    return n;
  });
  wrap(Object, 'fromEntries', (self, args) => 1 + KEY_WRITE * size(args[0]));
  for (const name of ['freeze', 'seal', 'isFrozen', 'isSealed']) wrap(Object, name, (self, args) => 1 + KEY_READ * keyCount(args[0]));
  wrap(Reflect, 'ownKeys', () => 1, keysRead);
  wrap(Reflect, 'apply', (self, args) => 1 + argumentCount(args[2]));
  wrap(Reflect, 'construct', (self, args) => 1 + argumentCount(args[1]));
  const FP = Function.prototype;
  wrap(FP, 'apply', (self, args) => 1 + argumentCount(args[1]));
  wrap(FP, 'call', perArgument);
  wrap(FP, 'bind', perArgument);

  // JSON: parsing pays per character; stringifying pays per value visited (through a replacer, so
  // that values reached through toJSON and shared many times over are counted as often as they are
  // written) and per character of the strings written.
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  // The deepest nesting of brackets in JSON text, outside strings; a walk of the text it has paid for.
  function nesting(text) {
    let depth = 0, deepest = 0, inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) { if (++depth > deepest) deepest = depth; }
      else if (c === 93 || c === 125) depth--;
    }
    return deepest;
  }
  defineProperty(JSON, 'parse', {
    value: { parse(text, reviver) {
      if (meter === null) return apply(parse, JSON, arguments);
      const source = typeof text === 'string' ? text : String(text);
      charge(1 + 2 * source.length);
      if (typeof reviver !== 'function') return parse(source);
      // The reviver is called for every value, through V8's slow path.
      charge(source.length);
      // Reviving recurses natively: its depth is bounded here so that no machine's stack decides.
      if (nesting(source) > MAX_JSON_DEPTH) throw new RangeError(`JSON nested deeper than ${MAX_JSON_DEPTH} cannot be revived`);
      return parse(source, reviver);
    } }.parse,
    writable: true, enumerable: false, configurable: true,
  });
  defineProperty(JSON, 'stringify', {
    value: { stringify(value, replacer, space) {
      if (meter === null) return apply(stringify, JSON, arguments);
      const indent = typeof space === 'number' ? min(10, max(0, space)) : typeof space === 'string' ? min(10, space.length) : 0;
      const keep = isArray(replacer) ? new Set(replacer.map(String)) : null;
      const user = typeof replacer === 'function' ? replacer : null;
      // Each value pays as it is written, with the depth it is written at; a list of keys is applied
      // here (the same filter and order as V8's for plain objects).
      const depths = new Map();
      const metered = function (key, v) {
        const depth = (depths.get(this) || 0) + 1;
        if (depth > MAX_JSON_DEPTH) throw new RangeError(`values nested deeper than ${MAX_JSON_DEPTH} cannot be written as JSON`);
        charge(24 + depth * indent + ceil(key.length / CHARS) + (typeof v === 'string' ? ceil(v.length / CHARS) : 0));
        let out = v;
        if (user !== null) out = apply(user, this, [key, v]);
        else if (keep !== null && key !== '' && !isArray(this) && !keep.has(key)) out = undefined;
        if (out !== null && typeof out === 'object') depths.set(out, depth);
        return out;
      };
      return stringify(value, metered, space);
    } }.stringify,
    writable: true, enumerable: false, configurable: true,
  });

  // Collections built from an iterable pay per entry.
  for (const name of ['Map', 'Set', 'WeakMap', 'WeakSet']) {
    const Original = G[name];
    const Metered = { [name]: class extends Original {
      constructor(iterable) {
        charge(1 + 12 * size(iterable));
        super(iterable);
      }
    } }[name];
    // The constructor is the original's prototype's: instances are ordinary Maps and Sets.
    for (const key of ownKeys(Original)) if (key !== 'prototype' && key !== 'length' && key !== 'name') {
      defineProperty(Metered, key, getOwnPropertyDescriptor(Original, key));
    }
    defineProperty(G, name, { value: Metered, writable: true, enumerable: false, configurable: true });
  }

  // Big numbers: arithmetic pays per limb (14 decimal digits) of its operands and results, division
  // and roots per limb of the precision asked for, and formatting per digit written.
  const LIMB = 14;
  // Every operation of the library is a few microseconds of plain JS before any limb is touched.
  const BIG_BASE = 180;
  function meterBigNumber(BN) {
    const P = BN.prototype;
    const limbs = (x) => (x !== null && typeof x === 'object' && isArray(x.c) ? x.c.length : 1);
    const asBig = (v, base) => (v instanceof BN ? v : new BN(v, base));
    const digits = (x) => (x !== null && typeof x === 'object' && typeof x.e === 'number' ? Math.abs(x.e) : 0);
    const config = BN.config;
    const places = () => config().DECIMAL_PLACES;
    const linear = (self, args) => BIG_BASE + limbs(self) + (args.length > 0 ? limbs(asBig(args[0], args[1])) : 0);
    const product = (self, args) => BIG_BASE + 16 * limbs(self) * limbs(asBig(args[0], args[1]));
    const quotient = (self, args) => BIG_BASE + 24 * (limbs(self) + ceil(places() / LIMB) + 1) * (limbs(asBig(args[0], args[1])) + 8);
    for (const name of ['plus', 'minus', 'comparedTo', 'isEqualTo', 'isGreaterThan', 'isGreaterThanOrEqualTo', 'isLessThan',
      'isLessThanOrEqualTo', 'eq', 'gt', 'gte', 'lt', 'lte', 'cmp', 'absoluteValue', 'abs', 'negated', 'integerValue',
      'decimalPlaces', 'dp', 'precision', 'sd', 'shiftedBy', 'isInteger', 'isZero', 'isNegative', 'isPositive', 'isNaN', 'isFinite']) {
      wrap(P, name, linear);
    }
    for (const name of ['times', 'multipliedBy']) wrap(P, name, product);
    for (const name of ['div', 'dividedBy', 'idiv', 'dividedToIntegerBy', 'mod', 'modulo']) wrap(P, name, quotient);
    for (const name of ['sqrt', 'squareRoot']) wrap(P, name, (self) => BIG_BASE + 36 * (limbs(self) + ceil(places() / LIMB)) ** 2);
    for (const name of ['pow', 'exponentiatedBy']) {
      wrap(P, name, (self, args) => {
        const n = Math.abs(Number(args[0])) || 0;
        const precision = config().POW_PRECISION;
        const grown = precision > 0 ? ceil(precision / LIMB) : limbs(self) * n;
        return BIG_BASE + ceil(log2(n + 1)) * 2 * (grown * grown + ceil(places() / LIMB) * grown);
      });
    }
    for (const name of ['toString', 'toFixed', 'toExponential', 'toPrecision', 'toFormat', 'valueOf', 'toJSON', 'toNumber', 'toFraction']) {
      // Zeros beyond the digits held are written one at a time by the library.
      wrap(P, name, (self, args) => BIG_BASE + textCost(limbs(self) * LIMB) + 4 * (digits(self) + (Number(args[0]) > 0 ? Number(args[0]) : 0)));
    }
    const clone = BN.clone;
    defineProperty(BN, 'clone', {
      value: { clone(settings) {
        const copy = clone(settings);
        meterBigNumber(copy);
        return copy;
      } }.clone,
      writable: true, enumerable: false, configurable: true,
    });
  }
  meterBigNumber(G.BigNumber);

  G.__avm = G.__avm || {};
  // The runtime parses what the host hands it (bounded by the host's limits) without charging.
  G.__avm.parse = parse;
  // What lockdown.js walks every built-in and every new context's objects with: the built-ins
  // themselves, not their wrappers, which cost a rest array and an apply per call even when nothing
  // is charged (most of a worker's per-context setup went into them).
  G.__avm.unmetered = freeze({ ownKeys, freeze, apply });
  // The rates that syntax charges at too (runtime.js: spread, object spread, for-in).
  G.__avm.rates = Object.freeze({ KEY_READ, KEY_WRITE, MAX_ARGUMENTS });
  // The runtime's setup gives each context its meter: charging, entering and leaving a level of
  // the call in progress.
  G.__avm.meter = function setMeter(charging, entering, exiting) {
    meter = charging;
    enter = entering;
    exit = exiting;
  };
})();
