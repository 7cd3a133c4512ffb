import { MESSAGE_KINDS } from '@ws/contracts';
import type { MessageKind, MessageParams } from '@ws/contracts';
import { render, smsVariables, SMS_VAR_MAX, TEMPLATES } from './templates';

const AT = '2026-06-01T06:30:00.000Z'; // 14:30 in Shanghai
const SAMPLES: Record<MessageKind, MessageParams> = {
  application_received: { applicationNumber: 'RH330802ABCDEFGHJK' },
  application_info_requested: { applicationNumber: 'RH330802ABCDEFGHJK', note: '请补充用工单位' },
  application_approved: { applicationNumber: 'RH330802ABCDEFGHJK', cardNumber: 'ZJ33080200012345' },
  application_rejected: { applicationNumber: 'RH330802ABCDEFGHJK', reason: '不符合入会条件', note: '已是其他工会会员' },
  transfer_completed: { cardNumber: 'ZJ33080200012345' },
  wish_accepted: { wishNo: 'W7K3QX9M2D' },
  wish_declined: { wishNo: 'W7K3QX9M2D', reason: '不属于驿站服务范围，请拨打12345' },
  wish_merged: { wishNo: 'W7K3QX9M2D', intoWishNo: 'W9ABCDEFGH' },
  wish_dispatched: { wishNo: 'W7K3QX9M2D' },
  wish_in_progress: { wishNo: 'W7K3QX9M2D' },
  wish_completed: { wishNo: 'W7K3QX9M2D', answer: null, confirmBy: AT },
  wish_reopened: { wishNo: 'W7K3QX9M2D', reason: '还是不能充电', deadline: AT },
  wish_escalated: { wishNo: 'W7K3QX9M2D', deadline: AT },
  invitation: { taskTitle: '急救培训（第三期，面向外卖骑手、快递员和网约车司机的心肺复苏、止血包扎与骨折固定）', expiresAt: AT },
  invitation_expiring: { taskTitle: '维修充电桩', expiresAt: AT },
  task_cancelled: { taskTitle: '维修充电桩', reason: '已由物业修好' },
  shift_tomorrow: { stationName: '荷花驿站', startsAt: AT, endsAt: AT },
  swap_requested: { stationName: '荷花驿站', startsAt: AT },
  swap_answered: { stationName: '荷花驿站', startsAt: AT, accepted: 'no' },
  job_matched: { postingTitle: '家政钟点工（每周三次，做饭保洁）', categoryLabel: '家政服务', payModeLabel: '日结', distanceLabel: '3公里内' },
  station_new_wish: { stationName: '荷花驿站', wishNo: 'W7K3QX9M2D', categoryLabel: '维修' },
  directive_received: { issuerName: '衢州市' },
  upgrade_deadline: { stationName: '荷花驿站', standard: '八有', due: '2026-06-30' },
  station_suspended: { stationName: '荷花驿站', reason: '装修', until: AT },
  station_reopened: { stationName: '荷花驿站' },
  overdue_digest: { day: '2026-06-01', overdueWishes: 3, unmoderatedWishes: 1, overdueTasks: 2 },
  directive_deadline: { title: '2026年底前驿站达八有', deadline: '2026-12-31', pendingCount: 2, pendingNames: '柯城区、衢江区' },
};

describe('templates (zh-CN, one per message kind)', () => {
  it.each(MESSAGE_KINDS)('%s renders a title and a body with every value filled in', (kind) => {
    const rendered = render(kind, SAMPLES[kind]);
    expect(rendered.title.length).toBeGreaterThan(1);
    expect(rendered.body).toMatch(/[\u4e00-\u9fff]/);
    for (const text of [rendered.title, rendered.body, ...Object.values(TEMPLATES[kind].wechat(SAMPLES[kind]))]) {
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    }
    for (const value of Object.values(smsVariables(kind, SAMPLES[kind], null))) expect([...value].length).toBeLessThanOrEqual(SMS_VAR_MAX);
  });

  it('says what the person needs: the card number, the reason, the deadline in Shanghai time', () => {
    expect(render('application_approved', SAMPLES.application_approved).body).toContain('ZJ33080200012345');
    expect(render('wish_declined', SAMPLES.wish_declined).body).toContain('请拨打12345');
    expect(render('invitation', SAMPLES.invitation).body).toContain('6月1日 14:30');
    expect(render('swap_answered', SAMPLES.swap_answered).title).toBe('调班被谢绝');
    expect(render('job_matched', SAMPLES.job_matched).body).toContain('距您家3公里内的家政服务岗位「家政钟点工（每周三次，做饭保洁）」（日结）');
  });

  it('cuts a long value for the SMS gateway and adds the short link', () => {
    const vars = smsVariables('invitation', SAMPLES.invitation, 'http://127.0.0.1:4100/s/abcd2345');
    expect(vars['task']).toHaveLength(SMS_VAR_MAX);
    expect(vars['task']!.endsWith('…')).toBe(true);
    expect(vars['link']).toBe('http://127.0.0.1:4100/s/abcd2345');
  });
});
