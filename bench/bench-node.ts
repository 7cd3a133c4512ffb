import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { requestOk } from '@ws/platform';
import { ProcessNode } from '@ws/testing/process-federation';

/** A throw-away stations node for a benchmark: a ProcessNode of the stations service (its own database and streams, a built process), with stations registered. */
export interface BenchNode {
  url: string;
  pid: number;
  database: string;
  token: string;
  stationIds: string[];
  close(): Promise<void>;
}

export async function startBenchNode(stations: number): Promise<BenchNode> {
  const node = new ProcessNode<'stations'>({ env: { stations: { LOG_LEVEL: 'error' } } });
  // A failed set-up leaves no service, database nor streams behind.
  try {
    await node.start('stations');
    const token = await node.token('district_officer', { subject: 'bench' });
    const stationIds: string[] = [];
    for (let i = 0; i < stations; i++) stationIds.push(await registerStation(node.url('stations'), token, i));
    return { url: node.url('stations'), pid: node.pid('stations')!, database: node.databaseName('stations'), token, stationIds, close: () => node.close() };
  } catch (error) {
    await node.close();
    throw error;
  }
}

async function registerStation(url: string, token: string, i: number): Promise<string> {
  const registered = await requestOk(url, 'POST', '/stations', {
    token,
    body: {
      name: `基准驿站${i}`, kind: 'station', tier: 'community', host: 'community_centre', streetCode: '330802001',
      address: `基准路${i}号`, location: { lng: 118.8 + (i % 50) * 0.003, lat: 28.9 + Math.floor(i / 50) * 0.003 },
      hours: { open24h: true }, facilities: ['microwave', 'charging'],
    },
  });
  return (registered as { stationId: string }).stationId;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function uniqueKey(): string {
  return randomUUID();
}

/**
 * CPU seconds used so far by the processes a predicate picks (Linux /proc; user + system time of
 * processes still alive). On a shared machine, CPU per event is a steadier figure than events/s.
 */
export function processCpuSeconds(pick: (process: { pid: number; ppid: number; cmdline: string }) => boolean): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  const processes = new Map<number, { ppid: number; cmdline: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.set(Number(entry), { ppid: Number(fields[1]), cmdline, seconds: (Number(fields[11]) + Number(fields[12])) / tick });
    } catch {
      // the process ended while we looked
    }
  }
  for (const [pid, p] of processes) if (pick({ pid, ppid: p.ppid, cmdline: p.cmdline })) total += p.seconds;
  return total;
}

/** Resident memory in MB of the processes a predicate picks (Linux /proc, VmRSS). */
export function residentMegabytes(pick: (process: { pid: number; ppid: number; cmdline: string }) => boolean): number {
  let kilobytes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (pick({ pid: Number(entry), ppid, cmdline })) kilobytes += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kilobytes / 1024;
}

/**
 * Proportional memory in MB (Linux /proc, Pss) of the processes a predicate picks: shared pages
 * counted once across them — for Postgres backends, whose RSS each include the shared buffers.
 */
export function proportionalMegabytes(pick: (process: { pid: number; ppid: number; cmdline: string }) => boolean): number {
  let kilobytes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      if (pick({ pid: Number(entry), ppid, cmdline })) kilobytes += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kilobytes / 1024;
}

/** Postgres backends serving `database` (their process title names it). */
export function postgresBackendsOf(database: string) {
  return (p: { cmdline: string }) => p.cmdline.startsWith('postgres: ') && p.cmdline.includes(` ${database} `);
}

/** The process `root` and every process below it (a service's cluster workers). */
export function processTree(root: number) {
  const members = new Set([root]);
  return (p: { pid: number; ppid: number }) => {
    if (members.has(p.pid)) return true;
    if (members.has(p.ppid)) {
      members.add(p.pid);
      return true;
    }
    return false;
  };
}
