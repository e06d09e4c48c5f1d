import type { Utf16Writer } from '../../core';

/** A text's UTF-16 code units into bytes, natively: how the scanner's long texts reach its WebAssembly keyword pass. */
export const writeUtf16: Utf16Writer = (text, into) => Buffer.from(into.buffer, into.byteOffset, into.byteLength).write(text, 'utf16le');
