/**
 * `npm run attack -- --minutes 5`: starts a server process (default settings, but trusting
 * loopback as its proxy so an attack may claim an address of its own), puts three honest bots
 * in a room, and runs every hostile client in turn: the honest players' snapshot rate and
 * input-to-ack latency before, during and after each, as a table and as JSON.
 */
import { writeFileSync } from 'node:fs';
import {
  numberOption,
  outputFileOption,
  readOptions,
  runCommand,
  startServerProcess,
} from '@arena/devkit';
import { chooseAttacks } from './attack-choice.js';
import { runAttack, startHonestTrio, type AttackPlan, type AttackReport } from './attack-run.js';
import { echoCrowd, echoFlood, echoNonReader, echoOversize } from './echo-abuse.js';
import { handshakeAbuse } from './handshake-abuse.js';
import { silentSockets } from './silent-sockets.js';
import { fragmentFlood, namespaceFlood, pongFlood, webSocketPingFlood } from './packet-flood.js';
import { codeGuesser, roomHoarder } from './room-abuse.js';
import { slowPoller, slowReader } from './slow-reader.js';
import { strayUpgrades } from './stray-upgrades.js';

const USAGE =
  'usage: npm run attack -- [--minutes 3] [--quiet-seconds 5] [--only pongFlood,roomHoarder] [--json out.json]';

const PLANS: AttackPlan[] = [
  { name: 'echoFlood', attack: echoFlood },
  { name: 'echoNonReader', attack: echoNonReader },
  { name: 'echoOversize', attack: echoOversize },
  { name: 'echoCrowd', attack: echoCrowd },
  { name: 'handshakeAbuse', attack: handshakeAbuse },
  { name: 'strayUpgrades', attack: strayUpgrades },
  { name: 'pongFlood', attack: pongFlood },
  { name: 'namespaceFlood', attack: namespaceFlood },
  { name: 'webSocketPingFlood', attack: webSocketPingFlood },
  { name: 'fragmentFlood', attack: fragmentFlood },
  { name: 'silentSockets', attack: silentSockets },
  { name: 'roomHoarder', attack: roomHoarder, forwardedFor: '203.0.113.9' },
  { name: 'codeGuesser', attack: codeGuesser, forwardedFor: '203.0.113.10' },
  { name: 'slowReader', attack: slowReader },
  { name: 'slowPoller', attack: slowPoller },
];

/** The table's first column fits the longest attack's name. */
const NAME_WIDTH = Math.max(...PLANS.map((plan) => plan.name.length));

function row(report: AttackReport): string {
  const rate = (p: AttackReport['before']) => p.minSnapshotsPerSecond.toFixed(1).padStart(5);
  const ack = (p: AttackReport['before']) =>
    `${p.ackP50Ms?.toFixed(0) ?? '-'}/${p.ackP99Ms?.toFixed(0) ?? '-'}`.padStart(9);
  const rss = report.during.serverRssMb?.toFixed(0) ?? 'down';
  const bothered = Object.keys({ ...report.during.errors, ...report.during.drops }).join(',');
  return [
    report.name.padEnd(NAME_WIDTH),
    `${rate(report.before)} ${rate(report.during)} ${rate(report.after)}`,
    `${ack(report.before)} ${ack(report.during)} ${ack(report.after)}`,
    rss.padStart(6),
    bothered || '-',
  ].join('  ');
}

async function main(): Promise<void> {
  const args = readOptions({
    minutes: { type: 'string' },
    'quiet-seconds': { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
  });
  const plans = chooseAttacks(args.only, PLANS);
  const jsonFile = outputFileOption('json', args.json);
  const minutes = numberOption('minutes', args.minutes, 3, 'positive');
  const quietMs = numberOption('quiet-seconds', args['quiet-seconds'], 5) * 1000;
  const attackMs = Math.max(3000, (minutes * 60_000) / plans.length - 2 * quietMs);

  // A loaded machine may take a while to start it.
  const server = await startServerProcess({ env: { TRUST_PROXY: 'loopback' }, timeoutMs: 60_000 });
  const reports: AttackReport[] = [];
  try {
    const target = { url: server.url, port: Number(new URL(server.url).port) };
    const honest = await startHonestTrio(server.url);
    console.log(`attack: server at ${server.url}; ${(attackMs / 1000).toFixed(1)} s per attack`);
    console.log(
      `${'attack'.padEnd(NAME_WIDTH)}  snap/s before during after   ack p50/p99 ms before, during, after   RSS MB  honest bothered`,
    );
    for (const plan of plans) {
      const report = await runAttack(target, honest, plan, attackMs, quietMs);
      reports.push(report);
      console.log(row(report));
    }
    await Promise.all(honest.bots.map((bot) => bot.stop()));
  } finally {
    await server.stop();
  }
  const json = JSON.stringify({ attackSeconds: attackMs / 1000, reports }, null, 2);
  console.log(json);
  if (jsonFile) writeFileSync(jsonFile, json + '\n');
  process.exit(0);
}

runCommand('attack', USAGE, main);
