import { describe, expect, it } from 'vitest';
import { megabytes } from './errors.js';
import { describeAccepted, describeKind, isAccepted, textProbe } from './sniff.js';

function probe(...chunks: (string | number[])[]): boolean {
  const p = textProbe();
  for (const c of chunks) p.push(typeof c === 'string' ? Buffer.from(c) : Uint8Array.from(c));
  return p.isText();
}

describe('text sniffing', () => {
  it('R-WORK-3 takes valid UTF-8 as text, even with a character split between chunks', () => {
    const euro = Buffer.from('€'); // three bytes
    expect(probe('Plain notes\n')).toBe(true);
    expect(probe([...euro.subarray(0, 1)], [...euro.subarray(1)], ' and more')).toBe(true);
  });

  it('R-WORK-3 does not take bytes with a NUL, invalid UTF-8 or a cut-off character as text', () => {
    expect(probe('abc', [0x00], 'def')).toBe(false);
    expect(probe([0x68, 0x69, 0xff])).toBe(false);
    expect(probe([...Buffer.from('€').subarray(0, 2)])).toBe(false);
  });
});

describe('accepted types', () => {
  it('matches exact types and families ending in a slash', () => {
    expect(isAccepted('image/heic', ['image/', 'application/pdf'])).toBe(true);
    expect(isAccepted('application/pdf', ['image/', 'application/pdf'])).toBe(true);
    expect(isAccepted('application/pdfx', ['application/pdf'])).toBe(false);
    expect(isAccepted('imagex/png', ['image/'])).toBe(false);
    expect(isAccepted('text/plain', [])).toBe(false);
  });
});

describe('plain words for file types', () => {
  it.each([
    [{ mime: 'application/x-msdownload', ext: 'exe' }, 'a Windows program'],
    [{ mime: 'image/jpeg', ext: 'jpg' }, 'a JPEG photo'],
    [{ mime: 'image/avif', ext: 'avif' }, 'an AVIF picture'],
    [{ mime: 'audio/aac', ext: 'aac' }, 'an AAC recording'],
    [{ mime: 'application/x-7z-compressed', ext: '7z' }, 'a 7Z file'],
    [undefined, 'a kind of file we do not recognise'],
  ])('describes %o as “%s”', (kind, words) => {
    expect(describeKind(kind)).toBe(words);
  });

  it('lists what may be uploaded', () => {
    expect(describeAccepted(['image/', 'application/pdf'])).toBe('a photo or picture (JPEG, PNG, HEIC…) or a PDF');
    expect(describeAccepted(['video/', 'audio/', 'text/vtt'])).toBe('a video (MP4, WebM, MOV…), a sound recording (MP3, M4A, WAV…) or a captions file (WebVTT)');
    expect(describeAccepted(['application/x-thing'])).toBe('a file of type application/x-thing');
  });

  it('gives limits in megabytes', () => {
    expect(megabytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
