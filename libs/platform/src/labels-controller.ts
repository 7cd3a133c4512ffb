import { Controller, Get, Header, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { labelPairs, type LabelPair } from '@ws/contracts';
import { Public } from '@ws/kernel';

/** What a service's GET /labels names, by kind (`categories`, `statuses`…): each kind's codes and their zh-CN names. */
export type LabelKinds = Record<string, Readonly<Record<string, string>>>;

const LABEL_PAIRS_SCHEMA: SchemaObject = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string', description: '中文名称' } }, required: ['code', 'label'] },
};

/**
 * The GET /labels of a service: the zh-CN names of its codes, kind by kind, as `{ code, label }`
 * pairs in the contracts' order, for the pages (which keep no copy of them). Public, and cached an
 * hour: labels change only with a release. `tag` and `summary` are the OpenAPI document's.
 */
export function labelsController(tag: string, summary: string, kinds: LabelKinds): Type<unknown> {
  const answer: Record<string, LabelPair[]> = Object.fromEntries(Object.entries(kinds).map(([kind, labels]) => [kind, labelPairs(labels)]));
  const schema: SchemaObject = {
    type: 'object',
    properties: Object.fromEntries(Object.keys(kinds).map((kind) => [kind, LABEL_PAIRS_SCHEMA])),
    required: Object.keys(kinds),
  };

  @ApiTags(tag)
  @Controller('labels')
  class LabelsController {
    @Get()
    @Public()
    @Header('Cache-Control', 'public, max-age=3600')
    @ApiOperation({ summary })
    @ApiOkResponse({ description: '各类代码的中文名称', schema })
    labels(): Record<string, LabelPair[]> {
      return answer;
    }
  }
  return LabelsController;
}
