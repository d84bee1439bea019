import { describe, expect, it } from 'vitest';
import { Predictor } from '../../src/netcode/prediction.js';
import { FixedStepClock } from '../../src/netcode/render-interpolation.js';
import { Button } from '../../src/protocol/buttons.js';
import { addPlayer, createWorld, findPlayer, step, type World } from '../../src/sim/index.js';

const ID = 1;

function server(): World {
  return addPlayer(createWorld(5), ID);
}

function self(world: World) {
  return { ...findPlayer(world, ID)!, connected: true };
}

/** Buttons for input seq n: a walk with turns and a dash, like a person at a keyboard. */
function buttonsAt(seq: number): number {
  if (seq % 40 === 10) return Button.Right | Button.Dash;
  if (seq % 40 < 20) return Button.Right | Button.Down;
  if (seq % 40 < 30) return Button.Left;
  return 0;
}

describe('Predictor', () => {
  it('moves the predicted player on the very tick the key is pressed', () => {
    const world = server();
    const predictor = new Predictor(world.config, self(world));
    const x0 = predictor.state.x;
    predictor.applyLocalInput(1, Button.Right);
    expect(predictor.state.x).toBeGreaterThan(x0);
  });

  it('replays pending inputs onto the server state and lands exactly on its prediction', () => {
    let world = server();
    const predictor = new Predictor(world.config, self(world));
    const states: World[] = [];
    for (let seq = 1; seq <= 200; seq++) {
      predictor.applyLocalInput(seq, buttonsAt(seq));
      world = step(world, new Map([[ID, buttonsAt(seq)]]));
      states[seq] = world;
      // The server is 6 inputs behind: its snapshot acknowledges seq − 6.
      const acked = states[seq - 6];
      if (acked) {
        const correction = predictor.reconcile(self(acked), seq - 6);
        expect(correction.distancePx).toBe(0);
        expect(correction.replayed).toBe(6);
      }
    }
    expect(predictor.state).toEqual(findPlayer(world, ID));
    // The server agreed every time, so no reconcile had to run the sim again.
    expect(predictor.stats).toMatchObject({ reconciles: 194, corrections: 0, replaysSkipped: 194 });
  });

  it('replays only when the server disagrees, and agrees again with the replayed states', () => {
    let world = server();
    const predictor = new Predictor(world.config, self(world));
    const states: World[] = [];
    for (let seq = 1; seq <= 30; seq++) {
      predictor.applyLocalInput(seq, buttonsAt(seq));
      // Tick 10: the server saw a bump we could not predict (pushed 3 px right).
      if (seq === 10)
        world = { ...world, players: [{ ...world.players[0]!, x: world.players[0]!.x + 3 }] };
      world = step(world, new Map([[ID, buttonsAt(seq)]]));
      states[seq] = world;
      if (seq > 4) predictor.reconcile(self(states[seq - 4]!), seq - 4);
    }
    // Ack 10 disagreed and was replayed; from ack 11 on the replayed states agree again.
    expect(predictor.stats).toMatchObject({ reconciles: 26, corrections: 1, replaysSkipped: 25 });
    expect(predictor.state).toEqual(findPlayer(world, ID));
  });

  it('replays inputs again when the ack goes back (the server re-anchored its slots on ours)', () => {
    let world = server();
    const predictor = new Predictor(world.config, self(world));
    const states: World[] = [];
    for (let seq = 1; seq <= 20; seq++) {
      predictor.applyLocalInput(seq, buttonsAt(seq));
      world = step(world, new Map([[ID, buttonsAt(seq)]]));
      states[seq] = world;
    }
    predictor.reconcile(self(states[15]!), 15);
    // The ack goes back to 12: the server runs 13… again, with our inputs.
    const correction = predictor.reconcile(self(states[12]!), 12);
    expect(correction).toMatchObject({ ackedSeq: 12, distancePx: 0, replayed: 8 });
    expect(predictor.reconcile(self(states[14]!), 14).distancePx).toBe(0);
    // An ack of 0 is a new connection starting over: nothing of ours to replay again.
    expect(predictor.reconcile(self(states[14]!), 0)).toMatchObject({ ackedSeq: 14, replayed: 6 });
  });

  it('measures a misprediction as predicted-before minus predicted-after', () => {
    let world = server();
    const predictor = new Predictor(world.config, self(world));
    for (let seq = 1; seq <= 10; seq++) {
      predictor.applyLocalInput(seq, Button.Right);
      // The server never got these inputs: it held no button.
      world = step(world, new Map());
    }
    const before = { ...predictor.state };
    const correction = predictor.reconcile(self(world), 10);
    expect(correction.dx).toBeCloseTo(before.x - world.players[0]!.x, 9);
    expect(correction.distancePx).toBeGreaterThan(0);
    expect(predictor.state.x).toBe(world.players[0]!.x);
    expect(predictor.pendingCount).toBe(0);
    expect(predictor.stats.corrections).toBe(1);
  });

  it('shows a correction as a glide of at most 2 px per 60 Hz frame', () => {
    let world = server();
    const predictor = new Predictor(world.config, self(world));
    for (let seq = 1; seq <= 8; seq++) {
      predictor.applyLocalInput(seq, Button.Right);
      world = step(world, new Map());
    }
    const drawnBefore = predictor.render(1000 / 60, 0);
    predictor.reconcile(self(world), 8);
    const drawn = [drawnBefore];
    for (let frame = 0; frame < 120; frame++) drawn.push(predictor.render(1000 / 60, 0));
    const steps = drawn.slice(1).map((p, i) => Math.hypot(p.x - drawn[i]!.x, p.y - drawn[i]!.y));
    expect(Math.max(...steps)).toBeLessThanOrEqual(2 + 1e-9);
    expect(drawn.at(-1)!.x).toBe(world.players[0]!.x);
  });

  it('teleports when the server puts the player somewhere else entirely', () => {
    const world = server();
    const predictor = new Predictor(world.config, self(world));
    predictor.render(16, 0);
    predictor.reconcile({ ...self(world), x: self(world).x + 500 }, 0);
    const drawn = predictor.render(16, 0);
    expect(drawn.x).toBe(self(world).x + 500);
    expect(predictor.smoother.teleports).toBe(1);
  });

  it.each([60, 144])(
    'draws a key press on the frame it is pressed at %i Hz (live buttons)',
    (hz) => {
      const world = server();
      const predictor = new Predictor(world.config, self(world));
      const clock = new FixedStepClock(1000 / world.config.tickRateHz);
      let seq = 0;
      const frame = (buttons: number) => {
        for (let n = clock.advance(1000 / hz); n > 0; n--)
          predictor.applyLocalInput(++seq, buttons);
        return predictor.render(1000 / hz, clock.alpha, buttons);
      };
      for (let f = 0; f < 2 * hz; f++) {
        const before = frame(0).x;
        // Press on every possible phase of the tick: the very same frame always shows it.
        if (f % 7 === 3) {
          expect(frame(Button.Right).x).toBeGreaterThan(before);
          for (let settle = 0; settle < hz; settle++) frame(0);
        }
      }
    },
  );
});
