import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { deriveKey, newDataKey, newId, seal } from '@ws/kernel';
import { DB } from '@ws/platform';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';
import { LEGAL_AID_VAULT_KEY, LegalAidVault } from './legal-aid-vault';

/** Legal aid end to end: a case received with the worker in the vault, mediated, settled, and counted in the report; the worker erased at their request; nothing personal in an event. */
describe('legal aid API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;
  let caseId: string;
  const today = shanghaiToday(new Date());
  const year = today.slice(0, 4);
  const worker = { name: '张晓明', mobile: '13912345678', employer: '某配送站', account: '三个月工资共12800元未发' };

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config, legalAidVaultKey: 'test-legal-aid-vault-key-0123456789abcdef' }));
    officer = await service.token('district_officer');
    stationId = (await inject('POST', '/stations', {
      name: '衣裳街驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer)).json().stationId;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('receives a wage case at a station, mediates and settles it, and keeps the worker only in the vault', async () => {
    const manager = await service.token('station_manager', { station: stationId });
    const received = await inject('POST', '/legal-aid/cases', { stationId, kind: 'wage_arrears', occupation: 'rider', receivedOn: today, ...worker }, manager);
    expect(received.statusCode).toBe(201);
    caseId = received.json().caseId;
    expect((await inject('POST', `/legal-aid/cases/${caseId}/mediation`, { on: today }, manager)).json()).toMatchObject({ state: 'mediating' });
    expect((await inject('POST', `/legal-aid/cases/${caseId}/settle`, { on: today, recoveredFen: 1_280_000 }, officer)).json()).toMatchObject({ state: 'settled' });
    const consultation = (await inject('POST', '/legal-aid/cases', { streetCode: '330502001', kind: 'consultation', occupation: 'courier', receivedOn: today, ...worker, name: '李四' }, officer)).json().caseId;
    expect((await inject('POST', `/legal-aid/cases/${consultation}/refer`, { on: today, partner: 'shared_court' }, officer)).json()).toMatchObject({ state: 'referred' });

    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const { rows } = await sql<{ data: unknown }>`select data from events where stream_id like 'legalcase-%'`.execute(db);
    expect(rows).toHaveLength(5);
    for (const { data } of rows) expect(JSON.stringify(data)).not.toMatch(/张晓明|李四|13912345678|12800元|配送站/);

    await service.settle();
    expect((await inject('GET', `/legal-aid/cases/${caseId}/worker`, undefined, officer)).json()).toEqual({ caseId, worker });
    const { rows: [log] } = await sql<{ n: number; actor: string }>`select count(*)::int as n, min(actor) as actor from legal_aid_access_log where case_id = ${caseId}::uuid`.execute(db);
    expect(log).toMatchObject({ n: 1 });
    const elsewhere = await service.token('station_manager', { station: '0196f000-0000-7000-8000-000000009999' });
    expect((await inject('GET', `/legal-aid/cases/${caseId}/worker`, undefined, elsewhere)).json().code).toBe('out_of_scope');
    expect((await inject('GET', '/legal-aid/cases', undefined, elsewhere)).json().items).toEqual([]);
    expect((await inject('GET', '/legal-aid/cases?state=settled', undefined, officer)).json().items).toEqual([
      expect.objectContaining({ caseId, kind: 'wage_arrears', kindLabel: '欠薪', state: 'settled', stateLabel: '调解成功', recoveredFen: 1_280_000 }),
    ]);
  });

  it('refuses a step the state does not allow and money as a float, each with its code', async () => {
    const twice = await inject('POST', `/legal-aid/cases/${caseId}/mediation`, { on: today }, officer);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'legal_case_wrong_state', state: 'settled' });
    const float = await inject('POST', `/legal-aid/cases/${caseId}/settle`, { on: today, recoveredFen: 1.5 }, officer);
    expect(float.json()).toMatchObject({ code: 'validation_failed', field: 'recoveredFen' });
  });

  it('counts cases, settlements and the amount recovered in the report', async () => {
    const report = (await inject('GET', `/reports?kind=year&period=${year}`, undefined, officer)).json();
    expect(report.legalAid).toEqual({ cases: 2, settled: 1, referred: 1, recoveredFen: 1_280_000 });
  });

  it('erases the worker at their request: the key and sealed row gone, the details 410, the case still counted and shown as erased by whom', async () => {
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const erasure = `/legal-aid/cases/${caseId}/worker/erasure`;
    const otherStreet = await service.token('street_officer', { street: '330502002' });
    const refused = await inject('POST', erasure, { reason: '当事人申请删除' }, otherStreet);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('out_of_scope');
    const streetOfficer = await service.token('street_officer', { street: '330502001', subject: 'officer-erasing' });
    const noReason = await inject('POST', erasure, {}, streetOfficer);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'validation_failed', field: 'reason' });
    expect((await inject('POST', erasure, { reason: '  ' }, streetOfficer)).json()).toMatchObject({ code: 'validation_failed', field: 'reason' });
    expect((await inject('POST', erasure, { reason: '本人电话13912345678' }, streetOfficer)).json()).toMatchObject({ code: 'personal_data_in_text', field: 'reason' });

    const { worker_ref: workerRef } = await db.selectFrom('legal_cases').select('worker_ref').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const erased = await inject('POST', erasure, { reason: '当事人申请删除个人信息' }, streetOfficer);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ caseId, events: ['LegalWorkerErased'], state: 'settled' });
    expect(await db.selectFrom('legal_aid_keys').select('worker_ref').where('worker_ref', '=', workerRef).execute()).toEqual([]);
    expect(await db.selectFrom('legal_aid_vault').select('worker_ref').where('worker_ref', '=', workerRef).execute()).toEqual([]);
    const { rows } = await sql<{ data: unknown }>`select data from events where stream_id like 'legalcase-%'`.execute(db);
    expect(rows).toHaveLength(6);
    for (const { data } of rows) expect(JSON.stringify(data)).not.toMatch(/张晓明|李四|13912345678|12800元|配送站/);

    const gone = await inject('GET', `/legal-aid/cases/${caseId}/worker`, undefined, officer);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json()).toMatchObject({ code: 'personal_data_erased', detail: '当事人信息已删除' });
    const again = await inject('POST', erasure, { reason: '当事人申请删除个人信息' }, officer);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('personal_data_erased');

    await service.settle();
    expect((await inject('GET', '/legal-aid/cases?state=settled', undefined, officer)).json().items).toEqual([
      expect.objectContaining({
        caseId, state: 'settled', recoveredFen: 1_280_000,
        workerErasedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), workerErasedBy: 'officer-erasing', workerErasureReason: '当事人申请删除个人信息',
      }),
    ]);
    expect((await inject('GET', '/legal-aid/cases?state=referred', undefined, officer)).json().items).toEqual([expect.objectContaining({ workerErasedAt: null, workerErasedBy: null })]);
    expect((await inject('GET', `/reports?kind=year&period=${year}`, undefined, officer)).json().legalAid).toEqual({ cases: 2, settled: 1, referred: 1, recoveredFen: 1_280_000 });
  });

  it('opens a worker sealed as the first release wrote it (JSON under its own key, the key sealed under the master key beside it), logging the reading', async () => {
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const [workerRef, caseOfWorker, dataKey] = [newId(), newId(), newDataKey()];
    const masterKey = deriveKey(service.app.get<string>(LEGAL_AID_VAULT_KEY), 'legal-aid-vault');
    await db.insertInto('legal_aid_vault').values({ worker_ref: workerRef, sealed: seal(dataKey, `legal-worker:${workerRef}`, Buffer.from(JSON.stringify(worker), 'utf8')) }).execute();
    await db.insertInto('legal_aid_keys').values({ worker_ref: workerRef, wrapped_key: seal(masterKey, `legal-worker-key:${workerRef}`, dataKey) }).execute();

    expect(await service.app.get(LegalAidVault).open(workerRef, caseOfWorker, 'officer-vault-spec')).toEqual(worker);
    expect(await db.selectFrom('legal_aid_access_log').select(['actor', 'purpose']).where('case_id', '=', caseOfWorker).execute()).toEqual([{ actor: 'officer-vault-spec', purpose: 'case_handling' }]);
  });
});
