import type { SigningKeysAnnounced } from '@ws/contracts';
import type { Decider } from '@ws/kernel';

/** Announce the node's public signing keys: the whole set in force, each time. */
export interface AnnounceKeys {
  type: 'AnnounceKeys';
  announcement: SigningKeysAnnounced['data'];
}

/** The node's keyring stream: every announcement is recorded (nothing refuses one); its state is the last set announced. */
export const keyringDecider: Decider<AnnounceKeys, SigningKeysAnnounced, SigningKeysAnnounced['data'] | null> = {
  decide: (command) => [{ type: 'SigningKeysAnnounced', data: command.announcement }],
  evolve: (_state, event) => event.data,
  initialState: () => null,
};
