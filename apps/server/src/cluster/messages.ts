/**
 * What the processes of a cluster say to each other over Redis pub/sub, as JSON: to one
 * process (its inbox: a member's event or request for a room it runs, and replies) and to all
 * (news: a room restored or released, the lobby changed). Every message is parsed against
 * these schemas first, so a process of another version, or garbage on a channel, is ignored
 * rather than trusted.
 */
import { z } from 'zod';

/** The member events a room's owner handles for members connected to other processes. */
export const FORWARDED_EVENTS = ['room:join', 'room:leave', 'player:input', 'chat:send'] as const;
export type ForwardedEvent = (typeof FORWARDED_EVENTS)[number];

const member = z.string().min(1).max(64);
const code = z.string().min(1).max(16);
/** Set on requests: where the reply goes, and what it answers. */
const from = z.string().min(1).max(128);
const id = z.string().min(1).max(32);

const InboxMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    member,
    event: z.enum(FORWARDED_EVENTS),
    /** The member's address, for the owner's per-address limits. */
    address: z.string().max(64),
    payload: z.unknown(),
    /** When the member's process received it (wall clock): forwarding latency. */
    sentAtMs: z.number(),
    /** Answer with a reply rather than with an error to the member (quick play tries on). */
    quiet: z.boolean().optional(),
    /** Only when the sender waits for a reply. */
    from: from.optional(),
    id: id.optional(),
  }),
  z.object({ kind: z.literal('resume'), member, token: z.string().max(64), from, id }),
  z.object({ kind: z.literal('watch'), member, code, name: z.string().max(64), from, id }),
  z.object({ kind: z.literal('detach'), member, code }),
  /** After a takeover: a member still connected to its process asks for its place back. */
  z.object({ kind: z.literal('reattach'), member, code, from }),
  z.object({
    kind: z.literal('reply'),
    id: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
]);

const NewsMessage = z.discriminatedUnion('kind', [
  /** A process took a room over; processes with members in it send them along. */
  z.object({ kind: z.literal('restored'), code, owner: z.string() }),
  /** A process let rooms go (it is stopping): take them over now, not at the next poll. */
  z.object({ kind: z.literal('released'), codes: z.array(code) }),
  /** The lobby index changed. */
  z.object({ kind: z.literal('lobby') }),
]);

export type InboxMessage = z.output<typeof InboxMessage>;
export type NewsMessage = z.output<typeof NewsMessage>;
export type Reply = Extract<InboxMessage, { kind: 'reply' }>;
/** A request, before the messenger stamps it with `from` and `id`. */
export type RequestBody = DistributiveOmit<
  Extract<InboxMessage, { kind: 'event' | 'resume' | 'watch' }>,
  'from' | 'id'
>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The message in `text`, or undefined if it is not one (logged by the caller). */
export function parseInbox(text: string): InboxMessage | undefined {
  return parseJson(text, InboxMessage);
}

export function parseNews(text: string): NewsMessage | undefined {
  return parseJson(text, NewsMessage);
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
