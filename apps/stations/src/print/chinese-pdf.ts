import { dirname, join } from 'node:path';

/**
 * pdfmake with Noto Sans SC bundled from npm (@expo-google-fonts/noto-sans-sc, OFL): only the
 * characters used are embedded, so a page is a few tens of KB. No network, no other files.
 */
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONTS = {
  NotoSansSC: {
    normal: join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
  },
};

/** The family name pdf definitions use (defaultStyle.font). */
export const CHINESE_FONT = 'NotoSansSC';

type PdfMake = {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
};

let pdfmake: PdfMake | undefined;

/** Loaded on the first document: most processes never print one. */
function printer(): PdfMake {
  if (!pdfmake) {
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setFonts(FONTS);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  }
  return pdfmake;
}

export function renderPdf(definition: object): Promise<Buffer> {
  return printer().createPdf(definition).getBuffer();
}
