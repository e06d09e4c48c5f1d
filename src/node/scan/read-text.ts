import { readFile, stat } from 'node:fs';
import { readBounded, TooLargeError } from '../read-bounded';
import { decodeText } from './decode';

export { decodeText };

/** Why a file was not scanned: binary, over the size limit (or endless), or gone or unreadable when its turn came. */
export type SkipReason = 'binary' | 'too-large' | 'unreadable';

/** A file not scanned: why, and for an unreadable one the system's word for it (`EACCES`, `EIO`). */
export interface Skip {
  skipped: SkipReason;
  detail?: string;
}

/**
 * Reads a file as text for scanning (see decodeText), or says why not: files over `maxBytes` and
 * binary files are skipped before they are decoded. A device or a FIFO named on the command line
 * is read up to `maxBytes` and no further (`/dev/zero` never ends). Never rejects: a file that
 * cannot be read is a Skip saying why.
 */
export function readTextFile(path: string, maxBytes: number): Promise<string | Skip> {
  // The callback API: a scan reads thousands of files, and FileHandle promises cost several times more per file.
  return new Promise(resolve => {
    stat(path, (error, info) => {
      if (error) return resolve(unreadable(error));
      if (!info.isFile()) {
        readBounded(path, maxBytes).then(
          bytes => resolve(asText(decodeText(bytes))),
          (err: unknown) => resolve(err instanceof TooLargeError ? { skipped: 'too-large' } : unreadable(err)),
        );
        return;
      }
      if (info.size > maxBytes) return resolve({ skipped: 'too-large' });
      readFile(path, (err, bytes) => {
        if (err) return resolve(unreadable(err));
        // The file may have grown since: the limit holds for what was read.
        resolve(bytes.length > maxBytes ? { skipped: 'too-large' } : asText(decodeText(bytes)));
      });
    });
  });
}

const asText = (text: string | 'binary'): string | Skip => (text === 'binary' ? { skipped: 'binary' } : text);

/** A read that failed, as a Skip naming the system's reason. */
export function unreadable(error: unknown): Skip {
  const code = (error as NodeJS.ErrnoException)?.code;
  return { skipped: 'unreadable', detail: typeof code === 'string' ? code : 'read failed' };
}
