/**
 * The read-only `window.__arena` view that browser tests read. Its shape is a contract with
 * tests/e2e: add fields freely, rename or remove none without updating them.
 */
import type { ConnectionStatus } from '../net/game-connection.js';

export interface ArenaTestPlayer {
  readonly id: number;
  readonly name: string;
  /** Where this tab draws the player right now (self: the predicted position). */
  readonly x: number;
  readonly y: number;
  readonly score: number;
  /** 0xRRGGBB, as the server gave it. */
  readonly color: number;
  readonly dashing: boolean;
}

export interface ArenaTestPoint {
  readonly x: number;
  readonly y: number;
}

export interface ArenaTestView {
  readonly connection: ConnectionStatus;
  /** `websocket` or `polling` while open, else null. */
  readonly transport: string | null;
  /** Null outside a room; 0 for a spectator. */
  readonly selfId: number | null;
  readonly roomCode: string | null;
  readonly players: readonly ArenaTestPlayer[];
  /** Latest predicted tick of self; null outside a room or before the first snapshot. */
  readonly predicted: ArenaTestPoint | null;
  /** Latest server state of self. */
  readonly server: ArenaTestPoint | null;
  /** Snapshots received in the current room. */
  readonly snapshotsReceived: number;
  /** How this tab is in its room; null outside a room. */
  readonly role: 'player' | 'spectator' | null;
  /** The chat panel's lines, oldest first (history from `room:joined`, then live). */
  readonly chat: readonly ArenaTestChatLine[];
  /** The lobby's live list of public rooms (empty while in a room). */
  readonly lobbyRooms: readonly ArenaTestLobbyRoom[];
  /** Ids of the players this tab draws as "reconnecting" (faded, labelled). */
  readonly reconnecting: readonly number[];
  /** This tab is in a room and its own connection is down (the banner shows). */
  readonly selfReconnecting: boolean;
  /** The round as the HUD shows it; null before the first snapshot. */
  readonly round: ArenaTestRound | null;
  /** The end-of-round scoreboard while it is shown; null during play. */
  readonly scoreboard: ArenaTestScoreboard | null;
  /** What the Net HUD shows (and a little more); null outside a room. */
  readonly net: ArenaTestNet | null;
  /** The last input seq the server acknowledged for us; 0 outside a room or before any. */
  readonly lastAckedSeq: number;
  /** Seq of the last `player:input` sent in this room; 0 before any. */
  readonly lastSentSeq: number;
  /** `player:input` events sent in this room. */
  readonly inputsSent: number;
  /** The simulated link (`?lag=&jitter=&stall=`, `?net=`); null on the real link. */
  readonly link: ArenaTestLink | null;
  /** Coins as drawn in this tab (our predicted pickups already gone). */
  readonly coins: readonly ArenaTestPoint[];
  /** Feedback seen since joining the room (each plays an effect); null outside a room. */
  readonly feedback: ArenaTestFeedback | null;
  /** Whether sounds are muted, and the sounds started since the page loaded, by name. */
  readonly sounds: ArenaTestSounds;
  /** Name labels as last drawn (world pixels: centre x, bottom y). */
  readonly labels: readonly ArenaTestLabel[];
}

export interface ArenaTestFeedback {
  readonly pickup: number;
  readonly dash: number;
  readonly hit: number;
  readonly 'round-over': number;
}

export interface ArenaTestSounds {
  readonly muted: boolean;
  readonly played: {
    readonly coin: number;
    readonly dash: number;
    readonly hit: number;
    readonly win: number;
  };
}

export interface ArenaTestLabel {
  readonly id: number;
  readonly x: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}

export interface ArenaTestNet {
  /** Median of the last few pings; null before the first pong. */
  readonly rttMs: number | null;
  readonly jitterMs: number;
  readonly serverTickRateHz: number;
  readonly snapshotsPerSecond: number;
  /** How far behind the snapshot stream others are drawn (beyond the fastest transit). */
  readonly interpDelayMs: number;
  /** How far behind the server's clock others are drawn (transit + delay); null until the
   * clock is synced. */
  readonly othersBehindServerMs: number | null;
  /** Times the buffer ran dry and others were extrapolated, since joining. */
  readonly extrapolations: number;
  /** Snapshots buffered ahead of the render time. */
  readonly bufferDepth: number;
  readonly underruns: number;
  /** Reconciles that moved our prediction, since joining. */
  readonly corrections: number;
  readonly correctionsPerSecond: number;
  /** Mean size of the last second's corrections (px). */
  readonly correctionPx: number;
  readonly bytesInPerSecond: number;
  readonly bytesOutPerSecond: number;
  readonly transport: string;
  /** Estimated server clock minus ours (ms). */
  readonly clockOffsetMs: number;
  /** Inputs sent and not acknowledged yet. */
  readonly pendingInputs: number;
  /** Connections the snapshots come on: 2 while a snapshot mirror is open (`?streams=2`). */
  readonly streams: number;
  /** Snapshots whose first copy came on the mirror, since the page loaded. */
  readonly mirrorFirstCopies: number;
  readonly pickups: {
    readonly predicted: number;
    readonly confirmed: number;
    readonly rolledBack: number;
  };
}

export interface ArenaTestLink {
  /** One way; a round trip takes about twice this. */
  readonly lagMs: number;
  readonly jitterMs: number;
  readonly stallPercent: number;
}

export interface ArenaTestChatLine {
  readonly from: string;
  readonly fromId: number;
  readonly text: string;
}

export interface ArenaTestLobbyRoom {
  readonly code: string;
  readonly name: string;
  readonly players: number;
  readonly maxPlayers: number;
  readonly spectators: number;
  readonly phase: 'playing' | 'intermission';
}

export interface ArenaTestRound {
  readonly number: number;
  readonly phase: 'playing' | 'intermission';
  readonly secondsLeft: number;
}

export interface ArenaTestScoreboard {
  readonly round: number;
  /** The (first) winner's name; null when nobody scored. */
  readonly winner: string | null;
  /** Everyone who shares the best score: more than one is a tie; empty when nobody scored. */
  readonly winners: readonly string[];
  /** The line under the title, as the scoreboard shows it ("Tie: Ada and Bob with 2 each!"). */
  readonly headline: string;
  readonly rows: readonly { readonly id: number; readonly name: string; readonly score: number }[];
}

declare global {
  interface Window {
    readonly __arena?: ArenaTestView;
  }
}
