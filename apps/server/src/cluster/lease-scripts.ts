/**
 * The Lua scripts that keep "one owner per room" true inside Redis, where each runs at once
 * (atomically). A lease is the key `lease(code)` holding `"<process> <epoch>"` with an expiry;
 * the epoch counts the room's owners, so whoever holds a later epoch wins; the `deadlines`
 * sorted set says when each lease runs out, by Redis' own clock, so any process can find the
 * rooms whose owner stopped renewing.
 */
import { LuaScript } from './lua-script.js';

const NOW_MS = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)`;

/** KEYS lease, epoch, deadlines; ARGV process, ttlMs, code. Returns the new epoch, or nil. */
export const acquireLease = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. epoch, 'PX', ARGV[2])
${NOW_MS}
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[3])
return epoch`);

/**
 * KEYS deadlines, then lease and epoch of each room; ARGV ttlMs, then code, lease value and
 * epoch of each. Renews every lease still ours, and takes back one that ran out while nobody
 * else took it (its epoch unchanged, or gone with a Redis that restarted empty). Returns the
 * codes that are lost: another process holds them now.
 */
export const renewLeases = new LuaScript(`
${NOW_MS}
local ttl = tonumber(ARGV[1])
local lost = {}
for i = 0, (#KEYS - 1) / 2 - 1 do
  local lease, epochKey = KEYS[2 + i * 2], KEYS[3 + i * 2]
  local code, value, epoch = ARGV[2 + i * 3], ARGV[3 + i * 3], ARGV[4 + i * 3]
  local current = redis.call('GET', lease)
  local counter = redis.call('GET', epochKey)
  if current == value or (not current and (not counter or counter == epoch)) then
    redis.call('SET', lease, value, 'PX', ttl)
    if not counter then redis.call('SET', epochKey, epoch) end
    redis.call('ZADD', KEYS[1], now + ttl, code)
  else
    table.insert(lost, code)
  end
end
return lost`);

/** KEYS lease, deadlines; ARGV value, code. Gives the room up now: due for takeover at once. */
export const releaseLease = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZADD', KEYS[2], 0, ARGV[2])
return 1`);

/**
 * KEYS lease, epoch, checkpoint, deadlines, lobby; ARGV value, code. The room ended for good
 * (or never had a checkpoint to run on from): it goes, if the lease is ours. Its epoch stays a
 * day, so a former owner waking from a long pause cannot take back a room that has ended.
 */
export const forgetRoom = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('PEXPIRE', KEYS[2], 86400000)
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('HDEL', KEYS[5], ARGV[2])
return 1`);

/**
 * KEYS lease, checkpoint; ARGV value, epoch, data. Writes the checkpoint only while the lease
 * is ours and no later owner has written one: a process that lost its room cannot overwrite
 * the newer owner's state. Returns 1 if written, 0 if fenced off.
 */
export const saveCheckpoint = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local stored = tonumber(redis.call('HGET', KEYS[2], 'epoch') or '0')
if stored > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], 'epoch', ARGV[2], 'data', ARGV[3])
return 1`);

/**
 * KEYS deadlines; ARGV limit. The codes whose lease has run out, by Redis' clock, each followed
 * by its deadline (0: released on purpose).
 */
export const expiredLeases = new LuaScript(`
${NOW_MS}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))`);
