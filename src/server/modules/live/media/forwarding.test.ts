import { describe, expect, it } from 'vitest';
import { layerFor, mayPublish, shouldReceive, type PublicationFacts, type ReceiverFacts } from './forwarding.js';

const NONE = { audio: false, video: false, screen: false };
const ALL = { audio: true, video: true, screen: true };
const hostCamera: PublicationFacts = { participantId: 'host', role: 'host', permissions: ALL, source: 'camera' };
const learner: ReceiverFacts = { participantId: 'amy', receives: 'everyone', mode: 'full' };

describe('forwarding rules', () => {
  it.each([
    ['audio', { ...NONE, audio: true }, true],
    ['audio', { ...ALL, audio: false }, false],
    ['camera', { ...NONE, video: true }, true],
    ['camera', { ...ALL, video: false }, false],
    ['screen', { ...NONE, screen: true }, true],
    ['screen', { ...ALL, screen: false }, false],
  ] as const)('R-LIVE-5 lets a participant publish %s only with its permission (%o → %s)', (source, permissions, allowed) => {
    expect(mayPublish(permissions, source)).toBe(allowed);
  });

  it('R-LIVE-5 forwards the host’s camera to an admitted learner', () => {
    expect(shouldReceive(learner, hostCamera)).toBe(true);
  });

  it('never sends a participant its own tracks', () => {
    expect(shouldReceive({ ...learner, participantId: 'host' }, hostCamera)).toBe(false);
  });

  it('R-LIVE-5 forwards nothing a publisher may not send, whoever receives', () => {
    expect(shouldReceive(learner, { ...hostCamera, permissions: { ...ALL, video: false } })).toBe(false);
    expect(shouldReceive({ ...learner, participantId: 'host' }, { ...hostCamera, participantId: 'ben', role: 'participant', permissions: NONE, source: 'audio' })).toBe(false);
  });

  it('sends no video in audio-only mode, and audio still', () => {
    const listening = { ...learner, mode: 'audio-only' as const };
    expect(shouldReceive(listening, hostCamera)).toBe(false);
    expect(shouldReceive(listening, { ...hostCamera, source: 'audio' })).toBe(true);
    expect(shouldReceive(listening, { ...hostCamera, source: 'screen' })).toBe(false);
  });

  it('gives a receiver of hosts only the hosts’ tracks', () => {
    const other: PublicationFacts = { participantId: 'ben', role: 'participant', permissions: ALL, source: 'audio' };
    expect(shouldReceive({ ...learner, receives: 'hosts' }, other)).toBe(false);
    expect(shouldReceive({ ...learner, receives: 'hosts' }, hostCamera)).toBe(true);
    expect(shouldReceive(learner, other)).toBe(true);
  });

  it.each([
    ['full', ['q', 'h', 'f'], 'f'],
    ['low', ['q', 'h', 'f'], 'q'],
    ['audio-only', ['q', 'h'], 'h'],
    ['low', [''], ''],
    ['full', [''], ''],
  ] as const)('in %s mode takes layer %s → %s', (mode, layers, layer) => {
    expect(layerFor(mode, layers)).toBe(layer);
  });
});
