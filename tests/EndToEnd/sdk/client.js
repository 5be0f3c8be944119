// What the SDK scripts share: one JSON line per step, an SDK client for an account whose one key is
// its owner and active key, and sending through the SDK's own callback.
'use strict';
const IOST = require('iost');

function report(step, fields) { console.log(JSON.stringify({ step, ...fields })); }

function client(name, keyPair, gasLimit = 2000000) {
  const iost = new IOST.IOST({ gasRatio: 1, gasLimit, delay: 0, expiration: 90, defaultLimit: 'unlimited' });
  const account = new IOST.Account(name);
  account.addKeyPair(keyPair, 'owner');
  account.addKeyPair(keyPair, 'active');
  iost.setAccount(account);
  iost.account = account;
  return iost;
}

// Signs and sends through the SDK's own callback, resolving with the receipt once it is on chain.
function send(iost, tx) {
  return new Promise((resolve, reject) => {
    iost.signAndSend(tx)
      .on('pending', () => {})
      .on('success', resolve)
      .on('failed', (e) => reject(new Error(typeof e === 'string' ? e : JSON.stringify(e))));
  });
}

module.exports = { report, client, send };
