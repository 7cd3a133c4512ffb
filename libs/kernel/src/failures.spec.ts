import { DomainError } from './domain-error';
import { classifyFailure, UnavailableError } from './failures';

describe('classifyFailure', () => {
  it.each([
    ['Postgres shut down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a statement timeout (57014)', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['a serialisation failure (40001)', Object.assign(new Error('could not serialize access'), { code: '40001' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['pg-pool waiting too long', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a client-side query timeout', new Error('Query read timeout')],
    ['a NATS request timing out', Object.assign(new Error('timeout'), { name: 'TimeoutError' })],
    ['a closed NATS connection', Object.assign(new Error('closed connection'), { name: 'ClosedConnectionError' })],
    ['a full pool queue', new UnavailableError('the database pool queue is full')],
    ['a version race', new DomainError('version_conflict', 'moved')],
    ['a transient cause behind a wrapper', new Error('batch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('%s is transient', (_what, error) => {
    expect(classifyFailure(error)).toBe('transient');
  });

  it('a refusal of the domain is a refusal', () => {
    expect(classifyFailure(new DomainError('task_already_exists', 'exists'))).toBe('refusal');
  });

  it.each([
    ['a TypeError', new TypeError("cannot read properties of undefined (reading 'x')")],
    ['a unique violation (23505)', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['invalid input (22P02)', Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('%s is a fault', (_what, error) => {
    expect(classifyFailure(error)).toBe('fault');
  });
});
