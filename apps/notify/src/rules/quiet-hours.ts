import { QUIET_HOURS_EXEMPT } from '@ws/contracts';
import type { MessageKind } from '@ws/contracts';
import { shanghaiAt, shanghaiMinuteOfDay } from './shanghai-time';

/** Quiet hours in minutes of the Asia/Shanghai day; `from` after `to` spans midnight (22:00–07:00). */
export interface QuietHours {
  from: number;
  to: number;
}

function isQuiet(quiet: QuietHours, minute: number): boolean {
  return quiet.from <= quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/**
 * When a gateway message of `kind` may go out if it is due `at`: at once, or at the end of the
 * quiet hours (07:00 Asia/Shanghai). Invitations are exempt (so are codes, which never wait).
 */
export function earliestSend(kind: MessageKind, at: Date, quiet: QuietHours): Date {
  if (QUIET_HOURS_EXEMPT.includes(kind)) return at;
  const minute = shanghaiMinuteOfDay(at);
  if (!isQuiet(quiet, minute)) return at;
  return shanghaiAt(at, minute >= quiet.to ? 1 : 0, quiet.to);
}
