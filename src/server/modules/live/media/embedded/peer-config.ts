import {
  RTCPeerConnection,
  createSelfSignedCertificate,
  HashAlgorithm,
  NamedCurveAlgorithm,
  SignatureAlgorithm,
  useNACK,
  useOPUS,
  usePLI,
  useSdesMid,
  useSdesRTPStreamId,
  useRepairedRtpStreamId,
  useREMB,
  useVP8,
  type DtlsKeys,
  type RTCPeerConnectionConfig,
} from 'werift';

/** Where the SFU listens for media (DESIGN.md: browsers reach only our WebSocket and these ports). */
export interface IceOptions {
  /** Extra host addresses to offer, e.g. `['127.0.0.1']` for browser tests on loopback. */
  additionalHostAddresses?: string[];
  /** When set, only candidate pairs whose both ends are among these addresses are used. */
  onlyAddresses?: string[];
  /** UDP ports to use, `[min, max]` (a firewall opens just these). */
  portRange?: [number, number];
  /** Offer IPv6 candidates too (default false). */
  useIpv6?: boolean;
}

/** One DTLS certificate for the provider's lifetime, as browsers keep one per origin. */
export async function makeDtlsKeys(): Promise<DtlsKeys> {
  const { certPem, keyPem, signatureHash } = await createSelfSignedCertificate(
    { hash: HashAlgorithm.sha256_4, signature: SignatureAlgorithm.ecdsa_3 },
    NamedCurveAlgorithm.secp256r1_23,
  );
  return { certPem, keyPem, signatureHash };
}

/**
 * Opus and VP8 only: every browser sends them, and werift records both to WebM. The publish
 * connection negotiates REMB, through which the SFU tells a browser what video bitrate to aim
 * for (werift's transport-wide feedback kept Chrome's estimate at its 300 kbps start, too little
 * for a second simulcast layer), and rids so it can send simulcast layers. The subscribe
 * connection keeps to NACK and PLI (an SFU that forwards has no encoder to slow down) and no
 * header extension, which would cost a few bytes and a little CPU on every packet to every receiver.
 */
export function peerConfig(role: 'publish' | 'subscribe', ice: IceOptions, keys: DtlsKeys): RTCPeerConnectionConfig {
  const publish = role === 'publish';
  const onlyAddresses = ice.onlyAddresses ? new Set(ice.onlyAddresses) : null;
  return {
    iceServers: [], // no STUN: the SFU's own addresses are the ones to offer
    iceUseIpv4: true,
    iceUseIpv6: ice.useIpv6 ?? false,
    iceAdditionalHostAddresses: ice.additionalHostAddresses,
    icePortRange: ice.portRange,
    iceFilterCandidatePair: onlyAddresses
      ? (pair) => onlyAddresses.has(pair.localCandidate.host) && onlyAddresses.has(pair.remoteCandidate.host)
      : undefined,
    bundlePolicy: 'max-bundle',
    dtls: { keys },
    codecs: {
      audio: [useOPUS({ payloadType: 111 })],
      video: [useVP8({ payloadType: 96, rtcpFeedback: publish ? [useNACK(), usePLI(), useREMB()] : [useNACK(), usePLI()] })],
    },
    headerExtensions: publish
      ? { audio: [useSdesMid()], video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId()] }
      : { audio: [], video: [] }, // receivers tell our streams apart by the SSRCs in the offer
  };
}

export function createPeerConnection(role: 'publish' | 'subscribe', ice: IceOptions, keys: DtlsKeys): RTCPeerConnection {
  return new RTCPeerConnection(peerConfig(role, ice, keys));
}
