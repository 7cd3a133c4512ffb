import { CATEGORY_WEIGHTS, fraction, TEXTS, weighted } from './demo-plan';
import type { WishesDemoOptions } from './demo-plan';
import { WishesDemoApi } from './wishes-demo-api';

export interface WishTrickleOptions extends WishesDemoOptions {
  /** A new wish this often (default every 5 s). */
  everyMs?: number;
}

/**
 * A new wish every few seconds at a community micro-station (a worker scanning the QR code);
 * the station manager accepts every other one a moment later. Returns the function that stops it.
 */
export function startWishTrickle(options: WishTrickleOptions): () => void {
  const api = new WishesDemoApi(options.wishesUrl, options.districtCode, options.officerTokens);
  const community = options.stations.filter((s) => s.tier === 'community');
  const stations = community.length > 0 ? community : options.stations;
  let n = 0;
  const timer = setInterval(() => {
    const index = n++;
    const seed = `trickle-${Date.now()}-${index}`;
    const category = weighted(`category-${seed}`, CATEGORY_WEIGHTS);
    const station = stations[Math.floor(fraction(`station-${seed}`) * stations.length)]!;
    const texts = TEXTS[category];
    void api
      .call('POST', '/wishes', {
        body: {
          stationId: station.stationId,
          category,
          text: texts[Math.floor(fraction(`text-${seed}`) * texts.length)],
          // Every other author leaves a mobile and agrees to SMS: the node's message box shows what they are told.
          ...(index % 2 === 0 ? { contact: `1660000${String(index % 10_000).padStart(4, '0')}`, smsConsent: true } : {}),
        },
      })
      .then(async (posted) => {
        if (posted.status === 201 && index % 2 === 0) await api.settled({ role: 'station_manager', station: station.stationId }, `/wishes/${posted.body.wishId}/accept`);
      })
      .catch(() => undefined);
  }, options.everyMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}

