// Drives IOST's JS SDK (npm iost@0.1.22, unchanged) against a node's IOST gateway, as an IOST
// developer's code would: node flow.js GATEWAY_URL ADMIN_SECRET_KEY_BASE58
// Prints one JSON line per step ({step, ...}) and exits 1 on the first failure.
'use strict';
const IOST = require('iost');
const { report, client, send } = require('./client');

const [url, adminSecret] = process.argv.slice(2);
const rpc = new IOST.RPC(new IOST.HTTPProvider(url, 30000));

async function main() {
  const admin = client('admin', new IOST.KeyPair(IOST.Bs58.decode(adminSecret)));
  await admin.setRPC(rpc);
  const chain = await rpc.blockchain.getChainInfo();
  report('chain', { chain_id: chain.chain_id, head_block: chain.head_block });

  // A new account with its own keys, created by newAccount (no RAM or gas pledge yet on this chain).
  const userKey = IOST.KeyPair.newKeyPair();
  const name = 'sdk' + String(Date.now() % 100000000).padStart(8, '0');
  const created = await send(admin, admin.newAccount(name, 'admin', userKey.id, userKey.id, 0, 0));
  const account = await rpc.blockchain.getAccountInfo(name, true);
  report('newAccount', { name, status: created.status_code, active: account.permissions.active.items[0].id === userKey.id, receipt: created.receipts[0].func_name });

  // A token of its own, issued to admin and transferred with the SDK's transfer (amount_limit included).
  const token = 't' + String(Date.now() % 1000000);
  await send(admin, admin.callABI('token.iost', 'create', [token, 'admin', '1000000', { decimal: 2 }]));
  await send(admin, admin.callABI('token.iost', 'issue', [token, 'admin', '1000']));
  const paid = await send(admin, admin.transfer(token, 'admin', name, '10.5'));
  const balance = await rpc.blockchain.getBalance(name, token, true);
  report('transfer', { status: paid.status_code, balance: balance.balance });

  // A frozen transfer: it shows as frozen until its time comes (here, far in the future).
  const freeze = admin.callABI('token.iost', 'transferFreeze', [token, 'admin', name, '2', 9e18, 'later']);
  freeze.addApprove(token, '2');
  await send(admin, freeze);
  const frozen = await rpc.blockchain.getBalance(name, token, true);
  report('frozen', { balance: frozen.balance, frozen: frozen.frozen_balances });

  // The new account signs with its own key and pays some back.
  const user = client(name, userKey);
  await user.setRPC(rpc);
  const back = await send(user, user.transfer(token, name, 'admin', '0.5'));
  report('transferBack', { status: back.status_code, balance: (await rpc.blockchain.getBalance(name, token, true)).balance });

  // Publish a contract as iwallet does: system.iost setCode with IOST's contract JSON, then call it.
  const code = "class Greeter { init() { storage.put('greeting', 'hello'); } greet(who) { const g = storage.get('greeting') + ', ' + who; storage.put('last', g); return g; } } module.exports = Greeter;";
  const info = { lang: 'javascript', version: '1.0.0', abi: [{ name: 'greet', args: ['string'], amountLimit: [] }] };
  const published = await send(user, user.callABI('system.iost', 'setCode', [JSON.stringify({ ID: '', info, code })]));
  const id = JSON.parse(published.returns[0])[0];
  const called = await send(user, user.callABI(id, 'greet', ['iost']));
  const stored = await rpc.blockchain.getContractStorage(id, 'last', '', true);
  const contract = await rpc.blockchain.getContract(id, true);
  report('contract', { id, returns: called.returns, stored: stored.data, abi: contract.abis.map((a) => a.name) });

  // A name for the contract (domain.iost), then a call by that name.
  const url = 'g' + String(Date.now() % 10000000) + '.dm';
  await send(user, user.callABI('domain.iost', 'link', [url, id]));
  const byName = await send(user, user.callABI(url, 'greet', ['by name']));
  report('domain', { url, returns: byName.returns });

  // A non-fungible token (token721.iost): created and issued by admin to the new account, read back.
  const art = 'a' + String(Date.now() % 1000000);
  await send(admin, admin.callABI('token721.iost', 'create', [art, 'admin', 100]));
  const issued = await send(admin, admin.callABI('token721.iost', 'issue', [art, name, '{"title":"first"}']));
  const held = await rpc.blockchain.getToken721Balance(name, art, true);
  const owner = await rpc.blockchain.getToken721Owner(art, '0', true);
  const metadata = await rpc.blockchain.getToken721Metadata(art, '0', true);
  report('token721', { issued: issued.returns, balance: held.balance, ids: held.tokenIDs, owner: owner.owner, metadata: metadata.metadata });

  // Receipts and transactions read back by hash.
  const receipt = await rpc.transaction.getTxReceiptByTxHash(called.tx_hash);
  const found = await rpc.transaction.getTxByHash(called.tx_hash);
  report('receipt', { status: receipt.status_code, publisher: found.transaction.publisher, block: found.block_number });
}

main().catch((e) => { report('error', { message: String(e && e.message || e) }); process.exit(1); });
