// Transactions a node must refuse, built and signed with IOST's JS SDK (npm iost@0.1.22, unchanged)
// and sent to a node's IOST gateway: node refusals.js GATEWAY_URL ADMIN_SECRET_KEY_BASE58
// Prints one JSON line per case ({step, error} with the node's message, or {step, accepted}).
'use strict';
const IOST = require('iost');

const [url, adminSecret] = process.argv.slice(2);
const rpc = new IOST.RPC(new IOST.HTTPProvider(url, 30000));
const adminKey = new IOST.KeyPair(IOST.Bs58.decode(adminSecret));
const iost = new IOST.IOST({ gasRatio: 1, gasLimit: 2000000, delay: 0, expiration: 90 });

const { report } = require('./client');

// Signs as asked (signers over the base hash, the publisher over the publish hash) and sends it.
async function sendSigned(tx, signerKeys, publisher, publisherKey) {
  for (const key of signerKeys) tx.addSign(key);
  tx.addPublishSign(publisher, publisherKey);
  return rpc.transaction.sendTx(tx);
}

async function committed(hash) {
  for (let i = 0; i < 120; i++) {
    try { return await rpc.transaction.getTxReceiptByTxHash(hash); } catch (e) { await new Promise((r) => setTimeout(r, 500)); }
  }
  throw new Error('no receipt for ' + hash);
}

function fresh(contract, abi, args) {
  const tx = iost.callABI(contract, abi, args);
  tx.setTime(90, 0, iost.serverTimeDiff);
  return tx;
}

async function attempt(step, send) {
  try { report(step, { accepted: (await send()).hash }); } catch (e) { report(step, { error: String(e.message) }); }
}

async function main() {
  await iost.setRPC(rpc);

  await attempt('wrongKey', () => sendSigned(fresh('token.iost', 'create', ['wrongkey', 'admin', '100', {}]), [], 'admin', IOST.KeyPair.newKeyPair()));

  await attempt('otherChain', () => {
    const tx = fresh('token.iost', 'create', ['otherchain', 'admin', '100', {}]);
    tx.setChainID(1020);
    return sendSigned(tx, [], 'admin', adminKey);
  });

  await attempt('expired', () => {
    const tx = fresh('token.iost', 'create', ['expired', 'admin', '100', {}]);
    tx.time -= 120e9;
    tx.expiration = tx.time + 90e9;
    return sendSigned(tx, [], 'admin', adminKey);
  });

  const replayed = fresh('token.iost', 'create', ['replayed', 'admin', '100', {}]);
  const first = await sendSigned(replayed, [], 'admin', adminKey);
  await committed(first.hash);
  await attempt('replayed', () => rpc.transaction.sendTx(replayed));

  // An account whose active key is left with half the weight its threshold needs.
  const owner = IOST.KeyPair.newKeyPair();
  const active = IOST.KeyPair.newKeyPair();
  const name = 'lw' + String(Date.now() % 1000000000).padStart(9, '0');
  await committed((await sendSigned(iost.newAccount(name, 'admin', owner.id, active.id, 0, 0), [], 'admin', adminKey)).hash);
  const lower = fresh('auth.iost', 'assignPermission', [name, 'active', active.id, 50]);
  lower.addSigner(name, 'owner');
  const lowered = await committed((await sendSigned(lower, [owner], name, active)).hash);
  report('lowered', { status: lowered.status_code, message: lowered.message });
  await attempt('tooLittleWeight', () => sendSigned(fresh('token.iost', 'create', ['tooweak', name, '100', {}]), [], name, active));
  // Its owner key still satisfies active (owner satisfies every permission).
  await attempt('ownerStillSigns', () => sendSigned(fresh('token.iost', 'create', ['ownersign', name, '100', {}]), [], name, owner));
}

main().catch((e) => { report('error', { message: String(e && e.message || e) }); process.exit(1); });
