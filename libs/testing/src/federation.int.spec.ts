import { Module } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { ServiceFederation } from './federation';
import { databasesNamed } from './infra';

@Module({})
class NothingModule {}

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connectTcp({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The node's nats-server directories in the temp dir (see startNatsServer). */
function storeDirsOf(federation: ServiceFederation<string>): string[] {
  const codes = [federation.cityCode, ...federation.districtCodes];
  return readdirSync(tmpdir()).filter((name) => codes.some((code) => name.startsWith(`ws-nats-${code}-`)));
}

/**
 * What a federation test leaves behind when its set-up fails or is cut short: nothing — no
 * nats-server listening, no store directory in the temp dir, no database.
 */
describe('ServiceFederation', () => {
  it('removes what had started when a node’s service fails to start', async () => {
    const natsUrls: string[] = [];
    const federation = new ServiceFederation({
      service: 'fedfail',
      module: (config) => {
        natsUrls.push(config.natsUrl);
        if (natsUrls.length === 2) throw new Error('the second node does not start');
        return { module: NothingModule };
      },
      districts: ['west', 'east'],
    });
    const before = storeDirsOf(federation);
    await expect(federation.start()).rejects.toThrow('the second node does not start');
    expect(natsUrls).toHaveLength(2);
    expect(await Promise.all(natsUrls.map(listening))).toEqual([false, false]);
    expect(storeDirsOf(federation)).toEqual(before);
    expect(await databasesNamed('fedfail_')).toEqual([]);
  }, 60_000);

  it('removes what starts after close(), as when jest gives up on a slow beforeAll', async () => {
    const federation = new ServiceFederation({ service: 'fedclosed', module: () => ({ module: NothingModule }), districts: ['west', 'east'] });
    const before = storeDirsOf(federation);
    const starting = federation.start();
    await federation.close();
    await expect(starting).rejects.toThrow(/closed while it started/);
    expect(storeDirsOf(federation)).toEqual(before);
    expect(await databasesNamed('fedclosed_')).toEqual([]);
  }, 60_000);

  it('starts a city and its districts on their own nats-servers, each service told its node', async () => {
    const federation = new ServiceFederation({ service: 'fedup', module: () => ({ module: NothingModule }), districts: ['west', 'east'] });
    const before = storeDirsOf(federation);
    try {
      const { city, districts } = await federation.start();
      expect([city.ref.code, districts.west.ref.code, districts.east.ref.code]).toEqual([federation.cityCode, ...federation.districtCodes]);
      expect(federation.districtCodes.every((code) => code.length === 6 && code.startsWith(federation.cityCode))).toBe(true);
      expect(new Set([city, districts.west, districts.east].map((n) => n.nats.url)).size).toBe(3);
      expect(storeDirsOf(federation)).toHaveLength(before.length + 3);
    } finally {
      await federation.close();
    }
    expect(storeDirsOf(federation)).toEqual(before);
    expect(await databasesNamed('fedup_')).toEqual([]);
  }, 60_000);
});
