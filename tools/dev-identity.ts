import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfficerRole } from '@ws/contracts';
import { requestOk } from '@ws/platform';
import { devNodeSecret } from './dev-secrets';
import { runDir } from './processes';
import type { TopologyNode } from './topology';

/** A demo officer as IDENTITY_INITIAL_ACCOUNTS_FILE holds it (and the launcher prints it). */
export interface DemoOfficer {
  userName: string;
  displayName: string;
  password: string;
  role: OfficerRole;
  street?: string;
  station?: string;
  totpSecret: string;
  mustChangePassword: false;
}

const secretsDir = (code: string) => join(runDir(), 'secrets', code);

const ROLE_LABELS: Partial<Record<OfficerRole, string>> = {
  province_officer: '省总干部',
  city_officer: '市总干部',
  district_officer: '区总干部',
  street_officer: '街道干部',
  station_manager: '站长',
  ops_admin: '运维',
};

/**
 * A station claim for the demo station manager until the demo's stations exist (the stations
 * service numbers them at registration, after identity has started): a fixed UUID no station
 * has, replaced by the first demo station's (assignDemoStation) once the demo is loaded.
 */
const UNASSIGNED_STATION = '00000000-0000-4000-8000-000000000000';

/** The demo's officers of a node: one per role of its level, a station manager at a district, and an ops_admin at every node. */
function demoRoles(node: TopologyNode): Array<{ role: OfficerRole; short: string; street?: string; station?: string }> {
  const ops = { role: 'ops_admin' as const, short: 'ops' };
  switch (node.code.length) {
    case 2:
      return [{ role: 'province_officer', short: 'province' }, ops];
    case 4:
      return [{ role: 'city_officer', short: 'city' }, ops];
    default:
      return [
        { role: 'district_officer', short: 'district' },
        { role: 'street_officer', short: 'street', street: `${node.code}001` },
        { role: 'station_manager', short: 'station', station: UNASSIGNED_STATION },
        ops,
      ];
  }
}

/** RFC 4648 base32 (what authenticator apps read) of 20 bytes derived from the node's secret. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

/**
 * The node's demo officers, written once to .run/secrets/<code>/identity-accounts.json (the
 * service creates those it does not have at start) and read back at every start to print.
 * Passwords and TOTP secrets derive from the node's development secret: different per node.
 */
export function devIdentityAccounts(node: TopologyNode): { file: string; officers: DemoOfficer[] } {
  const file = join(secretsDir(node.code), 'identity-accounts.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoOfficer[]) : [];
  const seed = devNodeSecret(node.code, 'identity-demo');
  // A file written before a role joined the demo gains that role's officer; the others stay as they were.
  const added: DemoOfficer[] = demoRoles(node)
    .filter(({ short }) => !kept.some((officer) => officer.userName === `${short}_${node.code}`))
    .map(({ role, short, street, station }) => {
      const derived = createHash('sha256').update(`${seed}:${short}`).digest();
      return {
        userName: `${short}_${node.code}`,
        displayName: `演示${ROLE_LABELS[role] ?? ''}`,
        password: `Yz-${derived.subarray(0, 5).toString('hex')}`,
        role,
        ...(street ? { street } : {}),
        ...(station ? { station } : {}),
        totpSecret: base32(derived.subarray(12, 32)),
        mustChangePassword: false,
      };
    });
  const officers = [...kept, ...added];
  if (added.length > 0) writeFileSync(file, `${JSON.stringify(officers, null, 2)}\n`, { mode: 0o600 });
  return { file, officers };
}

/**
 * Gives the demo station manager the node's first demo station (its scope changed through the
 * identity service's accounts API, as a district officer would), when it manages another.
 */
export async function assignDemoStation(node: TopologyNode, identityApi: string, token: string, stationId: string): Promise<void> {
  const manager = devIdentityAccounts(node).officers.find((officer) => officer.role === 'station_manager');
  if (!manager) return;
  const found = (await requestOk(identityApi, 'GET', `/accounts?role=station_manager&q=${encodeURIComponent(manager.userName)}`, { token })) as {
    items: Array<{ accountId: string; userName: string; station: string | null }>;
  };
  const account = found.items.find((a) => a.userName === manager.userName);
  if (!account || account.station === stationId) return;
  await requestOk(identityApi, 'PUT', `/accounts/${account.accountId}/scope`, { token, body: { role: 'station_manager', station: stationId } });
}

/** The lines the launcher prints for the node's officers. */
export function describeDemoOfficers(node: TopologyNode): string[] {
  return devIdentityAccounts(node).officers.map(
    (officer) => `  登录 ${officer.role.padEnd(16)} 用户名 ${officer.userName}  密码 ${officer.password}  TOTP 密钥 ${officer.totpSecret} (添加到身份验证器)`,
  );
}
