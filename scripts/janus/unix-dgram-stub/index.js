// See package.json: janode's Unix-socket transport is not used, so this only refuses.
export function createSocket() {
  throw new Error('Unix datagram sockets are not available: connect to Janus over its WebSocket API (ws://127.0.0.1:…).');
}
