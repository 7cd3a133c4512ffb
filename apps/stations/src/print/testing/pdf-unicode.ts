import { inflateSync } from 'node:zlib';

/**
 * The characters the PDF's embedded fonts map back to Unicode (their ToUnicode maps): a character
 * printed in the bundled font is there; one that fell back to a font without CJK glyphs is not.
 */
export function unicodeOf(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('beginbf')) continue;
    for (const hex of body.matchAll(/<([0-9a-fA-F]{4})>/g)) chars.add(String.fromCharCode(parseInt(hex[1]!, 16)));
  }
  return chars;
}
