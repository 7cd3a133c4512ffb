import { CHINESE_FONT, renderPdf } from '../print/chinese-pdf';

/**
 * The station's printed poster (A4): its name, the code, what it offers and whom to call, and its
 * public notice (公示: 服务公约, 管理人员, 服务职工热线, 进驻单位) — the same notice the landing card and
 * the directory show. The code is drawn by pdfmake itself (vector), for the same URL as the PNG.
 */
export interface PosterContent {
  url: string;
  name: string;
  kind: string;
  address: string;
  /** The notice's 服务时间 as posted, else the station's opening hours in words. */
  hours: string;
  facilities: string[];
  services: string[];
  /** The notice's 服务内容 as posted, null before a notice. */
  noticeServices: string | null;
  pledge: string | null;
  /** From the node's vault: printed only where the name was given. */
  managerName: string | null;
  hotline: string | null;
  /** "柯城交警大队（交警）". */
  partners: string[];
  issuer: string;
}

const RED = '#a3111c';

/** The pdfmake document of the poster: kept apart from the rendering so that what it says can be read in a test. */
export function posterDefinition(content: PosterContent) {
  const section = (title: string, body: string) => [
    { text: title, bold: true, fontSize: 15, color: RED, margin: [0, 10, 0, 2] },
    { text: body, fontSize: 13, lineHeight: 1.3 },
  ];
  const optional = (title: string, body: string | null) => (body ? section(title, body) : []);
  return {
    pageSize: 'A4',
    pageMargins: [48, 40, 48, 40],
    info: { title: `${content.name} 驿站码`, creator: 'Waystation 工会驿站' },
    defaultStyle: { font: CHINESE_FONT, fontSize: 13 },
    content: [
      { text: '工会驿站 · 户外劳动者服务站点', color: '#ffffff', background: RED, fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      { text: content.name, fontSize: 28, bold: true, alignment: 'center' },
      { text: `${content.kind} · ${content.address}`, alignment: 'center', color: '#333333', margin: [0, 4, 0, 8] },
      // Drawn as vector squares by pdfmake: sharp at any print size, no image to encode.
      { qr: content.url, eccLevel: 'M', fit: 220, alignment: 'center', margin: [0, 6, 0, 6] },
      { text: '扫码打卡 · 附近驿站 · 心愿墙 · 随手拍', alignment: 'center', fontSize: 16, bold: true, margin: [0, 4, 0, 2] },
      { text: '不需要姓名和手机号', alignment: 'center', color: '#333333' },
      ...section('开放时间', content.hours),
      ...optional('站内设施', content.facilities.join('、')),
      ...optional('服务项目', content.services.join('、')),
      ...optional('服务内容', content.noticeServices),
      ...optional('服务公约', content.pledge),
      ...optional('管理人员', content.managerName && `站长 ${content.managerName}`),
      ...optional('服务职工热线', content.hotline),
      ...optional('进驻单位', content.partners.join('、')),
      { text: `${content.issuer}总工会签发 · 请勿遮挡或覆盖本码`, alignment: 'center', fontSize: 10, color: '#555555', margin: [0, 16, 0, 0] },
    ],
  };
}

export function stationPoster(content: PosterContent): Promise<Buffer> {
  return renderPdf(posterDefinition(content));
}
