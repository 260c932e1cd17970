import { describe, expect, it } from 'vitest';
import { ConnectionKeeper, type AsyncStorage, type Connection } from './connection.js';

function memory(): AsyncStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: async (k) => data.get(k) ?? null, setItem: async (k, v) => { data.set(k, v); }, removeItem: async (k) => { data.delete(k); } };
}

const here: Connection = { source: 'here', route: 'direct', baseUrl: 'http://localhost:8787/v2', realmId: 'org123456789', auth: { kind: 'token', token: 't'.repeat(20) }, keep: 'officeStorage' };
const acronis: Connection = { source: 'acronis', route: 'direct', baseUrl: 'http://localhost:8787/acronis/api/2', auth: { kind: 'token', token: 'a'.repeat(20) }, keep: 'session' };

describe('one connection per source', () => {
  it('keeps HERE and Acronis at once; connecting one does not drop the other', async () => {
    const keeper = new ConnectionKeeper(memory());
    await keeper.save(here);
    await keeper.save(acronis);
    expect(keeper.get('here')).toEqual(here);
    expect(keeper.get('acronis')).toEqual(acronis);
    expect(keeper.get()).toEqual(acronis);
    expect(keeper.all()).toEqual([here, acronis]);
    await keeper.forget('acronis');
    expect(keeper.get()).toEqual(here);
    await keeper.forget();
    expect(keeper.all()).toEqual([]);
  });

  it('stores only what the user chose to keep, and moves a legacy single connection to its source', async () => {
    const storage = memory();
    storage.data.set('meterbook.connection', JSON.stringify(here));
    const keeper = new ConnectionKeeper(storage);
    expect(await keeper.restore()).toEqual(here);
    expect([...storage.data.keys()]).toEqual(['meterbook.connection.here']);
    await keeper.save(acronis);
    expect(storage.data.has('meterbook.connection.acronis')).toBe(false);
    const again = new ConnectionKeeper(storage);
    await again.restore();
    expect(again.all()).toEqual([here]);
  });
});
