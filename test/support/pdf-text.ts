import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler tool (pdftotext, pdffonts, pdfinfo) on the PDF and returns what it prints. */
async function poppler(tool: string, pdf: Buffer, args: string[] = [], output: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wgs-pdf-'));
  try {
    const file = join(dir, 'paper.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(tool, [...args, file, ...output], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order, as a reader copying it would get it. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const text = await poppler('pdftotext', pdf, ['-enc', 'UTF-8', '-layout'], ['-']);
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The whole text, its runs of spaces and line breaks folded to one space (a long name may wrap in a cell). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const text = await poppler('pdftotext', pdf, ['-enc', 'UTF-8', '-raw'], ['-']);
  return text.replace(/\s+/g, ' ').trim();
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export async function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  const lines = (await poppler('pdffonts', pdf)).split('\n').slice(2).filter(Boolean);
  // name type encoding emb sub uni object ID: the type may hold spaces, the last six columns never do.
  return lines.map((line) => {
    const parts = line.trim().split(/\s+/);
    const [emb, sub, uni] = parts.slice(-5, -2);
    return {
      name: parts[0],
      type: parts.slice(1, -6).join(' '),
      embedded: emb === 'yes',
      subset: sub === 'yes',
      unicode: uni === 'yes',
    };
  });
}

export interface PdfInfo {
  pages: number;
  /** As pdfinfo prints it, e.g. "595.28 x 841.89 pts (A4)". */
  pageSize: string;
  title: string;
  fields: Record<string, string>;
}

export async function pdfInfo(pdf: Buffer): Promise<PdfInfo> {
  const fields: Record<string, string> = {};
  for (const line of (await poppler('pdfinfo', pdf, ['-enc', 'UTF-8'])).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return {
    pages: Number(fields['Pages']),
    pageSize: fields['Page size'] ?? '',
    title: fields['Title'] ?? '',
    fields,
  };
}

/** Each PDF in a zip with its extracted text, read with the `unzip` tool. */
export async function zipEntriesText(zip: Buffer): Promise<[string, string][]> {
  const dir = await mkdtemp(join(tmpdir(), 'wgs-zip-'));
  try {
    const file = join(dir, 'letters.zip');
    await writeFile(file, zip);
    const names = (await run('unzip', ['-Z1', file])).stdout.split('\n').filter(Boolean);
    const entries: [string, string][] = [];
    for (const name of names) {
      const { stdout } = await run('unzip', ['-p', file, name], { encoding: 'buffer', maxBuffer: 2 ** 26 });
      entries.push([name, await pdfText(stdout)]);
    }
    return entries;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
