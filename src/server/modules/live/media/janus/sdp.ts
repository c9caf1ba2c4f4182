/** One m-line of an SDP: its mid, its kind and its direction. */
export interface MediaLine {
  mid: string;
  kind: 'audio' | 'video' | 'application' | 'other';
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  /** Port 0: the m-line is rejected or stopped. */
  rejected: boolean;
  /** How many simulcast layers it sends (`a=simulcast:send`, paused ones left out); 1 without simulcast. */
  layers: number;
}

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/** The m-lines of an SDP, in order. */
export function mediaLines(sdp: string): MediaLine[] {
  const out: MediaLine[] = [];
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const lines = section.split(/\r?\n/);
    const [kind = '', port = ''] = (lines[0] ?? '').split(' ');
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice('a=mid:'.length).trim();
    if (!mid) continue;
    const direction = lines.map((l) => l.slice(2)).find((l) => DIRECTIONS.has(l)) ?? 'sendrecv';
    const simulcast = lines.find((l) => l.startsWith('a=simulcast:'))?.slice('a=simulcast:'.length).trim().split(/\s+/) ?? [];
    const send = simulcast[simulcast.indexOf('send') + 1];
    const layers = simulcast.includes('send') && send ? send.split(';').filter((rid) => !rid.startsWith('~')).length : 1;
    out.push({
      mid,
      kind: kind === 'audio' || kind === 'video' || kind === 'application' ? kind : 'other',
      direction: direction as MediaLine['direction'],
      rejected: port === '0',
      layers: Math.max(1, layers),
    });
  }
  return out;
}

/**
 * The answer with each m-line in `mids` made `inactive`: an honest browser then sends nothing
 * on it (R-LIVE-5). Janus keeps its own view (it answered `recvonly`); what a browser sends
 * anyway is dropped inside Janus by moderation.
 */
export function withInactive(sdp: string, mids: ReadonlySet<string>): string {
  if (mids.size === 0) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const [head = '', ...sections] = sdp.split(`${eol}m=`);
  const changed = sections.map((section) => {
    const lines = section.split(eol);
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice('a=mid:'.length).trim();
    if (!mid || !mids.has(mid)) return section;
    const at = lines.findIndex((l) => DIRECTIONS.has(l.slice(2)) && l.startsWith('a='));
    if (at >= 0) lines[at] = 'a=inactive';
    else lines.splice(lines.findIndex((l) => l.startsWith('a=mid:')) + 1, 0, 'a=inactive');
    return lines.join(eol);
  });
  return [head, ...changed].join(`${eol}m=`);
}
