import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diesWithParent } from '@ws/testing/dies-with-parent';

/**
 * Where the launcher keeps what it writes: the nats-servers' configs and stores (nats/<code>)
 * and its children's logs (logs/). WS_RUN_DIR, or .run in the working directory; a test's
 * federation beside npm start's gets a directory of its own.
 */
export function runDir(): string {
  return resolve(process.env['WS_RUN_DIR'] || join(process.cwd(), '.run'));
}

export const logDir = () => join(runDir(), 'logs');

/** A child process of the launcher, its output teed to a log file under the run directory's logs/. */
export interface Managed {
  name: string;
  child: ChildProcess;
  logFile: string;
}

/**
 * Each child gets its own process group (detached), so a Ctrl-C in the terminal reaches the
 * launcher only and the launcher decides the order: services first, nats-servers last. The
 * price is that the launcher must not leave without them: see killAllNow. With `ipc`, the child
 * can send the launcher messages (a compact node reporting a service that did not start).
 */
export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, options: { ipc?: boolean } = {}): Managed {
  const dir = logDir();
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const [program, programArgs] = diesWithParent(command, args);
  const child = spawn(program, programArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { name, child, logFile };
}

export function isRunning(managed: Managed): boolean {
  return managed.child.exitCode === null && managed.child.signalCode === null;
}

/** The last lines a child wrote (stack traces included), to say why it died without opening its log. */
export function tailOf(managed: Managed, lines = 6): string {
  try {
    const text = readFileSync(managed.logFile, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).map((line) => `    ${line.slice(0, 300)}`).join('\n');
  } catch {
    return '';
  }
}

export async function waitForHttp(url: string, timeoutMs: number, managed?: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (managed && !isRunning(managed)) {
      throw new Error(`${managed.name} exited with ${managed.child.exitCode ?? managed.child.signalCode}; see ${managed.logFile}\n${tailOf(managed)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${managed ? `; see ${managed.logFile}` : ''}`);
}

/** SIGTERM every child, SIGKILL what is left after the grace period. */
export async function stopAll(processes: Managed[], graceMs = 5000): Promise<void> {
  const alive = processes.filter(isRunning);
  await Promise.all(
    alive.map(
      (p) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            p.child.kill('SIGKILL');
          }, graceMs);
          p.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}

/** The last resort when the launcher exits without stopping (a crash): no child outlives it. */
export function killAllNow(processes: Managed[]): void {
  for (const p of processes) if (isRunning(p)) p.child.kill('SIGKILL');
}
