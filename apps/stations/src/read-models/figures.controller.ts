import { Controller, Get, Inject, Query, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { checkDayRange } from './day-range';

export interface FiguresRoute<Query extends { from: string; to: string }> {
  /** The controller's name (OpenAPI's operation ids are `<name>_figures`). */
  name: string;
  /** The route: `GET /<path>`. */
  path: string;
  tag: string;
  summary: string;
  /** The query's DTO: `from` and `to` (Beijing days, inclusive) and whatever narrows or groups the figures. */
  query: Type<Query>;
  figures(db: Kysely<StationsDatabase>, query: Query): Promise<object>;
}

/**
 * A public figures route of the node's subtree (activities, welfare, programmes, funds, legal aid):
 * the day range checked, then `{ from, to, ...figures }`. Public because the figures are counts and
 * sums over the whole subtree only, the same queries as the reports'.
 */
export function figuresController<Query extends { from: string; to: string }>(route: FiguresRoute<Query>): Type<unknown> {
  @ApiTags(route.tag)
  @Controller(route.path)
  class FiguresController {
    constructor(@Inject(DB) readonly db: Kysely<StationsDatabase>) {}

    @Get() @Public()
    @ApiOperation({ summary: route.summary })
    async figures(@Query() query: Query) {
      checkDayRange(query.from, query.to);
      return { from: query.from, to: query.to, ...(await route.figures(this.db, query)) };
    }
  }
  // The compiler records a generic parameter as Object: the validation pipe and OpenAPI read the DTO from here.
  Reflect.defineMetadata('design:paramtypes', [route.query], FiguresController.prototype, 'figures');
  Object.defineProperty(FiguresController, 'name', { value: route.name });
  return FiguresController;
}
