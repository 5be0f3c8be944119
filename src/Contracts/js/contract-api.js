// The contract API (docs/contract-api.md): storage, blockchain, IOSTCrypto, console, format, tx
// and block. runtime.js makes it once, when the snapshot is made, through __avm.contractApi(k): k
// holds the meter (k.$gas, k.spreadCharge, k.halt) and, kept current by the runtime, this context's
// host object (k.host) and this call's state (k.call). Nothing here runs contract code or touches
// a metered built-in outside what it charges for.
(function () {
  'use strict';
  const G = globalThis;
  const parse = G.__avm.parse;
  const applyUnmetered = G.__avm.unmetered.apply;
  const formatText = G.__avm.format;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;

  G.__avm.contractApi = function contractApi(k) {
    const { $gas, spreadCharge, halt } = k;
    // Fixed gas costs of host operations, plus one unit per byte of string crossing to the host.
    const HOST_COST = freeze({
      get: 50, put: 100, del: 50, has: 50, mapKeys: 100, transfer: 300, auth: 50, call: 500, info: 60, log: 20,
      receipt: 50, crypto: 100, field: 4,
    });

    // The characters of the strings among values.
    const bytes = (values) => {
      let n = 0;
      for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') n += values[i].length;
      return n;
    };
    // A host call's price: the spread of its arguments, its fixed cost and the characters it passes.
    function hostCallOf(cost, args) { spreadCharge(args.length); $gas(cost + bytes(args)); }
    const hostCall = (cost, ...args) => hostCallOf(cost, args);
    const orHalt = (result) => { if (k.host.halted()) halt(); return result; };

    // What a host function answers crosses back at one unit per character, as what it is given does.
    const out = (value) => { if (typeof value === 'string') $gas(value.length); return value; };
    // Adding or deleting a map field rewrites the map's field list; mapKeys and mapLen read it.
    const fields = (n) => { $gas(HOST_COST.field * n); return n; };
    const storage = {
      // IOST's optional RAM payer: absent or empty leaves the value's payer as it was (the contract at first).
      put(key, value, payer) {
        hostCall(HOST_COST.put, key, value, payer);
        return payer === undefined || payer === '' ? k.host.storagePut(key, value) : k.host.storagePut(key, value, payer);
      },
      get(key) { hostCall(HOST_COST.get, key); return out(k.host.storageGet(key)); },
      has(key) { hostCall(HOST_COST.has, key); return k.host.storageHas(key); },
      del(key) { hostCall(HOST_COST.del, key); return k.host.storageDel(key); },
      mapPut(key, field, value, payer) {
        hostCall(HOST_COST.put, key, field, value, payer);
        fields(payer === undefined || payer === '' ? k.host.mapPut(key, field, value) : k.host.mapPut(key, field, value, payer));
      },
      mapGet(key, field) { hostCall(HOST_COST.get, key, field); return out(k.host.mapGet(key, field)); },
      mapHas(key, field) { hostCall(HOST_COST.has, key, field); return k.host.mapHas(key, field); },
      mapKeys(key) { hostCall(HOST_COST.mapKeys, key); return parse(out(k.host.mapKeys(key))); },
      mapLen(key) { hostCall(HOST_COST.get, key); return fields(k.host.mapLen(key)); },
      mapDel(key, field) { hostCall(HOST_COST.del, key, field); fields(k.host.mapDel(key, field)); },
      globalGet(contract, key) { hostCall(HOST_COST.get, contract, key); return out(k.host.globalGet(contract, key)); },
      globalHas(contract, key) { hostCall(HOST_COST.has, contract, key); return k.host.globalHas(contract, key); },
      globalMapGet(contract, key, field) { hostCall(HOST_COST.get, contract, key, field); return out(k.host.globalMapGet(contract, key, field)); },
      globalMapHas(contract, key, field) { hostCall(HOST_COST.has, contract, key, field); return k.host.globalMapHas(contract, key, field); },
      globalMapKeys(contract, key) { hostCall(HOST_COST.mapKeys, contract, key); return parse(out(k.host.globalMapKeys(contract, key))); },
      globalMapLen(contract, key) { hostCall(HOST_COST.get, contract, key); return fields(k.host.globalMapLen(contract, key)); },
    };

    // Amounts may be numbers or Float64 as in IOST (which passes them through Float64); memos anything with a text.
    function moveTokens(kind, accounts, amount, memo) {
      const value = typeof amount === 'number' || amount instanceof G.Float64 ? new G.Float64(amount).toString() : amount;
      const note = memo === undefined || memo === null ? '' : String(memo);
      // As hostCall(cost, ...accounts, value, note) and host[kind](...accounts, value, note, call.used)
      // charged, spreads included; indexed writes, since push is metered.
      const n = accounts.length;
      const args = [];
      for (let i = 0; i < n; i++) args[i] = accounts[i];
      args[n] = value;
      args[n + 1] = note;
      spreadCharge(n);
      hostCallOf(HOST_COST.transfer, args);
      const move = k.host[kind];
      spreadCharge(n);
      args[n + 2] = k.call.used;
      return orHalt(applyUnmetered(move, k.host, args));
    }

    function callContract(contract, api, args, withAuth) {
      const argsJson = typeof args === 'string' ? args : stringify(args === undefined ? [] : args);
      hostCall(HOST_COST.call, contract, api, argsJson);
      const outcome = parse(orHalt(k.host.call(contract, api, argsJson, k.call.limit - k.call.used, withAuth)));
      $gas(outcome.gas);
      if (!outcome.ok) throw new Error(outcome.error);
      return [resultText(outcome.result)];
    }

    // As go-iost hands a callee's result back: one string, the value's text (objects as their JSON).
    function resultText(json) {
      if (json === undefined) return 'null';
      const value = parse(json);
      return typeof value === 'string' ? value : json;
    }

    const blockchain = {
      transfer(from, to, amount, memo) { return moveTokens('transfer', [from, to], amount, memo); },
      withdraw(to, amount, memo) { return moveTokens('withdraw', [to], amount, memo); },
      deposit(from, amount, memo) { return moveTokens('deposit', [from], amount, memo); },
      blockInfo() { $gas(HOST_COST.info); return stringify(chain().blockInfo); },
      txInfo() { $gas(HOST_COST.info); return stringify(chain().txInfo); },
      contextInfo() {
        $gas(HOST_COST.info);
        return stringify({
          abi_name: k.call.method, caller: { name: k.call.callerName, is_account: k.call.callerIsAccount }, contract_name: k.call.contract,
          publisher: chain().txInfo.publisher,
        });
      },
      contractName() { $gas(HOST_COST.info); return k.call.contract; },
      publisher() { $gas(HOST_COST.info); return chain().txInfo.publisher; },
      contractOwner() { $gas(HOST_COST.info); return k.call.owner; },
      call(contract, api, args) { return callContract(contract, api, args, false); },
      callWithAuth(contract, api, args) { return callContract(contract, api, args, true); },
      requireAuth(account, permission) {
        hostCall(HOST_COST.auth, account, permission);
        const n = k.host.requireAuth(account, permission);
        $gas(HOST_COST.get * ((n < 0 ? -n : n) - 1));
        return n > 0;
      },
      receipt(text) { hostCall(HOST_COST.receipt, text); return k.host.receipt(text); },
      event(text) { hostCall(HOST_COST.receipt, text); return k.host.event(text); },
    };

    const IOSTCrypto = {
      sha3(text) { hostCall(HOST_COST.crypto, text); return k.host.sha3(text); },
      sha3Hex(hex) { hostCall(HOST_COST.crypto, hex); return k.host.sha3Hex(hex); },
      ripemd160Hex(hex) { hostCall(HOST_COST.crypto, hex); return k.host.ripemd160Hex(hex); },
      // As go-iost: message, signature and public key in base58; 1 when the signature verifies, else 0.
      verify(algo, message, signature, publicKey) {
        // A verification is hundreds of microseconds (secp256k1 about four times ed25519's): priced at the calibration's worst rate.
        hostCall(algo === 'secp256k1' ? 40000 : algo === 'ed25519' ? 10000 : HOST_COST.crypto, algo, message, signature, publicKey);
        return k.host.verify(algo, message, signature, publicKey) ? 1 : 0;
      },
    };

    // go-iost's format (js/format.js), paid for by what it reads and what it writes.
    function format(...args) {
      $gas(HOST_COST.log + args.length + (typeof args[0] === 'string' ? args[0].length : 0));
      return out(formatText(...args));
    }

    const logAt = (level) => (...values) => {
      const text = format(...values);
      hostCall(HOST_COST.log, text);
      k.host.log(level, text);
    };
    const console = {
      log: logAt('info'), info: logAt('info'), warn: logAt('warn'), error: logAt('error'), debug: logAt('debug'),
    };

    // lockdown.js hardens these with the rest of the globals when the snapshot is made.
    const install = (name, value) => defineProperty(G, name, { value, writable: false, enumerable: false, configurable: false });
    install('storage', storage);
    install('blockchain', blockchain);
    install('IOSTCrypto', IOSTCrypto);
    install('console', console);
    install('format', format);
    defineProperty(G, 'tx', { get: function tx() { return chain().txObject; }, enumerable: false, configurable: false });
    defineProperty(G, 'block', { get: function block() { return chain().blockObject; }, enumerable: false, configurable: false });

    // The transaction and block, parsed only when the call looks at them.
    function chain() {
      if (k.call.chain === null) {
        const parsed = parse(k.host.chainInfo());
        // The tx and block objects as go-iost's sandbox makes them from txInfo and blockInfo.
        const t = parsed.txInfo;
        const b = parsed.blockInfo;
        parsed.txObject = freeze({
          time: t.time, hash: t.hash, expiration: t.expiration, gasLimit: t.gas_limit, gasRatio: t.gas_ratio,
          authList: freeze({ ...t.auth_list }), publisher: t.publisher,
        });
        parsed.blockObject = freeze({ number: b.number, parentHash: b.parent_hash, witness: b.witness, time: b.time });
        k.call.chain = parsed;
      }
      return k.call.chain;
    }

    return { storage, blockchain };
  };
})();
