import ExcelJS from 'exceljs';
import { CHINESE_FONT, renderPdf } from '../../print/chinese-pdf';
import { reportLines, type StationsReport } from './report.query';

const TITLE = (report: StationsReport) => `${report.node.name} 工会驿站 ${report.label}报表`;
const RANGE = (report: StationsReport) => `统计期间：${report.from} 至 ${report.to}（含下级节点）`;
/** Printed where a service did not answer: never a zero that was not counted. */
export const NOT_RECEIVED = '未取得';
const UNAVAILABLE_NOTE = (report: StationsReport) =>
  report.unavailable.length > 0 ? `注：${report.unavailable.map((s) => SERVICE_LABELS[s]).join('、')}数据未取得，本表不完整` : null;
const SERVICE_LABELS: Record<StationsReport['unavailable'][number], string> = { membership: '会员', wishes: '微心愿', dispatch: '志愿服务', jobs: '零工之家' };

/** The report as an Excel workbook: one sheet, a row per figure, numbers as numbers. */
export async function reportXlsx(report: StationsReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Waystation 工会驿站';
  const sheet = workbook.addWorksheet('报表');
  sheet.addRow([TITLE(report)]).font = { bold: true, size: 14 };
  sheet.addRow([RANGE(report)]);
  sheet.addRow([]);
  sheet.addRow(['类别', '项目', '数值', '单位']).font = { bold: true };
  for (const line of reportLines(report)) sheet.addRow([line.section, line.item, line.value ?? NOT_RECEIVED, line.unit]);
  const note = UNAVAILABLE_NOTE(report);
  if (note) sheet.addRow([note]);
  sheet.columns = [{ width: 18 }, { width: 26 }, { width: 14 }, { width: 8 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same rows on an A4 page, in the bundled Chinese font. */
export function reportPdf(report: StationsReport): Promise<Buffer> {
  const body = [
    [{ text: '类别', bold: true }, { text: '项目', bold: true }, { text: '数值', bold: true, alignment: 'right' }, { text: '单位', bold: true }],
    ...reportLines(report).map((l) => [l.section, l.item, { text: l.value === null ? NOT_RECEIVED : l.value.toLocaleString('zh-CN'), alignment: 'right' }, l.unit]),
  ];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [48, 40, 48, 40],
    info: { title: TITLE(report), creator: 'Waystation 工会驿站' },
    defaultStyle: { font: CHINESE_FONT, fontSize: 11 },
    content: [
      { text: TITLE(report), fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      { text: RANGE(report), alignment: 'center', color: '#333333', margin: [0, 0, 0, 12] },
      { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto'], body }, layout: 'lightHorizontalLines' },
      ...(UNAVAILABLE_NOTE(report) ? [{ text: UNAVAILABLE_NOTE(report)!, color: '#9a3412', margin: [0, 8, 0, 0] as [number, number, number, number] }] : []),
    ],
  });
}
