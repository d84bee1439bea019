/**
 * The part of `window.__arena` about how the game feels: the feedback seen (pickups, dashes,
 * hits, round ends), the sounds started, and where the name labels were drawn. Getters only,
 * plain copies.
 */
import type { ArenaClient } from '../game/arena-client.js';
import type { DrawnLabels } from '../scenes/drawn-labels.js';
import type { SoundBoard } from '../ui/sound-board.js';
import type { ArenaTestView } from './arena-test-view.js';

export interface FeelSources {
  sounds: SoundBoard;
  labels: DrawnLabels;
}

type FeelView = Pick<ArenaTestView, 'feedback' | 'sounds' | 'labels'>;

export function feelView(client: ArenaClient, sources: FeelSources): FeelView {
  return {
    get feedback() {
      const counts = client.session?.feedbackCounts;
      return counts ? Object.freeze({ ...counts }) : null;
    },
    get sounds() {
      const { muted, played } = sources.sounds;
      return Object.freeze({ muted, played: Object.freeze({ ...played }) });
    },
    get labels() {
      return Object.freeze(
        sources.labels.boxes.map(({ id, x, bottom, width, height }) =>
          Object.freeze({ id, x, bottom, width, height }),
        ),
      );
    },
  };
}
