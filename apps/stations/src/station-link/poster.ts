import { CHINESE_FONT, renderPdf } from '../print/chinese-pdf';

/**
 * The station's printed poster (A4): its name, the code, what it offers and whom to call.
 * The code is drawn by pdfmake itself (vector), for the same URL as the PNG.
 */
export interface PosterContent {
  url: string;
  name: string;
  kind: string;
  address: string;
  hours: string;
  facilities: string[];
  services: string[];
  hotline: string | null;
  issuer: string;
}

const RED = '#a3111c';

export async function stationPoster(content: PosterContent): Promise<Buffer> {
  const section = (title: string, body: string) => [
    { text: title, bold: true, fontSize: 15, color: RED, margin: [0, 10, 0, 2] },
    { text: body, fontSize: 13, lineHeight: 1.3 },
  ];
  const definition = {
    pageSize: 'A4',
    pageMargins: [48, 40, 48, 40],
    info: { title: `${content.name} 驿站码`, creator: 'Waystation 工会驿站' },
    defaultStyle: { font: CHINESE_FONT, fontSize: 13 },
    content: [
      { text: '工会驿站 · 户外劳动者服务站点', color: '#ffffff', background: RED, fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      { text: content.name, fontSize: 28, bold: true, alignment: 'center' },
      { text: `${content.kind} · ${content.address}`, alignment: 'center', color: '#333333', margin: [0, 4, 0, 8] },
      // Drawn as vector squares by pdfmake: sharp at any print size, no image to encode.
      { qr: content.url, eccLevel: 'M', fit: 270, alignment: 'center', margin: [0, 10, 0, 10] },
      { text: '扫码打卡 · 附近驿站 · 心愿墙 · 随手拍', alignment: 'center', fontSize: 16, bold: true, margin: [0, 6, 0, 2] },
      { text: '不需要姓名和手机号', alignment: 'center', color: '#333333' },
      ...section('开放时间', content.hours),
      ...(content.facilities.length > 0 ? section('站内设施', content.facilities.join('、')) : []),
      ...(content.services.length > 0 ? section('服务项目', content.services.join('、')) : []),
      ...(content.hotline ? section('服务热线', content.hotline) : []),
      { text: `${content.issuer}总工会签发 · 请勿遮挡或覆盖本码`, alignment: 'center', fontSize: 10, color: '#555555', margin: [0, 16, 0, 0] },
    ],
  };
  return renderPdf(definition);
}
