import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { createValidationPipe, InputError } from '@ws/kernel';
import { AwardHonourDto } from './award-honour/award-honour.dto';
import { ChangeFacilitiesDto } from './change-facilities/change-facilities.dto';
import { OfferServiceDto, toOfferService } from './offer-service/offer-service.dto';
import { PlanUpgradeDto } from './plan-upgrade/plan-upgrade.dto';
import { RegisterStationDto, toRegisterStation } from './register-station/register-station.dto';
import { ReviewStationDto, toReviewStation } from './review-station/review-station.dto';
import { registerCommand, STATION_ID } from './station.fixtures';
import { SuspendStationDto } from './suspend-station/suspend-station.dto';
import { toUpdateStation, UpdateStationDto } from './update-station/update-station.dto';

/** The global pipe's options: unknown fields are refused, not stripped. */
async function fieldErrors<T extends object>(cls: new () => T, body: unknown): Promise<string[]> {
  const dto = plainToInstance(cls, body);
  const errors = await validate(dto as object, { whitelist: true, forbidNonWhitelisted: true });
  const paths = (list: ValidationError[], prefix: string): string[] =>
    list.flatMap((e) => {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...paths(e.children ?? [], field)];
    });
  return [...new Set(paths(errors, ''))].sort();
}

function registerBody(): Record<string, unknown> {
  const { type: _type, stationId: _id, ...body } = registerCommand();
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

describe('RegisterStationDto', () => {
  it('accepts a complete registration and builds the command the decider expects', async () => {
    expect(await fieldErrors(RegisterStationDto, registerBody())).toEqual([]);
    const dto = plainToInstance(RegisterStationDto, registerBody());
    expect(toRegisterStation(STATION_ID, dto)).toEqual(registerCommand());
  });

  it('refuses unknown fields, at the top and nested', async () => {
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), ownerName: '吴志强' })).toEqual(['ownerName']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), location: { lng: 118.87, lat: 28.94, alt: 60 } })).toEqual(['location.alt']);
  });

  it('names the coordinate that is outside China', async () => {
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), location: { lng: 139.69, lat: 28.94 } })).toEqual(['location.lng']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), location: { lng: 118.87, lat: 60 } })).toEqual(['location.lat']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), location: { lng: '118.87', lat: 28.94 } })).toEqual(['location.lng']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), location: undefined })).toEqual(['location']);
  });

  it('refuses a name over 100 characters, a blank or long address, unknown codes, a name as manager', async () => {
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), name: '驿'.repeat(101) })).toEqual(['name']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), address: '   ' })).toEqual(['address']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), address: '路'.repeat(201) })).toEqual(['address']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), tier: 'national' })).toEqual(['tier']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), facilities: ['fridge', 'sauna'] })).toEqual(['facilities']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), facilities: ['fridge', 'fridge'] })).toEqual(['facilities']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), managerId: '吴志强' })).toEqual(['managerId']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), seats: 12.5 })).toEqual(['seats']);
  });

  it('checks opening hours: weekly periods only when not 24 h, valid times', async () => {
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), hours: { open24h: true } })).toEqual([]);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), hours: { open24h: false } })).toEqual(['hours.weekly']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), hours: { open24h: true, weekly: [{ day: 1, open: '08:00', close: '12:00' }] } })).toEqual(['hours.weekly']);
    expect(await fieldErrors(RegisterStationDto, { ...registerBody(), hours: { open24h: false, weekly: [{ day: 8, open: '25:00', close: '12:00' }] } })).toEqual([
      'hours.weekly.0.day',
      'hours.weekly.0.open',
    ]);
  });

  it('answers through the global pipe with every field error named', async () => {
    const pipe = createValidationPipe();
    const body = { ...registerBody(), location: { lng: 200, lat: 28.94 }, nickname: 'x' };
    const error = await pipe.transform(body, { type: 'body', metatype: RegisterStationDto }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const fields = (error as InputError).errors.map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(expect.arrayContaining(['nickname:unknown_field', 'location.lng:max']));
  });
});

