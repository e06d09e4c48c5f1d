import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The paths git tracks, read from `.git/index` without running git (index versions 2, 3 and 4),
 * for workspaces where running git is not safe. Undefined when there is no readable index.
 */
export async function readIndexPaths(root: string): Promise<Set<string> | undefined> {
  let buffer: Buffer;
  try {
    buffer = await readFile(join(root, '.git', 'index'));
  } catch {
    return undefined;
  }
  if (buffer.length < 12 || buffer.toString('latin1', 0, 4) !== 'DIRC') {
    return undefined;
  }
  const version = buffer.readUInt32BE(4);
  const count = buffer.readUInt32BE(8);
  const paths = new Set<string>();
  let offset = 12;
  let previous: Buffer = Buffer.alloc(0); // names are compared and stripped in bytes, not characters
  for (let i = 0; i < count && offset < buffer.length; i++) {
    const entryStart = offset;
    // ctime, mtime, dev, ino, mode, uid, gid, size (10 x 4 bytes), sha-1 (20), flags (2)
    const flags = buffer.readUInt16BE(entryStart + 60);
    offset = entryStart + 62;
    if (version >= 3 && flags & 0x4000) {
      offset += 2; // extended flags
    }
    let path: string;
    if (version === 4) {
      // The path is the previous one minus N bytes, then a NUL-terminated suffix.
      let strip = 0;
      let byte = buffer[offset++];
      strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = buffer[offset++];
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = buffer.indexOf(0, offset);
      previous = Buffer.concat([previous.subarray(0, previous.length - strip), buffer.subarray(offset, end)]);
      path = previous.toString('utf8');
      offset = end + 1;
    } else {
      const end = buffer.indexOf(0, offset);
      path = buffer.toString('utf8', offset, end);
      previous = buffer.subarray(offset, end);
      // Entries are padded with NULs to a multiple of 8 bytes.
      offset = entryStart + Math.ceil((end - entryStart + 1) / 8) * 8;
    }
    paths.add(path);
  }
  return paths;
}
