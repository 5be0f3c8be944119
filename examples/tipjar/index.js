// A tip jar: anyone tips iost to it with a message; its owner withdraws what it holds.
const ledger = require('./lib/ledger');

class TipJar {
  init() {
    storage.put('owner', tx.publisher);
    storage.put('total', '0');
  }

  /**
   * Tips an amount of iost to the jar.
   * @param {string} from   the tipping account (it must sign)
   * @param {string} amount iost, as a decimal string
   * @param {string} message shown with the tip
   */
  tip(from, amount, message) {
    ledger.checkAmount(amount);
    blockchain.deposit(from, amount, message);
    const total = ledger.add(storage.get('total'), amount);
    storage.put('total', total);
    storage.mapPut('tips', from, ledger.add(storage.mapGet('tips', from) || '0', amount));
    console.log(`${from} tipped ${amount}: ${message}`);
    blockchain.event(JSON.stringify({ from, amount, message }));
    return total;
  }

  /**
   * Sends everything in the jar to its owner.
   */
  withdraw() {
    const owner = storage.get('owner');
    if (!blockchain.requireAuth(owner, 'active')) throw new Error('only the owner withdraws');
    const total = storage.get('total');
    if (total === '0') return '0';
    blockchain.withdraw(owner, total, 'withdraw');
    storage.put('total', '0');
    return total;
  }
}

module.exports = TipJar;
