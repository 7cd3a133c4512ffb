import { spawn } from 'node:child_process';

/**
 * Reads a generated PDF back as text with PDF.js (pdfjs-dist, dev only): the strings each page
 * draws, grouped into rows by their baseline and ordered left to right, so a test can check that a
 * table printed the numbers it should. The text comes from the fonts' ToUnicode maps (pdfkit writes
 * them for the embedded Chinese font), as a reader's copy-and-paste would.
 *
 * PDF.js ships only as ES modules (.mjs), which jest's module runtime cannot load below Node 24.9,
 * so it runs in a child node process: the PDF in on stdin, the rows out as JSON.
 */
export function pdfRows(pdf: Uint8Array): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', READ_ROWS], { cwd: __dirname, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`reading the PDF failed (exit ${code}): ${Buffer.concat(err).toString()}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString()) as string[][]);
      } catch (error) {
        reject(error as Error);
      }
    });
    child.stdin.end(Buffer.from(pdf));
  });
}

/** The child's script: every page's text items, rows by baseline (top first), cells by x. */
const READ_ROWS = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const require = createRequire(${JSON.stringify(`${__filename}`)});
const { getDocument } = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const rows = [];
for (let number = 1; number <= document.numPages; number++) {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  const byLine = new Map();
  for (const item of content.items) {
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    const x = item.transform[4];
    const y = item.transform[5];
    // Cells of one table row share a baseline (to within rounding).
    const line = [...byLine.keys()].find((key) => Math.abs(key - y) < 2) ?? y;
    byLine.set(line, [...(byLine.get(line) ?? []), { x, text: item.str.trim() }]);
  }
  // PDF space runs bottom up: the highest baseline is the first row.
  for (const line of [...byLine.keys()].sort((a, b) => b - a)) rows.push(byLine.get(line).sort((a, b) => a.x - b.x).map((cell) => cell.text));
}
await document.destroy();
process.stdout.write(JSON.stringify(rows));
`;
