// IOST's account, RAM and gas flows through IOST's JS SDK (npm iost@0.1.22, unchanged), against a
// node whose block 0 deployed go-iost's genesis contracts: node genesis-flow.js GATEWAY_URL ADMIN_SECRET
// (the admin key of IOST's local node). Prints one JSON line per step and exits 1 on the first failure.
'use strict';
const IOST = require('iost');
const { report, client: sdkClient, send } = require('./client');

const [url, adminSecret] = process.argv.slice(2);
const rpc = new IOST.RPC(new IOST.HTTPProvider(url, 30000));

// Gas is paid for here: a new account's 20 IOST pledged give 2,000,000 gas, and a publisher must hold its limit.
const client = (name, keyPair) => sdkClient(name, keyPair, 400000);

// IOST checks what a transaction takes from its signers' accounts against its amount_limit, and the
// SDK's callABI and newAccount set none: as IOST's own examples do, the flow approves amounts.
function approved(tx, ...tokens) {
  for (const token of tokens) tx.addApprove(token, '1000000');
  return tx;
}

// An owner action: the SDK signs the owner permission as a signer, then publishes with active.
async function sendAsOwner(iost, tx) {
  tx.setTime(90, 0, 0);
  tx.addSigner(iost.account.getID(), 'owner');
  iost.account.sign(tx, 'owner');
  iost.account.signTx(tx);
  const { hash } = await rpc.transaction.sendTx(tx);
  for (let i = 0; i < 600; i++) {
    try {
      const receipt = await rpc.transaction.getTxReceiptByTxHash(hash);
      if (receipt.status_code === 'SUCCESS') return receipt;
      if (receipt.status_code) throw new Error(JSON.stringify(receipt));
    } catch (e) {
      if (!String(e.message).includes('not found')) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no receipt for ' + hash);
}

async function main() {
  const admin = client('admin', new IOST.KeyPair(IOST.Bs58.decode(adminSecret)));
  await admin.setRPC(rpc);
  const chain = await rpc.blockchain.getChainInfo();
  const genesis = await rpc.blockchain.getBlockByNum(0, false);
  report('chain', { chain_id: chain.chain_id, genesis_witness: genesis.block.witness, genesis_txs: genesis.block.tx_count });

  // newAccount as the SDK builds it: auth.iost signUp, ram.iost buy and gas.iost pledge, paid by admin.
  const userKey = IOST.KeyPair.newKeyPair();
  const name = 'u' + String(Date.now() % 100000000).padStart(8, '0');
  const created = await send(admin, approved(admin.newAccount(name, 'admin', userKey.id, userKey.id, 1024, 10), 'iost'));
  const account = await rpc.blockchain.getAccountInfo(name, true);
  report('newAccount', {
    status: created.status_code, receipts: created.receipts.map((r) => r.func_name),
    ram: account.ram_info.available, pledged: account.gas_info.pledged_info, gas: account.gas_info.current_total,
  });

  // IOST for the user, who then buys more RAM, sells some and lends some to admin.
  const user = client(name, userKey);
  await user.setRPC(rpc);
  await send(admin, admin.transfer('iost', 'admin', name, '2000'));
  const bought = await send(user, approved(user.callABI('ram.iost', 'buy', [name, name, 2000]), 'iost'));
  const sold = await send(user, approved(user.callABI('ram.iost', 'sell', [name, name, 500]), 'ram'));
  await send(user, approved(user.callABI('ram.iost', 'lend', [name, 'admin', 100]), 'ram'));
  const afterRam = await rpc.blockchain.getAccountInfo(name, true);
  report('ram', { bought: bought.returns, sold: sold.status_code, available: afterRam.ram_info.available });

  // Gas: the user pledges for itself, then takes some back (frozen for three days).
  await send(user, approved(user.callABI('gas.iost', 'pledge', [name, name, '30']), 'iost'));
  const pledged = await rpc.blockchain.getAccountInfo(name, true);
  const unpledged = await send(user, user.callABI('gas.iost', 'unpledge', [name, name, '5']));
  const afterGas = await rpc.blockchain.getAccountInfo(name, true);
  report('gas', { limit: pledged.gas_info.limit, unpledge: unpledged.status_code, limitAfter: afterGas.gas_info.limit, frozen: afterGas.frozen_balances });

  // A permission of its own, added with the owner key as account.js requires.
  const perm = await sendAsOwner(user, user.callABI('auth.iost', 'addPermission', [name, 'trade', 100]));
  const withPerm = await rpc.blockchain.getAccountInfo(name, true);
  // account.js saves the account with itself as RAM payer: the receipt says what it used.
  report('permission', { status: perm.status_code, has: Object.keys(withPerm.permissions).includes('trade'), ram: perm.ram_usage[name] });

  // A token, created by the user and transferred to admin.
  const token = 'g' + String(Date.now() % 1000000);
  await send(user, user.callABI('token.iost', 'create', [token, name, '1000', { decimal: 0 }]));
  await send(user, user.callABI('token.iost', 'issue', [token, name, '100']));
  const moved = await send(user, user.transfer(token, name, 'admin', '40'));
  report('token', { status: moved.status_code, balance: (await rpc.blockchain.getBalance('admin', token, true)).balance });

  // A name for ram.iost's neighbour: domain.iost link and transfer.
  const domain = 'n' + String(Date.now() % 10000000) + '.x';
  await send(user, user.callABI('domain.iost', 'link', [domain, 'exchange.iost']));
  const handed = await send(user, user.callABI('domain.iost', 'transfer', [domain, 'admin']));
  report('domain', { status: handed.status_code });

  // A non-fungible token issued by admin to the user.
  const art = 'a' + String(Date.now() % 1000000);
  await send(admin, admin.callABI('token721.iost', 'create', [art, 'admin', 10]));
  await send(admin, admin.callABI('token721.iost', 'issue', [art, name, '{}']));
  report('token721', { balance: (await rpc.blockchain.getToken721Balance(name, art, true)).balance });
}

main().catch((e) => { report('error', { message: String(e && e.message || e) }); process.exit(1); });
