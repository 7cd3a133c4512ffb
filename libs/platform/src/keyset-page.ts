import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { sql, type RawBuilder } from 'kysely';
import { KEYSET_PAGE_MAX, type KeysetPage } from '@ws/contracts';
import { kernelError } from '@ws/kernel';

/**
 * The one pagination of lists: keyset pages `{ items, next }` (KeysetPage, libs/contracts); `after`
 * is the opaque cursor of the last row seen, limit 1–200 (KEYSET_PAGE_MAX), 50 by default. A list
 * never cuts itself short without a `next`.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: KEYSET_PAGE_MAX, default: 50 }) @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数须为整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(KEYSET_PAGE_MAX, { message: `每页最多 ${KEYSET_PAGE_MAX} 条` })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 next' }) @IsOptional() @IsString({ message: '分页参数无效' }) @MaxLength(200, { message: '分页参数无效' })
  after?: string;
}

/**
 * The keyset cursor of a list ordered by (at, id): the last row's ordering value (a time or a
 * day, or another text the list orders on) and its tie-breaking id; opaque to clients. Every
 * keyset list makes its cursors with `page` and reads them with `decodeCursor`.
 */
export interface Cursor {
  at: string;
  id: string;
}

const isTimeOrDay = (at: string) => !Number.isNaN(Date.parse(at));

/** `isAt` of a list ordered by its id alone: its cursors' `at` is empty. */
export const orderedByIdAlone = (at: string) => at === '';

/**
 * The cursor `after` names, or null for the first page; one the list did not make (`isId` and
 * `isAt` say what its ids and ordering values look like: by default any id, and a time or a day)
 * is a 400 on the field `after`.
 */
export function decodeCursor(after: string | undefined, isId: (id: string) => boolean = () => true, isAt: (at: string) => boolean = isTimeOrDay): Cursor | null {
  if (!after) return null;
  try {
    const parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.at === 'string' && typeof parsed.id === 'string' && isAt(parsed.at) && isId(parsed.id)) return parsed;
  } catch {
    // fall through
  }
  throw kernelError('validation_failed', '分页参数无效', 'after');
}

/**
 * A timestamptz column as a cursor's `at`, to the microsecond (ISO, UTC): a JS Date keeps
 * milliseconds only, so a cursor made from one would skip or repeat the rows of a list ordered by
 * a time Postgres wrote (now(), microseconds) that share its millisecond. Compare it back as
 * `${at}::timestamptz`.
 */
export const exactTimeText = (column: string): RawBuilder<string> => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const DEFAULT_PAGE_SIZE = 50;

/** The page of `rows` (queried with limit + 1) and the cursor of its last row when more follow. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? Buffer.from(JSON.stringify(cursorOf(last))).toString('base64url') : null };
}
