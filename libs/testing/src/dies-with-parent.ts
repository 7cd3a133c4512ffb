import { execFileSync } from 'node:child_process';

let setpriv: string | null | undefined;

function setprivBinary(): string | null {
  if (setpriv !== undefined) return setpriv;
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    setpriv = 'setpriv';
  } catch {
    setpriv = null;
  }
  return setpriv;
}

/**
 * The command and arguments to spawn so that the child gets SIGTERM when the process that
 * started it dies, however it dies: a launcher, a bench or a jest worker killed with SIGKILL or
 * crashing left its nats-servers and services running for hours (an exit handler never runs on
 * SIGKILL). Linux's parent-death signal, set by util-linux's setpriv, which then execs the command
 * (same pid). Where setpriv is missing, the command as given.
 */
export function diesWithParent(command: string, args: readonly string[]): [string, string[]] {
  const wrapper = process.platform === 'linux' ? setprivBinary() : null;
  return wrapper ? [wrapper, ['--pdeathsig', 'TERM', '--', command, ...args]] : [command, [...args]];
}
