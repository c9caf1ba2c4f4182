import { useEffect, useRef } from 'react';
import type { SeatView } from '../../shared/live.js';
import type { RemoteTrack } from './connection.js';

/**
 * What the media server sends, by person (R-LIVE-5: only what it sends, so nothing of someone
 * who may not publish), and this browser's own camera preview. The host comes first and largest.
 */
export function RemoteMedia({ remote, seats, hostId, audioOnly }: { remote: RemoteTrack[]; seats: SeatView[]; hostId: string; audioOnly: boolean }) {
  const nameOf = (id: string) => seats.find((s) => s.userId === id)?.displayName ?? 'Someone';
  const videos = remote.filter((t) => t.source !== 'audio').sort((a, b) => rank(a, hostId) - rank(b, hostId));
  const sounds = remote.filter((t) => t.source === 'audio');
  return (
    <section className="live-stage" aria-label="Video and sound">
      {videos.length === 0 ? <p className="hint">{audioOnly ? 'You chose sound only: no video is being received.' : 'No video yet.'}</p> : null}
      <div className="live-tiles">
        {videos.map((t) => (
          <figure key={t.mid} className={t.participantId === hostId ? 'live-tile live-tile-host' : 'live-tile'}>
            <Player track={t.track} kind="video" />
            <figcaption>
              {nameOf(t.participantId)}
              {t.source === 'screen' ? ': screen' : ''}
            </figcaption>
          </figure>
        ))}
      </div>
      {sounds.map((t) => (
        <Player key={t.mid} track={t.track} kind="audio" />
      ))}
      {sounds.length ? (
        <p className="hint">
          You can hear: {[...new Set(sounds.map((t) => nameOf(t.participantId)))].join(', ')}.
        </p>
      ) : null}
    </section>
  );
}

const rank = (t: RemoteTrack, hostId: string) => (t.participantId === hostId ? (t.source === 'screen' ? 0 : 1) : 2);

function Player({ track, kind }: { track: MediaStreamTrack; kind: 'audio' | 'video' }) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    void el.play().catch(() => undefined);
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  // Sound goes through its own element; the video plays muted so nothing is heard twice.
  return kind === 'audio' ? <audio ref={ref} autoPlay /> : <video ref={ref} autoPlay playsInline muted className="live-video" />;
}

/** This browser's own camera, mirrored as people expect of a preview. */
export function Preview({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  if (!stream) return null;
  return (
    <figure className="live-tile live-preview">
      <video ref={ref} autoPlay playsInline muted className="live-video" />
      <figcaption>You</figcaption>
    </figure>
  );
}
