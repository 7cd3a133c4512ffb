import { sql } from 'kysely';
import type { OfficerTokenMinter } from '@ws/kernel';
import { testOfficerTokens } from '@ws/testing';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../apps/stations/src/stations.module';
import { ensureStationsDemo, planStations, profileOf } from './demo-data';
import { demoNotice } from './demo-notices';

/** A few stations and visits, so the spec stays quick: the history's parts are what is counted. */
const SCALE = 0.1;
const VISITS_SCALE = 0.01;

/**
 * npm start killed after the district's stations were registered and before their history was
 * in (or in the middle of it): the next start finds the stations and loads what of the history
 * is missing, nothing twice — in the end the counts of a clean run.
 */
describe('the demo stations’ history, resumed by the next start (real Postgres and NATS)', () => {
  // The demo's plan of 柯城, loaded at a test node (its own subjects and database) as its officer.
  const district = '330802';
  let service: ServiceHarness;
  let officerTokens: OfficerTokenMinter;

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officerTokens = (principal) => testOfficerTokens()({ ...principal, node: service.config.node.code });
  });

  afterAll(async () => {
    await service?.close();
  });

  const start = () => ensureStationsDemo(service.base, district, officerTokens, SCALE, VISITS_SCALE);

  /** What the district's event store holds of the history. */
  async function held(): Promise<{ stations: number; reviews: number; notices: number; visits: number; upgraded: number }> {
    await service.settle();
    const { rows } = await sql<{ type: string; events: string; visits: string }>`
      select type, count(*) as events, coalesce(sum(jsonb_array_length(data->'visits')), 0) as visits
      from events where type in ('StationRegistered', 'StationReviewed', 'StationNoticePublished', 'VisitsRecorded', 'UpgradeCompleted') group by type`.execute(service.db);
    const of = (type: string) => rows.find((r) => r.type === type);
    return {
      stations: Number(of('StationRegistered')?.events ?? 0),
      reviews: Number(of('StationReviewed')?.events ?? 0),
      notices: Number(of('StationNoticePublished')?.events ?? 0),
      visits: Number(of('VisitsRecorded')?.visits ?? 0),
      upgraded: Number(of('UpgradeCompleted')?.events ?? 0),
    };
  }

  it('registers the stations, stops before their history, and the next starts load it once', async () => {
    // A clean run's counts, from the plan the demo loads.
    const plans = planStations(district, SCALE);
    const clean = {
      stations: plans.length,
      reviews: plans.filter((p) => p.reviewScores).length,
      notices: plans.filter((p, i) => demoNotice({ id: '', tier: p.body.tier, hours: p.body['hours'] as never }, i, district) !== null).length,
      visits: Math.round(profileOf(district).visitsPerDay * VISITS_SCALE) * 7,
    };

    // The first start registers the stations and is killed before their history.
    const first = await start();
    expect([first.registeredNow, first.stations.length]).toEqual([true, clean.stations]);
    expect(await held()).toEqual({ stations: clean.stations, reviews: 0, notices: 0, visits: 0, upgraded: 0 });

    // The second finds them and loads the history, but is killed while it waits for the directives: no upgrades yet.
    const second = await start();
    expect([second.registeredNow, second.stations.map((s) => s.id).sort()]).toEqual([false, first.stations.map((s) => s.id).sort()]);
    let kill!: (reason: Error) => void;
    const killed = new Promise<void>((_, reject) => (kill = reject));
    killed.catch(() => undefined);
    kill(new Error('npm start stopped'));
    await expect(second.loadHistory(killed)).rejects.toThrow('npm start stopped');
    expect(await held()).toEqual({ ...clean, upgraded: 0 });

    // The third loads only the upgrades; what the second loaded is not loaded again.
    const third = await (await start()).loadHistory();
    expect(third).toEqual({ reviews: 0, notices: 0, visits: 0, upgraded: expect.any(Number) });
    expect(third.upgraded).toBeGreaterThan(0);
    const complete = await held();
    expect(complete).toEqual({ ...clean, upgraded: third.upgraded });

    // A start after a complete history loads nothing.
    expect(await (await start()).loadHistory()).toEqual({ reviews: 0, notices: 0, visits: 0, upgraded: 0 });
    expect(await held()).toEqual(complete);
  });
});
