import { describe, expect, it } from 'vitest';
import { simulcastLayers } from './sdp.js';

const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=sendonly',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=rid:l send',
  'a=rid:h send',
  'a=simulcast:send l;h',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  'a=simulcast:send ~q;m,x;f',
  '',
].join('\r\n');

describe('simulcast layers of an offer', () => {
  it('lists each m-line’s layers in the order the browser sends them, leaving paused ones out', () => {
    expect(simulcastLayers(offer)).toEqual(
      new Map([
        ['1', ['l', 'h']],
        ['2', ['m', 'f']],
      ]),
    );
  });

  it('finds none in an offer without simulcast', () => {
    expect(simulcastLayers('v=0\r\nm=audio 9 RTP/SAVPF 111\r\na=mid:0\r\n').size).toBe(0);
  });
});
