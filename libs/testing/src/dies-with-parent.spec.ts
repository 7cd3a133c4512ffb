import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { diesWithParent } from './dies-with-parent';
import { eventually } from './eventually';

/** Running, not a zombie waiting for whoever adopted it to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('diesWithParent', () => {
  it('ends a child when the process that started it is killed with SIGKILL', async () => {
    // A parent that starts a long sleep through diesWithParent, prints its pid and waits.
    const [command, args] = diesWithParent('sleep', ['300']);
    const parentScript = `const c = require('node:child_process').spawn(${JSON.stringify(command)}, ${JSON.stringify(args)}, { stdio: 'ignore', detached: true }); console.log(c.pid); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await eventually(() => !alive(childPid) || undefined, { what: 'the orphaned sleep gone', timeoutMs: 10_000, everyMs: 100 });
  });
});
