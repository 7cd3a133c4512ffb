import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { KERNEL_ERRORS, Public } from '@ws/kernel';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { PlatformModule } from './platform.module';

class EchoDto {
  @IsString()
  text!: string;
}

@Controller('probe')
class ProbeController {
  @Get('items/:id')
  @Public()
  item(@Param('id') id: string) {
    return { id };
  }

  @Post('echo')
  @Public()
  echo(@Body() body: EchoDto) {
    return body;
  }

  @Get('database-gone')
  @Public()
  databaseGone() {
    throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  }

  @Get('bug')
  @Public()
  bug() {
    throw new TypeError('cannot read properties of undefined');
  }
}

/**
 * What every service's web server does before and around its handlers (createFastifyAdapter,
 * registerSecurityHeaders, ProblemFilter): Fastify's own refusals and an unreachable database
 * answer problem+json like every other error, every answer carries the security headers, and
 * rate limits count the client behind a trusted proxy, not the proxy.
 */
describe('the web server of a service', () => {
  let service: ServiceHarness;
  const THROTTLE = 3;

  beforeAll(async () => {
    service = await startService('probe', (config) => {
      @Module({ imports: [PlatformModule.forService({ service: 'probe', migrations: {}, errors: KERNEL_ERRORS, config: { ...config, throttlePerMinute: THROTTLE } })], controllers: [ProbeController] })
      class ProbeModule {}
      return { module: ProbeModule };
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const inject = (options: Parameters<ServiceHarness['app']['inject']>[0]) => service.app.inject(options);
  const problem = (response: { headers: Record<string, unknown>; json(): any; statusCode: number }) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    return { status: response.statusCode, ...response.json() };
  };

  it('answers Fastify’s own refusals as problem+json: 414, 413, 415, malformed JSON, a bad URL', async () => {
    const tooLong = problem(await inject({ method: 'GET', url: `/probe/items/${'x'.repeat(500)}`, remoteAddress: '10.0.0.1' }));
    expect(tooLong).toMatchObject({ status: 414, code: 'uri_too_long', title: '请求地址中的参数过长' });
    expect(JSON.stringify(tooLong)).not.toContain('x'.repeat(200));

    const tooLarge = problem(await inject({ method: 'POST', url: '/probe/echo', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'y'.repeat(1_100_000) }), remoteAddress: '10.0.0.2' }));
    expect(tooLarge).toMatchObject({ status: 413, code: 'payload_too_large' });

    const wrongType = problem(await inject({ method: 'POST', url: '/probe/echo', headers: { 'content-type': 'application/x-something' }, payload: 'text', remoteAddress: '10.0.0.3' }));
    expect(wrongType).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    const malformed = problem(await inject({ method: 'POST', url: '/probe/echo', headers: { 'content-type': 'application/json' }, payload: '{"text": ', remoteAddress: '10.0.0.4' }));
    expect(malformed).toMatchObject({ status: 400, code: 'malformed_body' });

    const badUrl = problem(await inject({ method: 'GET', url: '/probe/items/%E0%A4%A', remoteAddress: '10.0.0.5' }));
    expect(badUrl).toMatchObject({ status: 400, code: 'malformed_body' });
  });

  it('answers 503 unavailable with Retry-After when the infrastructure is away, 500 for a bug, neither with a stack', async () => {
    const gone = await inject({ method: 'GET', url: '/probe/database-gone', remoteAddress: '10.0.1.1' });
    expect(problem(gone)).toMatchObject({ status: 503, code: 'unavailable' });
    expect(gone.headers['retry-after']).toBe('5');
    const bug = await inject({ method: 'GET', url: '/probe/bug', remoteAddress: '10.0.1.2' });
    expect(problem(bug)).toMatchObject({ status: 500, code: 'internal' });
    expect(bug.body).not.toContain('TypeError');
  });

  it('sends the security headers on every answer', async () => {
    const response = await inject({ method: 'GET', url: '/probe/items/1', remoteAddress: '10.0.2.1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('keys rate limits on the client named by a trusted proxy, and on the peer itself when it is not trusted', async () => {
    const fromProxy = (client: string) => inject({ method: 'GET', url: '/probe/items/2', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < THROTTLE; i++) expect((await fromProxy('203.0.113.7')).statusCode).toBe(200);
    expect(problem(await fromProxy('203.0.113.7'))).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another client behind the same proxy has its own budget.
    expect((await fromProxy('203.0.113.8')).statusCode).toBe(200);

    // An untrusted peer cannot buy itself a fresh budget by writing the header.
    const spoofing = (claimed: string) => inject({ method: 'GET', url: '/probe/items/3', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': claimed } });
    const statuses = [];
    for (let i = 0; i <= THROTTLE; i++) statuses.push((await spoofing(`192.0.2.${i}`)).statusCode);
    expect(statuses).toEqual([...Array(THROTTLE).fill(200), 429]);
  });
});
