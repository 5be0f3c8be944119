// Decimal amounts as strings, added without floating point (contracts have no regular expressions).
exports.checkAmount = function (amount) {
  const n = new BigNumber(amount);
  if (!n.isFinite() || n.lte(0) || n.decimalPlaces() > 8) {
    throw new Error(`a tip is a positive amount with at most 8 decimals, not '${amount}'`);
  }
};

exports.add = function (a, b) {
  return new BigNumber(a).plus(b).toFixed();
};
