-- Claims speakers for deliveries of one priority, all in one call (a village-wide emergency claims a
-- thousand speakers at once). KEYS[i]: speaker i's claim; ARGV[1]: priority rank; ARGV[2]: time to
-- live (ms); ARGV[2 + i]: the delivery for speaker i. Returns kind and other delivery per speaker:
-- free, or already this delivery's: claimed. Held by a lower priority: taken ('preempted', with the
-- delivery it was taken from, which the caller stops). Held by an equal or higher one: busy (two
-- emergencies queue, never mix).
local rank = tonumber(ARGV[1])
local results = {}
for i, key in ipairs(KEYS) do
  local mine = ARGV[2 + i]
  local held = redis.call('HMGET', key, 'delivery', 'rank')
  local delivery = held[1]
  if delivery and delivery ~= mine and tonumber(held[2]) >= rank then
    results[#results + 1] = 'busy'
    results[#results + 1] = delivery
  else
    redis.call('HSET', key, 'delivery', mine, 'rank', ARGV[1])
    redis.call('PEXPIRE', key, ARGV[2])
    if delivery and delivery ~= mine then
      results[#results + 1] = 'preempted'
      results[#results + 1] = delivery
    else
      results[#results + 1] = 'claimed'
      results[#results + 1] = ''
    end
  end
end
return results
