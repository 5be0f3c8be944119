// Run with: actorvm test examples/tipjar
// Every test starts from a fresh chain: the dev genesis, where admin holds iost.

test('a tip moves iost into the jar and is recorded', () => {
  const jar = chain.deploy('.', { as: 'alice' });
  chain.account('bobby');
  expect(chain.call('token.iost', 'transfer', ['iost', 'admin', 'bobby', '100', 'for tips'])).toSucceed();

  const r = chain.call(jar, 'tip', ['bobby', '12.5', 'thanks!'], { as: 'bobby' });

  expect(r).toSucceed();
  expect(r.value).toBe('12.5');
  expect(chain.balance('bobby')).toBe('87.5');
  expect(chain.storage(jar, 'tips', 'bobby')).toBe('12.5');
  expect(JSON.parse(r.events[0].content)).toEqual({ from: 'bobby', amount: '12.5', message: 'thanks!' });
  expect(r.logs[0].message).toBe('bobby tipped 12.5: thanks!');
});

test('a tip of nothing fails and changes nothing', () => {
  const jar = chain.deploy('.', { as: 'alice' });

  const r = chain.call(jar, 'tip', ['admin', '0', 'zero'], { as: 'admin' });

  expect(r).toFailWith('a tip is a positive amount');
  expect(chain.storage(jar, 'total')).toBe('0');
});

test('only the owner withdraws, and gets everything', () => {
  const jar = chain.deploy('.', { as: 'alice' });
  chain.call(jar, 'tip', ['admin', '30', 'one'], { as: 'admin' });
  chain.call(jar, 'tip', ['admin', '12', 'two'], { as: 'admin' });

  expect(chain.call(jar, 'withdraw', [], { as: 'bobby' })).toFailWith('only the owner withdraws');
  const r = chain.call(jar, 'withdraw', [], { as: 'alice' });

  expect(r.value).toBe('42');
  expect(chain.balance('alice')).toBe('42');
});

test('the total can be read without a transaction', () => {
  const jar = chain.deploy('.', { as: 'alice' });
  chain.call(jar, 'tip', ['admin', '5', 'hi'], { as: 'admin' });

  expect(chain.storage(jar, 'total')).toBe('5');
  expect(chain.height).toBeGreaterThan(1);
});
