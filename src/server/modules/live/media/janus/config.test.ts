import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { janusConfigFiles, writeJanusConfig, type JanusSettings } from './config.js';

const SETTINGS: JanusSettings = {
  dir: '/srv/continuum/.data/janus',
  apiPort: 8188,
  adminPort: 7188,
  apiSecret: 'api-secret',
  adminSecret: 'admin-secret',
  roomAdminKey: 'room-key',
  iceAddresses: [],
  publicAddresses: [],
  udpPorts: null,
  debugLevel: 4,
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Janus configuration', () => {
  it('binds both WebSocket APIs to loopback, behind secrets', () => {
    const files = janusConfigFiles(SETTINGS);
    const ws = files['janus.transport.websockets.jcfg'] ?? '';
    expect(ws).toMatch(/ws_ip = "127\.0\.0\.1"\n\s*ws_port = 8188/);
    expect(ws).toMatch(/admin_ws_ip = "127\.0\.0\.1"\n\s*admin_ws_port = 7188/);
    expect(ws).toContain('wss = false');
    const core = files['janus.jcfg'] ?? '';
    expect(core).toContain('api_secret = "api-secret"');
    expect(core).toContain('admin_secret = "admin-secret"');
    expect(core).toContain('full_trickle = true');
    expect(core).not.toContain('rtp_port_range');
  });

  it('lets only our server create rooms, named by our own ids', () => {
    const videoRoom = janusConfigFiles(SETTINGS)['janus.plugin.videoroom.jcfg'] ?? '';
    expect(videoRoom).toContain('string_ids = true');
    expect(videoRoom).toContain('admin_key = "room-key"');
    expect(videoRoom).toContain('lock_rtp_forward = true');
  });

  it('gathers media candidates only where told, announces public addresses and keeps to the UDP ports given', () => {
    const core = janusConfigFiles({ ...SETTINGS, iceAddresses: ['10.203.0.1'], publicAddresses: ['203.0.113.7'], udpPorts: [40000, 40100] })['janus.jcfg'] ?? '';
    expect(core).toContain('ice_enforce_list = "10.203.0.1"');
    expect(core).toContain('nat_1_1_mapping = "203.0.113.7"');
    expect(core).toContain('keep_private_host = true');
    expect(core).toContain('rtp_port_range = "40000-40100"');
  });

  it('writes a folder that loads only the VideoRoom plugin and the WebSocket transport', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-janus-config-'));
    dirs.push(dir);
    const libraries = path.join(dir, 'libs');
    await writeJanusConfig({ ...SETTINGS, dir: path.join(dir, 'janus') }, libraries);
    await writeJanusConfig({ ...SETTINGS, dir: path.join(dir, 'janus') }, libraries); // again: rewritten, not doubled
    const janus = path.join(dir, 'janus');
    expect(readdirSync(janus).sort()).toEqual(['janus.jcfg', 'janus.plugin.videoroom.jcfg', 'janus.transport.websockets.jcfg', 'none', 'plugins', 'transports']);
    expect(readdirSync(path.join(janus, 'plugins'))).toEqual(['libjanus_videoroom.so']);
    expect(readlinkSync(path.join(janus, 'transports', 'libjanus_websockets.so'))).toBe(path.join(libraries, 'transports', 'libjanus_websockets.so'));
    expect(readdirSync(path.join(janus, 'none'))).toEqual([]);
  });
});
