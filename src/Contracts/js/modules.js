// How the runtime finds a bundle's modules and reads an exported class: pure functions, apart from
// the runtime so that each file keeps one job; the runtime takes them from __avm.modules.
(function () {
  'use strict';
  const G = globalThis;
  const { getPrototypeOf, getOwnPropertyNames } = Object;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  // A relative require from one module of a bundle to another ('./x', '../y/z', with or without .js or /index.js).
  function resolve(modules, from, name) {
    if (!name.startsWith('./') && !name.startsWith('../')) return null;
    const parts = from.split('/');
    parts.pop();
    for (const part of name.split('/')) {
      if (part === '.' || part === '') continue;
      if (part === '..') {
        if (parts.length === 0) return null;
        parts.pop();
      } else {
        parts.push(part);
      }
    }
    const base = parts.join('/');
    for (const candidate of [base, `${base}.js`, `${base}/index.js`]) if (hasOwn(modules, candidate)) return candidate;
    return null;
  }

  // The exported class's methods with their parameter counts, for checking the ABI.
  function describe(Contract) {
    const methods = {};
    for (let proto = Contract.prototype; proto && proto !== Object.prototype; proto = getPrototypeOf(proto)) {
      for (const name of getOwnPropertyNames(proto)) {
        if (name === 'constructor' || hasOwn(methods, name)) continue;
        const d = Object.getOwnPropertyDescriptor(proto, name);
        if (d && typeof d.value === 'function') methods[name] = d.value.length;
      }
    }
    return methods;
  }

  G.__avm = G.__avm || {};
  G.__avm.modules = Object.freeze({ resolve, describe });
})();
