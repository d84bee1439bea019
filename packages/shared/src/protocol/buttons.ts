/**
 * Input buttons as a bit set: what a client sends each tick is one small integer.
 * The server never receives a position, only which of these are held.
 */
export const Button = {
  Up: 1,
  Down: 2,
  Left: 4,
  Right: 8,
  Dash: 16,
} as const;

export type Button = (typeof Button)[keyof typeof Button];

/** Every bit that means something; anything above is refused by the input schema. */
export const ALL_BUTTONS_MASK = 0b1_1111;
