import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { DIRECTIVE_KINDS, PROGRAMME_KIND_LABELS, PROGRAMME_KINDS, STANDARD_CODES, type DirectiveGoal, type DirectiveKind, type ProgrammeKind, type StandardCode } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import { describeCodes } from '../../catalogue/labels';
import { ValidateWhenSentOr } from '../../station/shared/dto-decorators';
import { MAX_NAMED_CHILDREN, MAX_TARGET_COUNT, MAX_TARGET_STATIONS, MAX_TITLE_LENGTH, type IssueDirective } from './issue-directive.command';

const COUNTED_KINDS: readonly DirectiveKind[] = ['station_target', 'upgrade_target'];
/** The kinds whose people served may be held to a share of new-form workers. */
const SHARE_KINDS: readonly DirectiveKind[] = ['health_check_target', 'programme_target'];
const PEOPLE_KINDS: readonly DirectiveKind[] = ['reach_target', ...SHARE_KINDS];
const WORK_KINDS: readonly DirectiveKind[] = ['activity_target', ...PEOPLE_KINDS, 'members_target'];

/** A field that only some kinds of directive take: sent with another kind it is refused, not ignored. */
function OnlyFor(kinds: readonly DirectiveKind[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'notApplicable',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value === undefined || kinds.includes((args.object as IssueDirectiveDto).kind),
        defaultMessage: (args: ValidationArguments) => `${args.property} applies only to ${kinds.join(', ')}`,
      },
    });
  };
}

/** One flat body for every kind; which fields a kind needs is said per field. The node is the one the service runs for. */
export class IssueDirectiveDto {
  @ApiProperty({
    enum: [...DIRECTIVE_KINDS],
    description:
      'adopt_standard（推行建设标准）、station_target（驿站数量目标）、upgrade_target（改造提升目标）、review_campaign（年度星级评定）、' +
      'activity_target（活动场次目标）、reach_target（活动覆盖人数目标）、health_check_target（健康体检人次目标，旧类型，新指令请用 programme_target）、' +
      'programme_target（民生实事项目目标：健康体检、爱心托班、技能培训…的服务人次，可含新就业形态占比要求）、' +
      'members_target（新增会员目标）、coverage_target（覆盖率目标：15分钟服务圈内有驿站的劳动者占比）',
  })
  @IsIn(DIRECTIVE_KINDS)
  kind!: DirectiveKind;

