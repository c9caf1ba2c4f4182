import { describe, expect, it } from 'vitest';
import { mediaLines, withInactive } from './sdp.js';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=sendonly',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=sendonly',
  'a=rid:l send',
  'a=rid:h send',
  'a=simulcast:send l;h',
  'm=video 0 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  'a=inactive',
  '',
].join('\r\n');

describe('Janus SDP helpers', () => {
  it('reads each m-line’s mid, kind, direction and simulcast layers', () => {
    expect(mediaLines(OFFER)).toEqual([
      { mid: '0', kind: 'audio', direction: 'sendonly', rejected: false, layers: 1 },
      { mid: '1', kind: 'video', direction: 'sendonly', rejected: false, layers: 2 },
      { mid: '2', kind: 'video', direction: 'inactive', rejected: true, layers: 1 },
    ]);
  });

  it('leaves paused simulcast layers out of the count', () => {
    expect(mediaLines(OFFER.replace('a=simulcast:send l;h', 'a=simulcast:send ~l;h'))[1]?.layers).toBe(1);
  });

  it('R-LIVE-5 marks refused m-lines inactive in Janus’s answer and leaves the rest as they were', () => {
    const answer = OFFER.replaceAll('a=sendonly', 'a=recvonly');
    const out = withInactive(answer, new Set(['0']));
    expect(mediaLines(out).map((l) => `${l.mid}:${l.direction}`)).toEqual(['0:inactive', '1:recvonly', '2:inactive']);
    expect(out.split('\r\n')).toHaveLength(answer.split('\r\n').length);
    expect(withInactive(answer, new Set())).toBe(answer);
  });

  it('adds a direction to an m-line that had none (sendrecv by default)', () => {
    const bare = OFFER.replace('a=mid:0\r\na=sendonly', 'a=mid:0');
    expect(mediaLines(bare)[0]?.direction).toBe('sendrecv');
    expect(mediaLines(withInactive(bare, new Set(['0'])))[0]?.direction).toBe('inactive');
  });
});
