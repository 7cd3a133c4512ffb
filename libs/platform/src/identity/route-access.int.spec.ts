import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { CurrentPrincipal, KERNEL_ERRORS, Public, Roles, type Principal } from '@ws/kernel';
import { startService } from '@ws/testing/service-app';
import { PlatformModule } from '../platform.module';
import type { PlatformConfig } from '../platform-config';

@Controller('declared')
class DeclaredController {
  @Get('open')
  @Public()
  open(@CurrentPrincipal() principal: Principal | undefined) {
    return { principal: principal?.subject ?? null };
  }

  @Get('officers')
  @Roles('district_officer')
  officers() {
    return { ok: true };
  }
}

@Controller('undeclared')
class UndeclaredController {
  @Get()
  forgotten() {
    return { ok: true };
  }
}

@Module({})
class ProbeModule {
  static with(config: PlatformConfig, controllers: Array<new (...args: never[]) => unknown>): DynamicModule {
    return { module: ProbeModule, imports: [PlatformModule.forService({ service: 'probe', migrations: {}, errors: KERNEL_ERRORS, config })], controllers };
  }
}

describe('deny by default (real Postgres and NATS)', () => {
  it('refuses to start a service with a route that declares neither @Roles nor @Public', async () => {
    await expect(startService('probe', (config) => ProbeModule.with(config, [DeclaredController, UndeclaredController]))).rejects.toThrow(
      /routes without @Roles\(\.\.\.\) or @Public\(\) \(deny by default\): UndeclaredController\.forgotten/,
    );
  }, 60_000);

  it('reads a valid officer token on a public route, and ignores an invalid one', async () => {
    const service = await startService('probe', (config) => ProbeModule.with(config, [DeclaredController]));
    try {
      const get = async (url: string, token?: string) => {
        const response = await service.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
        return { status: response.statusCode, body: response.json() };
      };
      expect(await get('/declared/open')).toEqual({ status: 200, body: { principal: null } });
      expect(await get('/declared/open', await service.token('district_officer'))).toEqual({ status: 200, body: { principal: 'test-district_officer' } });
      expect(await get('/declared/open', 'not-a-token')).toEqual({ status: 200, body: { principal: null } });
      expect((await get('/declared/officers')).status).toBe(401);
      expect((await get('/declared/officers', await service.token('district_officer'))).status).toBe(200);
      expect((await get('/declared/officers', await service.token('ops_admin'))).status).toBe(403);
    } finally {
      await service.close();
    }
  }, 60_000);
});
