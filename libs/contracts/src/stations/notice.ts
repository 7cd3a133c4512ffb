import type { DomainEvent } from '../envelope';

/**
 * The station's public notice (公示): "公告服务内容、服务时间、管理人员信息和服务职工热线" and its
 * 服务公约, posted at the door and shown on the station's pages and in the directory; and the
 * station's class, 旗舰型 or 标准型.
 */
export const STATION_CLASSES = ['flagship', 'standard'] as const;
export type StationClass = (typeof STATION_CLASSES)[number];
export const STATION_CLASS_LABELS: Record<StationClass, string> = { flagship: '旗舰型', standard: '标准型' };
export const isStationClass = (value: unknown): value is StationClass => typeof value === 'string' && (STATION_CLASSES as readonly string[]).includes(value);

/** Agencies stationed at a station ("交通、公安、交警、保险、平台企业…进驻", "公益伙伴"). */
export const STATIONED_PARTNER_KINDS = ['transport', 'police', 'traffic_police', 'insurance', 'platform_company', 'charity', 'court', 'other'] as const;
export type StationedPartnerKind = (typeof STATIONED_PARTNER_KINDS)[number];
export const STATIONED_PARTNER_LABELS: Record<StationedPartnerKind, string> = {
  transport: '交通',
  police: '公安',
  traffic_police: '交警',
  insurance: '保险',
  platform_company: '平台企业',
  charity: '公益伙伴',
  court: '法院（共享法庭）',
  other: '其他',
};
export const isStationedPartnerKind = (value: unknown): value is StationedPartnerKind =>
  typeof value === 'string' && (STATIONED_PARTNER_KINDS as readonly string[]).includes(value);

export interface StationedPartner {
  kind: StationedPartnerKind;
  /** The body (e.g. 椒江交警大队), never a person. */
  name: string;
}

/**
 * The notice as published (each publication replaces the last). `hotline` is a published
 * number — a landline, a 400/800 number or 12351 — never a personal mobile. The manager's name
 * is personal data: the event carries only `managerNameRef`, a reference into the publishing
 * node's vault (`station_notice_names`), which the station's pages and its node's directory read.
 */
export type StationNoticePublished = DomainEvent<
  'StationNoticePublished',
  {
    stationId: string;
    /** 服务公约 */
    pledge: string;
    /** 服务内容, as posted. */
    services: string;
    /** 服务时间, as posted (the machine-readable hours are the station's own). */
    hours: string;
    managerNameRef: string | null;
    hotline: string;
    partners: StationedPartner[];
  }
>;

export type StationClassified = DomainEvent<'StationClassified', { stationId: string; stationClass: StationClass; previousClass: StationClass | null }>;
