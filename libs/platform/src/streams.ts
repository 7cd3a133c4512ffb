import { ensureNodeStreams, type JetStreamManager } from '@ws/messaging';
import type { PlatformConfig } from './platform-config';

/**
 * A service creates its node's streams only when they are missing (a node started for the
 * first time, or a test). It never updates them: sources to child nodes are the node
 * bootstrapper's business, and an update without them would cut the children off.
 */
export async function ensureStreamsExist(jsm: JetStreamManager, config: PlatformConfig): Promise<void> {
  const names = await jsm.streams.names().next();
  if (names.includes(config.streams.evt) && names.includes(config.streams.dir)) return;
  await ensureNodeStreams(jsm, config.node, { names: config.streams });
}
