// The call harness: evaluated in every fresh context, it loads the contract module and runs one
// method. `factory` is the contract source compiled as function(module, exports, require).
(function (factory, method, argsJson) {
  'use strict';
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'storage') return storage;
    throw new Error(`cannot find module '${name}'`);
  };
  factory.call(undefined, module, module.exports, require);
  const Contract = module.exports;
  if (typeof Contract !== 'function') {
    throw new Error('the contract must export a class (module.exports = MyContract)');
  }
  const instance = new Contract();
  if (typeof instance[method] !== 'function') {
    if (method === 'init') return undefined; // init is optional
    throw new Error(`the contract has no method '${method}'`);
  }
  const result = instance[method](...JSON.parse(argsJson));
  return result === undefined ? undefined : JSON.stringify(result);
})
