/**
 * The simulcast layers each m-line of an offer sends, by mid, in the order of its
 * `a=simulcast:send` line. Browsers list them in the order of `sendEncodings`, which our page
 * gives lowest first. Paused layers (`~q`) are left out; alternatives (`q,h`) count as their first.
 */
export function simulcastLayers(sdp: string): Map<string, string[]> {
  const layers = new Map<string, string[]>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const lines = section.split(/\r?\n/);
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice('a=mid:'.length).trim();
    const simulcast = lines.find((l) => l.startsWith('a=simulcast:'));
    if (!mid || !simulcast) continue;
    const parts = simulcast.slice('a=simulcast:'.length).trim().split(/\s+/);
    const sendAt = parts.indexOf('send');
    const list = sendAt >= 0 ? parts[sendAt + 1] : undefined;
    if (!list) continue;
    const rids = list
      .split(';')
      .map((alternatives) => alternatives.split(',')[0] ?? '')
      .filter((rid) => rid !== '' && !rid.startsWith('~'));
    if (rids.length > 0) layers.set(mid, rids);
  }
  return layers;
}
