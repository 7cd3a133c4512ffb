import { api, type Label } from './api';

export interface LandingCard {
  id: string;
  name: string;
  kind: Label;
  address: string;
  location: { lng: number; lat: number };
  status: 'active' | 'suspended' | 'closed';
  statusReason: string | null;
  open: { now: boolean; open24h: boolean; until: string | null; next: string | null };
  facilities: Label[];
  servicesToday: Array<Label & { start: string; end: string }>;
  /** The station's public notice (公示) and class; the fields are null until a notice is published. */
  notice: {
    stationClass: Label | null;
    hotline: string | null;
    pledge: string | null;
    services: string | null;
    hours: string | null;
    managerName: string | null;
    partners: Array<Label & { kind: string; name: string }>;
  };
  today: { day: string; visits: number };
  occupations: Label[];
  streetCode: string;
}

export const landingCard = (stationId: string, signature: string) =>
  api<LandingCard>('stations', `/stations/${encodeURIComponent(stationId)}/landing?k=${encodeURIComponent(signature)}`);

export function openText(card: Pick<LandingCard, 'status' | 'statusReason' | 'open'>): { text: string; open: boolean } {
  if (card.status === 'closed') return { text: '已关闭', open: false };
  if (card.status === 'suspended') return { text: `暂停服务${card.statusReason ? `：${card.statusReason}` : ''}`, open: false };
  if (card.open.open24h) return { text: '24小时开放', open: true };
  if (card.open.now) return { text: card.open.until ? `开放中 · 今天开到 ${card.open.until}` : '开放中', open: true };
  return { text: card.open.next ? `已休息 · ${card.open.next} 开门` : '已休息', open: false };
}
