// go-iost's format (its utils.js, after Node's util.format), for the runtime's global format and
// console: %s %d %i %f %v placeholders, the rest appended with a space; a first argument that is not
// text is written as JSON. The runtime takes it from __avm.format and charges for it.
(function () {
  'use strict';
  const G = globalThis;
  const stringify = JSON.stringify;
  const BigNumber = G.BigNumber;
  function format(f, ...rest) {
    if (typeof f !== 'string') return stringify(rest.length === 0 ? f : [f, ...rest]);
    let out = '';
    let next = 0;
    let last = 0;
    for (let i = 0; i < f.length - 1; i++) {
      if (f.charCodeAt(i) !== 37) continue;
      const c = f[++i];
      if (c === '%') {
        out += f.slice(last, i);
        last = i + 1;
        continue;
      }
      if (next >= rest.length) continue;
      let piece;
      switch (c) {
        case 's': piece = String(rest[next++]); break;
        case 'd': { const v = rest[next++]; piece = v instanceof G.Int64 || v instanceof BigNumber ? v.toString() : `${Number(v)}`; break; }
        case 'v': piece = stringify(rest[next++]); break;
        case 'i': piece = `${parseInt(rest[next++])}`; break;
        case 'f': piece = `${parseFloat(rest[next++])}`; break;
        default: continue;
      }
      out += f.slice(last, i - 1) + piece;
      last = i + 1;
    }
    out += last === 0 ? f : f.slice(last);
    for (; next < rest.length; next++) {
      const x = rest[next];
      out += (typeof x !== 'object' && typeof x !== 'symbol') || x === null ? ` ${String(x)}` : ` ${stringify(x)}`;
    }
    return out;
  }
  G.__avm = G.__avm || {};
  G.__avm.format = format;
})();
