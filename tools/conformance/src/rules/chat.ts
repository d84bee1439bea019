import { check, type Rule } from '../rule.js';

interface ChatMessage {
  from: string;
  fromId: number;
  text: string;
  atMs: number;
}

export const chat: Rule = {
  id: 'chat',
  section: '§3, §5',
  says: 'chat:send reaches everyone in the room, sender included, as cleaned text with name and id',
  async run(ctx) {
    const host = await ctx.seat('room:create', { name: 'Talker', isPublic: false });
    const guest = await ctx.seat('room:join', { code: host.joined.roomCode, name: 'Listener' });
    const since = [host.client.mark(), guest.client.mark()] as const;
    host.client.emit('chat:send', { text: '  hello\tthere\u200b  ' });
    for (const [i, who] of [host, guest].entries()) {
      const message = await who.client.next<ChatMessage>('chat:message', () => true, since[i]);
      check(message.text === 'hello there', `text arrived as ${JSON.stringify(message.text)}`);
      check(message.from === 'Talker', `from is ${message.from}`);
      check(message.fromId === host.joined.selfId, `fromId is ${message.fromId}`);
      check(Math.abs(message.atMs - Date.now()) < 60_000, 'atMs is not a wall clock in ms');
    }
  },
};
