import { MESSAGE_KIND_LABELS } from '@ws/contracts';
import type { MessageKind, MessageParams } from '@ws/contracts';
import { dateLabel, shanghaiLabel } from '../rules/shanghai-time';

/**
 * One template per message kind, in Chinese. `body` is the text of the inbox and of the SMS the
 * gateway renders (register it there as the template of TemplateCode SMS_WS_<KIND>, its ${…}
 * being `smsVars`); the short link back to the page concerned follows it. WeChat subscription
 * templates take `wechat` as their thing/time/character_string fields.
 */
export interface MessageTemplate {
  title(p: MessageParams): string;
  body(p: MessageParams): string;
  /** Aliyun template variables (each value at most 35 characters, as the gateway allows). */
  smsVars(p: MessageParams): Record<string, string>;
  /** 公众号订阅通知 fields: thing (≤ 20 characters), time, phrase (≤ 5) … */
  wechat(p: MessageParams): Record<string, string>;
}

const s = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
const time = (value: string | number | null | undefined) => (value ? shanghaiLabel(String(value)) : '');
const day = (value: string | number | null | undefined) => (value ? dateLabel(String(value)) : '');

function template(
  title: string | ((p: MessageParams) => string),
  body: (p: MessageParams) => string,
  smsVars: (p: MessageParams) => Record<string, string>,
  wechat?: (p: MessageParams) => Record<string, string>,
): MessageTemplate {
  const titleOf = typeof title === 'string' ? () => title : title;
  return { title: titleOf, body, smsVars, wechat: wechat ?? ((p) => ({ thing1: titleOf(p), thing2: body(p) })) };
}

const wishVars = (p: MessageParams) => ({ no: s(p['wishNo']) });

