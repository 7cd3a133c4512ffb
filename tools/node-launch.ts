import { isRunning, killAllNow, Managed, stopAll, tailOf } from './processes';

/**
 * The launcher's children and how they end: Ctrl-C (SIGINT), SIGTERM or SIGHUP stop the
 * services first and the nats-servers last, so nothing loses its bus while draining; a crash
 * of the launcher kills whatever is left (the children are in their own process groups and
 * would otherwise outlive it).
 */
export class Launch {
  readonly processes: Managed[] = [];
  private readonly stoppers: Array<() => void> = [];
  private stopping = false;

  constructor() {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void this.shutdown(0));
    process.on('exit', () => killAllNow(this.processes));
    process.on('uncaughtException', (error) => {
      process.stderr.write(`launcher: ${error.stack ?? error.message}\n`);
      void this.shutdown(1);
    });
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  add(...managed: Managed[]): void {
    this.processes.push(...managed);
    for (const m of managed) {
      // 'close' comes after the child's output is flushed into its log, so the tail says why.
      m.child.once('close', (code, signal) => {
        if (!this.stopping) process.stderr.write(`${m.name} exited (${signal ?? code}); see ${m.logFile}\n${tailOf(m)}\n`);
      });
    }
  }

  /** Something to stop before the processes (a timer, a trickle). */
  onStop(stop: () => void): void {
    this.stoppers.push(stop);
  }

  async shutdown(code: number): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      process.stdout.write('\n正在停止 stopping…\n');
      this.stoppers.forEach((stop) => stop());
      const isNats = (m: Managed) => m.name.startsWith('nats-');
      await stopAll(this.processes.filter((m) => !isNats(m)));
      await stopAll(this.processes.filter(isNats));
      const left = this.processes.filter(isRunning).map((m) => m.name);
      process.stdout.write(left.length === 0 ? `已停止 stopped (${this.processes.length} processes)\n` : `still running: ${left.join(', ')}\n`);
      process.exit(code);
    }
    return new Promise<never>(() => undefined);
  }
}
