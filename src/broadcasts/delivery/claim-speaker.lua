-- Claims a speaker for one delivery. KEYS[1]: the speaker's claim; ARGV: delivery id, priority rank,
-- time to live (ms). Free, or already this delivery's: claimed. Held by a lower priority: taken, and
-- the delivery it was taken from is returned so the caller stops it. Held by an equal or higher one:
-- busy (two emergencies queue, never mix).
local held = redis.call('HMGET', KEYS[1], 'delivery', 'rank')
local delivery, rank = held[1], tonumber(ARGV[2])
if delivery and delivery ~= ARGV[1] and tonumber(held[2]) >= rank then
  return {'busy', delivery}
end
redis.call('HSET', KEYS[1], 'delivery', ARGV[1], 'rank', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if delivery and delivery ~= ARGV[1] then
  return {'preempted', delivery}
end
return {'claimed', ''}
