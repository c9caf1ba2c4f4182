import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Janus's configuration, written by us into a folder of its own under the data directory
 * (DESIGN.md, Live media): only the VideoRoom plugin and the WebSocket transport are loaded,
 * both APIs listen on 127.0.0.1 behind secrets only our server knows, and media uses the
 * addresses and UDP ports given here.
 */
export interface JanusSettings {
  /** The folder Janus's configuration (and its log) is written to. */
  dir: string;
  /** The Janus API's WebSocket port on 127.0.0.1. */
  apiPort: number;
  /** The Admin API's WebSocket port on 127.0.0.1. */
  adminPort: number;
  /** Secrets for the Janus API, the Admin API and room creation (random when not given). */
  apiSecret: string;
  adminSecret: string;
  roomAdminKey: string;
  /**
   * Interfaces or addresses Janus gathers ICE candidates on (`ice_enforce_list`), e.g. a test's
   * veth address; empty: every interface but loopback.
   */
  iceAddresses: string[];
  /** Public addresses to announce instead of the private ones (a 1:1 NAT, `nat_1_1_mapping`). */
  publicAddresses: string[];
  /** UDP ports for media, so a firewall can open just these. */
  udpPorts: [number, number] | null;
  /** Janus's log level, 0–7 (4, the default, logs warnings and a little more). */
  debugLevel: number;
}

/** Where Debian's `janus` package puts its plugins and transports. */
export const JANUS_LIBRARIES = '/usr/lib/x86_64-linux-gnu/janus';
const PLUGIN = 'libjanus_videoroom.so';
const TRANSPORT = 'libjanus_websockets.so';

export function secret(): string {
  return randomBytes(24).toString('base64url');
}

/** A quoted jcfg (libconfig) string. */
function q(value: string): string {
  return JSON.stringify(value);
}

/** The text of the three configuration files, by file name. */
export function janusConfigFiles(s: JanusSettings): Record<string, string> {
  const nat = [
    'full_trickle = true', // Janus trickles its candidates too, as browsers do
    'ignore_mdns = true', // browsers reach Janus on its own addresses; .local lookups would only delay ICE
    ...(s.iceAddresses.length ? [`ice_enforce_list = ${q(s.iceAddresses.join(','))}`] : ['ice_ignore_list = "vmnet"']),
    // Offered as well as the private ones, as MEDIA_ADDRESSES adds addresses for the embedded SFU.
    ...(s.publicAddresses.length ? [`nat_1_1_mapping = ${q(s.publicAddresses.join(','))}`, 'keep_private_host = true'] : []),
  ];
  return {
    'janus.jcfg': `# Written by Continuum (src/server/modules/live/media/janus/config.ts); rewritten at each start.
general: {
  configs_folder = ${q(s.dir)}
  plugins_folder = ${q(path.join(s.dir, 'plugins'))}
  transports_folder = ${q(path.join(s.dir, 'transports'))}
  events_folder = ${q(path.join(s.dir, 'none'))}
  loggers_folder = ${q(path.join(s.dir, 'none'))}
  log_to_stdout = true
  debug_level = ${s.debugLevel}
  debug_colors = false
  api_secret = ${q(s.apiSecret)}
  admin_secret = ${q(s.adminSecret)}
  server_name = "continuum"
  session_timeout = 60
  recordings_tmp_ext = "tmp"
  hide_dependencies = true
  exit_on_dl_error = true
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
certificates: {
}
media: {
  ipv6 = false
${s.udpPorts ? `  rtp_port_range = "${s.udpPorts[0]}-${s.udpPorts[1]}"\n` : ''}}
nat: {
${nat.map((l) => `  ${l}`).join('\n')}
}
plugins: {
}
transports: {
}
events: {
  broadcast = false
}
`,
    'janus.transport.websockets.jcfg': `general: {
  json = "compact"
  ws = true
  ws_ip = "127.0.0.1"
  ws_port = ${s.apiPort}
  wss = false
}
admin: {
  admin_ws = true
  admin_ws_ip = "127.0.0.1"
  admin_ws_port = ${s.adminPort}
  admin_wss = false
}
`,
    // string_ids: our session and participant ids name rooms and feeds; only our server may
    // create rooms or forward RTP.
    'janus.plugin.videoroom.jcfg': `general: {
  string_ids = true
  admin_key = ${q(s.roomAdminKey)}
  lock_rtp_forward = true
}
`,
  };
}

/**
 * Writes the configuration folder afresh: the three files, and folders holding links to just
 * the one plugin and the one transport we use, so Janus loads nothing else.
 */
export async function writeJanusConfig(s: JanusSettings, libraries = JANUS_LIBRARIES): Promise<void> {
  await mkdir(s.dir, { recursive: true, mode: 0o700 });
  for (const sub of ['plugins', 'transports', 'none']) {
    await rm(path.join(s.dir, sub), { recursive: true, force: true });
    await mkdir(path.join(s.dir, sub));
  }
  await symlink(path.join(libraries, 'plugins', PLUGIN), path.join(s.dir, 'plugins', PLUGIN));
  await symlink(path.join(libraries, 'transports', TRANSPORT), path.join(s.dir, 'transports', TRANSPORT));
  for (const file of await readdir(s.dir)) if (file.endsWith('.jcfg')) await rm(path.join(s.dir, file));
  for (const [name, text] of Object.entries(janusConfigFiles(s))) await writeFile(path.join(s.dir, name), text, { mode: 0o600 });
}