export const TEMPLATES: Record<MessageKind, MessageTemplate> = {
  application_received: template(
    '入会申请已受理',
    (p) => `您的入会申请（编号 ${s(p['applicationNumber'])}）已受理，工会将尽快审核。可凭申请编号和手机号查询进度。`,
    (p) => ({ no: s(p['applicationNumber']) }),
    (p) => ({ character_string1: s(p['applicationNumber']), phrase2: '已受理' }),
  ),
  application_info_requested: template(
    '入会申请需补充材料',
    (p) => `您的入会申请（编号 ${s(p['applicationNumber'])}）需要补充材料：${s(p['note'])}。请凭申请编号和手机号补充。`,
    (p) => ({ no: s(p['applicationNumber']), note: s(p['note']) }),
    (p) => ({ character_string1: s(p['applicationNumber']), phrase2: '待补充', thing3: s(p['note']) }),
  ),
  application_approved: template(
    '入会申请已通过',
    (p) => `欢迎加入工会！您的入会申请已通过，会员卡号 ${s(p['cardNumber'])}。`,
    (p) => ({ card: s(p['cardNumber']) }),
    (p) => ({ character_string1: s(p['cardNumber']), phrase2: '已通过' }),
  ),
  application_rejected: template(
    '入会申请未通过',
    (p) => `您的入会申请（编号 ${s(p['applicationNumber'])}）未通过：${s(p['reason'])}${p['note'] ? `（${s(p['note'])}）` : ''}。如有疑问请联系所在工会。`,
    (p) => ({ no: s(p['applicationNumber']), reason: s(p['reason']) }),
    (p) => ({ character_string1: s(p['applicationNumber']), phrase2: '未通过', thing3: s(p['reason']) }),
  ),
  transfer_completed: template(
    '会籍转接已完成',
    (p) => `您的会籍已转入新的工会，会员卡号 ${s(p['cardNumber'])} 不变，积分随转。`,
    (p) => ({ card: s(p['cardNumber']) }),
    (p) => ({ character_string1: s(p['cardNumber']), phrase2: '已完成' }),
  ),
  wish_accepted: template('心愿已受理', (p) => `您的心愿（${s(p['wishNo'])}）已受理，街道将统一安排。`, wishVars),
  wish_declined: template(
    '心愿已退回',
    (p) => `您的心愿（${s(p['wishNo'])}）已退回：${s(p['reason'])}。`,
    (p) => ({ ...wishVars(p), reason: s(p['reason']) }),
  ),
  wish_merged: template(
    '心愿已合并',
    (p) => `您的心愿（${s(p['wishNo'])}）与相同的心愿${p['intoWishNo'] ? `（${s(p['intoWishNo'])}）` : ''}合并办理，请关注合并后的心愿。`,
    (p) => ({ ...wishVars(p), into: s(p['intoWishNo']) }),
  ),
  wish_dispatched: template('心愿已派单', (p) => `您的心愿（${s(p['wishNo'])}）已派单，志愿者将与驿站联系办理。`, wishVars),
  wish_in_progress: template('心愿服务进行中', (p) => `您的心愿（${s(p['wishNo'])}）开始办理了。`, wishVars),
  wish_completed: template(
    '心愿已完成',
    (p) => `您的心愿（${s(p['wishNo'])}）已完成${p['answer'] ? `：${s(p['answer'])}` : ''}。请在 ${time(p['confirmBy'])} 前确认并评价，不满意可重新打开。`,
    (p) => ({ ...wishVars(p), until: time(p['confirmBy']) }),
  ),
  wish_reopened: template(
    '心愿已重新办理',
    (p) => `您的心愿（${s(p['wishNo'])}）已重新办理：${s(p['reason'])}，新的完成期限 ${time(p['deadline'])}。`,
    (p) => ({ ...wishVars(p), until: time(p['deadline']) }),
  ),
  wish_escalated: template(
    '心愿逾期已上报',
    (p) => `您的心愿（${s(p['wishNo'])}）未能在 ${time(p['deadline'])} 前办完，已上报区县工会督办。`,
    wishVars,
  ),
  invitation: template(
    '志愿服务邀请',
    (p) => `邀请您参加志愿服务「${s(p['taskTitle'])}」，请在 ${time(p['expiresAt'])} 前点链接接受或谢绝。`,
    (p) => ({ task: s(p['taskTitle']), until: time(p['expiresAt']) }),
    (p) => ({ thing1: s(p['taskTitle']), time2: time(p['expiresAt']) }),
  ),
  invitation_expiring: template(
    '邀请即将过期',
    (p) => `志愿服务「${s(p['taskTitle'])}」的邀请将于 ${time(p['expiresAt'])} 过期，请尽快答复。`,
    (p) => ({ task: s(p['taskTitle']), until: time(p['expiresAt']) }),
    (p) => ({ thing1: s(p['taskTitle']), time2: time(p['expiresAt']) }),
  ),
  task_cancelled: template(
    '任务已取消',
    (p) => `志愿服务「${s(p['taskTitle'])}」已取消：${s(p['reason'])}。感谢您的支持。`,
    (p) => ({ task: s(p['taskTitle']), reason: s(p['reason']) }),
    (p) => ({ thing1: s(p['taskTitle']), thing2: s(p['reason']) }),
  ),
  shift_tomorrow: template(
    '明日值班提醒',
    (p) => `提醒：您明天 ${time(p['startsAt'])} 在${s(p['stationName']) || '驿站'}值班，至 ${time(p['endsAt'])}。`,
    (p) => ({ station: s(p['stationName']), from: time(p['startsAt']) }),
    (p) => ({ thing1: s(p['stationName']), time2: time(p['startsAt']) }),
  ),
  swap_requested: template(
    '调班请求',
    (p) => `有志愿者想把 ${time(p['startsAt'])} 在${s(p['stationName']) || '驿站'}的班次调给您，请点链接答复。`,
    (p) => ({ station: s(p['stationName']), from: time(p['startsAt']) }),
    (p) => ({ thing1: s(p['stationName']), time2: time(p['startsAt']) }),
  ),
  swap_answered: template(
    (p) => (p['accepted'] === 'yes' ? '调班已接受' : '调班被谢绝'),
    (p) => `您 ${time(p['startsAt'])} 在${s(p['stationName']) || '驿站'}的班次调班请求${p['accepted'] === 'yes' ? '已被接受，班次已交接' : '被谢绝，仍由您值班'}。`,
    (p) => ({ from: time(p['startsAt']), answer: p['accepted'] === 'yes' ? '已接受' : '被谢绝' }),
    (p) => ({ time1: time(p['startsAt']), phrase2: p['accepted'] === 'yes' ? '已接受' : '被谢绝' }),
  ),
  job_matched: template(
    '附近有新的招工信息',
    (p) => `零工之家为您推荐：${s(p['distanceLabel']) ? `距您家${s(p['distanceLabel'])}的` : ''}${s(p['categoryLabel'])}岗位「${s(p['postingTitle'])}」${s(p['payModeLabel']) ? `（${s(p['payModeLabel'])}）` : ''}，点链接查看详情和导航。不想再收到可在零工之家关闭推送。`,
    (p) => ({ job: s(p['postingTitle']), distance: s(p['distanceLabel']) }),
    (p) => ({ thing1: s(p['postingTitle']), thing2: s(p['categoryLabel']), phrase3: s(p['payModeLabel']) }),
  ),
  station_new_wish: template(
    '驿站新心愿',
    (p) => `${s(p['stationName']) || '本驿站'}心愿墙有新的${s(p['categoryLabel'])}心愿（${s(p['wishNo'])}），请及时审核。`,
    (p) => ({ no: s(p['wishNo']) }),
  ),
  directive_received: template(
    '收到上级指令',
    (p) => `收到${s(p['issuerName'])}的指令，请及时查看并签收。`,
    (p) => ({ issuer: s(p['issuerName']) }),
  ),
  upgrade_deadline: template(
    '提档升级期限将到',
    (p) => `${s(p['stationName'])}按${s(p['standard'])}标准提档升级的期限是 ${day(p['due'])}，请抓紧完成。`,
    (p) => ({ station: s(p['stationName']), due: day(p['due']) }),
  ),
  station_suspended: template(
    '驿站已暂停服务',
    (p) => `${s(p['stationName'])}已暂停服务：${s(p['reason'])}${p['until'] ? `，预计 ${time(p['until'])} 恢复` : ''}。`,
    (p) => ({ station: s(p['stationName']), reason: s(p['reason']) }),
  ),
  station_reopened: template('驿站已恢复服务', (p) => `${s(p['stationName'])}已恢复服务。`, (p) => ({ station: s(p['stationName']) })),
  overdue_digest: template(
    (p) => `每日逾期事项（${day(p['day'])}）`,
    (p) =>
      `截至 ${day(p['day'])}：逾期未办结心愿 ${s(p['overdueWishes'])} 件，超时未审核心愿 ${s(p['unmoderatedWishes'])} 件，` +
      `超期未接单任务 ${s(p['overdueTasks'])} 个。`,
    (p) => ({ wishes: s(p['overdueWishes']), tasks: s(p['overdueTasks']) }),
  ),
  directive_deadline: template(
    '指令期限将到',
    (p) => `指令「${s(p['title'])}」将于 ${day(p['deadline'])} 到期，尚有 ${s(p['pendingCount'])} 个下级未签收：${s(p['pendingNames'])}。`,
    (p) => ({ title: s(p['title']), due: day(p['deadline']) }),
  ),
};

/** The most a template variable may hold at the SMS gateway. */
export const SMS_VAR_MAX = 35;

export interface RenderedMessage {
  kind: MessageKind;
  kindLabel: string;
  title: string;
  body: string;
}

export function render(kind: MessageKind, params: MessageParams): RenderedMessage {
  const template = TEMPLATES[kind];
  return { kind, kindLabel: MESSAGE_KIND_LABELS[kind], title: template.title(params), body: template.body(params) };
}

/** The SMS variables, each cut to what the gateway takes, with the short link. */
export function smsVariables(kind: MessageKind, params: MessageParams, shortLink: string | null): Record<string, string> {
  const vars = Object.fromEntries(Object.entries(TEMPLATES[kind].smsVars(params)).map(([key, value]) => [key, clip(value, SMS_VAR_MAX)]));
  return shortLink ? { ...vars, link: shortLink } : vars;
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