describe('UpdateStationDto', () => {
  it('builds changes from the sent fields only; null clears seats and phone', async () => {
    expect(await fieldErrors(UpdateStationDto, { seats: null, contactPhone: null })).toEqual([]);
    const dto = plainToInstance(UpdateStationDto, { seats: null, name: '暖心驿站' });
    expect(toUpdateStation(STATION_ID, dto)).toEqual({ type: 'UpdateStation', stationId: STATION_ID, changes: { name: '暖心驿站', seats: null } });
  });

  it('refuses null for a field that cannot be cleared, and a location (that is relocate)', async () => {
    expect(await fieldErrors(UpdateStationDto, { name: null })).toEqual(['name']);
    expect(await fieldErrors(UpdateStationDto, { location: { lng: 118, lat: 29 } })).toEqual(['location']);
  });
});

describe('OfferServiceDto', () => {
  it('takes weekly slots or dated sessions, not both, and builds a plain schedule', async () => {
    const weekly = { service: 'legal_advice', schedule: { kind: 'weekly', slots: [{ day: 3, start: '14:00', end: '16:00' }] } };
    expect(await fieldErrors(OfferServiceDto, weekly)).toEqual([]);
    expect(toOfferService(STATION_ID, plainToInstance(OfferServiceDto, weekly))).toEqual({ type: 'OfferService', stationId: STATION_ID, ...weekly });
    expect(
      await fieldErrors(OfferServiceDto, { ...weekly, schedule: { ...weekly.schedule, sessions: [{ date: '2026-07-01', start: '09:00', end: '11:00' }] } }),
    ).toEqual(['schedule.sessions']);
    expect(await fieldErrors(OfferServiceDto, { service: 'health_check', schedule: { kind: 'sessions' } })).toEqual(['schedule.sessions']);
    expect(await fieldErrors(OfferServiceDto, { service: 'yoga', schedule: weekly.schedule })).toEqual(['service']);
  });
});

describe('the other command DTOs', () => {
  it('ReviewStationDto: three whole scores 0–100 (usage and satisfaction are measured, not sent) and a plausible year', async () => {
    const body = { year: 2025, scores: { facilities: 90, services: 85, management: 80 } };
    const measured = { visits: 1_500, activities: 3, ratings: 12, ratingTotal: 50 };
    expect(await fieldErrors(ReviewStationDto, body)).toEqual([]);
    expect(toReviewStation(STATION_ID, plainToInstance(ReviewStationDto, body), measured)).toEqual({ type: 'ReviewStation', stationId: STATION_ID, ...body, measured });
    expect(await fieldErrors(ReviewStationDto, { ...body, scores: { ...body.scores, management: 120, satisfaction: 95, usage: 70, hygiene: 3 } })).toEqual([
      'scores.hygiene',
      'scores.management',
      'scores.satisfaction',
      'scores.usage',
    ]);
    expect(await fieldErrors(ReviewStationDto, { ...body, year: 1999 })).toEqual(['year']);
  });

  it('AwardHonourDto, PlanUpgradeDto, SuspendStationDto, ChangeFacilitiesDto', async () => {
    expect(await fieldErrors(AwardHonourDto, { year: 2024, level: 'provincial', title: '最美工会户外劳动者服务站点' })).toEqual([]);
    expect(await fieldErrors(AwardHonourDto, { year: 2024, level: 'global', title: '' })).toEqual(['level', 'title']);
    expect(await fieldErrors(PlanUpgradeDto, { standard: 'ba_you', due: '2026-12-31' })).toEqual([]);
    expect(await fieldErrors(PlanUpgradeDto, { standard: '8you', due: '31/12/2026' })).toEqual(['due', 'standard']);
    expect(await fieldErrors(SuspendStationDto, { reason: '装修', until: '2026-07-01T08:00:00+08:00' })).toEqual([]);
    expect(await fieldErrors(SuspendStationDto, { reason: '装修', until: 'next week' })).toEqual(['until']);
    expect(await fieldErrors(ChangeFacilitiesDto, { facilities: [] })).toEqual([]);
    expect(await fieldErrors(ChangeFacilitiesDto, {})).toEqual(['facilities']);
  });
});