  @ApiProperty({ description: '期限 YYYY-MM-DD（北京时间，今天或以后）', example: '2026-12-31' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be YYYY-MM-DD' })
  deadline!: string;

  @ApiPropertyOptional({ type: [String], description: `下达到的直接下级节点代码（GB/T 2260，最多 ${MAX_NAMED_CHILDREN} 个）；不填则下达到全部下级`, example: ['330802'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_NAMED_CHILDREN)
  @IsString({ each: true })
  children?: string[];

  @ApiPropertyOptional({ description: '标题；不填则按目标生成，如“2026年底前驿站≥1260个且全部达八有”', maxLength: MAX_TITLE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string;

  @ApiPropertyOptional({ enum: [...STANDARD_CODES], description: 'adopt_standard 必填；station_target / upgrade_target 可选（要求全部达到该标准）' })
  @ValidateWhenSentOr((o) => o['kind'] === 'adopt_standard')
  @OnlyFor(['adopt_standard', ...COUNTED_KINDS])
  @IsIn(STANDARD_CODES)
  standard?: StandardCode;

  @ApiPropertyOptional({ description: `station_target：驿站总数下限；upgrade_target：改造提升的驿站数（1–${MAX_TARGET_STATIONS}）`, example: 1260 })
  @ValidateWhenSentOr((o) => COUNTED_KINDS.includes(o['kind'] as DirectiveKind))
  @OnlyFor(COUNTED_KINDS)
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_STATIONS)
  stations?: number;

  @ApiPropertyOptional({ description: 'review_campaign：评定年度（今年或上一年）', example: 2026 })
  @ValidateWhenSentOr((o) => o['kind'] === 'review_campaign')
  @OnlyFor(['review_campaign'])
  @IsInt()
  year?: number;

  @ApiPropertyOptional({ description: `activity_target：起算日期（默认下达之日）至期限举办的活动场次（1–${MAX_TARGET_COUNT}）`, example: 30 })
  @ValidateWhenSentOr((o) => o['kind'] === 'activity_target')
  @OnlyFor(['activity_target'])
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_COUNT)
  activities?: number;

  @ApiPropertyOptional({ enum: [...PROGRAMME_KINDS], description: `programme_target 必填：项目类型：${describeCodes(PROGRAMME_KIND_LABELS)}` })
  @ValidateWhenSentOr((o) => o['kind'] === 'programme_target')
  @OnlyFor(['programme_target'])
  @IsIn(PROGRAMME_KINDS)
  programme?: ProgrammeKind;

  @ApiPropertyOptional({ description: `reach_target：活动覆盖人数；programme_target / health_check_target：服务人次（1–${MAX_TARGET_COUNT}）`, example: 1500 })
  @ValidateWhenSentOr((o) => PEOPLE_KINDS.includes(o['kind'] as DirectiveKind))
  @OnlyFor(PEOPLE_KINDS)
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_COUNT)
  people?: number;

  @ApiPropertyOptional({ description: `members_target：起算日期至期限新入会的会员数（1–${MAX_TARGET_COUNT}；按入会月份计，起算月整月计入）`, example: 300 })
  @ValidateWhenSentOr((o) => o['kind'] === 'members_target')
  @OnlyFor(['members_target'])
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_COUNT)
  members?: number;

  @ApiPropertyOptional({ description: 'coverage_target：劳动者分布中电动车 15 分钟内有在运营驿站（不论钟点）的劳动者占比下限（1–100 的整数，%），全部及每个下级', example: 90 })
  @ValidateWhenSentOr((o) => o['kind'] === 'coverage_target')
  @OnlyFor(['coverage_target'])
  @IsInt()
  sharePercent?: number;

  @ApiPropertyOptional({ description: 'activity_target / reach_target / programme_target / health_check_target / members_target：起算日期 YYYY-MM-DD（不早于去年1月1日；不填则自下达之日起）', example: '2026-01-01' })
  @OnlyFor(WORK_KINDS)
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'since must be YYYY-MM-DD' })
  since?: string;

  @ApiPropertyOptional({ description: 'programme_target / health_check_target：新就业形态劳动者不少于服务人次的百分比（0–100，默认 0 即不设要求）', example: 20 })
  @OnlyFor(SHARE_KINDS)
  @IsOptional()
  @IsInt()
  minNewFormSharePercent?: number;
}

export function toIssueDirective(directiveId: string, issuerNode: string, dto: IssueDirectiveDto): IssueDirective {
  return { type: 'IssueDirective', directiveId, issuerNode, goal: goalOf(dto), children: dto.children ?? null, deadline: dto.deadline, title: dto.title ?? null };
}

function goalOf(dto: IssueDirectiveDto): DirectiveGoal {
  switch (dto.kind) {
    case 'adopt_standard':
      return { kind: dto.kind, standard: dto.standard! };
    case 'station_target':
    case 'upgrade_target':
      return { kind: dto.kind, stations: dto.stations!, standard: dto.standard ?? null };
    case 'review_campaign':
      return { kind: dto.kind, year: dto.year! };
    case 'activity_target':
      return { kind: dto.kind, activities: dto.activities!, since: dto.since ?? null };
    case 'reach_target':
      return { kind: dto.kind, people: dto.people!, since: dto.since ?? null };
    case 'health_check_target':
      return { kind: dto.kind, people: dto.people!, minNewFormSharePercent: dto.minNewFormSharePercent ?? 0, since: dto.since ?? null };
    case 'programme_target':
      return { kind: dto.kind, programme: dto.programme!, people: dto.people!, minNewFormSharePercent: dto.minNewFormSharePercent ?? 0, since: dto.since ?? null };
    case 'members_target':
      return { kind: dto.kind, members: dto.members!, since: dto.since ?? null };
    case 'coverage_target':
      return { kind: dto.kind, sharePercent: dto.sharePercent! };
    default:
      return assertNever(dto.kind, 'directive kind');
  }
}
