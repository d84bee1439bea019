/**
 * In a room, the page makes space for the HUD and the chat beside the arena (the `in-room`
 * grid in style.css), so the canvas, and the camera with it, never lies under them.
 */
import type { ArenaClient } from '../game/arena-client.js';

export function mountRoomLayout(client: ArenaClient, body: HTMLElement, hud: HTMLElement): void {
  const render = (inRoom: boolean) => {
    body.classList.toggle('in-room', inRoom);
    hud.hidden = !inRoom;
    // The canvas follows its container on window resizes at once (otherwise on a half-second
    // poll): the container just changed, so say so, or the old canvas would overhang the HUD.
    window.dispatchEvent(new Event('resize'));
  };
  client.onSessionChange((session) => render(session !== null));
  render(client.session !== null);
}
