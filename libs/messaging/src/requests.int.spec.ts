import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_URL, uniqueSuffix } from '@ws/testing';
import { connectNats } from './connection';
import { requestReply, RequestUnanswered, serveRequests } from './requests';

describe('core request/reply (real nats-server)', () => {
  let nc: NatsConnection;
  const subject = (name: string) => `test.${uniqueSuffix()}.${name}`;

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'requests spec');
  });
  afterAll(async () => nc.close());

  it('answers JSON with JSON, one answer per request in a queue group', async () => {
    const on = subject('double');
    const answeredBy: string[] = [];
    const responders = ['a', 'b'].map((name) =>
      serveRequests<{ n: number }, { twice: number }>(nc, on, async ({ n }) => {
        answeredBy.push(name);
        return { twice: n * 2 };
      }, { queue: 'q' }),
    );
    await nc.flush();
    const replies = await Promise.all([1, 2, 3, 4].map((n) => requestReply<{ n: number }, { twice: number }>(nc, on, { n }, 2000)));
    expect(replies.map((r) => r.twice)).toEqual([2, 4, 6, 8]);
    expect(answeredBy).toHaveLength(4);
    await Promise.all(responders.map((r) => r.stop()));
  });

  it('says why nothing came back: nobody listens, or nobody answered in time', async () => {
    await expect(requestReply(nc, subject('nobody'), {}, 1000)).rejects.toMatchObject({ reason: 'no_responders' });
    const silent = subject('silent');
    const errors: unknown[] = [];
    const responder = serveRequests(nc, silent, async () => {
      throw new Error('handler broke');
    }, { onError: (error) => errors.push(error) });
    await nc.flush();
    const unanswered = await requestReply(nc, silent, {}, 300).catch((error: unknown) => error);
    expect(unanswered).toBeInstanceOf(RequestUnanswered);
    expect((unanswered as RequestUnanswered).reason).toBe('timeout');
    expect(errors).toHaveLength(1);
    await responder.stop();
  });
});
