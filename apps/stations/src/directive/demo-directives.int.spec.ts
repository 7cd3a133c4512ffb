import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { nodeFromCode, shanghaiYear } from '@ws/contracts';
import { ensureNodeStreams, natsConnectOptions } from '@ws/messaging';
import { type NatsProcess, startNatsServer } from '@ws/testing/service-process';
import { testOfficerTokens } from '@ws/testing/officer-tokens';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { StationsModule } from '../stations.module';
import { issueDemoDirectives } from './demo-directives';

/** The demo launcher's directives for 衢州, issued over HTTP to a stations service of its own (own nats-server: a real node code). */
describe('demo directives (real Postgres and nats-server)', () => {
  const quzhou = nodeFromCode('3308');
  let nats: NatsProcess;
  let service: ServiceHarness;
  let url: string;

  beforeAll(async () => {
    nats = await startNatsServer({ node: quzhou });
    const nc = await connect(natsConnectOptions(nats.url));
    await ensureNodeStreams(await jetstreamManager(nc), quzhou);
    await nc.close();
    service = await startService('stations', (config) => StationsModule.forRoot({ config: { ...config, node: quzhou, natsUrl: nats.url, streams: { evt: 'EVT', dir: 'DIR' } } }));
    url = service.base;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await nats?.remove();
  });

  it('issues 衢州 its standard and targets once, to the children named', async () => {
    const issued = await issueDemoDirectives(url, '3308', testOfficerTokens(), ['330802']);
    expect(issued).toHaveLength(5);
    await service.settle();
    expect(await issueDemoDirectives(url, '3308', testOfficerTokens(), ['330802'])).toEqual([]);

    const { items } = (await (await fetch(`${url}/directives`)).json()) as { items: Array<{ title: string }> };
    const year = shanghaiYear(new Date());
    expect(items.map((i) => i.title).sort()).toEqual(
      [`${year}年底前驿站≥90个且全部达八有`, `推行八有建设标准，${year}年底前驿站全部达标`, `${year}年底前开展服务活动≥30场次`, `${year}年底前活动覆盖户外劳动者≥1500人`, `${year}年底前15分钟服务圈覆盖率≥90%`].sort(),
    );
    for (const item of items) expect(item).toMatchObject({ issuerNode: '3308', issuerName: '衢州市', addressedTo: ['330802'], acknowledgements: { expected: 1, acknowledged: 0 }, status: 'open' });
    expect(await issueDemoDirectives(url, '330802', testOfficerTokens())).toEqual([]);
  }, 60_000);
});
