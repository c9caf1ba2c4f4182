import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { makeOrganisation, type TestOrg } from '../../testing/factories.js';
import { createEventBus, type EventBus } from './events.js';

let t: TestDatabase;
let org: TestOrg;
let one: EventBus;
let two: EventBus;

beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrganisation(t.db.system);
  // Two buses on one database: two server instances, as far as PostgreSQL can tell.
  one = createEventBus({ url: t.url });
  two = createEventBus({ url: t.url });
  await Promise.all([one.start(), two.start()]);
});
afterAll(async () => {
  await one?.stop();
  await two?.stop();
  await t?.drop();
});

const heard = (bus: EventBus, topic: string) => {
  const got: string[] = [];
  const stop = bus.listen(topic, (p) => got.push(p));
  return { got, stop };
};
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('events across instances', () => {
  it('announces a change to every instance once its transaction commits', async () => {
    const a = heard(one, 'live:s1');
    const b = heard(two, 'live:s1');
    const other = heard(two, 'live:s2');
    await t.db.withTenant(org.id, async (tx) => {
      await one.announce(tx, 'live:s1', 'admitted');
      await settle();
      // Not before the commit.
      expect([a.got, b.got]).toEqual([[], []]);
    });
    await settle();
    expect([a.got, b.got, other.got]).toEqual([['admitted'], ['admitted'], []]);
    a.stop();
    b.stop();
    other.stop();
  });

  it('announces nothing for a transaction that rolls back', async () => {
    const b = heard(two, 'live:s3');
    await expect(
      t.db.withTenant(org.id, async (tx) => {
        await one.announce(tx, 'live:s3', 'x');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await settle();
    expect(b.got).toEqual([]);
    b.stop();
  });
});
