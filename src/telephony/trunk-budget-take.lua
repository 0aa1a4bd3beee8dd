-- Takes a channel of a trunk for one call, in one step for every linli process (trunk-budget.ts).
-- KEYS[1]: calls being placed (zset: call id -> until when its entry counts, ms of Redis' clock)
-- KEYS[2]: calls waiting for a channel (zset: call id -> rank * 1e13 + when it started waiting)
-- KEYS[3]: when each waiting call stops counting as waiting (zset: call id -> ms), so a dead process's
--          waiting calls never hold the queue
-- ARGV[1]: the call id; ARGV[2]: the channels it may find busy and still take one; ARGV[3]: the
-- trunk's channels the engine shows in use (to the asking process); ARGV[4]: rank (0: SOS, never waits,
-- always counted: the caller frees a channel when it finds the trunk full); ARGV[5]: how long a placing
-- entry counts (ms); ARGV[6]: how long a waiting entry counts (ms); ARGV[7]: '1' to count calls being
-- placed that the asking process did not classify as placing, '0' to ask it to classify them;
-- ARGV[8]: '1' to take a place in the queue when no channel is free, '0' to only ask (a campaign call:
-- on a full trunk its job is delayed and asks again later, so it holds no place in the queue);
-- ARGV[9]: n, then n ids whose channel the engine shows (counted in ARGV[3] already), then the ids the
-- asking process counts as placing.
-- Returns {'taken'|'wait'|'full', in use before this call, members...} or {'unknown', 0, members...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local self = ARGV[1]
local limit = tonumber(ARGV[2])
local rank = tonumber(ARGV[4])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end

local n = tonumber(ARGV[9])
local known = {}
for i = 10, 9 + n do known[ARGV[i]] = 'shown' end
for i = 10 + n, #ARGV do known[ARGV[i]] = 'placing' end

local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local placing = 0
for _, id in ipairs(members) do
  if id ~= self then
    local k = known[id]
    if k == nil and ARGV[7] ~= '1' then
      return {'unknown', 0, unpack(members)}
    end
    if k ~= 'shown' then placing = placing + 1 end
  end
end
local inUse = tonumber(ARGV[3]) + placing

if rank > 0 then
  -- Calls waiting ahead of this one (higher rank, or the same rank and earlier) get the free channels first.
  local order = tonumber(redis.call('ZSCORE', KEYS[2], self)) or (rank * 1e13 + now)
  local ahead = redis.call('ZCOUNT', KEYS[2], '-inf', string.format('(%.0f', order))
  if inUse + ahead >= limit then
    if ARGV[8] ~= '1' then return {'full', inUse, unpack(members)} end
    redis.call('ZADD', KEYS[2], order, self)
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[6]), self)
    redis.call('PEXPIRE', KEYS[2], 2 * tonumber(ARGV[6]))
    redis.call('PEXPIRE', KEYS[3], 2 * tonumber(ARGV[6]))
    return {'wait', inUse, unpack(members)}
  end
  redis.call('ZREM', KEYS[2], self)
  redis.call('ZREM', KEYS[3], self)
end

redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), self)
redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[5]))
return {'taken', inUse, unpack(members)}
