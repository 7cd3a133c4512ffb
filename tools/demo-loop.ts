import { divisionName } from '@ws/contracts';
import type { OfficerTokenMinter } from '@ws/kernel';
import { requestOk } from '@ws/platform';
import { loadDispatchDemo, serveDemoInvitations } from '../apps/dispatch/src/demo/load-dispatch-demo';
import { finishWishesDemo, loadWishesDemo, startWishTrickle } from '../apps/wishes/src/demo/load-wishes-demo';
import type { DemoStation } from './demo-data';

/**
 * The wish → dispatch loop of a district's demo (心愿墙 → 需求清单 → 统一派单), with the services'
 * own loaders in their documented order: volunteers and rotas, then wishes moderated and the
 * demand lists decided; then the volunteers answering the invitations dispatch makes of them and
 * the authors answering what was done.
 */
export interface LoopDemo {
  wishesUrl: string;
  dispatchUrl: string;
  districtCode: string;
  /** Signs the loaders' officer tokens with the district's key. */
  officerTokens: OfficerTokenMinter;
  stations: DemoStation[];
  /** Multiplies wishes and reports (1 = three wishes per community micro-station). */
  wishes: number;
  /** Multiplies volunteers and the stations with a rota (1 = three per community micro-station). */
  volunteers: number;
}

const nameOf = (demo: LoopDemo) => `${divisionName(demo.districtCode) ?? demo.districtCode} (${demo.districtCode})`;

const asServiceStations = (stations: DemoStation[]) =>
  stations.map((s) => ({ stationId: s.id, streetCode: s.streetCode, communityCode: s.communityCode, tier: s.tier, location: s.location }));

async function loadLoopDemo(demo: LoopDemo): Promise<string> {
  const stations = asServiceStations(demo.stations);
  const dispatch = await loadDispatchDemo({ dispatchUrl: demo.dispatchUrl, districtCode: demo.districtCode, officerTokens: demo.officerTokens, stations, scale: demo.volunteers });
  const wishes = await loadWishesDemo({ wishesUrl: demo.wishesUrl, districtCode: demo.districtCode, officerTokens: demo.officerTokens, stations, scale: demo.wishes });
  return `${dispatch.volunteers} 志愿者 volunteers, ${dispatch.hoursRecorded} 班次工时 shifts served, ${wishes.wishes} 心愿 wishes (${wishes.decisions} 派单决定 decisions), ${wishes.reports} 随手拍 reports`;
}

async function alreadyLoaded(demo: LoopDemo): Promise<boolean> {
  const stats = (await requestOk(demo.wishesUrl, 'GET', '/stats')) as { figures: Array<{ key: string; value: number }> };
  return (stats.figures.find((f) => f.key === 'total')?.value ?? 0) > 0;
}

/**
 * Plays the district's loop after start-up: loads it unless an earlier run did, lets the
 * volunteers answer and the authors confirm or reopen, then posts a new wish every few seconds.
 * The loaders go request by request (as people would) and take about a minute on a busy
 * machine, which is why npm start does not wait for them. Returns its stop.
 */
export function runLoopDemo(demo: LoopDemo, wishEveryMs: number, log: (line: string) => void): () => void {
  let stopTrickle: (() => void) | undefined;
  let stopped = false;
  const play = async () => {
    if (!(await alreadyLoaded(demo))) {
      const started = Date.now();
      log(`${nameOf(demo)}: ${await loadLoopDemo(demo)}`);
      if (stopped) return;
      await answerAll(demo, log);
      log(`${nameOf(demo)}: 心愿与派单演示就绪 wish and dispatch demo loaded in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    if (!stopped && wishEveryMs > 0) {
      stopTrickle = startWishTrickle({ wishesUrl: demo.wishesUrl, districtCode: demo.districtCode, officerTokens: demo.officerTokens, stations: asServiceStations(demo.stations), everyMs: wishEveryMs });
    }
  };
  play().catch((error: unknown) => {
    if (!stopped) log(`${nameOf(demo)}: wish and dispatch demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  });
  return () => {
    stopped = true;
    stopTrickle?.();
  };
}

async function answerAll(demo: LoopDemo, log: (line: string) => void): Promise<void> {
  const served = await serveDemoInvitations({ dispatchUrl: demo.dispatchUrl, districtCode: demo.districtCode, officerTokens: demo.officerTokens });
  const answered = await finishWishesDemo({ wishesUrl: demo.wishesUrl, districtCode: demo.districtCode, officerTokens: demo.officerTokens, stations: asServiceStations(demo.stations), scale: demo.wishes });
  log(`${nameOf(demo)}: 派单 ${served.accepted} accepted, ${served.completed} completed; ${answered.confirmed} 心愿确认 confirmed, ${answered.reopened} reopened`);
}
