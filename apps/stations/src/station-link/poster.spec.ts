import { unicodeOf } from '../print/testing/pdf-unicode';
import { posterDefinition, stationPoster, type PosterContent } from './poster';

const content: PosterContent = {
  url: 'https://kc.example/h5/s/0196a3b0-0000-7000-8000-000000000001?k=abc',
  name: '荷花街道新时代工会驿站',
  kind: '工会驿站',
  address: '衢州市柯城区荷花路 1 号',
  hours: '全天24小时开放',
  facilities: ['饮水', '充电'],
  services: ['义诊/健康体检'],
  noticeServices: '休息、饮水、热饭、充电、如厕',
  pledge: '热情接待、免费开放、文明使用、共同维护',
  managerName: '王丽',
  hotline: '0570-8888000',
  partners: ['柯城交警大队（交警）', '衢州义工联（公益伙伴）'],
  issuer: '柯城区',
};

/** The texts of the poster's document, in order. */
function texts(definition: ReturnType<typeof posterDefinition>): string[] {
  return definition.content.flatMap((block) => ('text' in block ? [String(block.text)] : []));
}

describe('the station poster', () => {
  it('prints the public notice: 服务公约, the manager, the hotline and the partners stationed, after what the station offers', () => {
    expect(texts(posterDefinition(content))).toEqual([
      '工会驿站 · 户外劳动者服务站点', content.name, `${content.kind} · ${content.address}`,
      '扫码打卡 · 附近驿站 · 心愿墙 · 随手拍', '不需要姓名和手机号',
      '开放时间', '全天24小时开放', '站内设施', '饮水、充电', '服务项目', '义诊/健康体检', '服务内容', '休息、饮水、热饭、充电、如厕',
      '服务公约', '热情接待、免费开放、文明使用、共同维护', '管理人员', '站长 王丽', '服务职工热线', '0570-8888000',
      '进驻单位', '柯城交警大队（交警）、衢州义工联（公益伙伴）', '柯城区总工会签发 · 请勿遮挡或覆盖本码',
    ]);
  });

  it('leaves out what a station without a notice has not published', () => {
    const bare = texts(posterDefinition({ ...content, noticeServices: null, pledge: null, managerName: null, hotline: null, partners: [], facilities: [] }));
    for (const title of ['服务内容', '服务公约', '管理人员', '服务职工热线', '进驻单位', '站内设施']) expect(bare).not.toContain(title);
    expect(bare).toContain('开放时间');
  });

  it('renders the Chinese of the notice in the bundled font', async () => {
    const pdf = await stationPoster(content);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('NotoSansSC');
    const printed = unicodeOf(pdf);
    for (const text of ['王丽', content.pledge!, '柯城交警大队', '衢州义工联', '进驻单位', '管理人员']) {
      expect([...text].filter((char) => !printed.has(char))).toEqual([]);
    }
  }, 30_000);
});
