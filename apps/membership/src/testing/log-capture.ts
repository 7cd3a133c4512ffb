import fs from 'node:fs';

/**
 * Everything the process writes to stdout and stderr while capturing: pino writes to fd 1
 * through fs.write / fs.writeSync (sonic-boom), Nest's console logger through process.stdout.
 * Captured output is kept, not printed.
 */
export function captureProcessOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const record = (data: unknown) => chunks.push(typeof data === 'string' ? data : Buffer.isBuffer(data) || data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : String(data));
  const isStdio = (fd: unknown) => fd === 1 || fd === 2;
  const original = { write: fs.write, writeSync: fs.writeSync, stdout: process.stdout.write, stderr: process.stderr.write };

  (fs as { writeSync: unknown }).writeSync = function (fd: number, data: unknown, ...rest: unknown[]) {
    if (!isStdio(fd)) return (original.writeSync as (...a: unknown[]) => number).call(fs, fd, data, ...rest);
    record(data);
    return typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).length;
  };
  (fs as { write: unknown }).write = function (fd: number, data: unknown, ...rest: unknown[]) {
    if (!isStdio(fd)) return (original.write as (...a: unknown[]) => void).call(fs, fd, data, ...rest);
    record(data);
    const callback = rest.find((r): r is (e: null, n: number) => void => typeof r === 'function');
    const written = typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).length;
    if (callback) process.nextTick(callback, null, written);
  };
  process.stdout.write = ((data: unknown) => (record(data), true)) as typeof process.stdout.write;
  process.stderr.write = ((data: unknown) => (record(data), true)) as typeof process.stderr.write;

  return {
    text: () => chunks.join(''),
    stop() {
      (fs as { write: unknown }).write = original.write;
      (fs as { writeSync: unknown }).writeSync = original.writeSync;
      process.stdout.write = original.stdout;
      process.stderr.write = original.stderr;
    },
  };
}
