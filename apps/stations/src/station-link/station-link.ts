import { createHmac, timingSafeEqual } from 'node:crypto';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { publicOrigin, stationLandingPath } from '@ws/contracts';
import { loadConfig, secretOrEphemeral } from '@ws/kernel';

/**
 * A station's code (the QR on its wall) carries its landing page with the node's signature:
 * HMAC-SHA256 over the node and the station id with the node's STATION_LINK_SECRET, 96 bits in
 * base64url. A guessed id, or a real id with a made-up or another node's signature, is refused,
 * and the answer is the same whether the station exists or not.
 */
export class StationLinkEnv {
  /** Per node; required in production (development: npm start generates one under .run/). */
  @IsOptional() @IsString() @MinLength(32, { message: 'STATION_LINK_SECRET must be at least 32 characters' })
  STATION_LINK_SECRET?: string;

  /** The node's public origin or host (see publicOrigin); else the origin the front was reached at. */
  @IsOptional() @IsString()
  WAYSTATION_PUBLIC_HOST?: string;

  @IsOptional() @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;
}

export interface StationLinkConfig {
  secret: string;
  /** Set when WAYSTATION_PUBLIC_HOST is: links on paper point there whatever address asked for them. */
  publicOrigin?: string;
}

export const STATION_LINK_CONFIG = Symbol('STATION_LINK_CONFIG');

export function stationLinkConfig(env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): StationLinkConfig {
  const raw = loadConfig(StationLinkEnv, env);
  const secret = secretOrEphemeral('STATION_LINK_SECRET', raw.STATION_LINK_SECRET, raw.NODE_ENV, 'station codes are signed', warn);
  return { secret, ...(raw.WAYSTATION_PUBLIC_HOST ? { publicOrigin: publicOrigin(raw.WAYSTATION_PUBLIC_HOST, 80) } : {}) };
}

const SIGNATURE = /^[A-Za-z0-9_-]{16}$/;

export function signStationLink(secret: string, nodeCode: string, stationId: string): string {
  return createHmac('sha256', secret).update(`station-link:v1:${nodeCode}:${stationId.toLowerCase()}`).digest('base64url').slice(0, 16);
}

export function isValidStationLink(secret: string, nodeCode: string, stationId: string, signature: unknown): boolean {
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature), Buffer.from(signStationLink(secret, nodeCode, stationId)));
}

/** The full URL printed in the code: the public origin when configured, else the one the request came through. */
export function stationLinkUrl(origin: string, secret: string, nodeCode: string, stationId: string): string {
  return `${origin}${stationLandingPath(stationId, signStationLink(secret, nodeCode, stationId))}`;
}
