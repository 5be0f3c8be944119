// IOST's Int64 and Float64: exact arithmetic on bignumber.js. Int64 throws on leaving the signed
// 64-bit range; Float64 keeps decimals exactly and divides to 50 decimal places, rounding down.
// BigNumber itself is configured as go-iost configures it (environment.js): 50 decimal places,
// powers to 50 digits, rounding down, so that IOST's contracts compute the same amounts here.
(function () {
  'use strict';
  const BigNumber = globalThis.BigNumber;
  const MAX = new BigNumber('9223372036854775807');
  const MIN = new BigNumber('-9223372036854775808');
  const IOST_CONFIG = { DECIMAL_PLACES: 50, POW_PRECISION: 50, ROUNDING_MODE: BigNumber.ROUND_DOWN };
  BigNumber.config(IOST_CONFIG);
  const Decimal = BigNumber.clone(IOST_CONFIG);

  const value = (n) => (n instanceof Int64 || n instanceof Float64 ? n.number : n);

  class Int64 {
    constructor(n, base) {
      const v = base === undefined ? new BigNumber(value(n)) : new BigNumber(n, base);
      if (!v.isInteger()) throw new Error(`Int64: ${n} is not an integer`);
      if (v.gt(MAX) || v.lt(MIN)) throw new Error(`Int64: ${v.toFixed()} overflows`);
      this.number = v;
      Object.freeze(this);
    }
    plus(n) { return new Int64(this.number.plus(new Int64(n).number)); }
    minus(n) { return new Int64(this.number.minus(new Int64(n).number)); }
    multi(n) { return new Int64(this.number.times(new Int64(n).number)); }
    div(n) {
      const d = new Int64(n).number;
      if (d.isZero()) throw new Error('Int64: division by zero');
      return new Int64(this.number.div(d).integerValue(BigNumber.ROUND_DOWN));
    }
    mod(n) {
      const d = new Int64(n).number;
      if (d.isZero()) throw new Error('Int64: division by zero');
      return new Int64(this.number.mod(d));
    }
    pow(n) { return new Int64(this.number.pow(new Int64(n).number.toNumber())); }
    negated() { return new Int64(this.number.negated()); }
    abs() { return new Int64(this.number.abs()); }
    eq(n) { return this.number.eq(new Int64(n).number); }
    gt(n) { return this.number.gt(new Int64(n).number); }
    gte(n) { return this.number.gte(new Int64(n).number); }
    lt(n) { return this.number.lt(new Int64(n).number); }
    lte(n) { return this.number.lte(new Int64(n).number); }
    isZero() { return this.number.isZero(); }
    isNegative() { return this.number.isNegative() && !this.number.isZero(); }
    isPositive() { return this.number.isPositive() && !this.number.isZero(); }
    toNumber() { return this.number.toNumber(); }
    shift(n) { return new Int64(this.number.shiftedBy(new Int64(n).toNumber())); }
    toFixed(n) { return n === undefined ? this.number.toFixed() : this.number.toFixed(n); }
    toString() { return this.number.toFixed(); }
    toJSON() { return this.toString(); }
  }

  class Float64 {
    constructor(n) {
      const v = new Decimal(value(n));
      if (!v.isFinite()) throw new Error(`Float64: ${n} is not a finite number`);
      this.number = v;
      Object.freeze(this);
    }
    plus(n) { return new Float64(this.number.plus(new Float64(n).number)); }
    minus(n) { return new Float64(this.number.minus(new Float64(n).number)); }
    multi(n) { return new Float64(this.number.times(new Float64(n).number)); }
    div(n) {
      const d = new Float64(n).number;
      if (d.isZero()) throw new Error('Float64: division by zero');
      return new Float64(this.number.div(d));
    }
    mod(n) { return new Float64(this.number.mod(new Float64(n).number)); }
    pow(n) { return new Float64(this.number.pow(new Int64(n).toNumber())); }
    negated() { return new Float64(this.number.negated()); }
    abs() { return new Float64(this.number.abs()); }
    eq(n) { return this.number.eq(new Float64(n).number); }
    gt(n) { return this.number.gt(new Float64(n).number); }
    gte(n) { return this.number.gte(new Float64(n).number); }
    lt(n) { return this.number.lt(new Float64(n).number); }
    lte(n) { return this.number.lte(new Float64(n).number); }
    isZero() { return this.number.isZero(); }
    isNegative() { return this.number.isNegative() && !this.number.isZero(); }
    toFixed(decimals) { return this.number.toFixed(decimals, BigNumber.ROUND_DOWN); }
    toNumber() { return this.number.toNumber(); }
    toString() { return this.number.toFixed(); }
    toJSON() { return this.toString(); }
  }

  for (const C of [Int64, Float64]) { Object.freeze(C.prototype); Object.freeze(C); }
  globalThis.Int64 = Int64;
  globalThis.Float64 = Float64;
})();
