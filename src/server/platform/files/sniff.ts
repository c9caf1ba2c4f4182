import { fileTypeFromFile } from 'file-type';

/**
 * What a file is, read from its bytes (R-WORK-3): never from its name or from the type the
 * browser claimed. Binary formats by their magic numbers (file-type, which also knows WebVTT
 * captions); text, which has none, by being valid UTF-8 with no NUL bytes.
 */
export interface FileKind {
  mime: string;
  ext: string;
}

/** Watches the bytes go past and says at the end whether they were plain text. */
export interface TextProbe {
  push(chunk: Uint8Array): void;
  isText(): boolean;
}

export function textProbe(): TextProbe {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = true;
  return {
    push(chunk) {
      if (!text) return;
      try {
        if (chunk.includes(0)) text = false;
        else decoder.decode(chunk, { stream: true });
      } catch {
        text = false;
      }
    },
    isText() {
      if (!text) return false;
      try {
        decoder.decode();
        return true;
      } catch {
        return false; // ends in the middle of a character
      }
    },
  };
}

/** The kind of the file at `path`, or undefined when it is none we recognise. */
export async function sniffFile(path: string, text: TextProbe): Promise<FileKind | undefined> {
  const found = await fileTypeFromFile(path);
  if (found) return { mime: found.mime, ext: found.ext };
  return text.isText() ? { mime: 'text/plain', ext: 'txt' } : undefined;
}

/** `accept` holds exact types (`application/pdf`) and families ending in '/' (`image/`). */
export function isAccepted(mime: string, accept: readonly string[]): boolean {
  return accept.some((a) => (a.endsWith('/') ? mime.startsWith(a) : mime === a));
}

const KINDS: Record<string, string> = {
  'image/jpeg': 'a JPEG photo',
  'image/png': 'a PNG picture',
  'image/heic': 'a HEIC photo',
  'image/heif': 'a HEIF photo',
  'image/gif': 'a GIF picture',
  'image/webp': 'a WebP picture',
  'application/pdf': 'a PDF',
  'video/mp4': 'an MP4 video',
  'video/webm': 'a WebM video',
  'video/quicktime': 'a MOV video',
  'audio/mpeg': 'an MP3 recording',
  'audio/x-m4a': 'an M4A recording',
  'audio/wav': 'a WAV recording',
  'text/plain': 'a plain text file',
  'text/vtt': 'a captions file (WebVTT)',
  'application/zip': 'a zip archive',
  'application/x-msdownload': 'a Windows program',
  'application/x-elf': 'a program',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'a Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'an Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'a PowerPoint presentation',
};

const FAMILIES: Record<string, string> = {
  'image/': 'a photo or picture (JPEG, PNG, HEIC…)',
  'video/': 'a video (MP4, WebM, MOV…)',
  'audio/': 'a sound recording (MP3, M4A, WAV…)',
  'text/': 'a text file',
};

/** "an MP3", "a PNG": the article for a format's initials as they are said aloud. */
function article(initials: string): string {
  return /^[AEFHILMNORSX]/.test(initials) ? 'an' : 'a';
}

/** What a file is, in plain words: "a zip archive", "a JPEG photo". */
export function describeKind(kind: FileKind | undefined): string {
  if (!kind) return 'a kind of file we do not recognise';
  const known = KINDS[kind.mime];
  if (known) return known;
  const ext = kind.ext.toUpperCase();
  const family = kind.mime.split('/')[0];
  const noun = family === 'image' ? 'picture' : family === 'video' ? 'video' : family === 'audio' ? 'recording' : 'file';
  return `${article(ext)} ${ext} ${noun}`;
}

/** What may be uploaded, in plain words: "a photo or picture (JPEG, PNG, HEIC…) or a PDF". */
export function describeAccepted(accept: readonly string[]): string {
  const words = accept.map((a) => FAMILIES[a] ?? KINDS[a] ?? `a file of type ${a}`);
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
