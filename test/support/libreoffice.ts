import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Opens files with LibreOffice (a real Word client, not duthao's own reader) and converts them,
 * all in one start: `to` "txt:Text" gives their text, "pdf" a PDF. Each call has its own user
 * profile, so runs side by side do not share one. Returns the converted files by the given names.
 */
export async function libreOfficeConvert(files: Record<string, Buffer>, to: 'txt:Text' | 'pdf', ext = 'docx'): Promise<Record<string, Buffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'duthao-lo-'));
  const profile = join(tmpdir(), `lo-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const paths = Object.entries(files).map(([name, content]) => {
      const path = join(dir, `${name}.${ext}`);
      writeFileSync(path, content);
      return path;
    });
    await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', to, '--outdir', join(dir, 'out'), ...paths], {
      timeout: 120_000,
    });
    const outExt = to.split(':')[0];
    return Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(dir, 'out', `${name}.${outExt}`))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The text of each file as LibreOffice reads it, one paragraph or table cell a line. */
export async function libreOfficeText(files: Record<string, Buffer>): Promise<Record<string, string>> {
  const out = await libreOfficeConvert(files, 'txt:Text');
  return Object.fromEntries(
    Object.entries(out).map(([name, b]) => [
      name,
      b
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .normalize('NFC'),
    ]),
  );
}
