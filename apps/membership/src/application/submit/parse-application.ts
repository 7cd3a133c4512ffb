import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { checkIdNumber, checkMobile, checkName, IdentityCheck, MemberOccupation } from '@ws/contracts';
import type { PersonalData } from '../../personal-data/crypto';
import { ApplicationItemDto } from './submit-application.dto';

export interface ValidApplication {
  index: number;
  person: PersonalData;
  occupation: MemberOccupation;
  employer: string | null;
  unionId: string | null;
  streetCode: string | null;
  stationId: string | null;
  /** The applicant agreed to be told by SMS. */
  smsConsent: boolean;
}

export interface ItemError {
  code: string;
  field?: string;
  message: string;
}

export type ParsedItem = { ok: true; application: ValidApplication } | { ok: false; index: number; error: ItemError };

function identity(check: IdentityCheck, field: string): { value: string } | ItemError {
  return check.ok ? { value: check.value } : { code: check.code, field, message: check.message };
}

/**
 * One bulk item, checked on its own: shape (unknown fields refused, as the global pipe does),
 * then name, mobile and ID number. Error messages never echo the value given.
 */
export function parseApplication(raw: unknown, index: number, today: Date): ParsedItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, index, error: { code: 'malformed_item', message: '每一项应为一个申请对象' } };
  }
  const dto = plainToInstance(ApplicationItemDto, raw);
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (problems.length > 0) {
    const first = problems[0]!;
    const [constraint, message] = Object.entries(first.constraints ?? {})[0] ?? ['invalid', '无效'];
    const code = constraint === 'whitelistValidation' ? 'unknown_field' : 'validation_failed';
    return { ok: false, index, error: { code, field: first.property, message: `${first.property}: ${message}` } };
  }
  const name = identity(checkName(dto.name), 'name');
  if ('code' in name) return { ok: false, index, error: name };
  const mobile = identity(checkMobile(dto.mobile), 'mobile');
  if ('code' in mobile) return { ok: false, index, error: mobile };
  const idNumber = identity(checkIdNumber(dto.idNumber, today), 'idNumber');
  if ('code' in idNumber) return { ok: false, index, error: idNumber };
  return {
    ok: true,
    application: {
      index,
      person: { name: name.value, mobile: mobile.value, idNumber: idNumber.value },
      occupation: dto.occupation,
      employer: dto.employer?.trim() ? dto.employer : null,
      unionId: dto.unionId ?? null,
      streetCode: dto.streetCode ?? null,
      stationId: dto.stationId ?? null,
      smsConsent: dto.smsConsent === true,
    },
  };
}
