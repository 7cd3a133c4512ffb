import { connect, createServer, type Server, type Socket } from 'node:net';
import { eventually } from './eventually';
import { FaultProxy, resetOrDestroy } from './fault-proxy';

/** The proxy against a local echo server: what crosses, what is held back, what is reset. */
describe('FaultProxy', () => {
  let echo: Server;
  let proxy: FaultProxy;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    echo = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address = echo.address();
    proxy = await FaultProxy.start(`tcp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  afterEach(() => proxy.restore());

  /** A client through the proxy that collects what it reads and how it ended. */
  async function client() {
    const socket = connect({ host: '127.0.0.1', port: proxy.port });
    sockets.push(socket);
    const seen = { text: '', error: undefined as string | undefined, closed: false };
    socket.on('data', (chunk) => (seen.text += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => (seen.error = error.code));
    socket.on('close', () => (seen.closed = true));
    await new Promise((resolve) => {
      socket.once('connect', resolve);
      socket.once('close', resolve);
    });
    return { socket, seen };
  }

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('passes bytes both ways while open', async () => {
    const { socket, seen } = await client();
    socket.write('ping');
    await eventually(() => seen.text === 'ping', { what: "'ping' echoed through the proxy" });
    expect(proxy.connections).toBeGreaterThanOrEqual(1);
  });

  it('holds an open connection and a new one silently, and lets both through on restore', async () => {
    const open = await client();
    open.socket.write('a');
    await eventually(() => open.seen.text === 'a', { what: "'a' echoed" });
    proxy.hold();
    open.socket.write('b');
    const late = await client(); // accepted, never reaches the server yet
    late.socket.write('c');
    // Held means nothing crosses: the test watches for 300 ms that nothing arrives, there is no condition to wait for.
    await settle(300);
    expect([open.seen.text, late.seen.text, open.seen.error, late.seen.error]).toEqual(['a', '', undefined, undefined]);
    proxy.restore();
    await eventually(() => open.seen.text === 'ab' && late.seen.text === 'c', { what: "'ab' and 'c' echoed after the restore" });
  });

  it('resets every connection on cut and each new one until restored', async () => {
    const open = await client();
    proxy.cut();
    await eventually(() => open.seen.closed, { what: 'the open connection closed by the reset' });
    expect(open.seen.error).toBe('ECONNRESET');
    const refused = await client();
    await eventually(() => refused.seen.closed, { what: 'the refused connection closed' });
    expect(refused.seen.text).toBe('');
    proxy.restore();
    const after = await client();
    after.socket.write('back');
    await eventually(() => after.seen.text === 'back', { what: "'back' echoed after the restore" });
  });

  it('drops a socket that is already ending (its link’s other side hung up) without leaving its handle open', async () => {
    const { socket } = await client();
    const refused: string[] = [];
    socket.on('error', (error: NodeJS.ErrnoException) => refused.push(`${error.syscall} ${error.code}`));
    let closed = false;
    socket.once('close', () => (closed = true));
    // As a pipe ends it: the write done, the shutdown under way when the link is dropped.
    socket.write('x', () => process.nextTick(() => process.nextTick(() => resetOrDestroy(socket))));
    socket.end();
    // A reset refused here (EINVAL) left the handle open for good: no close, and a process that never exits.
    await eventually(() => closed || refused.length > 0, { what: 'the socket closed', timeoutMs: 5_000 });
    expect({ closed, refused }).toEqual({ closed: true, refused: [] });
  });
});
